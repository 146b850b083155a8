import { OwnersAdmin } from '@/components/admin/owners';

export const metadata = { title: 'Administration' };

export default function AdminOwnersPage() {
  return <OwnersAdmin />;
}
