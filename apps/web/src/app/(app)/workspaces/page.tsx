import { WorkspacesScreen } from '@/features/workspaces/workspaces-screen';

export default function WorkspacesPage() {
  return <WorkspacesScreen />;
}
