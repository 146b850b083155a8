import { TaskDrawer } from '@/features/task/task-drawer';

export default async function TaskPage({
  params,
}: {
  params: Promise<{ boardId: string; taskId: string }>;
}) {
  const { boardId, taskId } = await params;
  return <TaskDrawer boardId={boardId} taskId={taskId} />;
}
