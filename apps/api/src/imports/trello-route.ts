import { Readable } from 'node:stream';
import {
  type ImportAnswerDto,
  ImportAnswerDto as ImportAnswerSchema,
  ImportQuery,
  ImportReportDto,
  importBodyLimit,
  WorkspaceParams,
} from '@taskomask/contracts';
import { DomainError, NotFoundError } from '@taskomask/domain';
import {
  type ImportPlan,
  ImportSourceError,
  isRunnable,
  planTrelloImport,
  TrelloBoard,
} from '@taskomask/importing';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { StateCache } from '../commands/aggregates';
import type { CommandStore } from '../commands/execute';
import { type BearerAuth, principalOf } from '../http/auth';
import type { RouteDoc } from '../http/openapi';
import { parseOrThrow } from '../http/parse';
import { invalidFields, Problem, problemKinds } from '../http/problem';
import { correlationIdOf, traceparentOf } from '../http/tracing';
import { peopleOf, requireImporter, siblingsOf } from './people';
import { type ImportProgress, ImportStepError, runImport } from './run-import';

const url = '/workspaces/:workspaceId/imports/trello';
const scope = 'boards:write' as const;

/** The route, for tables of the command API's endpoints. */
export const trelloImportRoute = { method: 'POST', url, scope } as const;

export const trelloImportRouteDoc: RouteDoc = {
  method: 'POST',
  url,
  operationId: 'importTrelloBoard',
  summary: 'Import a Trello board (its "Export as JSON" file) into the workspace',
  description:
    'Plans the file — lists → cards, cards → tasks with description, due date, labels, checklist items, comments; closed lists and cards skipped — and reports it. `dryRun=true` writes nothing. A file that breaks our rules (names too long or short, duplicate titles, more than 10 lists or 1000 cards) is refused with 422 and the report, unless `fix=true`. Every step goes through the same domain rules as any command, as the caller (comments of a Trello member whose email belongs to a member: as that member). Ids derive from the Trello ids, so importing a file again writes nothing, and an interrupted import finishes when sent again. With `Accept: application/x-ndjson` the answer streams `{progress}` lines and ends with `{answer}` (or `{problem}`). Bodies up to 20 MB. Making a project (no `projectId`) takes an owner or admin; into an existing project, any member who may make boards.',
  tags: ['boards'],
  scope,
  params: WorkspaceParams,
  query: ImportQuery,
  body: TrelloBoard,
  responses: {
    200: {
      description: 'planned (dryRun), or everything was already imported',
      schema: ImportAnswerSchema,
    },
    201: { description: 'imported', schema: ImportAnswerSchema },
  },
  problems: [400, 401, 403, 404, 409, 413, 415, 422, 503],
};

function notFoundAs(workspaceId: string) {
  return (error: unknown): never => {
    if (error instanceof NotFoundError && error.entity === 'workspace') {
      throw new Problem('not-found', `workspace ${workspaceId} not found`);
    }
    throw error;
  };
}

/** A refused step answers as that refusal would (a domain rule, a conflict, the store down). */
function stepProblem(error: unknown): unknown {
  return error instanceof ImportStepError ? error.cause : error;
}

async function* progressLines(
  run: (onProgress: (p: ImportProgress) => void) => Promise<ImportAnswerDto>,
): AsyncGenerator<string> {
  const queue: string[] = [];
  let wake: (() => void) | null = null;
  let finished = false;
  let lastLine = 0;
  const push = (line: unknown) => {
    queue.push(`${JSON.stringify(line)}\n`);
    wake?.();
  };
  run((progress) => {
    const now = performance.now();
    if (now - lastLine < 100 && progress.done < progress.steps) return;
    lastLine = now;
    push({ progress });
  })
    .then((answer) => push({ answer }))
    .catch((error) => {
      const cause = stepProblem(error);
      const status = cause instanceof DomainError ? problemStatus(cause) : 500;
      push({
        problem: {
          status,
          title: status === 500 ? problemKinds.internal.title : 'Import stopped',
          detail:
            status === 500
              ? 'the import stopped; send the file again to finish it'
              : (error as Error).message,
        },
      });
    })
    .finally(() => {
      finished = true;
      wake?.();
    });
  while (true) {
    while (queue.length > 0) yield queue.shift()!;
    if (finished) return;
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
    wake = null;
  }
}

function problemStatus(error: DomainError): number {
  return { validation: 400, forbidden: 403, not_found: 404, conflict: 409, rule: 422 }[error.code];
}

export function registerTrelloImport(
  app: FastifyInstance,
  { auth, store, states }: { auth: BearerAuth; store: CommandStore; states: StateCache },
): void {
  app.route({
    method: 'POST',
    url,
    bodyLimit: importBodyLimit,
    onRequest: auth.require(scope),
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const { userId } = principalOf(request);
      const { workspaceId } = parseOrThrow(WorkspaceParams, request.params ?? {}, 'path');
      const query = parseOrThrow(ImportQuery, request.query ?? {}, 'query');
      const target = {
        workspaceId,
        ...(query.projectId === undefined ? {} : { projectId: query.projectId }),
      };
      // The request is checked whole before any store is read: a broken file is a 400 anywhere.
      if (request.body === undefined) {
        throw invalidFields([
          { field: 'body', reason: 'a Trello board export (JSON) is required' },
        ]);
      }
      const parsed = TrelloBoard.safeParse(request.body);
      if (!parsed.success) {
        throw invalidFields(
          ImportSourceError.of(parsed.error).issues.map((i) => ({
            field: i.field === '(file)' ? 'body' : i.field,
            reason: i.reason,
          })),
        );
      }
      const state = await requireImporter(store, target, userId).catch(notFoundAs(workspaceId));
      const people = await peopleOf(
        store,
        state,
        parsed.data.members.map((m) => m.email),
      );
      const plan: ImportPlan = planTrelloImport(parsed.data, target, {
        fix: query.fix,
        people,
        siblings: siblingsOf(state),
      });
      const answerOf = (run?: { written: number; found: number; position: number }) =>
        ({
          report: ImportReportDto.parse(plan.report),
          dryRun: run === undefined,
          steps: plan.steps.length,
          written: run?.written ?? 0,
          found: run?.found ?? 0,
          position: run?.position ?? 0,
        }) satisfies ImportAnswerDto;
      if (query.dryRun) return answerOf();
      if (!isRunnable(plan)) {
        throw new Problem(
          'rule-violation',
          `the file breaks ${plan.report.problems.length} of our rules (see report.problems); send fix=true to cut, rename and merge as the report says, or change the file`,
          { extensions: { rule: 'import_problems', report: plan.report } },
        );
      }
      const runOptions = {
        importerId: userId,
        correlationId: correlationIdOf(request),
        states,
        ...(traceparentOf(request) === undefined ? {} : { traceparent: traceparentOf(request)! }),
      };
      if ((request.headers.accept ?? '').includes('application/x-ndjson')) {
        reply.header('content-type', 'application/x-ndjson; charset=utf-8');
        reply.header('cache-control', 'no-store');
        return reply.send(
          Readable.from(
            progressLines(async (onProgress) =>
              answerOf(await runImport(store, plan, { ...runOptions, onProgress })),
            ),
          ),
        );
      }
      try {
        const run = await runImport(store, plan, runOptions);
        reply.code(run.written > 0 ? 201 : 200);
        return answerOf(run);
      } catch (error) {
        throw stepProblem(error);
      }
    },
  });
}
