import { redirect } from 'next/navigation';
import { ProfileScreen } from '@/features/profile/profile-screen';
import { webConfig } from '@/server/config';
import { currentUser } from '@/server/session';

export default async function ProfilePage() {
  const user = await currentUser();
  if (!user) redirect('/');
  const { issuer } = webConfig();
  return <ProfileScreen user={user} accountUrl={`${issuer}/account`} />;
}
