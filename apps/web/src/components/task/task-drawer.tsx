'use client';

import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type FormEvent, useEffect, useState } from 'react';
import Markdown from 'react-markdown';
import { useToast, useUser } from '@/components/providers';
import { Avatar, displayName, ErrorState, LabelChip, Spinner } from '@/components/ui';
import { type CommandAnswer, canEdit, command, explain, type Task } from '@/lib/api';
import { useNames } from '@/lib/names';
import { keys, useBoard, useTask, useWorkspace, wrote } from '@/lib/queries';

/** People appear in activity lines as @<ownerId>. */
function withNames(text: string, names: ReadonlyMap<string, string>, me: string) {
  return text.replace(/@([0-9a-f-]{36})/gi, (_, id: string) => displayName(id, names, me));
}

function SafeMarkdown({ text }: { text: string }) {
  // react-markdown renders no raw HTML and drops javascript: URLs; images are left out too.
  return (
    <div className="prose-task text-sm leading-relaxed break-words">
      <Markdown disallowedElements={['img']} unwrapDisallowed>
        {text}
      </Markdown>
    </div>
  );
}

export function TaskDrawer({ boardId, taskId }: { boardId: string; taskId: string }) {
  const task = useTask(taskId);
  const board = useBoard(boardId);
  const workspace = useWorkspace(board.data?.workspaceId);
  const user = useUser();
  const names = useNames();
  const client = useQueryClient();
  const toast = useToast();
  const router = useRouter();
  const close = () => router.push(`/boards/${boardId}`);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (
        e.key === 'Escape' &&
        !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)
      ) {
        router.push(`/boards/${boardId}`);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [router, boardId]);

  const editor = canEdit(workspace.data?.role);

  const mutate = async (optimistic: (t: Task) => Task, send: () => Promise<CommandAnswer>) => {
    const snapshot = client.getQueryData<Task>(keys.task(taskId));
    if (snapshot) client.setQueryData(keys.task(taskId), optimistic(snapshot));
    try {
      wrote(await send());
      return true;
    } catch (error) {
      if (snapshot) client.setQueryData(keys.task(taskId), snapshot);
      toast(explain(error));
      return false;
    } finally {
      await Promise.all([
        client.invalidateQueries({ queryKey: keys.task(taskId) }),
        client.invalidateQueries({ queryKey: keys.board(boardId) }),
      ]);
    }
  };
  const patch = (fields: Partial<Pick<Task, 'title' | 'description' | 'assigneeId' | 'dueDate'>>) =>
    mutate(
      (t) => ({ ...t, ...fields }),
      () => command('PATCH', `/tasks/${taskId}`, fields),
    );

  return (
    <div className="fixed inset-0 z-40 flex justify-end" role="presentation">
      <button
        type="button"
        aria-label="Close task"
        className="absolute inset-0 bg-slate-900/30 backdrop-blur-[1px]"
        onClick={close}
      />
      <aside
        role="dialog"
        aria-modal="true"
        aria-label="Task"
        className="relative flex h-full w-full max-w-xl flex-col overflow-y-auto bg-white shadow-2xl dark:bg-slate-900"
      >
        <div className="sticky top-0 z-10 flex items-center gap-2 border-b border-slate-200 bg-white/90 px-4 py-2 backdrop-blur dark:border-slate-800 dark:bg-slate-900/90">
          <span className="text-xs text-slate-500">
            {board.data?.cards.find((c) => c.cardId === task.data?.cardId)?.name ?? 'Task'}
          </span>
          <span className="flex-1" />
          {editor && task.data ? (
            <button
              type="button"
              className="btn-danger"
              onClick={async () => {
                if (!window.confirm('Delete this task?')) return;
                if (
                  await mutate(
                    (t) => t,
                    () => command('DELETE', `/tasks/${taskId}`),
                  )
                )
                  close();
              }}
            >
              Delete
            </button>
          ) : null}
          <Link href={`/boards/${boardId}`} className="btn-ghost" aria-label="Close">
            ✕
          </Link>
        </div>
        {task.isPending ? (
          <Spinner label="Loading task" />
        ) : task.isError ? (
          <ErrorState error={task.error} retry={() => task.refetch()} />
        ) : (
          <TaskBody
            task={task.data}
            editor={editor}
            members={workspace.data?.members ?? []}
            names={names}
            me={user.id}
            patch={patch}
            mutate={mutate}
          />
        )}
      </aside>
    </div>
  );
}

type BodyProps = {
  task: Task;
  editor: boolean;
  members: readonly { ownerId: string; role: string }[];
  names: ReadonlyMap<string, string>;
  me: string;
  patch: (
    fields: Partial<Pick<Task, 'title' | 'description' | 'assigneeId' | 'dueDate'>>,
  ) => Promise<boolean>;
  mutate: (optimistic: (t: Task) => Task, send: () => Promise<CommandAnswer>) => Promise<boolean>;
};

function TaskBody({ task, editor, members, names, me, patch, mutate }: BodyProps) {
  const [title, setTitle] = useState(task.title);
  const [editingDescription, setEditingDescription] = useState(false);
  const [description, setDescription] = useState(task.description);
  const [label, setLabel] = useState('');
  const [item, setItem] = useState('');
  const [comment, setComment] = useState('');
  useEffect(() => setTitle(task.title), [task.title]);
  useEffect(() => {
    if (!editingDescription) setDescription(task.description);
  }, [task.description, editingDescription]);
  const path = `/tasks/${task.taskId}`;

  const saveTitle = () => {
    const next = title.trim();
    if (next && next !== task.title) void patch({ title: next });
    else setTitle(task.title);
  };
  const addLabel = (e: FormEvent) => {
    e.preventDefault();
    const text = label.trim();
    if (!text) return;
    setLabel('');
    void mutate(
      (t) => ({ ...t, labels: [...t.labels, text] }),
      () => command('POST', `${path}/labels`, { label: text }),
    );
  };
  const addItem = (e: FormEvent) => {
    e.preventDefault();
    const text = item.trim();
    if (!text) return;
    setItem('');
    void mutate(
      (t) => ({
        ...t,
        checklist: [...t.checklist, { itemId: `pending-${Date.now()}`, text, done: false }],
      }),
      () => command('POST', `${path}/checklist`, { text }),
    );
  };
  const addComment = async (e: FormEvent) => {
    e.preventDefault();
    const text = comment.trim();
    if (!text) return;
    setComment('');
    const ok = await mutate(
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
      () => command('POST', `${path}/comments`, { text }),
    );
    if (!ok) setComment(text);
  };

  const done = task.checklist.filter((i) => i.done).length;

  return (
    <div className="space-y-6 p-4 sm:p-6">
      {editor ? (
        <textarea
          aria-label="Title"
          className="w-full resize-none rounded-lg border border-transparent bg-transparent p-1 text-xl font-semibold hover:border-slate-200 focus:border-brand-500 focus:outline-none dark:hover:border-slate-700"
          rows={2}
          maxLength={50}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          onBlur={saveTitle}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              e.currentTarget.blur();
            }
          }}
        />
      ) : (
        <h2 className="text-xl font-semibold break-words" data-testid="task-title">
          {task.title}
        </h2>
      )}

      <dl className="grid grid-cols-[7rem_1fr] items-center gap-x-3 gap-y-3 text-sm">
        <dt className="text-slate-500">Assignee</dt>
        <dd>
          {editor ? (
            <select
              className="input"
              aria-label="Assignee"
              value={task.assigneeId ?? ''}
              onChange={(e) => void patch({ assigneeId: e.target.value || null })}
            >
              <option value="">Unassigned</option>
              {members.map((m) => (
                <option key={m.ownerId} value={m.ownerId}>
                  {displayName(m.ownerId, names, me)}
                </option>
              ))}
            </select>
          ) : task.assigneeId ? (
            <span className="inline-flex items-center gap-2">
              <Avatar id={task.assigneeId} name={displayName(task.assigneeId, names, me)} />
              {displayName(task.assigneeId, names, me)}
            </span>
          ) : (
            <span className="text-slate-400">Unassigned</span>
          )}
        </dd>
        <dt className="text-slate-500">Due date</dt>
        <dd>
          {editor ? (
            <input
              type="date"
              className="input w-auto"
              aria-label="Due date"
              value={task.dueDate?.slice(0, 10) ?? ''}
              onChange={(e) => void patch({ dueDate: e.target.value || null })}
            />
          ) : (
            <span>
              {task.dueDate?.slice(0, 10) ?? <span className="text-slate-400">None</span>}
            </span>
          )}
        </dd>
        <dt className="text-slate-500">Labels</dt>
        <dd className="flex flex-wrap items-center gap-1.5">
          {task.labels.map((l) => (
            <LabelChip
              key={l}
              label={l}
              onRemove={
                editor
                  ? () =>
                      void mutate(
                        (t) => ({ ...t, labels: t.labels.filter((x) => x !== l) }),
                        () => command('DELETE', `${path}/labels/${encodeURIComponent(l)}`),
                      )
                  : undefined
              }
            />
          ))}
          {editor ? (
            <form onSubmit={addLabel}>
              <input
                className="input w-32 py-0.5 text-xs"
                placeholder="+ label"
                aria-label="Add label"
                maxLength={30}
                value={label}
                onChange={(e) => setLabel(e.target.value)}
              />
            </form>
          ) : task.labels.length === 0 ? (
            <span className="text-slate-400">None</span>
          ) : null}
        </dd>
      </dl>

      <section aria-label="Description">
        <div className="mb-2 flex items-center">
          <h3 className="flex-1 text-sm font-semibold">Description</h3>
          {editor && !editingDescription ? (
            <button
              type="button"
              className="btn-ghost text-xs"
              onClick={() => setEditingDescription(true)}
            >
              Edit
            </button>
          ) : null}
        </div>
        {editingDescription ? (
          <form
            onSubmit={async (e) => {
              e.preventDefault();
              if (await patch({ description })) setEditingDescription(false);
            }}
            className="space-y-2"
          >
            <textarea
              className="input min-h-40 font-mono text-[13px]"
              aria-label="Description (markdown)"
              maxLength={2048}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
            <div className="flex gap-2">
              <button type="submit" className="btn-primary">
                Save description
              </button>
              <button
                type="button"
                className="btn-ghost"
                onClick={() => setEditingDescription(false)}
              >
                Cancel
              </button>
            </div>
          </form>
        ) : task.description ? (
          <div data-testid="description">
            <SafeMarkdown text={task.description} />
          </div>
        ) : (
          <p className="text-sm text-slate-400">No description.</p>
        )}
      </section>

      <section aria-label="Checklist">
        <h3 className="mb-2 text-sm font-semibold">
          Checklist {task.checklist.length > 0 ? `(${done}/${task.checklist.length})` : ''}
        </h3>
        {task.checklist.length > 0 ? (
          <div className="mb-2 h-1.5 rounded-full bg-slate-200 dark:bg-slate-800">
            <div
              className="h-full rounded-full bg-emerald-500 transition-all"
              style={{ width: `${(done / task.checklist.length) * 100}%` }}
            />
          </div>
        ) : null}
        <ul className="space-y-1">
          {task.checklist.map((i) => (
            <li key={i.itemId} className="group flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="size-4 accent-brand-600"
                checked={i.done}
                disabled={!editor || i.itemId.startsWith('pending-')}
                aria-label={i.text}
                onChange={(e) =>
                  void mutate(
                    (t) => ({
                      ...t,
                      checklist: t.checklist.map((x) =>
                        x.itemId === i.itemId ? { ...x, done: e.target.checked } : x,
                      ),
                    }),
                    () =>
                      command('PATCH', `${path}/checklist/${i.itemId}`, { done: e.target.checked }),
                  )
                }
              />
              <span className={`flex-1 ${i.done ? 'text-slate-400 line-through' : ''}`}>
                {i.text}
              </span>
              {editor && !i.itemId.startsWith('pending-') ? (
                <button
                  type="button"
                  className="btn-danger px-1.5 py-0 opacity-0 group-hover:opacity-100 focus:opacity-100"
                  aria-label={`Remove ${i.text}`}
                  onClick={() =>
                    void mutate(
                      (t) => ({
                        ...t,
                        checklist: t.checklist.filter((x) => x.itemId !== i.itemId),
                      }),
                      () => command('DELETE', `${path}/checklist/${i.itemId}`),
                    )
                  }
                >
                  ×
                </button>
              ) : null}
            </li>
          ))}
        </ul>
        {editor ? (
          <form onSubmit={addItem} className="mt-2">
            <input
              className="input"
              placeholder="+ Add an item"
              aria-label="Add checklist item"
              maxLength={200}
              value={item}
              onChange={(e) => setItem(e.target.value)}
            />
          </form>
        ) : null}
      </section>

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
              onEdit={(text) =>
                mutate(
                  (t) => ({
                    ...t,
                    comments: t.comments.map((x) =>
                      x.commentId === c.commentId ? { ...x, text } : x,
                    ),
                  }),
                  () => command('PATCH', `${path}/comments/${c.commentId}`, { text }),
                )
              }
              onDelete={() =>
                void mutate(
                  (t) => ({
                    ...t,
                    comments: t.comments.filter((x) => x.commentId !== c.commentId),
                  }),
                  () => command('DELETE', `${path}/comments/${c.commentId}`),
                )
              }
            />
          ))}
          {task.comments.length === 0 ? (
            <li className="text-sm text-slate-400">No comments yet.</li>
          ) : null}
        </ul>
        {editor ? (
          <form onSubmit={addComment} className="mt-3 space-y-2">
            <textarea
              className="input min-h-20"
              placeholder="Write a comment"
              aria-label="Comment"
              maxLength={512}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
            <button type="submit" className="btn-primary" disabled={!comment.trim()}>
              Comment
            </button>
          </form>
        ) : null}
      </section>

      <section aria-label="Activity">
        <h3 className="mb-2 text-sm font-semibold">Activity</h3>
        <ol className="space-y-2 border-l-2 border-slate-200 pl-4 dark:border-slate-800">
          {task.activity.map((a) => (
            <li
              key={`${a.streamName}:${a.streamVersion}`}
              className="text-xs text-slate-600 dark:text-slate-400"
            >
              <span className="font-medium text-slate-800 dark:text-slate-200">
                {displayName(a.actorId, names, me)}
              </span>{' '}
              {withNames(a.text, names, me)}
              <time className="block text-[11px] text-slate-400" dateTime={a.at}>
                {new Date(a.at).toLocaleString()}
              </time>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function CommentItem({
  comment,
  mine,
  names,
  me,
  onEdit,
  onDelete,
}: {
  comment: Task['comments'][number];
  mine: boolean;
  names: ReadonlyMap<string, string>;
  me: string;
  onEdit: (text: string) => Promise<boolean>;
  onDelete: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(comment.text);
  return (
    <li className="flex gap-2" data-testid="comment">
      <Avatar
        id={comment.authorId}
        name={names.get(comment.authorId) ?? displayName(comment.authorId, names, me)}
      />
      <div className="min-w-0 flex-1 rounded-lg bg-slate-50 p-2.5 dark:bg-slate-800">
        <p className="text-xs text-slate-500">
          <span className="font-medium text-slate-700 dark:text-slate-200">
            {displayName(comment.authorId, names, me)}
          </span>{' '}
          · {new Date(comment.createdAt).toLocaleString()}
          {comment.editedAt ? ' · edited' : ''}
        </p>
        {editing ? (
          <form
            className="mt-1 space-y-2"
            onSubmit={async (e) => {
              e.preventDefault();
              if (await onEdit(text.trim())) setEditing(false);
            }}
          >
            <textarea
              className="input"
              aria-label="Edit comment"
              maxLength={512}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
            <div className="flex gap-2">
              <button type="submit" className="btn-primary">
                Save
              </button>
              <button type="button" className="btn-ghost" onClick={() => setEditing(false)}>
                Cancel
              </button>
            </div>
          </form>
        ) : (
          <p className="mt-1 text-sm break-words whitespace-pre-wrap" data-testid="comment-text">
            {comment.text}
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
