'use client';

import { Avatar } from '@taskomask/ui/avatar';
import { SaveCancel } from '@taskomask/ui/form-fields';
import { useState } from 'react';
import { MentionText } from '@/features/inbox/mention-text';
import type { Comment } from '@/lib/api';
import { displayName } from '@/lib/people';

function CommentEditor({
  text,
  setText,
  onSave,
  onCancel,
}: {
  text: string;
  setText: (text: string) => void;
  onSave: (text: string) => Promise<boolean>;
  onCancel: () => void;
}) {
  return (
    <form
      className="mt-1 space-y-2"
      onSubmit={async (e) => {
        e.preventDefault();
        if (await onSave(text.trim())) onCancel();
      }}
    >
      <textarea
        className="input"
        aria-label="Edit comment"
        maxLength={512}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <SaveCancel onCancel={onCancel} />
    </form>
  );
}

/** One comment; its author (an editor) may edit or delete it once it has an id. */
export function CommentItem({
  comment,
  mine,
  names,
  me,
  onEdit,
  onDelete,
}: {
  comment: Comment;
  mine: boolean;
  names: ReadonlyMap<string, string>;
  me: string;
  onEdit: (text: string) => Promise<boolean>;
  onDelete: () => void;
}) {
  const [editing, setEditing] = useState(false);
  // The draft outlives a cancel, as the user left it.
  const [text, setText] = useState(comment.text);
  const author = displayName(comment.authorId, names, me);
  return (
    <li className="flex gap-2" data-testid="comment">
      <Avatar id={comment.authorId} name={names.get(comment.authorId) ?? author} />
      <div className="min-w-0 flex-1 rounded-lg bg-slate-50 p-2.5 dark:bg-slate-800">
        <p className="text-xs text-slate-500">
          <span className="font-medium text-slate-700 dark:text-slate-200">{author}</span> ·{' '}
          {new Date(comment.createdAt).toLocaleString()}
          {comment.editedAt ? ' · edited' : ''}
        </p>
        {editing ? (
          <CommentEditor
            text={text}
            setText={setText}
            onSave={onEdit}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <p className="mt-1 text-sm break-words whitespace-pre-wrap" data-testid="comment-text">
            <MentionText text={comment.text} />
          </p>
        )}
        {mine && !editing && !comment.commentId.startsWith('pending-') ? (
          <div className="mt-1 flex gap-1">
            <button
              type="button"
              className="btn-ghost px-1.5 py-0.5 text-xs"
              onClick={() => setEditing(true)}
            >
              Edit
            </button>
            <button type="button" className="btn-danger px-1.5 py-0.5 text-xs" onClick={onDelete}>
              Delete
            </button>
          </div>
        ) : null}
      </div>
    </li>
  );
}
