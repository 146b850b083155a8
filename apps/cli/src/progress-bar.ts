/** One line that redraws itself: `[#####.....] 120,000/200,000 events  52,000/s  ETA 2s`. */
export function progressLine({
  done,
  total,
  ratePerSecond,
  etaSeconds,
  unit = 'events',
}: {
  done: number;
  total: number;
  ratePerSecond: number;
  etaSeconds: number;
  unit?: string;
}): string {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
  const n = (x: number) => Math.round(x).toLocaleString('en');
  const eta = Number.isFinite(etaSeconds) ? `${Math.ceil(etaSeconds)}s` : '?';
  return `[${bar}] ${n(done)}/${n(total)} ${unit}  ${n(ratePerSecond)}/s  ETA ${eta}`;
}

/**
 * Draws `progressLine`s on stdout at most every 200 ms (and the last one): redrawn in place on a
 * terminal, one per line otherwise. Call `end()` after the last step.
 */
export function progressPrinter(label: string, unit = 'events') {
  const tty = process.stdout.isTTY;
  const started = performance.now();
  let lastDraw = 0;
  let drawn = false;
  return {
    step(done: number, total: number) {
      const now = performance.now();
      if (now - lastDraw < 200 && done < total) return;
      lastDraw = now;
      drawn = true;
      const seconds = (now - started) / 1000;
      const rate = seconds > 0 ? done / seconds : 0;
      const line = `${label} ${progressLine({
        done,
        total,
        ratePerSecond: rate,
        etaSeconds: rate > 0 ? (total - done) / rate : Number.POSITIVE_INFINITY,
        unit,
      })}`;
      process.stdout.write(tty ? `\r${line}` : `${line}\n`);
    },
    end() {
      if (tty && drawn) process.stdout.write('\n');
    },
  };
}
