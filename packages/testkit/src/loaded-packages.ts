import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const root = resolve(import.meta.dirname, '../../..');

/**
 * Runs `script` (an ES module body, top-level await allowed, TypeScript imports through tsx) in a
 * fresh Node process from the repository root and answers which of `packages` it loaded by the
 * time it finished. A separate process, because this one has loaded everything already. Packages
 * are told by their files in the CommonJS cache, where Node also keeps those `import` loads.
 */
export async function loadedPackages(
  script: string,
  packages: readonly string[],
): Promise<string[]> {
  const probe = `
${script}
const { createRequire } = await import('node:module');
const files = Object.keys(createRequire(import.meta.url).cache);
const wanted = ${JSON.stringify(packages)};
console.log(JSON.stringify(wanted.filter((name) => files.some((f) => f.includes('/node_modules/' + name + '/')))));
`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', probe],
    { cwd: root, timeout: 30_000 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '[]') as string[];
}
