'use client';

import type { CycleTimesDto } from '@taskomask/contracts';
import {
  CartesianGrid,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { axis, duration, durationUnit, grid, tick } from './chart-theme';
import { TooltipBox } from './chart-tooltip';

type Dot = { x: number; y: number; taskId: string; title: string; cycle: number; lead: number };

const percentileLines = [
  ['p50', '50%', '#10b981'],
  ['p85', '85%', '#f59e0b'],
  ['p95', '95%', '#ef4444'],
] as const;

/** One line per distinct value: equal percentiles share a line and a label ("50/85%"). */
function linesOf(percentiles: CycleTimesDto['percentiles']) {
  const lines: { value: number; label: string; colour: string }[] = [];
  for (const [key, text, colour] of percentileLines) {
    const value = percentiles[key];
    if (value === null) continue;
    const same = lines.find((l) => l.value === value);
    if (same) same.label = `${same.label.slice(0, -1)}/${text}`;
    else lines.push({ value, label: text, colour });
  }
  return lines;
}

/** Cycle time of each task done in the range, by the day it was done, with percentile lines. */
export function CycleScatter({
  data,
  onOpen,
}: {
  data: CycleTimesDto;
  onOpen: (taskId: string) => void;
}) {
  const unit = durationUnit(
    Math.max(0, ...data.tasks.map((t) => t.cycleSeconds), data.percentiles.p95 ?? 0),
  );
  const dots: Dot[] = data.tasks.map((t) => ({
    x: Date.parse(t.doneAt),
    y: t.cycleSeconds / unit.seconds,
    taskId: t.taskId,
    title: t.title,
    cycle: t.cycleSeconds,
    lead: t.leadSeconds,
  }));
  const date = (ms: number) => new Date(ms).toISOString().slice(5, 10);
  return (
    <ResponsiveContainer width="100%" height={260}>
      <ScatterChart margin={{ top: 8, right: 40, bottom: 0, left: -16 }}>
        <CartesianGrid {...grid} />
        <XAxis
          type="number"
          dataKey="x"
          domain={['dataMin', 'dataMax']}
          tickFormatter={date}
          {...axis}
          minTickGap={16}
        />
        <YAxis type="number" dataKey="y" unit={` ${unit.label}`} tickFormatter={tick} {...axis} />
        {linesOf(data.percentiles).map((line) => (
          <ReferenceLine
            key={line.label}
            y={line.value / unit.seconds}
            stroke={line.colour}
            strokeDasharray="4 3"
            label={{
              value: line.label,
              position: 'insideTopRight',
              fill: line.colour,
              fontSize: 11,
            }}
          />
        ))}
        <Tooltip
          cursor={{ strokeDasharray: '3 3' }}
          content={({ active, payload }) => {
            const dot = payload?.[0]?.payload as Dot | undefined;
            return active && dot ? (
              <TooltipBox
                title={dot.title}
                rows={[
                  ['Done', new Date(dot.x).toLocaleDateString()],
                  ['Cycle time', duration(dot.cycle)],
                  ['Lead time', duration(dot.lead)],
                ]}
              />
            ) : null;
          }}
        />
        <Scatter
          data={dots}
          fill="#3b82f6"
          isAnimationActive={false}
          className="cursor-pointer"
          onClick={(point) => {
            const taskId = (point as { payload?: Dot }).payload?.taskId;
            if (taskId) onOpen(taskId);
          }}
        />
      </ScatterChart>
    </ResponsiveContainer>
  );
}
