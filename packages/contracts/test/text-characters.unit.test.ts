import { describe, expect, it } from 'vitest';
import {
  CreateTaskBody,
  CreateWorkspaceBody,
  commentText,
  description,
  label,
  name,
  parseInput,
  taskDescription,
} from '../src/index';

// Issue 17 §3: control characters and bidi overrides were stored as sent.
const controls = ['\u0000', '\u0007', '\u001b', '\r', '\n', '\t', '\u007f', '\u0085', '\u009b'];
const bidi = [
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
];

describe('single-line text refuses control characters and bidi overrides', () => {
  for (const schema of [name, label]) {
    for (const c of [...controls, ...bidi]) {
      it(`${schema.name} refuses U+${c.codePointAt(0)!.toString(16).padStart(4, '0')}`, () => {
        expect(schema().safeParse(`Acme${c}Team`).success).toBe(false);
        // Before trimming: a trailing control is refused, not silently dropped.
        expect(schema().safeParse(`Acme Team${c}`).success).toBe(false);
      });
    }
  }

  it('keeps other unicode (RTL scripts, emoji, joiners)', () => {
    for (const text of ['שלום עולם', 'Team 👩‍👩‍👧‍👦', 'e\u0301te', 'a\u200bb\u200bc']) {
      expect(name().safeParse(text).success, text).toBe(true);
    }
  });

  it('names the field with one clear reason', () => {
    const parsed = parseInput(CreateWorkspaceBody, { name: 'Ac\u0000me' });
    expect(parsed).toEqual({
      ok: false,
      errors: [
        {
          field: 'name',
          reason: 'must not contain control characters (tabs and line breaks included)',
        },
      ],
    });
    const rtl = parseInput(CreateTaskBody, { title: 'invoice\u202egnp.exe' });
    expect(rtl.ok).toBe(false);
    if (!rtl.ok) {
      expect(rtl.errors).toContainEqual({
        field: 'title',
        reason: 'must not contain bidirectional override characters',
      });
    }
  });
});

describe('multi-line text keeps line breaks and tabs, refuses other controls', () => {
  for (const schema of [description, taskDescription, commentText]) {
    it(`${schema.name}`, () => {
      expect(schema().parse('first line\r\nsecond\n\tindented')).toBe(
        'first line\r\nsecond\n\tindented',
      );
      for (const c of ['\u0000', '\u0007', '\u001b', '\u007f', '\u009b']) {
        expect(schema().safeParse(`a${c}b`).success).toBe(false);
      }
    });
  }
});
