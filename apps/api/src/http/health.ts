import type { FastifyInstance } from 'fastify';

export type ReadinessCheck = Readonly<{
  /** Named in the answer, e.g. `eventStore`. */
  name: string;
  /** Resolves when the dependency answers; rejects (or times out) when it does not. */
  check: () => Promise<unknown>;
}>;

export type HealthReport = {
  status: 'ok' | 'unavailable';
  checks: Record<string, 'up' | 'down'>;
  down?: string[];
};

function within<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * `/health/live`: the process serves HTTP. `/health/ready`: every dependency answers; 503 naming
 * those that do not, so an orchestrator stops routing here until they are back.
 */
export function registerHealth(
  app: FastifyInstance,
  checks: readonly ReadinessCheck[],
  { timeoutMs = 2000 } = {},
): void {
  app.get('/health/live', async () => ({ status: 'ok' }));
  app.get('/health/ready', async (request, reply) => {
    const results = await Promise.allSettled(
      checks.map(({ check }) => within(Promise.resolve().then(check), timeoutMs)),
    );
    const report: HealthReport = { status: 'ok', checks: {} };
    const down: string[] = [];
    results.forEach((result, i) => {
      const { name } = checks[i]!;
      report.checks[name] = result.status === 'fulfilled' ? 'up' : 'down';
      if (result.status === 'rejected') {
        down.push(name);
        request.log.warn({ err: result.reason, dependency: name }, 'readiness check failed');
      }
    });
    if (down.length > 0) {
      report.status = 'unavailable';
      report.down = down;
      reply.code(503).header('retry-after', '5');
    }
    return report;
  });
}

const healthSchema: Record<string, unknown> = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ok', 'unavailable'] },
    checks: { type: 'object', additionalProperties: { type: 'string', enum: ['up', 'down'] } },
    down: { type: 'array', items: { type: 'string' } },
  },
  required: ['status'],
};

/** The health routes as the OpenAPI document lists them (public, plain JSON). */
export const healthRouteDocs = [
  {
    method: 'GET',
    url: '/health/live',
    operationId: 'live',
    summary: 'The process serves HTTP',
    tags: ['health'],
    responses: { 200: { description: 'alive', jsonSchema: healthSchema } },
  },
  {
    method: 'GET',
    url: '/health/ready',
    operationId: 'ready',
    summary: 'Every dependency answers (names those that do not)',
    tags: ['health'],
    responses: {
      200: { description: 'ready', jsonSchema: healthSchema },
      503: { description: 'a dependency is down', jsonSchema: healthSchema },
    },
  },
] as const;
