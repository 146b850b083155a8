'use client';

import type { AgingDto } from '@taskomask/contracts';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { axis, duration, durationUnit, grid, tick } from './chart-theme';
import { TooltipBox } from './chart-tooltip';

type Row = AgingDto['tasks'][number] & { age: number; card: string };

const shown = 15;

/** Work in progress by age since it started (oldest first), against the p85 cycle time. */
export function AgingChart({ data, onOpen }: { data: AgingDto; onOpen: (taskId: string) => void }) {
  const names = new Map(data.cards.map((c) => [c.cardId, c.name]));
  const unit = durationUnit(
    Math.max(0, ...data.tasks.slice(0, shown).map((t) => t.ageSeconds), data.p85Seconds ?? 0),
  );
  const rows: Row[] = data.tasks.slice(0, shown).map((t) => ({
    ...t,
    age: t.ageSeconds / unit.seconds,
    card: names.get(t.cardId) ?? '',
  }));
  if (rows.length === 0) {
    return <p className="py-8 text-center text-sm text-slate-500">No work in progress.</p>;
  }
  return (
    <ResponsiveContainer width="100%" height={Math.max(120, rows.length * 26 + 40)}>
      <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid {...grid} horizontal={false} />
        <XAxis type="number" unit={` ${unit.label}`} tickFormatter={tick} {...axis} />
        <YAxis
          type="category"
          dataKey="title"
          width={110}
          tickFormatter={(t: string) => (t.length > 16 ? `${t.slice(0, 15)}…` : t)}
          {...axis}
        />
        {data.p85Seconds === null ? null : (
          <ReferenceLine
            x={data.p85Seconds / unit.seconds}
            stroke="#f59e0b"
            strokeDasharray="4 3"
            label={{ value: '85%', position: 'top', fill: '#f59e0b', fontSize: 11 }}
          />
        )}
        <Tooltip
          cursor={{ fill: '#94a3b8', fillOpacity: 0.15 }}
          content={({ active, payload }) => {
            const row = payload?.[0]?.payload as Row | undefined;
            return active && row ? (
              <TooltipBox
                title={row.title}
                rows={[
                  ['On', row.card],
                  ['Age', duration(row.ageSeconds)],
                  ['Started', new Date(row.startedAt).toLocaleDateString()],
                ]}
              />
            ) : null;
          }}
        />
        <Bar
          dataKey="age"
          isAnimationActive={false}
          className="cursor-pointer"
          onClick={(bar) => {
            const taskId = (bar as { payload?: Row }).payload?.taskId;
            if (taskId) onOpen(taskId);
          }}
        >
          {rows.map((row) => (
            <Cell key={row.taskId} fill={row.overP85 ? '#ef4444' : '#3b82f6'} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
