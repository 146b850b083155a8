import type { ComponentPropsWithoutRef } from 'react';
import Markdown, { type Components } from 'react-markdown';
import { isMentionHref, mentionsAsLinks } from '../inbox/mention-markdown';
import { MentionChip } from '../inbox/mention-text';

// Links keep only schemes that can do no harm; anything else (javascript:, data:, vbscript:,
// relative paths) is shown as its text.
const allowedProtocols = new Set(['http:', 'https:', 'mailto:']);

/** The link's URL if it is absolute http(s) or mailto, else null. */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url.trim());
    return allowedProtocols.has(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}

function SafeLink({ href, children }: ComponentPropsWithoutRef<'a'>) {
  // A mention token (see mentionsAsLinks) is a chip, never a link.
  if (isMentionHref(href)) {
    return <MentionChip name={typeof children === 'string' ? children : String(children ?? '')} />;
  }
  // Shown as its author wrote it, once safeHref vouched for its scheme.
  const safe = safeHref(href) === null ? null : href!.trim();
  if (!safe) return <span data-dropped-link="">{children}</span>;
  return (
    <a href={safe} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </a>
  );
}

// Images are never loaded (the CSP allows no foreign image origins): their alt text stands in.
function ImageAlt({ alt }: ComponentPropsWithoutRef<'img'>) {
  if (!alt) return null;
  return (
    <span className="italic text-slate-500" data-image-alt="">
      [image: {alt}]
    </span>
  );
}

const components: Components = {
  a: ({ node: _, ...props }) => <SafeLink {...props} />,
  img: ({ node: _, ...props }) => <ImageAlt {...props} />,
};

// The URL goes through untouched so SafeLink sees (and drops) what is unsafe itself.
const keepUrl = (url: string) => url;

/** User markdown, inert: no raw HTML, safe links only, images as their alt text, mentions as chips. */
export function SafeMarkdown({ text }: { text: string }) {
  return (
    <div className="prose-task text-sm leading-relaxed break-words">
      <Markdown components={components} urlTransform={keepUrl}>
        {mentionsAsLinks(text)}
      </Markdown>
    </div>
  );
}
