import type { FastifyRequest } from 'fastify';
import { principalOf } from '../http/auth';
import { Problem } from '../http/problem';

/**
 * An onRequest hook for /admin routes, after `auth.require(scope)`: the token must say `role:
 * admin`, else 403 (the admin endpoints' existence is no secret). This is only the first gate: the
 * commands re-check the actor's account in its event stream, so a demoted or deactivated admin
 * whose token still says admin is refused there.
 */
export async function requireAdminToken(request: FastifyRequest): Promise<void> {
  if (principalOf(request).role !== 'admin') {
    throw new Problem('forbidden', 'only account admins may use the /admin endpoints');
  }
}
