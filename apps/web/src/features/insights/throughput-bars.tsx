'use client';

import type { ThroughputDto } from '@taskomask/contracts';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { axis, grid } from './chart-theme';
import { TooltipBox } from './chart-tooltip';

/** Tasks done per week (or day). */
export function ThroughputBars({ data }: { data: ThroughputDto }) {
  return (
    <ResponsiveContainer width="100%" height={220}>
      <BarChart data={data.buckets} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid {...grid} vertical={false} />
        <XAxis
          dataKey="bucket"
          tickFormatter={(b: string) => b.slice(5)}
          {...axis}
          minTickGap={12}
        />
        <YAxis allowDecimals={false} {...axis} />
        <Tooltip
          cursor={{ fill: '#94a3b8', fillOpacity: 0.15 }}
          content={({ active, payload }) => {
            const row = payload?.[0]?.payload as { bucket: string; done: number } | undefined;
            return active && row ? (
              <TooltipBox
                title={data.bucket === 'week' ? `Week of ${row.bucket}` : row.bucket}
                rows={[['Done', String(row.done), '#10b981']]}
              />
            ) : null;
          }}
        />
        <Bar dataKey="done" fill="#10b981" radius={[3, 3, 0, 0]} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
