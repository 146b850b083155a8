/**
 * CSV for spreadsheet programs: RFC 4180 (CRLF rows, fields quoted when they hold a quote, comma,
 * CR or LF, quotes doubled) with a UTF-8 byte order mark so Excel reads the text as UTF-8.
 */

export const byteOrderMark = '\uFEFF';

// A cell that starts like a formula is run by Excel, LibreOffice and Sheets ("CSV injection",
// OWASP): an apostrophe in front makes it text. Tab and CR count too, as OWASP advises.
const formulaStart = /^[=+\-@\t\r]/;

/** The text a spreadsheet shows for `value`, never a formula. */
export function neutralised(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

/** One field, neutralised and quoted when it has to be. */
export function csvField(value: string): string {
  const safe = neutralised(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A whole file: BOM, then every row (the header first) ending with CRLF. */
export function csvDocument(rows: readonly (readonly string[])[]): string {
  return byteOrderMark + rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
