import { cardType, role } from '../fields';
import { named } from '../registry';
import { z } from '../zod';

// Taking data out. The workspace document is versioned so an importer can read it back:
// `format` names it, `version` changes only when its shape does. Ids are kept so a re-import can
// derive the same ids and be idempotent.

export const workspaceExportFormat = 'taskomask.workspace' as const;
export const workspaceExportVersion = 1 as const;

const id = () => z.uuid();
const nullableText = () => z.string().nullable();
const orderKey = () => z.string().describe('fractional order key');

export const ExportedTaskDto = named(
  'ExportedTask',
  'A task of an exported board: checklist in the order added, comments oldest first.',
  z.strictObject({
    id: id(),
    cardId: id(),
    title: z.string(),
    description: z.string().describe('markdown'),
    position: orderKey(),
    assigneeId: id().nullable(),
    labels: z.array(z.string()),
    dueDate: nullableText(),
    checklist: z.array(z.strictObject({ text: z.string(), done: z.boolean() })),
    comments: z.array(
      z.strictObject({
        authorId: id(),
        authorName: z.string(),
        text: z.string(),
        createdAt: z.string(),
        editedAt: nullableText(),
      }),
    ),
    createdBy: id(),
    createdAt: z.string(),
    updatedAt: nullableText(),
  }),
);

export const ExportedBoardDto = named(
  'ExportedBoard',
  'A board: cards in board order, tasks in board order (by card, then position).',
  z.strictObject({
    id: id(),
    name: z.string(),
    description: z.string(),
    cards: z.array(
      z.strictObject({ id: id(), name: z.string(), type: cardType(), position: orderKey() }),
    ),
    tasks: z.array(ExportedTaskDto),
  }),
);

export const WorkspaceExportDto = named(
  'WorkspaceExport',
  'A whole workspace as one document. Deterministic: the same data exports to the same bytes, so `exportedAt` is the instant of the latest change it holds and `position` the global position of that change, not the clock at export. For an importer: ids, names, order (arrays are in board order), content, membership and roles are what to rebuild; `exportedAt`, `position`, instants (`createdAt`, `updatedAt`, `editedAt`) and order keys describe the source system and need not survive a round trip.',
  z.strictObject({
    format: z.literal(workspaceExportFormat),
    version: z.literal(workspaceExportVersion),
    exportedAt: nullableText().describe('instant of the latest change included'),
    position: z.int().nonnegative().describe('global position of the latest change included'),
    workspace: z.strictObject({ id: id(), name: z.string(), description: z.string() }),
    members: z.array(z.strictObject({ ownerId: id(), displayName: z.string(), role: role() })),
    projects: z.array(
      z.strictObject({
        id: id(),
        name: z.string(),
        description: z.string(),
        boards: z.array(ExportedBoardDto),
      }),
    ),
  }),
);

export const BoardCsvDto = z
  .string()
  .describe(
    'text/csv; charset=utf-8 with a BOM, RFC 4180 quoting; one row per task (card, title, description, assignee, labels, due, checklist done/total, created, last moved). Cells starting with = + - @, a tab or a carriage return are prefixed with an apostrophe so spreadsheets do not run them.',
  );

export const WorkspaceEventsNdjsonDto = z
  .string()
  .describe(
    'application/x-ndjson: one event per line in global order — {position, stream, version, type, occurredAt, data, metadata}.',
  );

export type ExportedTaskDto = z.infer<typeof ExportedTaskDto>;
export type ExportedBoardDto = z.infer<typeof ExportedBoardDto>;
export type WorkspaceExportDto = z.infer<typeof WorkspaceExportDto>;
