import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

export const root = resolve(import.meta.dirname, '../../..');

export const read = (path: string): string => readFileSync(join(root, path), 'utf8');
export const exists = (path: string): boolean => existsSync(join(root, path));

/** Every document of a YAML file (Kubernetes files hold several, separated by `---`). */
export function yamlDocuments(path: string): unknown[] {
  return parseAllDocuments(read(path)).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors[0]!.message}`);
    return doc.toJS({ maxAliasCount: -1 });
  });
}

/** A single-document YAML file, with Compose's `<<: *anchor` merge keys applied. */
export const yamlFile = (path: string): unknown => parse(read(path), { merge: true });

type Manifest = Readonly<{
  name: string;
  version?: string;
  packageManager?: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}>;

export const manifest = (dir: string): Manifest =>
  JSON.parse(read(join(dir, 'package.json'))) as Manifest;

/** Workspace package name → its folder (`@taskomask/domain` → `packages/domain`). */
export function workspaces(): Map<string, string> {
  const found = new Map<string, string>();
  for (const parent of ['apps', 'packages']) {
    for (const entry of readdirSync(join(root, parent))) {
      const dir = `${parent}/${entry}`;
      if (exists(`${dir}/package.json`)) found.set(manifest(dir).name, dir);
    }
  }
  return found;
}

/** A workspace folder and the folders of every workspace it depends on at run time. */
export function runtimeClosure(dir: string): string[] {
  const byName = workspaces();
  const seen = new Set<string>([dir]);
  const visit = (current: string) => {
    for (const dep of Object.keys(manifest(current).dependencies ?? {})) {
      const depDir = byName.get(dep);
      if (depDir !== undefined && !seen.has(depDir)) {
        seen.add(depDir);
        visit(depDir);
      }
    }
  };
  visit(dir);
  return [...seen].sort();
}

/** The text of every source file under `dir` (TypeScript, JavaScript), concatenated. */
export function sourceText(dir: string): string {
  const full = join(root, dir);
  if (!existsSync(full)) return '';
  return readdirSync(full, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|tsx|mts|js|mjs)$/.test(file) && !file.includes('node_modules'))
    .map((file) => join(full, file))
    .filter((file) => statSync(file).isFile())
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
}

/** Bytes of a memory quantity, Kubernetes (`256Mi`, `128M`) or Compose (`256m`, `256M`) style. */
export function bytes(quantity: string | number, style: 'kubernetes' | 'compose'): number {
  if (typeof quantity === 'number') return quantity;
  const match = /^(\d+(?:\.\d+)?)\s*([A-Za-z]*)$/.exec(quantity.trim());
  if (match === null) throw new Error(`not a memory quantity: ${quantity}`);
  const [, value, unit = ''] = match;
  const binary: Record<string, number> = { k: 2 ** 10, m: 2 ** 20, g: 2 ** 30 };
  const units: Record<string, number> =
    style === 'compose'
      ? { '': 1, b: 1, ...binary, kb: 2 ** 10, mb: 2 ** 20, gb: 2 ** 30 }
      : { '': 1, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, k: 1e3, M: 1e6, G: 1e9 };
  const factor = style === 'compose' ? units[unit.toLowerCase()] : units[unit];
  if (factor === undefined) throw new Error(`unknown ${style} memory unit in ${quantity}`);
  return Number(value) * factor;
}

/** Is `path` (relative to the build context) left out by .dockerignore? Patterns without `!`. */
export function dockerIgnored(path: string, patterns: readonly string[]): boolean {
  const glob: Record<string, string> = { '**/': '(?:.*/)?', '**': '.*', '*': '[^/]*', '?': '[^/]' };
  const toRegExp = (pattern: string) => {
    const body = pattern
      .replace(/^\//, '')
      .split(/(\*\*\/|\*\*|\*|\?)/)
      .map((part) => glob[part] ?? part.replace(/[.+^${}()|[\]\\]/g, '\\$&'))
      .join('');
    // A pattern also leaves out everything under the folder it names.
    return new RegExp(`^${body}(?:/.*)?$`);
  };
  return patterns.some((pattern) => toRegExp(pattern).test(path));
}
