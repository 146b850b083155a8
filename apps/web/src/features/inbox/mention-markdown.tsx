import { splitMentions } from '@taskomask/contracts/mentions';

// Mentions in markdown (task descriptions): each token becomes a link to `mention:<id>`, which
// SafeMarkdown (features/task/safe-markdown.tsx) renders as a chip, never as a link.

const markdownSpecial = /[\\`*_{}[\]()#+\-.!<>|~]/g;

/** The description's source with its mention tokens as `[@Name](mention:<id>)` links. */
export function mentionsAsLinks(text: string): string {
  return splitMentions(text)
    .map((part) =>
      typeof part === 'string'
        ? part
        : `[${part.name.replace(markdownSpecial, '\\$&')}](mention:${part.ownerId})`,
    )
    .join('');
}

/** True for the link target `mentionsAsLinks` gives a mention. */
export const isMentionHref = (href: string | null | undefined): boolean =>
  href != null && /^mention:[0-9a-f-]{36}$/.test(href);
