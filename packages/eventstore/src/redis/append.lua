-- Atomic check-and-append to one or more streams and to the global log.
-- KEYS[1] = global log, KEYS[1 + i] = stream i
-- ARGV[1] = n streams; then per stream: expected ('any' | 'no_stream' | version), event count,
-- stream name; then 4 fields per event in stream order: type, data, metadata, occurredAt.
-- Returns {0, version_1 .. version_n, last global position} or {1, stream index, actual version}.
-- Every check runs before the first write, so a conflict leaves nothing behind.
local n = tonumber(ARGV[1])
local versions = {}
local arg = 2
for i = 1, n do
  local expected = ARGV[arg]
  local actual = redis.call('XLEN', KEYS[i + 1])
  if (expected == 'no_stream' and actual ~= 0)
    or (expected ~= 'any' and expected ~= 'no_stream' and actual ~= tonumber(expected)) then
    return {1, i, actual}
  end
  versions[i] = actual
  arg = arg + 3
end
local position = redis.call('XLEN', KEYS[1])
local field = arg
local result = {0}
arg = 2
for i = 1, n do
  local count = tonumber(ARGV[arg + 1])
  local name = ARGV[arg + 2]
  local version = versions[i]
  for _ = 1, count do
    version = version + 1
    position = position + 1
    redis.call('XADD', KEYS[i + 1], '0-' .. version, 't', ARGV[field], 'd', ARGV[field + 1],
      'm', ARGV[field + 2], 'a', ARGV[field + 3], 'p', position)
    redis.call('XADD', KEYS[1], '0-' .. position, 's', name, 'v', version, 't', ARGV[field],
      'd', ARGV[field + 1], 'm', ARGV[field + 2], 'a', ARGV[field + 3])
    field = field + 4
  end
  result[i + 1] = version
  arg = arg + 3
end
result[n + 2] = position
return result
