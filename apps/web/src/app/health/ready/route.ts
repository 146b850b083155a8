import { webConfig } from '@/server/config';

export const dynamic = 'force-dynamic';

async function answers(url: string): Promise<'up' | 'down'> {
  try {
    const response = await fetch(url, { cache: 'no-store', signal: AbortSignal.timeout(2000) });
    return response.ok ? 'up' : 'down';
  } catch {
    return 'down';
  }
}

/**
 * Ready while what every page needs answers: the identity provider (sign-in), the command API and
 * the query API (their own readiness, so a dead store counts too). 503 names what is down.
 */
export async function GET() {
  const config = webConfig();
  const [identity, commandApi, queryApi] = await Promise.all([
    answers(`${config.issuer}/.well-known/openid-configuration`),
    answers(`${config.commandApiUrl}/health/ready`),
    answers(`${config.queryApiUrl}/health/ready`),
  ]);
  const checks = { identity, commandApi, queryApi };
  const down = Object.values(checks).includes('down');
  return Response.json(
    { status: down ? 'unavailable' : 'ok', checks },
    {
      status: down ? 503 : 200,
      headers: { 'cache-control': 'no-store', ...(down ? { 'retry-after': '5' } : {}) },
    },
  );
}
