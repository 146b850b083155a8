'use client';

import type { InsightsRange } from './use-insights';

const presets = [
  ['7', 'Last 7 days'],
  ['30', 'Last 30 days'],
  ['90', 'Last 90 days'],
  ['365', 'Last year'],
] as const;

/** `days` days ending today, as the server counts days (the board's zone; today's date is close). */
export function lastDays(days: number): InsightsRange {
  const to = new Date();
  const from = new Date(to.getTime() - (days - 1) * 86_400_000);
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

/** Presets, or two dates; the range lives in the URL so a chart can be shared. */
export function RangePicker({
  range,
  onChange,
}: {
  range: InsightsRange;
  onChange: (range: InsightsRange) => void;
}) {
  const preset =
    presets.find(([days]) => {
      const r = lastDays(Number(days));
      return r.from === range.from && r.to === range.to;
    })?.[0] ?? (range.from === undefined && range.to === undefined ? '30' : 'custom');
  return (
    <div className="flex flex-wrap items-end gap-2" data-testid="insights-range">
      <label className="text-xs text-slate-500">
        <span className="block">Range</span>
        <select
          className="input mt-0.5 w-auto"
          value={preset}
          onChange={(e) => {
            if (e.target.value !== 'custom') onChange(lastDays(Number(e.target.value)));
          }}
        >
          {presets.map(([days, label]) => (
            <option key={days} value={days}>
              {label}
            </option>
          ))}
          <option value="custom">Custom</option>
        </select>
      </label>
      <label className="text-xs text-slate-500">
        <span className="block">From</span>
        <input
          type="date"
          className="input mt-0.5 w-auto"
          value={range.from ?? lastDays(30).from}
          max={range.to}
          onChange={(e) => e.target.value && onChange({ ...range, from: e.target.value })}
        />
      </label>
      <label className="text-xs text-slate-500">
        <span className="block">To</span>
        <input
          type="date"
          className="input mt-0.5 w-auto"
          value={range.to ?? lastDays(30).to}
          min={range.from}
          onChange={(e) => e.target.value && onChange({ ...range, to: e.target.value })}
        />
      </label>
    </div>
  );
}
