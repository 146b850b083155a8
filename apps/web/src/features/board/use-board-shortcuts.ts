'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useToast } from '@/components/providers';
import { explain } from '@/lib/api';
import { deleteTask } from '../task/task-commands';
import { requestTitleEdit } from '../task/title-focus';
import { type Shortcut, shortcutFor } from './board-shortcuts';
import { taskHref } from './sortable-task-tile';

export const filterInputId = 'board-filter-text';

const openDrawer = () => document.querySelector<HTMLElement>('[role="dialog"][aria-label="Task"]');
const focusedTile = () =>
  document.activeElement?.closest<HTMLElement>('[data-testid="task"][data-task-id]') ?? null;

/** The column holding focus, else the first one: where `n` adds a task. */
function focusNewTask() {
  const column =
    document.activeElement?.closest('[data-testid="card"]') ??
    document.querySelector('[data-testid="card"]');
  column?.querySelector<HTMLInputElement>('input[aria-label^="Add a task to"]')?.focus();
}

/**
 * The board's keyboard shortcuts (see board-shortcuts.ts): n, e, Del, / and ?. The drawer's task
 * comes first for e and Del, then the focused tile.
 */
export function useBoardShortcuts(boardId: string, editor: boolean, refetchBoard: () => void) {
  const router = useRouter();
  const toast = useToast();
  const [help, setHelp] = useState(false);
  const run = useRef<(shortcut: Shortcut) => void>(() => {});
  run.current = (shortcut) => {
    const drawer = openDrawer();
    const tile = drawer ? null : focusedTile();
    const taskId = tile?.dataset.taskId;
    if (shortcut === 'show-help') setHelp(true);
    else if (shortcut === 'focus-filter') document.getElementById(filterInputId)?.focus();
    else if (shortcut === 'new-task' && !drawer) focusNewTask();
    else if (shortcut === 'edit-title' && drawer)
      drawer.querySelector<HTMLTextAreaElement>('textarea[aria-label="Title"]')?.select();
    else if (shortcut === 'edit-title' && taskId) {
      requestTitleEdit(taskId);
      router.push(taskHref(boardId, taskId));
    } else if (shortcut === 'delete-task' && drawer)
      drawer.querySelector<HTMLButtonElement>('[data-action="delete-task"]')?.click();
    else if (shortcut === 'delete-task' && taskId) {
      const title = tile?.querySelector('a')?.textContent ?? 'this task';
      if (!window.confirm(`Delete task “${title}”?`)) return;
      deleteTask(taskId).then(refetchBoard, (error) => toast(explain(error)));
    }
  };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const shortcut = shortcutFor(event, editor);
      if (!shortcut) return;
      // The key must not also land in the field it focuses.
      event.preventDefault();
      run.current(shortcut);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [editor]);
  return { help, closeHelp: () => setHelp(false) };
}
