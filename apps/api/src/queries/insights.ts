import {
  type AgingDto,
  type CfdDto,
  type CfdQuery,
  type CycleTimesDto,
  type InsightsQuery,
  insightsDefaultDays,
  insightsMaxDays,
  insightsMaxHourDays,
  type ThroughputDto,
  type ThroughputQuery,
} from '@taskomask/contracts';
import {
  aging,
  cumulativeFlow,
  cycleTimes,
  dayOf,
  type FlowBoard,
  type FlowTask,
  flowChunkId,
  loadFlow,
  type Range,
  settingsOf,
  throughput,
} from '@taskomask/read-models';
import type { Doc } from '@taskomask/readstore';
import { invalidFields } from '../http/problem';
import { notFound, type QueryContext, roleIn } from './access';
import type { Answer } from './answer';
import { csvDocument } from './csv';
import { compositeEtag } from './etag';

// A board's flow charts (issue 15), from its flow documents (read-models/flow.ts), computed per
// request by read-models/insights.ts. Each answers JSON, or CSV with a header row when the
// request prefers `text/csv`.

type Loaded = Readonly<{
  board: Doc<FlowBoard>;
  tasks: readonly FlowTask[];
  docs: readonly Doc[];
  range: Range;
}>;

const dayMs = 86_400_000;
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs) + 1;

function rangeOf(query: InsightsQuery, timeZone: string, now: number, maxDays: number): Range {
  const to = query.to ?? dayOf(now, timeZone);
  const from =
    query.from ??
    new Date(Date.parse(`${to}T00:00:00Z`) - (insightsDefaultDays - 1) * dayMs)
      .toISOString()
      .slice(0, 10);
  if (from > to) throw invalidFields([{ field: 'from', reason: 'must not be after to' }]);
  if (daysBetween(from, to) > maxDays) {
    throw invalidFields([
      { field: 'from', reason: `must be at most ${maxDays} days before to, to included` },
    ]);
  }
  return { from, to, timeZone };
}

/** Decoded flows, per read store and board, tagged with the positions they were read at. */
const decoded = new WeakMap<object, Map<string, { tag: string; flow: Flow }>>();
const decodedPerStore = 32;
type Flow = NonNullable<Awaited<ReturnType<typeof loadFlow>>>;

/**
 * The board's flow, decoded once per change: a repeat reads only the positions of its board
 * document and open chunk (any new entry or setting moves one of them), not its whole log.
 */
async function flowOf(context: QueryContext, boardId: string): Promise<Flow | undefined> {
  const { store } = context;
  const board = await store.get<FlowBoard>('flowBoards', boardId);
  if (board === undefined) return undefined;
  const open = await store.positionOf('flowLog', flowChunkId(boardId, board.value.chunks - 1));
  const tag = `${board.position}:${board.value.chunks}:${open ?? 0}`;
  let cache = decoded.get(store);
  if (cache === undefined) {
    cache = new Map();
    decoded.set(store, cache);
  }
  const hit = cache.get(boardId);
  if (hit?.tag === tag) return hit.flow;
  const flow = await loadFlow(store, boardId);
  if (flow === undefined) return undefined;
  cache.delete(boardId);
  cache.set(boardId, { tag, flow });
  if (cache.size > decodedPerStore) cache.delete(cache.keys().next().value as string);
  return flow;
}

async function load(
  context: QueryContext,
  boardId: string,
  query: InsightsQuery,
  maxDays = insightsMaxDays,
): Promise<Loaded> {
  // The flow document says the board's workspace and whether it is deleted: the access check
  // needs no read of the (large) board document. A board from before this read model, not
  // rebuilt yet, has no flow: as unknown as a foreign id.
  const flow = await flowOf(context, boardId);
  const board = flow?.board.value;
  if (board === undefined || board.deleted || board.workspaceId === '') {
    throw notFound('board', boardId);
  }
  if ((await roleIn(context, board.workspaceId)) === undefined) throw notFound('board', boardId);
  const range = rangeOf(query, board.timeZone ?? 'UTC', context.now, maxDays);
  return { ...flow!, range };
}

function frame({ board, range, docs }: Loaded, cards = settingsOf(board.value).cards) {
  return {
    boardId: board.value.boardId,
    timeZone: range.timeZone,
    from: range.from,
    to: range.to,
    cards: cards.map((c) => ({
      cardId: c.cardId,
      name: c.name,
      type: c.type,
      flow: c.flowAs,
      flowSet: c.flow !== null,
      deleted: c.deleted,
    })),
    globalPosition: Math.max(...docs.map((d) => d.position)),
  };
}

/** The answer's ETag: its documents, the range and the day it was asked on (ages move daily). */
function etagOf(loaded: Loaded, context: QueryContext, ...parts: string[]) {
  const { range } = loaded;
  return compositeEtag(loaded.docs, [
    range.from,
    range.to,
    range.timeZone,
    // Answers that reach today change with the clock too: by the minute.
    range.to >= dayOf(context.now, range.timeZone) ? String(Math.floor(context.now / 60_000)) : '',
    ...parts,
  ]);
}

/** True when the caller asked for CSV (`Accept: text/csv`) rather than JSON. */
export function wantsCsv(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  const ranked = accept
    .split(',')
    .map((part) => {
      const [type = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { type: type.trim(), q: q === undefined ? 1 : Number(q.slice(2)) || 0 };
    })
    .filter((r) => r.q > 0);
  const csv = ranked.find((r) => r.type === 'text/csv')?.q ?? 0;
  const json = Math.max(
    0,
    ...ranked.filter((r) => r.type === 'application/json' || r.type === '*/*').map((r) => r.q),
  );
  return csv > 0 && csv >= json;
}

function csvAnswer<T>(etag: string, rows: readonly (readonly string[])[], name: string): Answer<T> {
  return {
    body: csvDocument(rows) as unknown as T,
    etag,
    download: { contentType: 'text/csv; charset=utf-8', filename: `${name}.csv` },
  };
}

const num = (n: number | null) => (n === null ? '' : String(Math.round(n * 1000) / 1000));

export async function cfd(
  context: QueryContext,
  boardId: string,
  query: Omit<CfdQuery, 'minPosition'>,
): Promise<Answer<CfdDto>> {
  const loaded = await load(
    context,
    boardId,
    query,
    query.bucket === 'hour' ? insightsMaxHourDays : insightsMaxDays,
  );
  const chart = cumulativeFlow(
    loaded.tasks,
    settingsOf(loaded.board.value),
    loaded.range,
    query.bucket,
  );
  const body: CfdDto = {
    ...frame(loaded, chart.cards),
    bucket: query.bucket,
    buckets: chart.buckets,
  };
  const etag = etagOf(loaded, context, 'cfd', query.bucket);
  if (!context.csv) return { body, etag };
  return csvAnswer<typeof body>(
    etag,
    [
      ['bucket', 'end', ...chart.cards.map((c) => c.name)],
      ...chart.buckets.map((b) => [
        b.bucket,
        b.end,
        ...chart.cards.map((c) => String(b.counts[c.cardId] ?? 0)),
      ]),
    ],
    'cumulative-flow',
  );
}

export async function cycleTimesOf(
  context: QueryContext,
  boardId: string,
  query: InsightsQuery,
): Promise<Answer<CycleTimesDto>> {
  const loaded = await load(context, boardId, query);
  const settings = settingsOf(loaded.board.value);
  const result = cycleTimes(loaded.tasks, settings, loaded.range, context.now);
  const body: CycleTimesDto = { ...frame(loaded), ...result };
  const etag = etagOf(loaded, context, 'cycle-times');
  if (!context.csv) return { body, etag };
  return csvAnswer<typeof body>(
    etag,
    [
      [
        'task id',
        'title',
        'created',
        'started',
        'done',
        'cycle time (s)',
        'lead time (s)',
        ...settings.cards.map((c) => `in ${c.name} (s)`),
      ],
      ...result.tasks.map((t) => [
        t.taskId,
        t.title,
        t.createdAt,
        t.startedAt,
        t.doneAt,
        num(t.cycleSeconds),
        num(t.leadSeconds),
        ...settings.cards.map((c) => num(t.inCards[c.cardId] ?? 0)),
      ]),
    ],
    'cycle-times',
  );
}

export async function throughputOf(
  context: QueryContext,
  boardId: string,
  query: Omit<ThroughputQuery, 'minPosition'>,
): Promise<Answer<ThroughputDto>> {
  const loaded = await load(context, boardId, query);
  const settings = settingsOf(loaded.board.value);
  const buckets = throughput(loaded.tasks, settings, loaded.range, query.bucket, context.now);
  const body: ThroughputDto = { ...frame(loaded), bucket: query.bucket, buckets };
  const etag = etagOf(loaded, context, 'throughput', query.bucket);
  if (!context.csv) return { body, etag };
  return csvAnswer<typeof body>(
    etag,
    [[query.bucket, 'done'], ...buckets.map((b) => [b.bucket, String(b.done)])],
    'throughput',
  );
}

export async function agingOf(
  context: QueryContext,
  boardId: string,
  query: InsightsQuery,
): Promise<Answer<AgingDto>> {
  const loaded = await load(context, boardId, query);
  const settings = settingsOf(loaded.board.value);
  const result = aging(loaded.tasks, settings, loaded.range, context.now);
  const body: AgingDto = { ...frame(loaded), ...result };
  const etag = etagOf(loaded, context, 'aging', String(Math.floor(context.now / 60_000)));
  if (!context.csv) return { body, etag };
  const names = new Map(settings.cards.map((c) => [c.cardId, c.name]));
  return csvAnswer<typeof body>(
    etag,
    [
      ['task id', 'title', 'card', 'started', 'age (s)', 'over p85'],
      ...result.tasks.map((t) => [
        t.taskId,
        t.title,
        names.get(t.cardId) ?? '',
        t.startedAt,
        num(t.ageSeconds),
        t.overP85 ? 'yes' : 'no',
      ]),
    ],
    'aging-work',
  );
}
