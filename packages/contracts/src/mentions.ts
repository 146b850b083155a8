// Mentions in comments and task descriptions: `@[Display Name](<ownerId>)`, a markdown-like
// token the web's autocomplete inserts. Plain `@word` is just text. Zod-free: browsers load it.

const token = /@\[([^\]\n]{1,100})\]\(([0-9a-fA-F-]{36})\)/g;

export type Mention = Readonly<{ name: string; ownerId: string }>;

/** The token for a member, with brackets in the name dropped so the token stays one token. */
export function mentionToken(name: string, ownerId: string): string {
  const clean = name.replace(/[[\]\n]/g, '').trim() || ownerId.slice(0, 8);
  return `@[${clean}](${ownerId})`;
}

/** The distinct owner ids a text mentions, in order of first mention. */
export function mentionedIds(text: string): string[] {
  const ids = new Set<string>();
  for (const match of text.matchAll(token)) ids.add(match[2]!.toLowerCase());
  return [...ids];
}

/** Text and mentions in order, for rendering mentions as chips (and everything else as text). */
export function splitMentions(text: string): (string | Mention)[] {
  const parts: (string | Mention)[] = [];
  let last = 0;
  for (const match of text.matchAll(token)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push({ name: match[1]!, ownerId: match[2]!.toLowerCase() });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}
