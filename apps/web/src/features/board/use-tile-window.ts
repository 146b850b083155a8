'use client';

import { type RefObject, useCallback, useEffect, useLayoutEffect, useState } from 'react';

/** Tiles kept sortable above and below the ones in view. */
const OVERSCAN = 8;
/** The window moves in steps of this many tiles, so scrolling re-renders rarely. */
const STEP = 8;
/** Columns this far left or right of the viewport count as in view. */
const SIDE_MARGIN = 200;

export type Range = { start: number; end: number };

/** First index whose tile ends below `y` (tiles are in order, positioned in the list). */
function firstEndingBelow(items: HTMLCollection, count: number, y: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const el = items[mid] as HTMLElement | undefined;
    if (el && el.offsetTop + el.offsetHeight < y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The tiles in view plus an overscan, measured from the list's own scroll position. */
function windowOf(list: HTMLElement, count: number): Range {
  // A column scrolled sideways out of view has no sortable tiles (its own droppable remains).
  const box = list.getBoundingClientRect();
  if (box.right < -SIDE_MARGIN || box.left > window.innerWidth + SIDE_MARGIN)
    return { start: 0, end: 0 };
  const top = list.scrollTop;
  const bottom = top + list.clientHeight;
  const first = firstEndingBelow(list.children, count, top);
  const last = firstEndingBelow(list.children, count, bottom);
  const start = Math.max(0, Math.floor((first - OVERSCAN) / STEP) * STEP);
  const end = Math.min(count, Math.ceil((last + 1 + OVERSCAN) / STEP) * STEP);
  return { start, end };
}

/**
 * Which of a list's `count` tiles are in view (plus an overscan), measured before the first paint
 * and again on scroll, resize, sideways scrolling of the board and whenever `items` changes.
 */
export function useTileWindow(
  listRef: RefObject<HTMLElement | null>,
  count: number,
  items: unknown,
): Range {
  const [range, setRange] = useState<Range>({ start: 0, end: 0 });

  const measure = useCallback(() => {
    const list = listRef.current;
    if (!list) return;
    const next = windowOf(list, count);
    setRange((r) => (r.start === next.start && r.end === next.end ? r : next));
  }, [listRef, count]);

  // Tasks added, moved or filtered: the window is measured again before paint.
  useLayoutEffect(() => {
    if (items) measure();
  }, [items, measure]);

  useEffect(() => {
    const list = listRef.current;
    if (!list) return;
    let frame = 0;
    const schedule = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        measure();
      });
    };
    list.addEventListener('scroll', schedule, { passive: true });
    const resize = new ResizeObserver(schedule);
    resize.observe(list);
    // The board scrolls sideways: columns come into view and leave it.
    const sideways = new IntersectionObserver(schedule, { rootMargin: `0px ${SIDE_MARGIN}px` });
    sideways.observe(list);
    return () => {
      list.removeEventListener('scroll', schedule);
      resize.disconnect();
      sideways.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [listRef, measure]);

  return { start: Math.min(range.start, count), end: Math.min(range.end, count) };
}
