'use client';

import { useQuery } from '@tanstack/react-query';
import type { AgingDto, CfdDto, CycleTimesDto, ThroughputDto } from '@taskomask/contracts';
import { query } from '@/lib/api';
import { minPosition } from '@/lib/queries';

/** A range of days in the board's time zone; undefined ends: the server's defaults. */
export type InsightsRange = Readonly<{ from?: string; to?: string }>;

const ask = <T>(boardId: string, kind: string, range: InsightsRange, extra = {}) =>
  query<T>(`/boards/${boardId}/insights/${kind}`, {
    ...range,
    ...extra,
    minPosition: minPosition(),
  });

/** The four charts' data for one range; each refetches on its own when the range changes. */
export function useInsights(boardId: string, range: InsightsRange) {
  const key = (kind: string) => ['insights', boardId, kind, range.from, range.to] as const;
  const cfd = useQuery({
    queryKey: key('cfd'),
    queryFn: () => ask<CfdDto>(boardId, 'cfd', range),
  });
  const cycles = useQuery({
    queryKey: key('cycle-times'),
    queryFn: () => ask<CycleTimesDto>(boardId, 'cycle-times', range),
  });
  const throughput = useQuery({
    queryKey: key('throughput'),
    queryFn: () => ask<ThroughputDto>(boardId, 'throughput', range),
  });
  const aging = useQuery({
    queryKey: key('aging'),
    queryFn: () => ask<AgingDto>(boardId, 'aging', range),
  });
  return { cfd, cycles, throughput, aging };
}

/** The download link of a chart's CSV (through the BFF, like the other exports). */
export function csvHref(boardId: string, kind: string, range: InsightsRange) {
  const search = new URLSearchParams({ format: 'csv' });
  if (range.from) search.set('from', range.from);
  if (range.to) search.set('to', range.to);
  return `/api/q/boards/${boardId}/insights/${kind}?${search}`;
}
