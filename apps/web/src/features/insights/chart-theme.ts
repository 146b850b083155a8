// Colours the charts share: one per card flow, readable on white and on slate-950, plus a
// palette for the cards within a flow (a board may have several started cards).
export const flowColours = {
  waiting: ['#94a3b8', '#64748b', '#cbd5e1'],
  started: ['#3b82f6', '#8b5cf6', '#06b6d4', '#6366f1'],
  done: ['#10b981', '#22c55e', '#14b8a6'],
} as const;

export type Flow = keyof typeof flowColours;

/** A colour per card, by its flow and its rank among the cards of that flow. */
export function cardColours(cards: readonly { cardId: string; flow: Flow }[]) {
  const seen: Record<Flow, number> = { waiting: 0, started: 0, done: 0 };
  return new Map(
    cards.map((card) => {
      const palette = flowColours[card.flow];
      const colour = palette[seen[card.flow]++ % palette.length]!;
      return [card.cardId, colour] as const;
    }),
  );
}

/** Axis and grid colours that work in both themes (slate-500 text, slate-400 at low opacity). */
export const axis = { stroke: '#64748b', fontSize: 11 } as const;
export const grid = { stroke: '#94a3b8', strokeOpacity: 0.25 } as const;

/** "3.5 d", "5 h", "12 min": a duration for people. */
export function duration(seconds: number): string {
  if (seconds >= 86_400) return `${(seconds / 86_400).toFixed(seconds >= 864_000 ? 0 : 1)} d`;
  if (seconds >= 3600) return `${(seconds / 3600).toFixed(seconds >= 36_000 ? 0 : 1)} h`;
  return `${Math.round(seconds / 60)} min`;
}

/** The unit an axis of durations reads best in, for values up to `maxSeconds`. */
export function durationUnit(maxSeconds: number): { label: string; seconds: number } {
  if (maxSeconds >= 2 * 86_400) return { label: 'd', seconds: 86_400 };
  if (maxSeconds >= 2 * 3600) return { label: 'h', seconds: 3600 };
  if (maxSeconds >= 120) return { label: 'min', seconds: 60 };
  if (maxSeconds >= 2) return { label: 's', seconds: 1 };
  return { label: 'ms', seconds: 0.001 };
}

/** An axis tick: at most one decimal, none from 10 up. */
export const tick = (value: number) => String(Number(value.toFixed(Math.abs(value) < 10 ? 1 : 0)));
