import { named } from './registry';
import { z } from './zod';

// Importing a board from elsewhere (issue #16 §1): the command API plans the file, reports what
// it would do and what breaks our rules, and (unless asked only for the report) writes it.

/** Largest import file the command API takes: Trello exports of big boards run to megabytes. */
export const importBodyLimit = 20 * 1024 * 1024;

const flag = () =>
  z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true');

export const ImportQuery = z.strictObject({
  dryRun: flag().describe('`true`: only plan and report, write nothing'),
  fix: flag().describe(
    '`true`: cut, rename and merge what breaks our rules (the report says what); else such a file is refused with 422',
  ),
  projectId: z
    .uuid()
    .optional()
    .describe('the project the board goes to; else "Imported from Trello" is made'),
});

export const ImportProblemDto = named(
  'ImportProblem',
  'A rule of ours the file breaks: where (a JSON path in the file), which rule, and what `fix` does about it.',
  z.strictObject({
    at: z.string(),
    rule: z.string(),
    message: z.string(),
    fix: z.string(),
  }),
);

const count = () => z.int().nonnegative();

export const ImportReportDto = named(
  'ImportReport',
  'What an import makes, skips and would have to change.',
  z.strictObject({
    source: z.enum(['trello', 'taskomask']),
    boards: z.array(z.strictObject({ id: z.uuid(), name: z.string(), projectId: z.uuid() })),
    counts: z.strictObject({
      projects: count(),
      boards: count(),
      cards: count(),
      tasks: count(),
      labels: count(),
      checklistItems: count(),
      comments: count(),
      assigned: count(),
      members: count(),
    }),
    skipped: z.strictObject({
      closedLists: count(),
      closedCards: count(),
      overLimitCards: count(),
      blankLabels: count(),
    }),
    unmatchedPeople: z.array(z.string()),
    problems: z.array(ImportProblemDto),
    fixed: z.boolean(),
  }),
);

export const ImportAnswerDto = named(
  'ImportAnswer',
  'The report, and for an import that ran: steps written now, steps found written by an earlier run, and the global position to pass as minPosition to the query side.',
  z.strictObject({
    report: ImportReportDto,
    dryRun: z.boolean(),
    steps: count(),
    written: count(),
    found: count(),
    position: count(),
  }),
);

/** One line of the NDJSON answer (Accept: application/x-ndjson): progress, then the answer. */
export const ImportProgressLineDto = z.union([
  z.strictObject({
    progress: z.strictObject({
      done: count(),
      steps: count(),
      cards: count(),
      importedCards: count(),
    }),
  }),
  z.strictObject({ answer: ImportAnswerDto }),
  z.strictObject({
    problem: z.strictObject({ status: z.int(), title: z.string(), detail: z.string() }),
  }),
]);

export type ImportProblemDto = z.infer<typeof ImportProblemDto>;
export type ImportReportDto = z.infer<typeof ImportReportDto>;
export type ImportAnswerDto = z.infer<typeof ImportAnswerDto>;
export type ImportProgressLineDto = z.infer<typeof ImportProgressLineDto>;
