'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import {
  type ActivityPage,
  type Board,
  type BoardHistory,
  type CommandAnswer,
  type MyInvitations,
  type MyTasks,
  type MyWorkspaces,
  query,
  type Task,
  type Workspace,
} from './api';

/**
 * The highest global position this browser's own commands were answered with: every read passes
 * it as `minPosition`, so a page never shows data older than a write the user just made.
 */
let ownPosition = 0;
export const minPosition = () => (ownPosition > 0 ? ownPosition : undefined);
export function wrote(answer: CommandAnswer): CommandAnswer {
  if (answer.position > ownPosition) ownPosition = answer.position;
  return answer;
}

export const keys = {
  workspaces: ['workspaces'] as const,
  workspace: (id: string) => ['workspace', id] as const,
  board: (id: string) => ['board', id] as const,
  activity: (id: string) => ['board-activity', id] as const,
  boardAt: (id: string, at: string) => ['board-at', id, at] as const,
  history: (id: string) => ['board-history', id] as const,
  task: (id: string) => ['task', id] as const,
  myTasks: ['my-tasks'] as const,
  myInvitations: ['my-invitations'] as const,
};

export const useWorkspaces = () =>
  useQuery({
    queryKey: keys.workspaces,
    queryFn: () => query<MyWorkspaces>('/workspaces', { minPosition: minPosition(), limit: 200 }),
  });

export const useWorkspace = (id: string | undefined) =>
  useQuery({
    queryKey: keys.workspace(id ?? ''),
    enabled: Boolean(id),
    queryFn: () => query<Workspace>(`/workspaces/${id}`, { minPosition: minPosition() }),
  });

/** The board, at least as new as `at` (a notice's position) and as this browser's own writes. */
export const fetchBoard = (id: string, at?: number) =>
  query<Board>(`/boards/${id}`, {
    minPosition: Math.max(at ?? 0, minPosition() ?? 0) || undefined,
  });

export const useBoard = (id: string) =>
  useQuery({ queryKey: keys.board(id), queryFn: () => fetchBoard(id) });

/** The board as it was at `at` (a global position): fixed, so never fetched twice. */
export const useBoardAt = (id: string, at: string | null) =>
  useQuery({
    queryKey: keys.boardAt(id, at ?? ''),
    enabled: at !== null,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
    queryFn: () => query<Board>(`/boards/${id}`, { at: at ?? undefined }),
  });

/** The board's change points, newest first, 50 a page. */
export const useBoardHistory = (id: string, enabled: boolean) =>
  useInfiniteQuery({
    queryKey: keys.history(id),
    enabled,
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      query<BoardHistory>(`/boards/${id}/history`, {
        minPosition: minPosition(),
        limit: 50,
        before: pageParam,
      }),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });

export const useBoardActivity = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: keys.activity(id),
    enabled,
    queryFn: () =>
      query<ActivityPage>(`/boards/${id}/activity`, { minPosition: minPosition(), limit: 50 }),
  });

/** The task as it was at `at` (a global position): fixed, so never fetched twice. */
export const useTaskAt = (id: string, at: string | null) =>
  useQuery({
    queryKey: ['task-at', id, at ?? ''] as const,
    enabled: at !== null,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
    queryFn: () => query<Task>(`/tasks/${id}`, { at: at ?? undefined }),
  });

export const useTask = (id: string) =>
  useQuery({
    queryKey: keys.task(id),
    queryFn: () => query<Task>(`/tasks/${id}`, { minPosition: minPosition() }),
  });

export const useMyTasks = () =>
  useQuery({
    queryKey: keys.myTasks,
    queryFn: () => query<MyTasks>('/me/tasks', { minPosition: minPosition(), limit: 200 }),
  });

export const useMyInvitations = () =>
  useQuery({
    queryKey: keys.myInvitations,
    queryFn: () => query<MyInvitations>('/me/invitations', { minPosition: minPosition() }),
  });
