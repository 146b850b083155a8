import { injectTraceHeaders, inSpan, SpanKind } from '@taskomask/observability';
import { type NextRequest, NextResponse } from 'next/server';
import { webConfig } from './config';
import { crossSite } from './same-origin';
import { callerOf, keepRenewed } from './session';

const segmentPattern = /^[^/\\]{1,200}$/;

function problem(status: number, title: string, detail: string): NextResponse {
  return NextResponse.json(
    {
      type: `urn:taskomask:problem:${title.toLowerCase().replaceAll(' ', '-')}`,
      title,
      status,
      detail,
    },
    { status, headers: { 'content-type': 'application/problem+json' } },
  );
}

const ndjson = 'application/x-ndjson';
const passedRequestHeaders = ['content-type', 'if-match', 'idempotency-key', 'x-correlation-id'];
const passedResponseHeaders = [
  'content-type',
  'content-disposition',
  'etag',
  'idempotent-replayed',
  'retry-after',
  'x-read-position',
  'x-stale',
];

/**
 * Forwards a browser request to an API with the caller's access token. Answers (problem+json
 * included) pass through unchanged; the token never leaves the server.
 */
export async function forward(
  request: NextRequest,
  side: 'command' | 'query',
  segments: readonly string[],
): Promise<NextResponse> {
  if (
    segments.length === 0 ||
    !segments.every((s) => segmentPattern.test(s) && s !== '.' && s !== '..')
  ) {
    return problem(404, 'Not Found', 'no such resource');
  }
  if (side === 'command' && crossSite(request)) {
    return problem(403, 'Forbidden', 'cross-site requests are refused');
  }
  const caller = await callerOf(request);
  if (caller === null) return problem(401, 'Unauthorized', 'sign in again to continue');
  const config = webConfig();
  const base = side === 'command' ? config.commandApiUrl : config.queryApiUrl;
  const target = `${base}/${segments.map(encodeURIComponent).join('/')}${request.nextUrl.search}`;
  const headers = new Headers({ authorization: `Bearer ${caller.accessToken}` });
  for (const name of passedRequestHeaders) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  // A long command may report progress as NDJSON lines (an import); only that is asked for.
  if (request.headers.get('accept')?.includes(ndjson)) headers.set('accept', ndjson);
  const sent = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
  const init: RequestInit = {
    method: request.method,
    headers,
    ...(sent === '' ? {} : { body: sent }),
    cache: 'no-store',
    redirect: 'manual',
  };
  let upstream: Response;
  try {
    // The trace starts (or, under Next's own route span, continues) here and travels to the API
    // in `traceparent`; with tracing off the span is a no-op and no header is added.
    upstream = await inSpan(
      `web ${side} ${request.method}`,
      {
        kind: SpanKind.CLIENT,
        attributes: { 'http.request.method': request.method, 'url.path': `/${segments.join('/')}` },
      },
      (span) => {
        const traced: Record<string, string> = {};
        injectTraceHeaders(traced);
        for (const [name, value] of Object.entries(traced)) headers.set(name, value);
        return fetch(target, init).then((response) => {
          span.setAttribute('http.response.status_code', response.status);
          return response;
        });
      },
    );
  } catch {
    return problem(
      503,
      'Service Unavailable',
      `the ${side} API does not answer; try again shortly`,
    );
  }
  const out = new Headers({ 'cache-control': 'no-store' });
  for (const name of passedResponseHeaders) {
    const value = upstream.headers.get(name);
    if (value !== null) out.set(name, value);
  }
  // A download (an export) streams through: an event history can be large; so does progress.
  const body =
    upstream.status === 204
      ? null
      : upstream.headers.has('content-disposition') ||
          upstream.headers.get('content-type')?.startsWith(ndjson)
        ? upstream.body
        : await upstream.arrayBuffer();
  return keepRenewed(new NextResponse(body, { status: upstream.status, headers: out }), caller);
}
