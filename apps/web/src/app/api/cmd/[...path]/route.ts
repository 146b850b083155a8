import type { NextRequest } from 'next/server';
import { forward } from '@/server/forward';
import { timed } from '@/server/metrics';

type Context = { params: Promise<{ path: string[] }> };

export const dynamic = 'force-dynamic';

const handler = timed('/api/cmd/[...path]', async (request: Request, context: Context) =>
  forward(request as NextRequest, 'command', (await context.params).path),
);

export { handler as DELETE, handler as PATCH, handler as POST };
