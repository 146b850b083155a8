'use client';

import { type FormEvent, useState } from 'react';
import { MentionTextarea } from '@/features/inbox/mention-textarea';
import { CommentItem } from './comment-item';
import type { TaskPartProps } from './task-body';
import { addComment, deleteComment, editComment } from './task-commands';

function CommentForm({
  workspaceId,
  me,
  onSubmit,
}: {
  workspaceId: string;
  me: string;
  onSubmit: (text: string) => Promise<boolean>;
}) {
  const [comment, setComment] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const text = comment.trim();
    if (!text) return;
    setComment('');
    if (!(await onSubmit(text))) setComment(text);
  };
  return (
    <form onSubmit={submit} className="mt-3 space-y-2">
      <MentionTextarea
        workspaceId={workspaceId}
        me={me}
        className="input min-h-20"
        placeholder="Write a comment (@ to mention)"
        aria-label="Comment"
        maxLength={512}
        value={comment}
        onValueChange={setComment}
      />
      <button type="submit" className="btn-primary" disabled={!comment.trim()}>
        Comment
      </button>
    </form>
  );
}

/** The comments; editors add theirs, and edit or delete their own. */
export function TaskComments({ task, editor, names, me, mutate }: TaskPartProps) {
  const taskId = task.taskId;
  const add = (text: string) =>
    mutate(
      (t) => ({
        ...t,
        comments: [
          ...t.comments,
          {
            commentId: `pending-${Date.now()}`,
            authorId: me,
            text,
            createdAt: new Date().toISOString(),
            editedAt: null,
          },
        ],
      }),
      () => addComment(taskId, text),
    );
  const edit = (commentId: string, text: string) =>
    mutate(
      (t) => ({
        ...t,
        comments: t.comments.map((x) => (x.commentId === commentId ? { ...x, text } : x)),
      }),
      () => editComment(taskId, commentId, text),
    );
  const remove = (commentId: string) =>
    void mutate(
      (t) => ({ ...t, comments: t.comments.filter((x) => x.commentId !== commentId) }),
      () => deleteComment(taskId, commentId),
    );
  return (
    <section aria-label="Comments">
      <h3 className="mb-2 text-sm font-semibold">Comments</h3>
      <ul className="space-y-3">
        {task.comments.map((c) => (
          <CommentItem
            key={c.commentId}
            comment={c}
            mine={c.authorId === me && editor}
            names={names}
            me={me}
            onEdit={(text) => edit(c.commentId, text)}
            onDelete={() => remove(c.commentId)}
          />
        ))}
        {task.comments.length === 0 ? (
          <li className="text-sm text-slate-400">No comments yet.</li>
        ) : null}
      </ul>
      {editor ? <CommentForm workspaceId={task.workspaceId} me={me} onSubmit={add} /> : null}
    </section>
  );
}
