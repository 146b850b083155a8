import { WorkspacesAdmin } from '@/components/admin/workspaces';

export const metadata = { title: 'Workspaces · Administration' };

export default function AdminWorkspacesPage() {
  return <WorkspacesAdmin />;
}
