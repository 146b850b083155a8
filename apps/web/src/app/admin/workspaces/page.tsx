import { WorkspacesAdmin } from '@/features/admin/workspaces-admin';

export const metadata = { title: 'Workspaces · Administration' };

export default function AdminWorkspacesPage() {
  return <WorkspacesAdmin />;
}
