import { randomUUID } from 'node:crypto';
import {
  AlreadyExists,
  boardInProject,
  type EventMetadata,
  taskOnBoard,
  workspaceOfOwner,
} from '@taskomask/domain';
import type { ImportPlan, Step } from '@taskomask/importing';
import { type Plan, planOf, StateCache } from '../commands/aggregates';
import { type CommandStore, executeCommand } from '../commands/execute';

export type ImportProgress = Readonly<{
  /** Steps decided so far (written or found written), of `steps`. */
  done: number;
  steps: number;
  /** Source cards (tasks) imported so far, of `cards`. */
  importedCards: number;
  cards: number;
}>;

export type ImportRun = Readonly<{
  /** Steps whose events this run appended. */
  written: number;
  /** Steps an earlier run had written already (their entity exists). */
  found: number;
  /** Steps decided as nothing to do (every command a no-op). */
  unchanged: number;
  /** Global position of the last event this run appended (0 when none). */
  position: number;
}>;

export type RunOptions = Readonly<{
  /** Who imports: the actor of every step not attributed to a member. */
  importerId: string;
  /** One id for every event of the run (also each step's causation). */
  correlationId?: string;
  traceparent?: string;
  /** The command side's state cache; one of the run's own without it. */
  states?: StateCache;
  onProgress?: (progress: ImportProgress) => void;
  /** Run only the first `limit` steps (a test's stand-in for a killed import). */
  limit?: number;
}>;

function writePlanOf(step: Step): Plan {
  switch (step.aggregate) {
    case 'workspace':
      return planOf(workspaceOfOwner, step.id, step.commands);
    case 'board':
      return planOf(boardInProject, step.id, step.commands);
    case 'task':
      return planOf(taskOnBoard, step.id, step.commands);
    default: {
      const unknown: never = step;
      throw new Error(`unknown step ${JSON.stringify(unknown)}`);
    }
  }
}

/** The step failed: which one, so the report can say where the import stopped. */
export class ImportStepError extends Error {
  constructor(
    readonly step: number,
    readonly steps: number,
    override readonly cause: unknown,
  ) {
    super(
      `import stopped at step ${step + 1} of ${steps}: ${(cause as Error).message ?? String(cause)}`,
    );
    this.name = 'ImportStepError';
  }
}

/**
 * Runs an import plan through the command side's own write loop, one step (one atomic append)
 * at a time, each decided by the domain like a request: the actor's role, names, limits. A step
 * whose entity already exists was written by an earlier run — ids are derived, and a step is
 * all or nothing — so it is passed over: running a plan again writes nothing, and a run that
 * was killed finishes where it stopped. Each step gets its own instant, later than the last, so
 * tasks created without neighbours keep the plan's order.
 */
export async function runImport(
  store: CommandStore,
  plan: ImportPlan,
  options: RunOptions,
): Promise<ImportRun> {
  const states = options.states ?? new StateCache();
  const correlationId = options.correlationId ?? randomUUID();
  const steps = plan.steps.slice(0, options.limit ?? plan.steps.length);
  const cards = plan.steps.reduce((n, s) => n + s.cards, 0);
  let written = 0;
  let found = 0;
  let unchanged = 0;
  let position = 0;
  let importedCards = 0;
  let lastMs = 0;
  for (const [index, step] of steps.entries()) {
    const metadata: EventMetadata = {
      userId: step.actor.kind === 'importer' ? options.importerId : step.actor.ownerId,
      correlationId,
      causationId: correlationId,
      ...(options.traceparent === undefined ? {} : { traceparent: options.traceparent }),
    };
    lastMs = Math.max(Date.now(), lastMs + 1);
    try {
      const answer = await executeCommand(
        store,
        {
          plan: writePlanOf(step),
          metadata,
          now: new Date(lastMs).toISOString(),
          writtenStatus: 201,
        },
        { states },
      );
      if (answer.status === 201) {
        written++;
        position = answer.position;
      } else unchanged++;
    } catch (error) {
      if (
        error instanceof AlreadyExists &&
        error.entity === step.creates.entity &&
        error.id === step.creates.id
      ) {
        found++;
      } else {
        throw new ImportStepError(index, plan.steps.length, error);
      }
    }
    importedCards += step.cards;
    options.onProgress?.({ done: index + 1, steps: plan.steps.length, importedCards, cards });
  }
  return { written, found, unchanged, position };
}
