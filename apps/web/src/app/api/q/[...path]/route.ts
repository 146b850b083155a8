import type { NextRequest } from 'next/server';
import { forward } from '@/server/forward';
import { timed } from '@/server/metrics';

type Context = { params: Promise<{ path: string[] }> };

export const dynamic = 'force-dynamic';

export const GET = timed('/api/q/[...path]', async (request: Request, context: Context) =>
  forward(request as NextRequest, 'query', (await context.params).path),
);
