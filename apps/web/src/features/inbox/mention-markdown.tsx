import { splitMentions } from '@taskomask/contracts/mentions';
import type { ComponentProps } from 'react';
import { type Components, defaultUrlTransform } from 'react-markdown';
import { MentionChip } from './mention-text';

// Mentions in markdown (task descriptions): each token becomes a link to `mention:<id>` that
// renders as a chip, never as a link; every other URL goes through react-markdown's own filter.

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

export function mentionUrlTransform(url: string): string {
  return /^mention:[0-9a-f-]{36}$/.test(url) ? url : defaultUrlTransform(url);
}

function MentionOrLink({
  href,
  children,
  node: _,
  ...rest
}: ComponentProps<'a'> & { node?: unknown }) {
  if (href?.startsWith('mention:')) {
    const text = typeof children === 'string' ? children : String(children ?? '');
    return <MentionChip name={text} />;
  }
  return (
    <a href={href} {...rest}>
      {children}
    </a>
  );
}

/** Spread into <Markdown>: keeps mention links and renders them as chips. */
export const mentionMarkdown = {
  urlTransform: mentionUrlTransform,
  components: { a: MentionOrLink } satisfies Components,
};
