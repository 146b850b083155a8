import { mentionToken } from '@taskomask/contracts/mentions';

/** The `@letters` being typed just before the caret, if any: where it starts and its letters. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)@([^\s@[\]()]{0,30})$/.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]! };
}

/** The text with `@query` replaced by the member's token and a space; where the caret goes. */
export function insertMention(
  text: string,
  at: { start: number; query: string },
  member: { id: string; name: string },
): { text: string; caret: number } {
  const token = `${mentionToken(member.name, member.id)} `;
  const end = at.start + 1 + at.query.length;
  return {
    text: text.slice(0, at.start) + token + text.slice(end),
    caret: at.start + token.length,
  };
}

/** Members whose name has a word starting with the query (case-insensitive), at most 8. */
export function matching<M extends { name: string }>(members: readonly M[], query: string): M[] {
  const q = query.toLowerCase();
  return members
    .filter(
      (m) =>
        q === '' ||
        m.name
          .toLowerCase()
          .split(/\s+/)
          .some((w) => w.startsWith(q)),
    )
    .slice(0, 8);
}
