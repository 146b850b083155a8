import type { EventStore } from '@taskomask/eventstore';
import { type RebuildResult, rebuildReadModels } from '@taskomask/read-models';
import type { ReadStoreCatalog } from '@taskomask/readstore';
import { progressLine } from './progress-bar';

/** Replays the event store into a new generation of the read store, drawing a progress bar. */
export async function rebuildWithProgress(
  eventStore: EventStore,
  catalog: ReadStoreCatalog,
): Promise<RebuildResult> {
  const tty = process.stdout.isTTY;
  let lastDraw = 0;
  const result = await rebuildReadModels({
    eventStore,
    catalog,
    onProgress: (p) => {
      const now = Date.now();
      if (now - lastDraw < 200 && p.done < p.total) return;
      lastDraw = now;
      process.stdout.write(tty ? `\r${progressLine(p)}` : `${progressLine(p)}\n`);
    },
  });
  if (tty) process.stdout.write('\n');
  console.log(
    `rebuilt ${result.events.toLocaleString('en')} events in ${result.seconds.toFixed(1)}s into ` +
      `generation ${result.generation} (was ${result.previous}); it is now current`,
  );
  return result;
}
