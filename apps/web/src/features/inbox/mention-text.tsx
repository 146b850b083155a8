import { splitMentions } from '@taskomask/contracts/mentions';

/** "@Name" as a chip; inert like all user text (React escapes it, nothing becomes HTML). */
export function MentionChip({ name }: { name: string }) {
  return (
    <span
      data-testid="mention"
      className="rounded bg-brand-50 px-1 font-medium text-brand-700 dark:bg-slate-700 dark:text-slate-100"
    >
      @{name}
    </span>
  );
}

/** Plain text with its mention tokens shown as chips. */
export function MentionText({ text }: { text: string }) {
  return (
    <>
      {splitMentions(text).map((part, n) =>
        typeof part === 'string' ? (
          part
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one text, in order, never reordered
          <MentionChip key={n} name={part.name} />
        ),
      )}
    </>
  );
}
