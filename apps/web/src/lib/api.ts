import type {
  ActivityEntryDto,
  ActivityPageDto,
  BoardChangeDto,
  BoardDto,
  BoardHistoryDto,
  CardDto,
  ChecklistItemDto,
  CommandBody,
  CommandName,
  CommandParams,
  CommentDto,
  InvitationDto,
  MyInvitationsDto,
  MyTaskDto,
  MyTasksDto,
  MyWorkspacesDto,
  Role,
  TaskDto,
  TaskSummaryDto,
  WebhookDeliveryDto,
  WebhookDto,
  WorkspaceDto,
  WorkspaceListItemDto,
} from '@taskomask/contracts';
// The zod-free subpath: pages must not load the validation code (see command-paths.ts).
import { commandRequest } from '@taskomask/contracts/command-paths';
import { networkFailed, type Problem, problemMessage } from './problem-messages';

export type { CardType, Role, WebhookEventKind } from '@taskomask/contracts';
export type { Problem } from './problem-messages';
export type {
  ActivityEntryDto as ActivityEntry,
  ActivityPageDto as ActivityPage,
  BoardChangeDto as BoardChange,
  BoardDto as Board,
  BoardHistoryDto as BoardHistory,
  CardDto as Card,
  ChecklistItemDto as ChecklistItem,
  CommentDto as Comment,
  InvitationDto as Invitation,
  MyInvitationsDto as MyInvitations,
  MyTaskDto as MyTask,
  MyTasksDto as MyTasks,
  MyWorkspacesDto as MyWorkspaces,
  TaskDto as Task,
  TaskSummaryDto as TaskSummary,
  WebhookDeliveryDto as WebhookDelivery,
  WebhookDto as Webhook,
  WorkspaceDto as Workspace,
  WorkspaceListItemDto as WorkspaceListItem,
};

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `request failed (${problem.status})`);
    this.name = 'ApiError';
  }
  get status() {
    return this.problem.status;
  }
}

/** A sentence for a person (problem-messages.ts): what went wrong and what to do now. */
export function explain(error: unknown): string {
  return error instanceof ApiError ? problemMessage(error.problem) : networkFailed;
}

async function problemOf(response: Response): Promise<Problem> {
  try {
    const body = (await response.json()) as Partial<Problem>;
    return { ...body, status: response.status };
  } catch {
    return { status: response.status, title: response.statusText };
  }
}

/** GET through the BFF's query proxy. */
export async function query<T>(path: string, params?: Record<string, string | number | undefined>) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const qs = search.size > 0 ? `?${search}` : '';
  // A read after one's own write names its position; a busy projector may not reach it within
  // the query side's wait (its answer says `X-Stale`). Ask again a few times rather than show the
  // state from before the write.
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(`/api/q${path}${qs}`, { cache: 'no-store' });
    if (!response.ok) throw new ApiError(await problemOf(response));
    if (response.headers.get('x-stale') === 'true' && attempt < staleAttempts) {
      await response.body?.cancel();
      continue;
    }
    return (await response.json()) as T;
  }
}

/** Reads of a stale answer before it is shown anyway (each waits up to 2 s on the server). */
const staleAttempts = 4;

export type CommandAnswer = { id?: string; version: number; position: number };

/** A command through the BFF's command proxy. */
async function command(
  method: 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<CommandAnswer> {
  const response = await fetch(`/api/cmd${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new ApiError(await problemOf(response));
  return (await response.json()) as CommandAnswer;
}

/**
 * A command by its name in the contracts' table: the method and path come from there, the
 * params and body are typed by its schemas.
 */
export function sendCommand<N extends CommandName>(
  name: N,
  params: CommandParams<N>,
  body: CommandBody<N>,
): Promise<CommandAnswer> {
  const { method, path } = commandRequest(name, params);
  return command(method, path, body);
}

export const canEdit = (role: Role | undefined) => role !== undefined && role !== 'viewer';
export const canManage = (role: Role | undefined) => role === 'owner' || role === 'admin';
