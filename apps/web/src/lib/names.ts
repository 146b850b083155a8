'use client';

import { useSyncExternalStore } from 'react';

// Display names learnt from presence (socket tickets carry the name): the query side answers
// member ids only. Kept for the tab's lifetime and in sessionStorage.
const storageKey = 'taskomask:names';
let names = new Map<string, string>();
let loaded = false;
const listeners = new Set<() => void>();

function load() {
  if (typeof window === 'undefined' || loaded) return;
  loaded = true;
  try {
    names = new Map(Object.entries(JSON.parse(sessionStorage.getItem(storageKey) ?? '{}')));
  } catch {
    names = new Map();
  }
}

export function learnNames(people: readonly { id: string; name: string }[]) {
  load();
  let changed = false;
  for (const { id, name } of people) {
    if (name && names.get(id) !== name) {
      names = new Map(names).set(id, name);
      changed = true;
    }
  }
  if (!changed) return;
  sessionStorage.setItem(storageKey, JSON.stringify(Object.fromEntries(names)));
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const empty = new Map<string, string>();

export function useNames(): ReadonlyMap<string, string> {
  return useSyncExternalStore(
    subscribe,
    () => {
      load();
      return names;
    },
    () => empty,
  );
}
