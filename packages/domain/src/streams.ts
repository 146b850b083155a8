/** Stream names of DESIGN.md §2; the `owner-<id>` stream also receives identity's events later. */
export const streamName = {
  workspace: (workspaceId: string) => `workspace-${workspaceId}`,
  owner: (ownerId: string) => `owner-${ownerId}`,
  board: (boardId: string) => `board-${boardId}`,
  task: (taskId: string) => `task-${taskId}`,
  /** One person's inbox: the notifications they marked read. */
  inbox: (ownerId: string) => `inbox-${ownerId}`,
  /** One person's personal API tokens. */
  tokens: (ownerId: string) => `tokens-${ownerId}`,
  /** A workspace's webhooks (issue #16 §4). */
  webhooks: (workspaceId: string) => `webhooks-${workspaceId}`,
} as const;

export type StreamCategory = keyof typeof streamName;

/** Splits `board-123` into its category and id; null for a name that is not ours. */
export function parseStreamName(name: string): { category: StreamCategory; id: string } | null {
  const dash = name.indexOf('-');
  if (dash <= 0) return null;
  const category = name.slice(0, dash);
  const id = name.slice(dash + 1);
  if (id === '' || !Object.hasOwn(streamName, category)) return null;
  return { category: category as StreamCategory, id };
}
