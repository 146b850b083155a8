import { WorkspaceMembersAdmin } from '@/features/admin/members-admin';

export const metadata = { title: 'Members · Administration' };

export default async function AdminMembersPage({
  params,
}: {
  params: Promise<{ workspaceId: string }>;
}) {
  const { workspaceId } = await params;
  return <WorkspaceMembersAdmin workspaceId={workspaceId} />;
}
