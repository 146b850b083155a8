/** An nginx configuration as a tree of directives: enough to check one statically. */
export type Directive = Readonly<{ name: string; args: string[]; block?: Directive[] }>;

function tokens(text: string): string[] {
  const out: string[] = [];
  const pattern = /#[^\n]*|'((?:\\.|[^'])*)'|"((?:\\.|[^"])*)"|([{};])|([^\s{};'"#]+)/g;
  for (const match of text.matchAll(pattern)) {
    if (match[0].startsWith('#')) continue;
    out.push(match[1] ?? match[2] ?? match[3] ?? match[4]!);
  }
  return out;
}

export function parseNginx(text: string): Directive[] {
  const list = tokens(text);
  let i = 0;
  const block = (): Directive[] => {
    const directives: Directive[] = [];
    while (i < list.length) {
      if (list[i] === '}') {
        i++;
        return directives;
      }
      const words: string[] = [];
      while (i < list.length && list[i] !== ';' && list[i] !== '{') words.push(list[i++]!);
      const [name = '', ...args] = words;
      if (list[i++] === '{') directives.push({ name, args, block: block() });
      else directives.push({ name, args });
    }
    return directives;
  };
  return block();
}

export const find = (directives: readonly Directive[] | undefined, name: string): Directive[] =>
  (directives ?? []).filter((d) => d.name === name);

/** `proxy_set_header` values in effect in a location: its own, else the server's, else http's. */
export function proxyHeaders(...levels: (readonly Directive[] | undefined)[]): Map<string, string> {
  for (const level of levels.reverse()) {
    const set = find(level, 'proxy_set_header');
    if (set.length > 0) return new Map(set.map((d) => [d.args[0]!.toLowerCase(), d.args[1]!]));
  }
  return new Map();
}
