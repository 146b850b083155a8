// Metrics: Prometheus text at /metrics. Each process has one Registry; every family is
// get-or-create on it, so the embedded mode (every app in one process) shares one registry and
// one /metrics without registering a name twice.
import { createHash, timingSafeEqual } from 'node:crypto';
import {
  Counter,
  collectDefaultMetrics,
  Gauge,
  Histogram,
  type Metric,
  Registry,
} from 'prom-client';

export { Registry } from 'prom-client';

/** The names the Grafana dashboard (deploy/) reads: change them together. */
export const metricNames = {
  tasksCreated: 'tasks_created_total',
  taskCompletion: 'task_completion_seconds',
  commandDuration: 'taskomask_command_duration_seconds',
  appendConflicts: 'taskomask_append_conflicts_total',
  forwarderLag: 'taskomask_forwarder_lag_events',
  projectorLag: 'taskomask_projector_lag_events',
  deadLetters: 'taskomask_dead_letters_total',
  deadLetterQueue: 'taskomask_dead_letter_queue_messages',
  openSockets: 'taskomask_open_sockets',
  httpRequestDuration: 'http_request_duration_seconds',
} as const;

export const commandOutcomes = [
  'ok',
  'conflict',
  'rejected',
  'unauthorized',
  'unavailable',
  'error',
] as const;
export type CommandOutcome = (typeof commandOutcomes)[number];

// A token's digest; null when scrapes are disabled.
const scrapeTokens = new WeakMap<Registry, Buffer | null>();
const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * A registry for one process, with prom-client's process metrics (CPU, memory, event loop, GC).
 * With `token` (METRICS_TOKEN), /metrics answers only `Authorization: Bearer <token>`: the
 * ingress routes every app's paths, /metrics included, from the internet.
 */
export function createRegistry({
  defaultMetrics = true,
  token,
  scrapesDisabled = false,
}: {
  defaultMetrics?: boolean;
  token?: string | undefined;
  /** METRICS_DISABLED: every scrape is refused (the metrics still feed traces and logs). */
  scrapesDisabled?: boolean;
} = {}): Registry {
  const registry = new Registry();
  // The event-loop delay monitor samples every 100 ms, not prom-client's 10 ms: a native timer
  // that woke an idle process 100 times a second (most of `npm start`'s idle CPU).
  if (defaultMetrics) {
    collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 100 });
  }
  if (scrapesDisabled) scrapeTokens.set(registry, null);
  else if (token !== undefined && token !== '') scrapeTokens.set(registry, digest(token));
  return registry;
}

/** May a scrape with this Authorization header read `registry`? Always, without a token. */
export function scrapeAllowed(registry: Registry, authorization: string | undefined): boolean {
  const expected = scrapeTokens.get(registry);
  if (expected === undefined) return true;
  if (expected === null) return false;
  const given = /^Bearer +(\S+) *$/i.exec(authorization ?? '')?.[1];
  return given !== undefined && timingSafeEqual(digest(given), expected);
}

/** METRICS_TOKEN as each app's configuration reads it. */
export const metricsTokenReason =
  'must be at least 16 characters (the bearer token Prometheus sends)';

function once<M extends Metric>(registry: Registry, name: string, make: () => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? make();
}

// Seconds from milliseconds to a minute: API calls and socket round trips.
const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
// A task's life: a minute to a quarter.
const lifetimeBuckets = [
  60,
  600,
  3600,
  4 * 3600,
  86_400,
  3 * 86_400,
  7 * 86_400,
  30 * 86_400,
  90 * 86_400,
];

export function httpMetrics(registry: Registry) {
  return {
    requestDuration: once(
      registry,
      metricNames.httpRequestDuration,
      () =>
        new Histogram({
          name: metricNames.httpRequestDuration,
          help: 'HTTP requests by method, route pattern and status code',
          labelNames: ['method', 'route', 'status_code'] as const,
          buckets: latencyBuckets,
          registers: [registry],
        }),
    ),
  };
}

/** The command side: how long each command took and how it ended, conflicts, tasks created. */
export function commandMetrics(registry: Registry) {
  return {
    duration: once(
      registry,
      metricNames.commandDuration,
      () =>
        new Histogram({
          name: metricNames.commandDuration,
          help: 'Commands from request to answer, by command and outcome',
          labelNames: ['command', 'outcome'] as const,
          buckets: latencyBuckets,
          registers: [registry],
        }),
    ),
    appendConflicts: once(
      registry,
      metricNames.appendConflicts,
      () =>
        new Counter({
          name: metricNames.appendConflicts,
          help: 'Appends refused because another writer changed the stream first (each is retried or answered 409/412)',
          labelNames: ['stream_category'] as const,
          registers: [registry],
        }),
    ),
    tasksCreated: once(
      registry,
      metricNames.tasksCreated,
      () =>
        new Counter({
          name: metricNames.tasksCreated,
          help: 'Tasks created (TaskCreated events appended)',
          registers: [registry],
        }),
    ),
  };
}

/** The outcome label of a command's answer, from its status code. */
export function outcomeOf(statusCode: number): CommandOutcome {
  if (statusCode < 400) return 'ok';
  if (statusCode === 401 || statusCode === 403) return 'unauthorized';
  if (statusCode === 409 || statusCode === 412) return 'conflict';
  if (statusCode === 503) return 'unavailable';
  if (statusCode < 500) return 'rejected';
  return 'error';
}

/** A reading taken at scrape time; undefined (or a failure) leaves the gauge as it was. */
export type Reading = () => Promise<number | undefined> | number | undefined;

// Scrape-time readings, per registry and gauge name: whoever registers last is read.
const readings = new WeakMap<Registry, Map<string, Reading>>();

function readingGauge(registry: Registry, name: string, help: string) {
  const sources = readings.get(registry) ?? new Map<string, Reading>();
  readings.set(registry, sources);
  const gauge = once(
    registry,
    name,
    () =>
      new Gauge({
        name,
        help,
        registers: [registry],
        async collect() {
          const value = await Promise.resolve()
            .then(() => sources.get(name)?.())
            .catch(() => undefined);
          if (value !== undefined) this.set(value);
        },
      }),
  );
  return { gauge, read: (source: Reading) => void sources.set(name, source) };
}

/** The forwarder's lag: the log's head minus its checkpoint, read at each scrape. */
export function forwarderMetrics(registry: Registry, lag: Reading) {
  const { gauge, read } = readingGauge(
    registry,
    metricNames.forwarderLag,
    "Events appended but not yet published: the log's head minus the forwarder's checkpoint",
  );
  read(lag);
  return { lag: gauge };
}

export type ProjectorReadings = { lag: Reading; deadLetterQueue?: Reading };

/** The projector: lag, dead letters, and the time tasks take to reach a Done card. */
export function projectorMetrics(registry: Registry, readings: ProjectorReadings) {
  const lag = readingGauge(
    registry,
    metricNames.projectorLag,
    "Events not yet in the read models: the log's head minus the projector's position",
  );
  lag.read(readings.lag);
  const queue = readingGauge(
    registry,
    metricNames.deadLetterQueue,
    "Messages in the projector queue's dead-letter queue",
  );
  if (readings.deadLetterQueue) queue.read(readings.deadLetterQueue);
  return {
    lag: lag.gauge,
    deadLetterQueue: queue.gauge,
    deadLetters: once(
      registry,
      metricNames.deadLetters,
      () =>
        new Counter({
          name: metricNames.deadLetters,
          help: 'Messages the projector gave up on (dead-lettered after the delivery limit)',
          registers: [registry],
        }),
    ),
    taskCompletion: once(
      registry,
      metricNames.taskCompletion,
      () =>
        new Histogram({
          name: metricNames.taskCompletion,
          help: 'Seconds from a task’s creation to its arrival on a Done card (from the events)',
          buckets: lifetimeBuckets,
          registers: [registry],
        }),
    ),
  };
}

const socketCounts = new WeakMap<Registry, Map<string, () => number>>();

/** Sockets connected to this instance right now, read at each scrape. */
export function socketMetrics(registry: Registry, instance: string, count: () => number) {
  const counts = socketCounts.get(registry) ?? new Map<string, () => number>();
  socketCounts.set(registry, counts);
  counts.set(instance, count);
  const gauge = once(
    registry,
    metricNames.openSockets,
    () =>
      new Gauge({
        name: metricNames.openSockets,
        help: 'Socket.IO connections open on this instance',
        labelNames: ['instance'] as const,
        registers: [registry],
        collect() {
          for (const [name, read] of counts) this.set({ instance: name }, read());
        },
      }),
  );
  return {
    openSockets: gauge,
    /** Forgets this instance's series (its server closed). */
    remove() {
      counts.delete(instance);
      gauge.remove({ instance });
    },
  };
}

export type Sample = { name: string; labels: Record<string, string>; value: number };

/**
 * Reads a scrape back (the Prometheus text format as prom-client writes it): every sample, and
 * the names of the families declared by `# TYPE` lines. For tests and health tooling.
 */
export function parsePrometheusText(text: string): { samples: Sample[]; families: Set<string> } {
  const samples: Sample[] = [];
  const families = new Set<string>();
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) /.exec(line);
    if (type) families.add(type[1]!);
    const sample = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!sample) continue;
    const labels = Object.fromEntries(
      [...(sample[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]),
    );
    samples.push({ name: sample[1]!, labels, value: Number(sample[3]) });
  }
  return { samples, families };
}

/** The value of the first sample named `name` whose labels include `labels`. */
export function sampleValue(
  samples: readonly Sample[],
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  return samples.find(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  )?.value;
}
