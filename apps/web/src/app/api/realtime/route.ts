import { mintTicket } from '@taskomask/contracts/socket-ticket';
import { type NextRequest, NextResponse } from 'next/server';
import { webConfig } from '@/server/config';
import { callerOf } from '@/server/session';

export const dynamic = 'force-dynamic';

/**
 * A one-minute socket ticket and where to connect. The browser never gets the access token: a
 * ticket opens a Socket.IO connection and nothing else, and every board join is checked again.
 */
export async function POST(request: NextRequest) {
  const caller = await callerOf(request);
  if (caller === null) {
    return NextResponse.json({ title: 'Unauthorized', status: 401 }, { status: 401 });
  }
  const config = webConfig();
  const ticket = mintTicket(config.realtimeSecret, caller.user, Date.now());
  return NextResponse.json(
    { url: config.realtimeUrl, ticket },
    { headers: { 'cache-control': 'no-store' } },
  );
}
