import { describe, expect, it } from 'vitest';
import { waitFor } from '../src/wait-for';

describe('waitFor', () => {
  it('returns the first truthy value', async () => {
    let calls = 0;
    await expect(waitFor(() => ++calls >= 3 && calls)).resolves.toBe(3);
  });

  it('names what it waited for when the deadline passes', async () => {
    await expect(waitFor(() => false, { timeoutMs: 50, what: 'nothing' })).rejects.toThrow(
      /waiting for nothing/,
    );
  });
});
