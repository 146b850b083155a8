import { cardType, expected } from '../fields';
import { named } from '../registry';
import { z } from '../zod';
import { minPosition } from './params';

// A board's flow charts (issue 15): exact from the events, for any range of days in the board's
// time zone. Every answer names the cards (board order, deleted ones that still matter after)
// with what each counts as, so a chart can colour and label them without another call.

/** The widest range one query may ask for, in days: a year, and a week of hours. */
export const insightsMaxDays = 366;
export const insightsMaxHourDays = 7;
export const insightsDefaultDays = 30;

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
const realDay = (v: string) => {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

export const insightsDay = () =>
  z
    .string({ error: expected('a date (YYYY-MM-DD)') })
    .regex(isoDay, { error: 'must be a date (YYYY-MM-DD)' })
    .refine(realDay, { error: 'must be a date that exists (YYYY-MM-DD)' });

const range = {
  from: insightsDay()
    .optional()
    .describe(
      `First day (YYYY-MM-DD) in the board's time zone; default: ${insightsDefaultDays - 1} days before \`to\`.`,
    ),
  to: insightsDay()
    .optional()
    .describe("Last day, included (YYYY-MM-DD) in the board's time zone; default: today."),
  format: z
    .enum(['json', 'csv'], { error: expected('json or csv') })
    .optional()
    .describe('`csv` answers CSV like `Accept: text/csv` (for plain download links).'),
  minPosition: minPosition(),
};

export const InsightsQuery = z.strictObject(range);
export const CfdQuery = z.strictObject({
  ...range,
  bucket: z
    .enum(['day', 'hour'], { error: expected('day or hour') })
    .default('day')
    .describe(`\`day\` (default) or \`hour\` (ranges of up to ${insightsMaxHourDays} days).`),
});
export const ThroughputQuery = z.strictObject({
  ...range,
  bucket: z
    .enum(['week', 'day'], { error: expected('week or day') })
    .default('week')
    .describe('`week` (default; weeks start on Monday) or `day`.'),
});

export type InsightsQuery = z.infer<typeof InsightsQuery>;
export type CfdQuery = z.infer<typeof CfdQuery>;
export type ThroughputQuery = z.infer<typeof ThroughputQuery>;

const instant = () => z.string().describe('ISO-8601 instant (UTC)');
const seconds = () => z.number().min(0).describe('seconds');

const InsightsCard = z.strictObject({
  cardId: z.uuid(),
  name: z.string(),
  type: cardType(),
  flow: z.enum(['waiting', 'started', 'done']).describe('what it counts as in these charts'),
  flowSet: z.boolean().describe('true: set by an owner or admin; false: from the card type'),
  deleted: z.boolean(),
});

const frame = {
  boardId: z.uuid(),
  timeZone: z.string().describe('IANA zone the days are counted in'),
  from: z.string().describe('first day'),
  to: z.string().describe('last day, included'),
  cards: z.array(InsightsCard),
  globalPosition: z.number().int(),
};

export const CfdDto = named(
  'CumulativeFlow',
  'Per bucket, how many tasks were on each card at the end of it.',
  z.strictObject({
    ...frame,
    bucket: z.enum(['day', 'hour']),
    buckets: z.array(
      z.strictObject({
        bucket: z.string().describe('the day (YYYY-MM-DD), or the hour’s first instant'),
        end: instant(),
        counts: z.record(z.string(), z.number().int()).describe('card id → tasks'),
      }),
    ),
  }),
);

const percentiles = z.strictObject({
  p50: seconds().nullable(),
  p85: seconds().nullable(),
  p95: seconds().nullable(),
});

export const CycleTimesDto = named(
  'CycleTimes',
  'One row per task done in the range (as it stands at the range’s end), oldest done first, with the cycle-time percentiles (nearest rank).',
  z.strictObject({
    ...frame,
    tasks: z.array(
      z.strictObject({
        taskId: z.uuid(),
        title: z.string(),
        createdAt: instant(),
        startedAt: instant(),
        doneAt: instant(),
        cycleSeconds: seconds(),
        leadSeconds: seconds(),
        inCards: z.record(z.string(), seconds()).describe('card id → seconds spent before done'),
      }),
    ),
    percentiles,
  }),
);

export const ThroughputDto = named(
  'Throughput',
  'Tasks done per bucket.',
  z.strictObject({
    ...frame,
    bucket: z.enum(['week', 'day']),
    buckets: z.array(z.strictObject({ bucket: z.string(), done: z.number().int() })),
  }),
);

export const AgingDto = named(
  'AgingWork',
  'Tasks on a started card now, oldest first, with their age since they first started, against the 85th-percentile cycle time of the range.',
  z.strictObject({
    ...frame,
    p85Seconds: seconds().nullable(),
    tasks: z.array(
      z.strictObject({
        taskId: z.uuid(),
        title: z.string(),
        cardId: z.uuid(),
        startedAt: instant(),
        ageSeconds: seconds(),
        overP85: z.boolean(),
      }),
    ),
  }),
);

export type CfdDto = z.infer<typeof CfdDto>;
export type CycleTimesDto = z.infer<typeof CycleTimesDto>;
export type ThroughputDto = z.infer<typeof ThroughputDto>;
export type AgingDto = z.infer<typeof AgingDto>;
