export const dynamic = 'force-dynamic';

/** The server answers. */
export function GET() {
  return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
}
