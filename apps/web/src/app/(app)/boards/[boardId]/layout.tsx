import type { ReactNode } from 'react';
import { BoardScreen } from '@/features/board/board-screen';

// The board stays mounted while the task drawer (a child route with its own URL) opens and closes.
export default async function BoardLayout({
  params,
  children,
}: {
  params: Promise<{ boardId: string }>;
  children: ReactNode;
}) {
  const { boardId } = await params;
  return <BoardScreen boardId={boardId}>{children}</BoardScreen>;
}
