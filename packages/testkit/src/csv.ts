const byteOrderMark = '\uFEFF';

/**
 * RFC 4180 read back (CRLF rows, quoted fields with doubled quotes), for tests of CSV exports:
 * throws unless the text starts with a UTF-8 BOM and ends with a complete row.
 */
export function parseCsv(text: string): string[][] {
  if (!text.startsWith(byteOrderMark)) throw new Error('CSV without a byte order mark');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = byteOrderMark.length; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (quoted || field !== '' || row.length > 0) throw new Error('CSV ends inside a row');
  return rows;
}
