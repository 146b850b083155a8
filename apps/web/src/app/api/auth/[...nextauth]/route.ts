import type { NextRequest } from 'next/server';
import NextAuth from 'next-auth';
import { authOptions } from '@/auth/options';

type Context = { params: Promise<{ nextauth: string[] }> };

// Options are built per request so the configuration is read at run time, not at build time.
const handler = (request: NextRequest, context: Context) =>
  NextAuth(authOptions())(request, context);

export { handler as GET, handler as POST };
