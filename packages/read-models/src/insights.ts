import { type CardFlow, defaultFlow } from '@taskomask/domain';
import type { FlowBoard, FlowCard, FlowTask, Stay } from './flow';

// The board's flow charts, computed from its flow documents (flow.ts) for a range of days in the
// board's time zone. Pure: the query side reads the documents and the clock and calls these.
//
// Definitions (README, "Flow insights"):
// - a card counts as waiting, started or done (its owner-set flow, else its type's default);
// - a task is done at a moment when the card it is on then counts as done; it is done *at* the
//   start of that run of done cards (Done → Doing → Done is done at its last arrival);
// - it started at its first arrival on a started or done card (or its creation there);
// - cycle time = done − started, lead time = done − created; time in each card sums its stays
//   before it was done;
// - a deleted task leaves every chart from its deletion.

export type Range = Readonly<{
  /** First day, `YYYY-MM-DD`, in `timeZone`. */
  from: string;
  /** Last day, included. */
  to: string;
  timeZone: string;
}>;

export const flowOf = (card: FlowCard): CardFlow => card.flow ?? defaultFlow(card.type);

// --- days in a time zone -------------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string) {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC at `ms`, in ms (local − UTC). */
function offsetAt(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(ms)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const local = Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour!,
    parts.minute!,
    parts.second!,
  );
  return local - (ms - (ms % 1000));
}

/** The instant a local day (`YYYY-MM-DD`) begins in `timeZone`. */
export function startOfDay(day: string, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  // Twice: the offset at the guess may differ from the one at the answer across a DST change.
  const first = wall - offsetAt(wall, timeZone);
  return wall - offsetAt(first, timeZone);
}

/** The local day (`YYYY-MM-DD`) `ms` falls on in `timeZone`. */
export function dayOf(ms: number, timeZone: string): string {
  return new Date(ms + offsetAt(ms, timeZone)).toISOString().slice(0, 10);
}

/** `day` plus `n` calendar days. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

export type Bucket = Readonly<{ label: string; start: number; end: number }>;

/** The range's buckets: local days, local weeks (from Monday), or hours. */
export function buckets(range: Range, size: 'hour' | 'day' | 'week'): Bucket[] {
  const { timeZone } = range;
  const out: Bucket[] = [];
  if (size === 'hour') {
    const end = startOfDay(addDays(range.to, 1), timeZone);
    for (let start = startOfDay(range.from, timeZone); start < end; start += 3_600_000) {
      out.push({
        label: new Date(start).toISOString(),
        start,
        end: Math.min(end, start + 3_600_000),
      });
    }
    return out;
  }
  let day = range.from;
  if (size === 'week') {
    const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday: 0
    day = addDays(day, -weekday);
  }
  const step = size === 'week' ? 7 : 1;
  while (day <= range.to) {
    const next = addDays(day, step);
    out.push({ label: day, start: startOfDay(day, timeZone), end: startOfDay(next, timeZone) });
    day = next;
  }
  return out;
}

// --- where a task is, and when it was done ----------------------------------------------------

/** The stay a task is on at instant `t` (after every event before `t`), if any. */
export function stayAt(task: FlowTask, t: number): Stay | undefined {
  for (let i = task.stays.length - 1; i >= 0; i--) {
    const stay = task.stays[i]!;
    if (stay[1] < t) return stay[2] === null || stay[2] >= t ? stay : undefined;
  }
  return undefined;
}

export type Completion = Readonly<{
  task: FlowTask;
  startedAt: number;
  doneAt: number;
  /** ms per card id, of its stays before doneAt. */
  inCards: Readonly<Record<string, number>>;
}>;

/** The task as done at instant `t` (it is on a done card then), else undefined. */
export function completionAt(
  task: FlowTask,
  t: number,
  flows: ReadonlyMap<string, CardFlow>,
): Completion | undefined {
  const flow = (stay: Stay) => flows.get(stay[0]) ?? 'waiting';
  const now = stayAt(task, t);
  if (now === undefined || flow(now) !== 'done') return undefined;
  let first = task.stays.indexOf(now);
  while (first > 0 && flow(task.stays[first - 1]!) === 'done') first--;
  const doneAt = task.stays[first]![1];
  const started = task.stays.find((s) => flow(s) !== 'waiting')!;
  const inCards: Record<string, number> = {};
  for (const stay of task.stays.slice(0, first)) {
    inCards[stay[0]] = (inCards[stay[0]] ?? 0) + (stay[2] ?? doneAt) - stay[1];
  }
  return { task, startedAt: started[1], doneAt, inCards };
}

// --- the charts ---------------------------------------------------------------------------------

export type FlowSettings = Readonly<{
  cards: readonly (FlowCard & { flowAs: CardFlow })[];
  flows: ReadonlyMap<string, CardFlow>;
}>;

/** The board's cards in board order (live first, deleted after), each with its effective flow. */
export function settingsOf(board: FlowBoard): FlowSettings {
  const cards = [...board.cards]
    .sort(
      (a, b) =>
        Number(a.deleted) - Number(b.deleted) ||
        (a.position < b.position ? -1 : a.position > b.position ? 1 : 0) ||
        (a.cardId < b.cardId ? -1 : 1),
    )
    .map((card) => ({ ...card, flowAs: flowOf(card) }));
  return { cards, flows: new Map(cards.map((c) => [c.cardId, c.flowAs])) };
}

/** Per bucket, per card: the tasks on it at the end of the bucket. */
export function cumulativeFlow(
  tasks: readonly FlowTask[],
  settings: FlowSettings,
  range: Range,
  size: 'hour' | 'day',
) {
  const all = buckets(range, size);
  // The first bucket whose end is after `t` (all.length when none): ends ascend.
  const firstEndingAfter = (t: number) => {
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (all[mid]!.end > t) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  // A stay counts in the buckets whose end it covers (from < end ≤ to, or still there): a run
  // of buckets, added as +1 at its first and −1 after its last, summed per card at the end.
  const diffs = new Map<string, Int32Array>();
  for (const task of tasks) {
    for (const [cardId, from, to] of task.stays) {
      const first = firstEndingAfter(from);
      const after = to === null ? all.length : firstEndingAfter(to);
      if (first >= after) continue;
      let diff = diffs.get(cardId);
      if (diff === undefined) {
        diff = new Int32Array(all.length + 1);
        diffs.set(cardId, diff);
      }
      diff[first]! += 1;
      diff[after]! -= 1;
    }
  }
  const counts = all.map(() => new Map<string, number>());
  for (const [cardId, diff] of diffs) {
    let running = 0;
    for (let i = 0; i < all.length; i++) {
      running += diff[i]!;
      if (running !== 0) counts[i]!.set(cardId, running);
    }
  }
  // A deleted card shows only where it held tasks in the range.
  const shown = settings.cards.filter(
    (c) => !c.deleted || counts.some((m) => (m.get(c.cardId) ?? 0) > 0),
  );
  return {
    cards: shown,
    buckets: all.map((b, i) => ({
      bucket: b.label,
      end: new Date(b.end).toISOString(),
      counts: Object.fromEntries(shown.map((c) => [c.cardId, counts[i]!.get(c.cardId) ?? 0])),
    })),
  };
}

/** Nearest-rank percentile of ascending `sorted`; null when empty. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The range's end as an instant, never after `now` (a range reaching today ends now). */
export function rangeEnd(range: Range, now: number): number {
  return Math.min(now, startOfDay(addDays(range.to, 1), range.timeZone));
}

/** Tasks done within the range (as they stand at its end), oldest done first. */
export function completions(
  tasks: readonly FlowTask[],
  settings: FlowSettings,
  range: Range,
  now: number,
): Completion[] {
  const start = startOfDay(range.from, range.timeZone);
  const end = rangeEnd(range, now);
  return tasks
    .map((task) => completionAt(task, end, settings.flows))
    .filter((c): c is Completion => c !== undefined && c.doneAt >= start && c.doneAt < end)
    .sort((a, b) => a.doneAt - b.doneAt || (a.task.taskId < b.task.taskId ? -1 : 1));
}

const seconds = (ms: number) => ms / 1000;

export function cycleTimes(
  tasks: readonly FlowTask[],
  settings: FlowSettings,
  range: Range,
  now: number,
) {
  const done = completions(tasks, settings, range, now);
  const cycles = done.map((c) => seconds(c.doneAt - c.startedAt)).sort((a, b) => a - b);
  return {
    tasks: done.map((c) => ({
      taskId: c.task.taskId,
      title: c.task.title,
      createdAt: new Date(c.task.createdAt).toISOString(),
      startedAt: new Date(c.startedAt).toISOString(),
      doneAt: new Date(c.doneAt).toISOString(),
      cycleSeconds: seconds(c.doneAt - c.startedAt),
      leadSeconds: seconds(c.doneAt - c.task.createdAt),
      inCards: Object.fromEntries(
        Object.entries(c.inCards).map(([cardId, ms]) => [cardId, seconds(ms)]),
      ),
    })),
    percentiles: {
      p50: percentile(cycles, 50),
      p85: percentile(cycles, 85),
      p95: percentile(cycles, 95),
    },
  };
}

export function throughput(
  tasks: readonly FlowTask[],
  settings: FlowSettings,
  range: Range,
  size: 'day' | 'week',
  now: number,
) {
  const all = buckets(range, size);
  const counts = all.map(() => 0);
  for (const c of completions(tasks, settings, range, now)) {
    const i = all.findIndex((b) => c.doneAt >= b.start && c.doneAt < b.end);
    if (i >= 0) counts[i]!++;
  }
  return all.map((b, i) => ({ bucket: b.label, done: counts[i]! }));
}

/** Tasks on a started card now: their age since they first started, against the range's p85. */
export function aging(
  tasks: readonly FlowTask[],
  settings: FlowSettings,
  range: Range,
  now: number,
) {
  const { percentiles } = cycleTimes(tasks, settings, range, now);
  const rows = [];
  for (const task of tasks) {
    const stay = stayAt(task, now + 1);
    if (stay === undefined || settings.flows.get(stay[0]) !== 'started') continue;
    const started = task.stays.find((s) => (settings.flows.get(s[0]) ?? 'waiting') !== 'waiting')!;
    const ageSeconds = seconds(now - started[1]);
    rows.push({
      taskId: task.taskId,
      title: task.title,
      cardId: stay[0],
      startedAt: new Date(started[1]).toISOString(),
      ageSeconds,
      overP85: percentiles.p85 !== null && ageSeconds > percentiles.p85,
    });
  }
  rows.sort((a, b) => b.ageSeconds - a.ageSeconds || (a.taskId < b.taskId ? -1 : 1));
  return { p85Seconds: percentiles.p85, tasks: rows };
}

export type { FlowBoard, FlowCard, FlowTask, Stay } from './flow';
