'use client';

import { useRouter } from 'next/navigation';
import { type MouseEvent, useCallback } from 'react';

/** What next/link does on a click: plain left clicks navigate in the app, others are the browser's. */
export function useOpenLink() {
  const router = useRouter();
  return useCallback(
    (event: MouseEvent<HTMLAnchorElement>) => {
      if (
        event.defaultPrevented ||
        event.button !== 0 ||
        event.metaKey ||
        event.ctrlKey ||
        event.shiftKey ||
        event.altKey
      )
        return;
      event.preventDefault();
      router.push(event.currentTarget.getAttribute('href') ?? '');
    },
    [router],
  );
}
