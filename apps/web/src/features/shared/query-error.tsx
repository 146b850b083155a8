'use client';

import { ErrorState } from '@taskomask/ui/states';
import { ApiError, explain } from '@/lib/api';

/** A failed read: a 404 or 403 reads as "not found" (no retry), anything else explains itself. */
export function QueryError({ error, retry }: { error: unknown; retry?: () => void }) {
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 403);
  return <ErrorState notFound={notFound} message={explain(error)} {...(retry ? { retry } : {})} />;
}
