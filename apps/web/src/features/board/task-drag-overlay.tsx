'use client';

import { DragOverlay } from '@dnd-kit/core';
import { TaskTile } from '@taskomask/ui/task-tile';
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import type { TaskSummary } from '@/lib/api';

/**
 * The dragged task, following the pointer above everything: rendered in a portal on the body so
 * no column clips it, at the tile's own size (dnd-kit sizes the overlay from the source tile).
 */
export function TaskDragOverlay({
  task,
  assigneeName,
}: {
  task: TaskSummary | undefined;
  assigneeName?: string;
}) {
  const [body, setBody] = useState<HTMLElement | null>(null);
  useEffect(() => setBody(document.body), []);
  // Mounted for task drags only: a mounted overlay stands in for whatever is dragged, and a card
  // dragged by its header moves itself.
  if (!body || !task) return null;
  return createPortal(
    <DragOverlay dropAnimation={null} zIndex={60}>
      <ul data-testid="drag-overlay" className="m-0 list-none p-0 rotate-1 shadow-xl">
        <TaskTile task={task} href="#" draggable={false} assigneeName={assigneeName} />
      </ul>
    </DragOverlay>,
    body,
  );
}
