import type { NextRequest } from 'next/server';
import { forward } from '@/server/forward';
import { timed } from '@/server/metrics';

type Context = { params: Promise<{ workspaceId: string }> };

export const dynamic = 'force-dynamic';

// The one read the command API serves (it needs the event store): a workspace's event history.
// Only this GET, not every GET of the command API.
export const GET = timed(
  '/api/cmd/workspaces/[workspaceId]/events.ndjson',
  async (request: Request, context: Context) =>
    forward(request as NextRequest, 'command', [
      'workspaces',
      (await context.params).workspaceId,
      'events.ndjson',
    ]),
);
