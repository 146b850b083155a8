/** One line that redraws itself: `[#####.....] 120,000/200,000 events  52,000/s  ETA 2s`. */
export function progressLine({
  done,
  total,
  ratePerSecond,
  etaSeconds,
}: {
  done: number;
  total: number;
  ratePerSecond: number;
  etaSeconds: number;
}): string {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
  const n = (x: number) => Math.round(x).toLocaleString('en');
  const eta = Number.isFinite(etaSeconds) ? `${Math.ceil(etaSeconds)}s` : '?';
  return `[${bar}] ${n(done)}/${n(total)} events  ${n(ratePerSecond)}/s  ETA ${eta}`;
}
