/** Removes every `name=value` pair from a URL's query, keeping the other pairs as written. */
export function takeQueryParam(url: string, name: string): { rest: string; values: string[] } {
  const hashAt = url.indexOf('#');
  const hash = hashAt === -1 ? '' : url.slice(hashAt);
  const withoutHash = hashAt === -1 ? url : url.slice(0, hashAt);
  const queryAt = withoutHash.indexOf('?');
  if (queryAt === -1) return { rest: url, values: [] };
  const values: string[] = [];
  const kept: string[] = [];
  for (const pair of withoutHash.slice(queryAt + 1).split('&')) {
    const [[key, value] = ['', '']] = new URLSearchParams(pair);
    if (pair !== '' && key === name) values.push(value);
    else if (pair !== '') kept.push(pair);
  }
  const query = kept.length > 0 ? `?${kept.join('&')}` : '';
  return { rest: `${withoutHash.slice(0, queryAt)}${query}${hash}`, values };
}

/** A URL fit for an error message: its password hidden. */
export const redact = (url: string) => url.replace(/\/\/[^@/]*@/, '//***@');
