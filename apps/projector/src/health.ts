import type { MessageBus } from '@taskomask/messaging';
import type { Projector } from './projector';

/** A readiness check, the shape @taskomask/health's serveHealth takes. */
export type ProjectorCheck = { name: string; check: () => Promise<unknown> };

/**
 * Ready while the broker answers and the read store is at most `maxLagEvents` behind the log's
 * head (which also proves the event store and the read store answer). Past the bound the queries
 * would answer stale, so the orchestrator is told; once the projector caught up it is ready again.
 */
export function projectorChecks({
  projector,
  bus,
  queue,
  maxLagEvents,
}: {
  projector: Pick<Projector, 'lag'>;
  bus: Pick<MessageBus, 'stats'>;
  queue: string;
  maxLagEvents: number;
}): ProjectorCheck[] {
  return [
    {
      name: 'lag',
      check: async () => {
        const lag = await projector.lag();
        if (lag > maxLagEvents) throw new Error(`${lag} events behind (bound ${maxLagEvents})`);
      },
    },
    {
      name: 'bus',
      check: async () => {
        if (!(await bus.stats(queue)).exists) throw new Error(`queue ${queue} is missing`);
      },
    },
  ];
}
