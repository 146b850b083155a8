// Static checks of deploy/observability: the collector config is a coherent pipeline, and the
// dashboard and alerts ask only for metrics the apps really export (no collector, Prometheus or
// Grafana runs here).
import { describe, expect, it } from 'vitest';
import { read, sourceText, yamlFile } from './support/repo';

/** The metrics issue #7 asks for, by the name the apps register them under. */
const ourMetrics = [
  'tasks_created_total',
  'task_completion_seconds',
  'taskomask_command_duration_seconds',
  'taskomask_append_conflicts_total',
  'taskomask_forwarder_lag_events',
  'taskomask_projector_lag_events',
  'taskomask_dead_letters_total',
  'taskomask_dead_letter_queue_messages',
  'taskomask_open_sockets',
  'http_request_duration_seconds',
] as const;
/** prom-client's default process metrics, which every app registers too. */
const defaultMetrics = ['process_resident_memory_bytes'];

const suffixes = ['_bucket', '_count', '_sum'];
/** The registered metric a series name belongs to (histograms expose _bucket/_count/_sum). */
function metricOf(series: string): string {
  for (const suffix of suffixes)
    if (series.endsWith(suffix) && !ourMetrics.includes(series as never))
      return series.slice(0, -suffix.length);
  return series;
}

// Words of a PromQL expression that are functions, keywords, label names or durations.
const promqlWords = new Set(
  'sum max min avg count rate increase irate histogram_quantile by without le on ignoring'.split(
    ' ',
  ),
);
/** The series names a PromQL expression reads. */
function seriesIn(expr: string): string[] {
  const withoutStrings = expr.replace(/"[^"]*"/g, '""').replace(/\{[^}]*\}/g, '');
  const withoutGroupings = withoutStrings.replace(/\b(by|without)\s*\([^)]*\)/g, '');
  const withoutRanges = withoutGroupings.replace(/\[[^\]]*\]/g, '');
  return [...withoutRanges.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)]
    .map(([word]) => word)
    .filter((word) => !promqlWords.has(word));
}

const appSources = ['apps/api', 'apps/forwarder', 'apps/projector', 'apps/identity']
  .map((dir) => sourceText(dir))
  .concat(sourceText('packages/observability'))
  .join('\n');

type Pipeline = { receivers: string[]; processors: string[]; exporters: string[] };
type Collector = {
  receivers: Record<string, unknown>;
  processors: Record<string, unknown>;
  exporters: Record<string, Record<string, unknown>>;
  extensions?: Record<string, unknown>;
  service: { extensions?: string[]; pipelines: Record<string, Pipeline> };
};

describe('deploy/observability/otel-collector.yaml', () => {
  const collector = yamlFile('deploy/observability/otel-collector.yaml') as Collector;
  const pipelines = Object.entries(collector.service.pipelines);

  it('has a traces and a metrics pipeline', () => {
    expect(Object.keys(collector.service.pipelines).sort()).toEqual(['metrics', 'traces']);
  });

  it('defines every component a pipeline names, and uses every component it defines', () => {
    for (const kind of ['receivers', 'processors', 'exporters'] as const) {
      const used = new Set(pipelines.flatMap(([, pipeline]) => pipeline[kind]));
      expect([...used].sort(), kind).toEqual(Object.keys(collector[kind]).sort());
    }
    expect(collector.service.extensions ?? []).toEqual(Object.keys(collector.extensions ?? {}));
  });

  it('limits memory first and batches last, in every pipeline', () => {
    for (const [name, pipeline] of pipelines) {
      expect(pipeline.processors[0], name).toBe('memory_limiter');
      expect(pipeline.processors.at(-1), name).toBe('batch');
    }
  });

  it('receives OTLP on the standard ports the apps export to', () => {
    const text = read('deploy/observability/otel-collector.yaml');
    expect(text).toContain('0.0.0.0:4317');
    expect(text).toContain('0.0.0.0:4318');
  });

  it('takes every backend endpoint from the environment, never a literal URL or credential', () => {
    for (const [name, exporter] of Object.entries(collector.exporters)) {
      expect(String(exporter.endpoint), name).toMatch(/^\$\{env:[A-Z_]+\}$/);
      expect(JSON.stringify(exporter), name).not.toMatch(/password|token|api[_-]?key/i);
    }
  });
});

type Panel = {
  id: number;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource: { uid: string };
  targets: { refId: string; expr: string; datasource: { uid: string } }[];
};
type Dashboard = {
  uid: string;
  templating: { list: { name: string; type: string }[] };
  panels: Panel[];
};

// Grafana's own variable syntax, not a template literal.
// biome-ignore lint/suspicious/noTemplateCurlyInString: the text Grafana substitutes
const datasourceVariable = '${datasource}';

describe('deploy/observability/grafana-dashboard.json', () => {
  const dashboard = JSON.parse(read('deploy/observability/grafana-dashboard.json')) as Dashboard;
  const exprs = dashboard.panels.flatMap((panel) => panel.targets.map((t) => t.expr));
  const read_ = new Set(exprs.flatMap(seriesIn).map(metricOf));

  it('charts every metric the apps export for operators', () => {
    for (const metric of ourMetrics) expect(read_, metric).toContain(metric);
  });

  it('reads only metrics that exist: ours, registered in the sources, or prom-client defaults', () => {
    for (const metric of read_) {
      expect([...ourMetrics, ...defaultMetrics], `${metric} is not a known metric`).toContain(
        metric,
      );
    }
    for (const metric of ourMetrics) {
      expect(appSources.includes(`'${metric}'`), `${metric} is registered by an app`).toBe(true);
    }
  });

  it('uses its datasource variable everywhere, so it imports into any Grafana', () => {
    expect(dashboard.templating.list.map((v) => [v.name, v.type])).toContainEqual([
      'datasource',
      'datasource',
    ]);
    for (const panel of dashboard.panels) {
      expect(panel.datasource.uid, panel.title).toBe(datasourceVariable);
      for (const target of panel.targets) expect(target.datasource.uid).toBe(datasourceVariable);
    }
  });

  it('has unique panel ids and refIds, and panels that do not overlap on the 24-column grid', () => {
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
    for (const panel of dashboard.panels) {
      const refIds = panel.targets.map((t) => t.refId);
      expect(new Set(refIds).size, panel.title).toBe(refIds.length);
      expect(panel.gridPos.x + panel.gridPos.w, panel.title).toBeLessThanOrEqual(24);
    }
    const cells = new Set<string>();
    for (const { gridPos, title } of dashboard.panels) {
      for (let x = gridPos.x; x < gridPos.x + gridPos.w; x++)
        for (let y = gridPos.y; y < gridPos.y + gridPos.h; y++) {
          expect(cells.has(`${x},${y}`), `${title} overlaps another panel`).toBe(false);
          cells.add(`${x},${y}`);
        }
    }
  });

  it('balances the brackets of every query', () => {
    for (const expr of exprs) {
      for (const [open, close] of ['()', '[]', '{}']) {
        expect(expr.split(open!).length, expr).toBe(expr.split(close!).length);
      }
    }
  });
});

type Rules = {
  groups: {
    name: string;
    rules: { alert: string; expr: string; for: string; labels: { severity: string } }[];
  }[];
};

describe('deploy/observability/alerts.yaml', () => {
  const rules = (yamlFile('deploy/observability/alerts.yaml') as Rules).groups.flatMap(
    (g) => g.rules,
  );

  it('alerts on projector lag, forwarder lag, dead letters and server errors', () => {
    const metrics = new Set(rules.flatMap((rule) => seriesIn(rule.expr)).map(metricOf));
    for (const metric of [
      'taskomask_projector_lag_events',
      'taskomask_forwarder_lag_events',
      'taskomask_dead_letter_queue_messages',
      'http_request_duration_seconds',
    ])
      expect(metrics, metric).toContain(metric);
    for (const metric of metrics) expect(ourMetrics as readonly string[]).toContain(metric);
  });

  it('gives every rule a unique name, a duration and a severity', () => {
    expect(new Set(rules.map((r) => r.alert)).size).toBe(rules.length);
    for (const rule of rules) {
      expect(rule.for, rule.alert).toMatch(/^\d+[smh]$/);
      expect(['warning', 'critical'], rule.alert).toContain(rule.labels.severity);
    }
  });
});
