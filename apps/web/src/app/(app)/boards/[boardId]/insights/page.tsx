import { InsightsScreen } from '@/features/insights/insights-screen';

export default async function InsightsPage({ params }: { params: Promise<{ boardId: string }> }) {
  const { boardId } = await params;
  return <InsightsScreen boardId={boardId} />;
}
