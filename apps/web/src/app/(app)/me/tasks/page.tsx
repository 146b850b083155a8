import { MyTasksScreen } from '@/features/my-tasks/my-tasks-screen';

export default function MyTasksPage() {
  return <MyTasksScreen />;
}
