// The snippet README.md gives receivers ("Verifying webhook signatures"), run as written.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { signatureOf } from '../src/signature';

describe('the README’s receiver snippet', () => {
  it('verifies what the sender signs, and refuses a changed body or another secret', async () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('#### Verifying webhook signatures'));
    const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
    expect(code, 'a js block under "Verifying webhook signatures"').toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'taskomask-readme-'));
    try {
      const file = join(dir, 'verify.mjs');
      writeFileSync(file, code!);
      const { verifyTaskoMask } = (await import(pathToFileURL(file).href)) as {
        verifyTaskoMask: (secret: string, body: string, header: string) => boolean;
      };
      const secret = 'whsec_readme_0123456789';
      const body = '{"type":"TaskMoved","data":{"title":"ü"}}';
      const header = signatureOf(secret, body, Math.floor(Date.now() / 1000));
      expect(verifyTaskoMask(secret, body, header)).toBe(true);
      expect(verifyTaskoMask(secret, `${body}\n`, header)).toBe(false);
      expect(verifyTaskoMask('whsec_other_0123456789', body, header)).toBe(false);
      const old = signatureOf(secret, body, Math.floor(Date.now() / 1000) - 3_600);
      expect(verifyTaskoMask(secret, body, old)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
