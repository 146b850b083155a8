'use client';

import { SaveCancel } from '@taskomask/ui/form-fields';
import { useEffect, useState } from 'react';
import { MentionTextarea } from '@/features/inbox/mention-textarea';
import { SafeMarkdown } from './safe-markdown';
import type { TaskPartProps } from './task-body';

function DescriptionEditor({
  workspaceId,
  me,
  value,
  onChange,
  onSave,
  onCancel,
}: {
  workspaceId: string;
  me: string;
  value: string;
  onChange: (value: string) => void;
  onSave: () => void;
  onCancel: () => void;
}) {
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
      className="space-y-2"
    >
      <MentionTextarea
        workspaceId={workspaceId}
        me={me}
        className="input min-h-40 font-mono text-[13px]"
        aria-label="Description (markdown)"
        maxLength={2048}
        value={value}
        onValueChange={onChange}
      />
      <SaveCancel saveLabel="Save description" onCancel={onCancel} />
    </form>
  );
}

/** The description as markdown; editors edit its source in place. */
export function TaskDescription({
  task,
  editor,
  patch,
  me,
}: Pick<TaskPartProps, 'task' | 'editor' | 'patch' | 'me'>) {
  const [editing, setEditing] = useState(false);
  const [description, setDescription] = useState(task.description);
  // Someone else's edit shows unless this user is editing.
  useEffect(() => {
    if (!editing) setDescription(task.description);
  }, [task.description, editing]);
  return (
    <section aria-label="Description">
      <div className="mb-2 flex items-center">
        <h3 className="flex-1 text-sm font-semibold">Description</h3>
        {editor && !editing ? (
          <button type="button" className="btn-ghost text-xs" onClick={() => setEditing(true)}>
            Edit
          </button>
        ) : null}
      </div>
      {editing ? (
        <DescriptionEditor
          workspaceId={task.workspaceId}
          me={me}
          value={description}
          onChange={setDescription}
          onSave={async () => {
            if (await patch({ description })) setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : task.description ? (
        <div data-testid="description">
          <SafeMarkdown text={task.description} />
        </div>
      ) : (
        <p className="text-sm text-slate-400">No description.</p>
      )}
    </section>
  );
}
