import { OwnersAdmin } from '@/features/admin/owners-admin';

export const metadata = { title: 'Administration' };

export default function AdminOwnersPage() {
  return <OwnersAdmin />;
}
