'use client';

import Link from 'next/link';
import { useId, useState } from 'react';
import { ApiError, explain, type Workspace } from '@/lib/api';
import {
  type ImportAnswer,
  type ImportProgress,
  reportTrelloImport,
  runTrelloImport,
} from './trello-import-requests';

type Project = Workspace['projects'][number];

type Stage =
  | { kind: 'idle' }
  | { kind: 'reading' }
  | { kind: 'reported'; file: string; answer: ImportAnswer }
  | { kind: 'importing'; progress: ImportProgress | null; fix: boolean }
  | { kind: 'done'; answer: ImportAnswer }
  | { kind: 'failed'; message: string };

const newProject = '';
/** The command API's limit for an import (importBodyLimit in the contracts). */
const maxFileBytes = 20 * 1024 * 1024;
const tooLarge = 'This file is larger than the 20 MB an import takes.';

/** `1 label`, `2 labels`. */
const count = (n: number, thing: string) => `${n} ${thing}${n === 1 ? '' : 's'}`;

/** A refused file in words: a 400 names what in the file is not a Trello export. */
function messageOf(error: unknown): string {
  if (error instanceof ApiError && error.status === 400 && error.problem.errors?.length) {
    const first = error.problem.errors[0]!;
    return `This is not a Trello board export: ${first.field} ${first.reason}.`;
  }
  if (error instanceof ApiError && error.status === 413) {
    return tooLarge;
  }
  return explain(error);
}

function Report({ answer }: { answer: ImportAnswer }) {
  const { report } = answer;
  const c = report.counts;
  const s = report.skipped;
  return (
    <div className="space-y-2 text-sm" data-testid="import-report">
      <p className="break-words">
        Board <strong>{report.boards[0]?.name}</strong>: {c.cards} cards (columns), {c.tasks} tasks,{' '}
        {c.labels} labels, {c.checklistItems} checklist items, {c.comments} comments
        {c.assigned > 0 ? `, ${c.assigned} assigned` : ''}.
      </p>
      {s.closedLists + s.closedCards + s.overLimitCards + s.blankLabels > 0 ? (
        <p className="text-slate-500">
          Skipped: {count(s.closedLists, 'archived list')}, {count(s.closedCards, 'archived card')}
          {s.overLimitCards > 0
            ? `, ${count(s.overLimitCards, 'card')} over the board’s limit`
            : ''}
          {s.blankLabels > 0 ? `, ${count(s.blankLabels, 'label')} without name or colour` : ''}.
        </p>
      ) : null}
      {report.unmatchedPeople.length > 0 ? (
        <p className="break-words text-slate-500">
          Not members here (their comments will say who wrote them):{' '}
          {report.unmatchedPeople.join(', ')}.
        </p>
      ) : null}
      {report.problems.length > 0 ? (
        <div>
          <p className="font-medium text-amber-700 dark:text-amber-400">
            {report.problems.length === 1
              ? '1 thing breaks'
              : `${report.problems.length} things break`}{' '}
            our rules:
          </p>
          <ul
            className="mt-1 max-h-48 list-disc space-y-1 overflow-y-auto pl-5"
            aria-label="Problems"
          >
            {report.problems.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed once reported
              <li key={i} className="break-words">
                {p.message} — <span className="text-slate-500">fix: {p.fix}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

/**
 * Import a Trello board: choose its "Export as JSON" file → the report (what is made, skipped and
 * breaks our rules) → import, fixing the problems or not at all → progress → a link to the board.
 */
export function TrelloImport({
  workspaceId,
  projects,
  mayCreateProject,
  refresh,
}: {
  workspaceId: string;
  projects: readonly Project[];
  mayCreateProject: boolean;
  refresh: () => Promise<unknown>;
}) {
  const fileId = useId();
  const projectFieldId = useId();
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [projectId, setProjectId] = useState<string>(
    mayCreateProject ? newProject : (projects[0]?.projectId ?? newProject),
  );
  const target = projectId === newProject ? undefined : projectId;
  if (!mayCreateProject && projects.length === 0) return null;

  const choose = async (file: File | undefined) => {
    if (file === undefined) return;
    if (file.size > maxFileBytes) {
      setStage({ kind: 'failed', message: tooLarge });
      return;
    }
    setStage({ kind: 'reading' });
    try {
      const text = await file.text();
      try {
        JSON.parse(text);
      } catch {
        setStage({
          kind: 'failed',
          message: 'This file is not JSON: choose the file Trello’s “Export as JSON” gave you.',
        });
        return;
      }
      setStage({
        kind: 'reported',
        file: text,
        answer: await reportTrelloImport(workspaceId, text, target),
      });
    } catch (error) {
      setStage({ kind: 'failed', message: messageOf(error) });
    }
  };

  const run = async (file: string, fix: boolean) => {
    setStage({ kind: 'importing', progress: null, fix });
    try {
      const answer = await runTrelloImport(
        workspaceId,
        file,
        { projectId: target, fix },
        (progress) => setStage({ kind: 'importing', progress, fix }),
      );
      setStage({ kind: 'done', answer });
      await refresh();
    } catch (error) {
      setStage({ kind: 'failed', message: messageOf(error) });
    }
  };

  const busy = stage.kind === 'reading' || stage.kind === 'importing';
  return (
    <section
      aria-label="Import from Trello"
      className="panel space-y-3 p-4"
      data-testid="trello-import"
    >
      <h3 className="text-sm font-semibold">Import from Trello</h3>
      <p className="text-xs text-slate-500">
        In Trello: board menu → Print, export and share → Export as JSON. Archived lists and cards
        are left out; importing the same file again changes nothing.
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <label htmlFor={projectFieldId} className="flex min-w-0 flex-col text-sm">
          <span className="mb-1 font-medium">Into</span>
          <select
            id={projectFieldId}
            className="input max-w-full"
            value={projectId}
            disabled={busy}
            onChange={(event) => setProjectId(event.target.value)}
          >
            {mayCreateProject ? (
              <option value={newProject}>A new project “Imported from Trello”</option>
            ) : null}
            {projects.map((p) => (
              <option key={p.projectId} value={p.projectId}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={fileId} className="flex min-w-0 flex-col text-sm">
          <span className="mb-1 font-medium">Trello export (JSON)</span>
          <input
            id={fileId}
            type="file"
            accept=".json,application/json"
            disabled={busy}
            className="max-w-full text-sm"
            onChange={(event) => {
              void choose(event.target.files?.[0]);
              event.target.value = '';
            }}
          />
        </label>
      </div>

      {stage.kind === 'reading' ? (
        <p className="text-sm text-slate-500">Reading the file…</p>
      ) : null}
      {stage.kind === 'failed' ? (
        <p role="alert" className="break-words text-sm text-red-700 dark:text-red-400">
          {stage.message}
        </p>
      ) : null}
      {stage.kind === 'reported' ? (
        <div className="space-y-3">
          <Report answer={stage.answer} />
          <div className="flex flex-wrap gap-2">
            {stage.answer.report.problems.length === 0 ? (
              <button type="button" className="btn-primary" onClick={() => run(stage.file, false)}>
                Import
              </button>
            ) : (
              <button type="button" className="btn-primary" onClick={() => run(stage.file, true)}>
                Fix and import
              </button>
            )}
            <button type="button" className="btn-ghost" onClick={() => setStage({ kind: 'idle' })}>
              {stage.answer.report.problems.length === 0 ? 'Cancel' : 'Stop'}
            </button>
          </div>
        </div>
      ) : null}
      {stage.kind === 'importing' ? (
        <div className="space-y-1 text-sm">
          <progress
            className="w-full"
            aria-label="Import progress"
            max={stage.progress?.cards || 1}
            value={stage.progress?.importedCards ?? 0}
          />
          <p className="text-slate-500" aria-live="polite">
            {stage.progress === null
              ? 'Importing…'
              : `${stage.progress.importedCards} of ${stage.progress.cards} cards imported`}
          </p>
        </div>
      ) : null}
      {stage.kind === 'done' ? (
        <div className="space-y-2 text-sm" role="status">
          <p>
            {stage.answer.written === 0
              ? 'Already imported: nothing changed.'
              : `Imported ${count(stage.answer.report.counts.tasks, 'card')}.`}
          </p>
          {stage.answer.report.boards.map((board) => (
            <Link
              key={board.id}
              href={`/boards/${board.id}`}
              className="btn-primary inline-flex break-all"
            >
              Open “{board.name}”
            </Link>
          ))}
        </div>
      ) : null}
    </section>
  );
}
