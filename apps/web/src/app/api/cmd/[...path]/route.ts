import type { NextRequest } from 'next/server';
import { forward } from '@/server/forward';

type Context = { params: Promise<{ path: string[] }> };

export const dynamic = 'force-dynamic';

const handler = async (request: NextRequest, context: Context) =>
  forward(request, 'command', (await context.params).path);

export { handler as DELETE, handler as PATCH, handler as POST };
