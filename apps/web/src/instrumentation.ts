// Next.js calls register() once when the server starts, before any route handler runs: tracing
// starts there when OTEL_EXPORTER_OTLP_ENDPOINT asks for it (Node runtime only). Next's own
// spans (the route handler's) then join it, and forward() continues them towards the API.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startTracingFromEnv } = await import('@taskomask/observability');
  // Next's own spans nest through the active context, so this process keeps it.
  startTracingFromEnv(process.env, 'taskomask-web', { asyncContext: true });
  // One JSON line per request on stdout, as every other app writes.
  const { logRequests } = await import('./server/request-log');
  logRequests((line) => process.stdout.write(`${JSON.stringify(line)}\n`));
}
