import type {
  BoardCommand,
  Command,
  EntityKind,
  TaskCommand,
  WorkspaceCommand,
} from '@taskomask/domain';

/** A domain command before the shell stamps who and when. */
export type Intent<C extends Command> = C extends Command
  ? Readonly<{ type: C['type']; data: C['data'] }>
  : never;

/** Who a step is decided as: the person importing, or a member the source names. */
export type Actor = Readonly<{ kind: 'importer' }> | Readonly<{ kind: 'member'; ownerId: string }>;

/**
 * One atomic decision of the import: commands on one aggregate, decided in order and appended
 * together, so a step is either wholly written or not at all. `creates` is the entity its first
 * command makes: when it already exists the step was written by an earlier run (ids are derived,
 * never random) and is skipped — how a second run writes nothing and a killed one finishes.
 */
export type Step = Readonly<
  (
    | { aggregate: 'workspace'; id: string; commands: readonly Intent<WorkspaceCommand>[] }
    | { aggregate: 'board'; id: string; commands: readonly Intent<BoardCommand>[] }
    | { aggregate: 'task'; id: string; commands: readonly Intent<TaskCommand>[] }
  ) & {
    actor: Actor;
    creates: Readonly<{ entity: EntityKind; id: string }>;
    /** Source cards (tasks) this step completes, for progress: 1 on a task's first step. */
    cards: number;
  }
>;

/** A rule of ours the source breaks, where, and what `fix` does about it. */
export type ImportProblem = Readonly<{
  /** Where in the source: `lists[2].name`, `cards[7].desc`, `board`. */
  at: string;
  rule:
    | 'too_long'
    | 'too_short'
    | 'duplicate'
    | 'card_limit'
    | 'task_limit'
    | 'label_limit'
    | 'checklist_limit'
    | 'repeats_name'
    | 'bad_date';
  message: string;
  /** What `fix` does (or did) instead. */
  fix: string;
}>;

export type ImportReport = Readonly<{
  source: 'trello' | 'taskomask';
  /** The boards the import makes (or finds made), with their project. */
  boards: readonly Readonly<{ id: string; name: string; projectId: string }>[];
  counts: Readonly<{
    projects: number;
    boards: number;
    cards: number;
    tasks: number;
    labels: number;
    checklistItems: number;
    comments: number;
    assigned: number;
    members: number;
  }>;
  skipped: Readonly<{
    closedLists: number;
    closedCards: number;
    /** Tasks beyond the board's limit, dropped by `fix`. */
    overLimitCards: number;
    /** Labels without a name or a colour. */
    blankLabels: number;
  }>;
  /** Source people not matched to a member who may write: their comments say who wrote them. */
  unmatchedPeople: readonly string[];
  problems: readonly ImportProblem[];
  /** True when the problems were fixed (truncated, renamed, merged); false: the import stops. */
  fixed: boolean;
}>;

export type ImportPlan = Readonly<{
  steps: readonly Step[];
  report: ImportReport;
}>;

/** True when the plan may run: no problems, or problems fixed. */
export function isRunnable(plan: ImportPlan): boolean {
  return plan.report.problems.length === 0 || plan.report.fixed;
}

/**
 * The people an import may attribute work to, resolved by the shell before planning: members of
 * the target workspace who may write (not viewers), by normalised email where their account has
 * one.
 */
export type People = Readonly<{
  writers: ReadonlySet<string>;
  byEmail: ReadonlyMap<string, string>;
}>;

export const nobody: People = { writers: new Set(), byEmail: new Map() };
