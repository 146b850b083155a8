import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DueDate, dueTone } from './due-date';

describe('DueDate', () => {
  it('shows the day part only', () => {
    const html = renderToStaticMarkup(
      <DueDate date="2026-03-04T00:00:00.000Z" today="2026-01-01" />,
    );
    expect(html).toContain('>2026-03-04</span>');
    expect(html).not.toContain('T00');
  });

  it('is red when past, amber today, grey later', () => {
    expect(dueTone('2026-01-01', '2026-01-02')).toContain('bg-red-100');
    expect(dueTone('2026-01-02', '2026-01-02')).toContain('bg-amber-100');
    expect(dueTone('2026-01-03', '2026-01-02')).toContain('bg-slate-100');
  });

  it('adds the extra class before the tone', () => {
    const html = renderToStaticMarkup(
      <DueDate date="2026-01-01" today="2026-01-01" className="text-xs" />,
    );
    expect(html).toContain('class="rounded px-1.5 py-0.5 text-xs font-medium bg-amber-100');
  });
});
