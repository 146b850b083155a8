'use client';

import type { CfdDto } from '@taskomask/contracts';
import {
  Area,
  AreaChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { axis, cardColours, grid } from './chart-theme';
import { TooltipBox } from './chart-tooltip';

/** Cumulative flow: per day, the tasks on each card, stacked with Done at the bottom. */
export function CfdChart({ data }: { data: CfdDto }) {
  const colours = cardColours(data.cards);
  const rows = data.buckets.map((b) => ({ bucket: b.bucket, ...b.counts }));
  // Stacked bottom-up: the last card of the board (Done) first.
  const stacked = [...data.cards].reverse();
  const label = (bucket: string) =>
    data.bucket === 'hour' ? bucket.slice(11, 16) : bucket.slice(5);
  return (
    <ResponsiveContainer width="100%" height={260}>
      <AreaChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid {...grid} vertical={false} />
        <XAxis dataKey="bucket" tickFormatter={label} {...axis} minTickGap={16} />
        <YAxis allowDecimals={false} {...axis} />
        <Tooltip
          content={({ active, payload, label: bucket }) =>
            active && payload?.length ? (
              <TooltipBox
                title={String(bucket)}
                rows={data.cards.map((c) => [
                  c.name || 'Card',
                  String(((payload[0]?.payload ?? {}) as Record<string, number>)[c.cardId] ?? 0),
                  colours.get(c.cardId),
                ])}
              />
            ) : null
          }
        />
        {stacked.map((card) => (
          <Area
            key={card.cardId}
            type="linear"
            dataKey={card.cardId}
            name={card.name}
            stackId="cards"
            stroke={colours.get(card.cardId)}
            fill={colours.get(card.cardId)}
            fillOpacity={0.55}
            isAnimationActive={false}
          />
        ))}
      </AreaChart>
    </ResponsiveContainer>
  );
}
