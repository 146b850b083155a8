'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import { Spinner } from '@taskomask/ui/states';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import type { ReactNode } from 'react';
import { QueryError } from '@/features/shared/query-error';
import { canManage } from '@/lib/api';
import { useBoard, useWorkspace } from '@/lib/queries';
import { AgingChart } from './aging-chart';
import { CfdChart } from './cfd-chart';
import { duration } from './chart-theme';
import { CycleScatter } from './cycle-scatter';
import { FlowSettings } from './flow-settings';
import { RangePicker } from './range-picker';
import { ThroughputBars } from './throughput-bars';
import { csvHref, type InsightsRange, useInsights } from './use-insights';

/** One chart's frame: title, a line on how to read it, its CSV, and its state. */
function ChartCard<T>({
  title,
  hint,
  csv,
  result,
  testId,
  children,
}: {
  title: string;
  hint: string;
  csv: string;
  result: UseQueryResult<T>;
  testId: string;
  children: (data: T) => ReactNode;
}) {
  return (
    <section className="panel min-w-0 p-3 sm:p-4" data-testid={testId} aria-label={title}>
      <div className="mb-2 flex items-start gap-2">
        <div className="min-w-0 flex-1">
          <h2 className="text-sm font-semibold">{title}</h2>
          <p className="text-xs text-slate-500">{hint}</p>
        </div>
        <a href={csv} download className="btn-ghost shrink-0 text-xs" data-testid={`${testId}-csv`}>
          Download CSV
        </a>
      </div>
      {result.isPending ? (
        <Spinner label={`Loading ${title.toLowerCase()}`} />
      ) : result.isError ? (
        <QueryError error={result.error} retry={() => void result.refetch()} />
      ) : (
        children(result.data)
      )}
    </section>
  );
}

/** The board's flow charts for a range: cumulative flow, cycle times, throughput, aging work. */
export function InsightsScreen({ boardId }: { boardId: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const range: InsightsRange = {
    ...(search.get('from') ? { from: search.get('from')! } : {}),
    ...(search.get('to') ? { to: search.get('to')! } : {}),
  };
  const board = useBoard(boardId);
  const workspace = useWorkspace(board.data?.workspaceId);
  const { cfd, cycles, throughput, aging } = useInsights(boardId, range);
  const open = (taskId: string) => router.push(`/boards/${boardId}/tasks/${taskId}`);
  const setRange = (next: InsightsRange) => {
    const params = new URLSearchParams();
    if (next.from) params.set('from', next.from);
    if (next.to) params.set('to', next.to);
    router.replace(`${pathname}?${params}`);
  };

  return (
    <div
      className="fixed inset-0 z-30 overflow-y-auto bg-slate-50 dark:bg-slate-950"
      role="dialog"
      aria-modal="true"
      aria-label="Insights"
      data-testid="insights"
    >
      <div className="mx-auto flex max-w-6xl flex-col gap-3 p-3 sm:p-5">
        <div className="flex flex-wrap items-center gap-3">
          <Link
            href={`/boards/${boardId}`}
            className="btn-ghost text-sm"
            data-testid="insights-back"
          >
            ← {board.data?.name ?? 'Board'}
          </Link>
          <h1 className="text-xl font-bold tracking-tight">Insights</h1>
          <span className="text-xs text-slate-500">
            {cfd.data ? `${cfd.data.from} – ${cfd.data.to}, ${cfd.data.timeZone}` : null}
          </span>
        </div>
        <RangePicker range={range} onChange={setRange} />
        {cfd.data && canManage(workspace.data?.role) ? (
          <FlowSettings boardId={boardId} data={cfd.data} />
        ) : null}
        <div className="grid gap-3 lg:grid-cols-2">
          <ChartCard
            title="Cumulative flow"
            hint="Tasks on each card at the end of each day."
            csv={csvHref(boardId, 'cfd', range)}
            result={cfd}
            testId="chart-cfd"
          >
            {(data) => <CfdChart data={data} />}
          </ChartCard>
          <ChartCard
            title="Cycle time"
            hint="Each dot a task done in the range: days from started to done. Click one to open it."
            csv={csvHref(boardId, 'cycle-times', range)}
            result={cycles}
            testId="chart-cycle"
          >
            {(data) => (
              <>
                <CycleScatter data={data} onOpen={open} />
                <p className="mt-1 text-xs text-slate-500" data-testid="cycle-percentiles">
                  {data.tasks.length} done · 50%: {fmt(data.percentiles.p50)} · 85%:{' '}
                  {fmt(data.percentiles.p85)} · 95%: {fmt(data.percentiles.p95)}
                </p>
              </>
            )}
          </ChartCard>
          <ChartCard
            title="Throughput"
            hint="Tasks done each week."
            csv={csvHref(boardId, 'throughput', range)}
            result={throughput}
            testId="chart-throughput"
          >
            {(data) => <ThroughputBars data={data} />}
          </ChartCard>
          <ChartCard
            title="Aging work"
            hint="Work in progress by age since it started; red: older than 85% of the range's cycle times."
            csv={csvHref(boardId, 'aging', range)}
            result={aging}
            testId="chart-aging"
          >
            {(data) => <AgingChart data={data} onOpen={open} />}
          </ChartCard>
        </div>
      </div>
    </div>
  );
}

const fmt = (seconds: number | null) => (seconds === null ? '—' : duration(seconds));
