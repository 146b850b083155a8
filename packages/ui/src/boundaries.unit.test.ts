import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// packages/ui is props in, markup out: data, sessions, routing and sockets belong to the app.
const forbidden: { what: string; pattern: RegExp }[] = [
  { what: 'next-auth', pattern: /from\s+['"]next-auth(\/[^'"]*)?['"]/ },
  { what: 'next/*', pattern: /from\s+['"]next(\/[^'"]*)?['"]/ },
  { what: '@tanstack/react-query', pattern: /from\s+['"]@tanstack\/react-query['"]/ },
  { what: 'socket.io-client', pattern: /from\s+['"]socket\.io-client['"]/ },
  { what: "the web's api client", pattern: /from\s+['"](@\/lib\/api|[^'"]*apps\/web[^'"]*)['"]/ },
  { what: 'fetch(', pattern: /\bfetch\s*\(/ },
  { what: 'dynamic import', pattern: /\bimport\s*\(/ },
];

const root = fileURLToPath(new URL('.', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    // This file names the patterns it looks for.
    if (entry.name === 'boundaries.unit.test.ts') return [];
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

/** Offending lines as `file:line: what`. */
function offences(files: readonly string[]): string[] {
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, index) =>
        forbidden
          .filter(({ pattern }) => pattern.test(line))
          .map(({ what }) => `${relative(root, file)}:${index + 1}: ${what}`),
      ),
  );
}

describe('packages/ui boundaries', () => {
  it('walks the components', () => {
    const files = sources(root);
    expect(files.some((f) => f.endsWith('task-tile.tsx'))).toBe(true);
    expect(files.length).toBeGreaterThan(10);
  });

  it('imports no data fetching, session, routing or socket code', () => {
    expect(offences(sources(root))).toEqual([]);
  });

  it('names each offending file, line and import', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ui-boundaries-'));
    const file = join(dir, 'bad.tsx');
    writeFileSync(
      file,
      "import { useSession } from 'next-auth/react';\nimport Link from 'next/link';\nconst a = await fetch('/x');\n",
    );
    try {
      expect(offences([file]).map((o) => o.slice(o.indexOf('bad.tsx')))).toEqual([
        'bad.tsx:1: next-auth',
        'bad.tsx:2: next/*',
        'bad.tsx:3: fetch(',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
