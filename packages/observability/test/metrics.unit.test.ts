import { describe, expect, it } from 'vitest';
import {
  commandMetrics,
  createRegistry,
  forwarderMetrics,
  httpMetrics,
  metricNames,
  outcomeOf,
  parsePrometheusText,
  projectorMetrics,
  sampleValue,
  scrapeAllowed,
  socketMetrics,
} from '../src/metrics';

const scrape = async (registry: ReturnType<typeof createRegistry>) =>
  parsePrometheusText(await registry.metrics());

describe('metrics', () => {
  it('names command outcomes from the answer’s status', () => {
    expect(
      [200, 201, 304, 401, 403, 409, 412, 400, 404, 413, 422, 503, 500].map(outcomeOf),
    ).toEqual([
      'ok',
      'ok',
      'ok',
      'unauthorized',
      'unauthorized',
      'conflict',
      'conflict',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'unavailable',
      'error',
    ]);
  });

  it('shares one family between the apps of one process (embedded), and keeps processes apart', async () => {
    const shared = createRegistry({ defaultMetrics: false });
    commandMetrics(shared).tasksCreated.inc();
    commandMetrics(shared).tasksCreated.inc(2);
    httpMetrics(shared).requestDuration.observe(
      { method: 'GET', route: '/boards/:boardId', status_code: '200' },
      0.02,
    );
    httpMetrics(shared).requestDuration.observe(
      { method: 'GET', route: '/boards/:boardId', status_code: '200' },
      0.03,
    );
    const { samples } = await scrape(shared);
    expect(sampleValue(samples, metricNames.tasksCreated)).toBe(3);
    expect(
      sampleValue(samples, `${metricNames.httpRequestDuration}_count`, {
        route: '/boards/:boardId',
      }),
    ).toBe(2);
    const other = createRegistry({ defaultMetrics: false });
    commandMetrics(other);
    expect(sampleValue((await scrape(other)).samples, metricNames.tasksCreated)).toBe(0);
  });

  it('reads lag gauges at scrape time, keeping the last value when a reading fails', async () => {
    const registry = createRegistry({ defaultMetrics: false });
    let head = 10;
    let failing = false;
    forwarderMetrics(registry, () => {
      if (failing) throw new Error('store down');
      return head - 4;
    });
    projectorMetrics(registry, { lag: async () => head - 9, deadLetterQueue: async () => 2 });
    let { samples } = await scrape(registry);
    expect(sampleValue(samples, metricNames.forwarderLag)).toBe(6);
    expect(sampleValue(samples, metricNames.projectorLag)).toBe(1);
    expect(sampleValue(samples, metricNames.deadLetterQueue)).toBe(2);
    head = 20;
    ({ samples } = await scrape(registry));
    expect(sampleValue(samples, metricNames.forwarderLag)).toBe(16);
    failing = true;
    ({ samples } = await scrape(registry));
    expect(sampleValue(samples, metricNames.forwarderLag)).toBe(16);
    expect(sampleValue(samples, metricNames.projectorLag)).toBe(11);
  });

  it('counts open sockets per instance, and forgets a closed instance', async () => {
    const registry = createRegistry({ defaultMetrics: false });
    let a = 2;
    const first = socketMetrics(registry, 'host-a:1', () => a);
    socketMetrics(registry, 'host-b:2', () => 5);
    let { samples } = await scrape(registry);
    expect(sampleValue(samples, metricNames.openSockets, { instance: 'host-a:1' })).toBe(2);
    expect(sampleValue(samples, metricNames.openSockets, { instance: 'host-b:2' })).toBe(5);
    a = 3;
    first.remove();
    ({ samples } = await scrape(registry));
    expect(sampleValue(samples, metricNames.openSockets, { instance: 'host-a:1' })).toBeUndefined();
    expect(sampleValue(samples, metricNames.openSockets, { instance: 'host-b:2' })).toBe(5);
  });

  it('lets a scrape in with the bearer token only, once METRICS_TOKEN is set', () => {
    const open = createRegistry({ defaultMetrics: false });
    expect(scrapeAllowed(open, undefined)).toBe(true);
    const guarded = createRegistry({
      defaultMetrics: false,
      token: 'a-scrape-token-of-some-length',
    });
    expect(scrapeAllowed(guarded, undefined)).toBe(false);
    expect(scrapeAllowed(guarded, 'Bearer wrong-token')).toBe(false);
    expect(scrapeAllowed(guarded, 'Basic a-scrape-token-of-some-length')).toBe(false);
    expect(scrapeAllowed(guarded, 'Bearer a-scrape-token-of-some-length')).toBe(true);
    expect(scrapeAllowed(guarded, 'bearer  a-scrape-token-of-some-length')).toBe(true);
  });

  it('has the process metrics by default', async () => {
    const { families } = await scrape(createRegistry());
    expect(families.has('process_cpu_user_seconds_total')).toBe(true);
    expect(families.has('process_resident_memory_bytes')).toBe(true);
    expect(families.has('nodejs_eventloop_lag_seconds')).toBe(true);
  });
});
