import type { NextRequest } from 'next/server';
import { forward } from '@/server/forward';

type Context = { params: Promise<{ path: string[] }> };

export const dynamic = 'force-dynamic';

export async function GET(request: NextRequest, context: Context) {
  return forward(request, 'query', (await context.params).path);
}
