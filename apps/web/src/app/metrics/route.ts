import { scrapeAllowed } from '@taskomask/observability';
import { webMetrics } from '@/server/metrics';

export const dynamic = 'force-dynamic';

/** The web server's metrics in the Prometheus text format (METRICS_TOKEN guards it). */
export async function GET(request: Request) {
  const registry = webMetrics();
  if (!scrapeAllowed(registry, request.headers.get('authorization') ?? undefined)) {
    return new Response(null, {
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="metrics"' },
    });
  }
  return new Response(await registry.metrics(), {
    headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' },
  });
}
