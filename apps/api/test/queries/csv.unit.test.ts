import { parseCsv } from '@taskomask/testkit/csv';
import { describe, expect, it } from 'vitest';
import { csvDocument, csvField, neutralised } from '../../src/queries/csv';

describe('csv', () => {
  it('leaves plain text alone and quotes what RFC 4180 asks', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('')).toBe('');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField('Grüße 日本 🚀')).toBe('Grüße 日本 🚀');
  });

  it('turns every formula start into text', () => {
    for (const cell of ['=1+1', '+1', '-2', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x")']) {
      expect(neutralised(cell)).toBe(`'${cell}`);
    }
    expect(neutralised('a=1')).toBe('a=1');
    expect(neutralised("'quoted")).toBe("'quoted");
    expect(csvField('=cmd|" /C calc"!A0')).toBe(`"'=cmd|"" /C calc""!A0"`);
  });

  it('reads back to the same cells, formulas neutralised', () => {
    const nasty = [
      ['card', 'title', 'note'],
      ['To do', '=1+1', 'a, "b"\r\nc'],
      ['', '@me', '-\n+'],
      ['日本', 'end"', '\t tab'],
    ];
    const text = csvDocument(nasty);
    expect(text.startsWith('\uFEFFcard,title,note\r\n')).toBe(true);
    expect(parseCsv(text)).toEqual(nasty.map((row) => row.map(neutralised)));
    expect(() => parseCsv(text.slice(1))).toThrow('byte order mark');
    expect(() => parseCsv(text.slice(0, -1))).toThrow('inside a row');
  });
});
