// Re-derives what a frozen log must fold to — v<N>.states.json and v<N>.read-models.json — from
// its committed v<N>.events.ndjson, which it never touches. Only for a deliberate change of what
// a write-model state or a read-model document holds (a new field, a renamed one): the diff of
// the expected files is then part of that change's review. A change that only meant to read old
// events differently must not need it.
//   npx tsx packages/domain/scripts/refold-frozen-log.ts v1
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectFrozenLog } from '../../read-models/test/frozen-read-models';
import { foldStates, frozenDir, readFrozenLog } from '../test/frozen-log';

const version = process.argv[2];
if (version === undefined || !/^v\d+$/.test(version)) {
  console.error('usage: npx tsx packages/domain/scripts/refold-frozen-log.ts v<N>');
  process.exit(2);
}
if (!existsSync(new URL(`${version}.events.ndjson`, frozenDir))) {
  console.error(`${version}.events.ndjson does not exist: freeze it with freeze-log.ts first`);
  process.exit(1);
}
const log = readFrozenLog(`${version}.events.ndjson`);
writeFileSync(
  new URL(`${version}.states.json`, frozenDir),
  `${JSON.stringify(foldStates(log), null, 2)}\n`,
);
const dir = mkdtempSync(join(tmpdir(), 'taskomask-refold-'));
try {
  const documents = await projectFrozenLog(log, dir);
  writeFileSync(
    new URL(`${version}.read-models.json`, frozenDir),
    `${JSON.stringify(documents, null, 2)}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`refolded ${log.length} events of ${version}; review the diff of its expected files`);
