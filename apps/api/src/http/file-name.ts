/** A file name from a display name: ASCII letters and digits joined by dashes, at most 60. */
export function slugOf(name: string, fallback: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug === '' ? fallback : slug;
}

/** `Content-Disposition` for an answer to save as `filename` (a slug: nothing to escape). */
export const attachment = (filename: string) => `attachment; filename="${filename}"`;
