const palette = [
  'bg-rose-500',
  'bg-amber-500',
  'bg-emerald-500',
  'bg-sky-500',
  'bg-violet-500',
  'bg-fuchsia-500',
  'bg-teal-500',
  'bg-orange-500',
];

function hash(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return Math.abs(h);
}

/** Up to two letters: the first of the first two words. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  return words
    .slice(0, 2)
    .map((w) => [...w][0]?.toUpperCase() ?? '')
    .join('');
}

/** A person's initials in a circle; the colour follows the id, so it never changes with a rename. */
export function Avatar({
  id,
  name,
  size = 'sm',
}: {
  id: string;
  name: string;
  size?: 'sm' | 'md';
}) {
  const dims = size === 'sm' ? 'size-6 text-[10px]' : 'size-8 text-xs';
  return (
    <span
      title={name}
      className={`inline-flex ${dims} shrink-0 items-center justify-center rounded-full font-semibold text-white ring-2 ring-white dark:ring-slate-900 ${palette[hash(id) % palette.length]}`}
    >
      {initials(name)}
    </span>
  );
}
