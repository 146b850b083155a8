import { readFile } from 'node:fs/promises';
import {
  peopleOf,
  requireImporter,
  runImport,
  siblingsOf,
  workspaceState,
} from '@taskomask/api/imports';
import type { workspaceDecider } from '@taskomask/domain';
import type { EventStore } from '@taskomask/eventstore';
import {
  type ImportPlan,
  type ImportReport,
  ImportSourceError,
  isRunnable,
  planExportImport,
  planTrelloImport,
  TrelloBoard,
} from '@taskomask/importing';
import { progressPrinter } from './progress-bar';

export type ImportOptions = Readonly<{
  source: 'trello' | 'workspace';
  file: string;
  /** The target workspace (Trello); a workspace export names its own. */
  workspaceId?: string;
  projectId?: string;
  /** Who imports; else the workspace's (or the document's) first owner. */
  as?: string;
  fix: boolean;
  dryRun: boolean;
}>;

async function readJson(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON: ${(error as Error).message}`);
  }
}

function firstOwner(state: ReturnType<typeof workspaceDecider.initialState>): string | undefined {
  if (state.status !== 'active') return undefined;
  for (const [ownerId, role] of state.members) if (role === 'owner') return ownerId;
  return undefined;
}

/** The report as lines a person reads before anything is written. */
export function reportLines(report: ImportReport): string[] {
  const c = report.counts;
  const s = report.skipped;
  const lines = [
    `${report.source === 'trello' ? 'Trello board' : 'workspace'}: ${report.boards.map((b) => `"${b.name}"`).join(', ')}`,
    `  ${c.projects} project(s), ${c.boards} board(s), ${c.cards} card(s), ${c.tasks} task(s), ` +
      `${c.labels} label(s), ${c.checklistItems} checklist item(s), ${c.comments} comment(s), ` +
      `${c.assigned} assigned`,
  ];
  if (s.closedLists + s.closedCards + s.overLimitCards + s.blankLabels > 0) {
    lines.push(
      `  skipped: ${s.closedLists} closed list(s), ${s.closedCards} closed card(s), ` +
        `${s.overLimitCards} card(s) over the board's limit, ${s.blankLabels} blank label(s)`,
    );
  }
  if (report.unmatchedPeople.length > 0) {
    lines.push(
      `  not matched to a member (comments name them): ${report.unmatchedPeople.join(', ')}`,
    );
  }
  if (report.problems.length > 0) {
    lines.push(`  ${report.problems.length} problem(s)${report.fixed ? ', fixed' : ''}:`);
    for (const p of report.problems) lines.push(`    ${p.at}: ${p.message} → ${p.fix}`);
  }
  return lines;
}

/**
 * `import trello FILE --workspace <id>` and `import workspace FILE`: plan the file, print the
 * report, stop on problems unless --fix, then run the plan through the command side's write loop
 * with a progress bar. Running it again finishes an interrupted import and writes nothing new.
 */
export async function importFile(store: EventStore, options: ImportOptions): Promise<number> {
  const input = await readJson(options.file);
  let plan: ImportPlan;
  let importerId: string | undefined = options.as;
  try {
    if (options.source === 'trello') {
      const workspaceId = options.workspaceId;
      if (workspaceId === undefined) throw new Error('--workspace <id> is required');
      const state = await workspaceState(store, workspaceId);
      importerId ??= firstOwner(state);
      if (importerId === undefined) throw new Error(`workspace ${workspaceId} not found`);
      const target = {
        workspaceId,
        ...(options.projectId === undefined ? {} : { projectId: options.projectId }),
      };
      await requireImporter(store, target, importerId);
      const parsed = TrelloBoard.safeParse(input);
      if (!parsed.success) throw ImportSourceError.of(parsed.error);
      const people = await peopleOf(
        store,
        state,
        parsed.data.members.map((m) => m.email),
      );
      plan = planTrelloImport(parsed.data, target, {
        fix: options.fix,
        people,
        siblings: siblingsOf(state),
      });
    } else {
      const members = (input as { members?: { ownerId: string; role: string }[] }).members ?? [];
      importerId ??= members.find((m) => m.role === 'owner')?.ownerId;
      if (importerId === undefined)
        throw new Error('the document names no owner; pass --as <ownerId>');
      plan = planExportImport(input, { fix: options.fix, importerId });
    }
  } catch (error) {
    if (error instanceof ImportSourceError) {
      throw new Error(
        `${options.file}: ${error.issues
          .slice(0, 10)
          .map((i) => `${i.field} ${i.reason}`)
          .join('; ')}`,
      );
    }
    throw error;
  }
  for (const line of reportLines(plan.report)) console.log(line);
  if (!isRunnable(plan)) {
    console.error(
      'nothing written: run again with --fix to cut and rename as above, or change the file',
    );
    return 1;
  }
  if (options.dryRun) {
    console.log(`dry run: ${plan.steps.length} steps planned, nothing written`);
    return 0;
  }
  const progress = progressPrinter('importing', 'cards');
  const started = performance.now();
  const run = await runImport(store, plan, {
    importerId,
    onProgress: (p) => progress.step(p.importedCards, p.cards),
  });
  progress.end();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `imported ${plan.report.counts.tasks} card(s) in ${seconds.toFixed(1)}s: ${run.written} step(s) written, ` +
      `${run.found} already there, ${run.unchanged} unchanged`,
  );
  for (const board of plan.report.boards) console.log(`board "${board.name}": ${board.id}`);
  return 0;
}
