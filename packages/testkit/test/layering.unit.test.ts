// The house rule, checked over the whole tree: apps import only packages, never each other, except
// the composition roots that start the system (embedded, distributed, cli); packages import no app.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const compositionRoots = new Set(['embedded', 'distributed', 'cli']);
const skipped = new Set(['node_modules', '.next', 'dist', 'coverage']);

const folders = (parent: string) =>
  readdirSync(join(root, parent)).filter((name) =>
    statSync(join(root, parent, name)).isDirectory(),
  );
const apps = folders('apps');
const packages = folders('packages');
/** `@taskomask/<name>` of every app, read from its package.json. */
const appPackages = new Map(
  apps.map((app) => {
    const manifest = JSON.parse(readFileSync(join(root, 'apps', app, 'package.json'), 'utf8'));
    return [manifest.name as string, app] as const;
  }),
);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skipped.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
      out.push(path);
  }
  return out;
}

/** Every module specifier: static and dynamic imports, re-exports, `import x = require`. */
export function specifiersOf(text: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) found.push(match[1]!);
  }
  return found;
}

/** Where a file lives: `apps/<name>`, `packages/<name>`, or neither. */
function homeOf(path: string): { kind: 'apps' | 'packages'; name: string } | undefined {
  const [kind, name] = relative(root, path).split(sep);
  if ((kind === 'apps' || kind === 'packages') && name !== undefined) return { kind, name };
  return undefined;
}

/** Why an import from `file` of `specifier` breaks the rule, or undefined when it does not. */
export function violation(file: string, specifier: string): string | undefined {
  const home = homeOf(file);
  if (home === undefined) return undefined;
  if (specifier.startsWith('.')) {
    const target = homeOf(resolve(dirname(file), specifier));
    if (target?.kind === 'apps' && !(home.kind === 'apps' && target.name === home.name)) {
      return `reaches into apps/${target.name} by a relative path`;
    }
    return undefined;
  }
  const pkg = specifier.split('/').slice(0, 2).join('/');
  const app = appPackages.get(pkg);
  if (app === undefined || (home.kind === 'apps' && app === home.name)) return undefined;
  if (home.kind === 'packages') return `package imports the app ${pkg}`;
  if (!compositionRoots.has(home.name)) return `app imports the app ${pkg}`;
  return undefined;
}

describe('layering', () => {
  it('apps import only packages (composition roots excepted), packages import no app', () => {
    const offences: string[] = [];
    for (const [kind, names] of [
      ['apps', apps],
      ['packages', packages],
    ] as const) {
      for (const name of names) {
        for (const file of sourceFiles(join(root, kind, name))) {
          for (const specifier of specifiersOf(readFileSync(file, 'utf8'))) {
            const why = violation(file, specifier);
            if (why) offences.push(`${relative(root, file)}: '${specifier}' — ${why}`);
          }
        }
      }
    }
    expect(offences, offences.join('\n')).toEqual([]);
  });

  it('no app lists another app as a dependency or dev dependency, composition roots excepted', () => {
    const offences: string[] = [];
    for (const [kind, names] of [
      ['apps', apps],
      ['packages', packages],
    ] as const) {
      for (const name of names) {
        const path = join(root, kind, name, 'package.json');
        if (!existsSync(path)) continue;
        const manifest = JSON.parse(readFileSync(path, 'utf8'));
        for (const field of ['dependencies', 'devDependencies', 'peerDependencies'] as const) {
          for (const dep of Object.keys(manifest[field] ?? {})) {
            const app = appPackages.get(dep);
            if (app === undefined || app === name) continue;
            if (kind === 'apps' && compositionRoots.has(name)) continue;
            offences.push(`${kind}/${name}/package.json ${field}: ${dep}`);
          }
        }
      }
    }
    expect(offences, offences.join('\n')).toEqual([]);
  });

  it('tells the offences it looks for from the imports it allows', () => {
    const at = (path: string) => join(root, path);
    expect(violation(at('apps/api/src/x.ts'), '../../projector/src/y')).toMatch(/apps\/projector/);
    expect(violation(at('apps/api/src/x.ts'), '@taskomask/projector')).toMatch(/app imports/);
    expect(violation(at('packages/ui/src/x.ts'), '@taskomask/web/lib')).toMatch(/package imports/);
    expect(violation(at('apps/embedded/src/x.ts'), '@taskomask/api/queries')).toBeUndefined();
    expect(violation(at('apps/api/src/x.ts'), '../http/auth')).toBeUndefined();
    expect(violation(at('apps/api/src/x.ts'), '@taskomask/read-models')).toBeUndefined();
    expect(
      specifiersOf("import type { A } from 'a';\nexport * from \"b\";\nawait import('c');"),
    ).toEqual(['a', 'b', 'c']);
  });
});
