#!/bin/bash
# http-health <port> <path>: exit 0 when GET http://127.0.0.1:<port><path> answers 200.
# The images' HEALTHCHECK runs this rather than `node -e fetch(…)`: a second Node process every
# few seconds would count against the container's 256 MiB. Bash's /dev/tcp needs no extra package.
set -euo pipefail
exec 3<>"/dev/tcp/127.0.0.1/${1:?port}"
printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "${2:?path}" >&3
IFS= read -r -t 3 status <&3
[[ $status == HTTP/1.?' 200'* ]]
