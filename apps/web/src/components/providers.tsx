'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import type { SessionUser } from '@/auth/options';
import { MembershipLive } from '@/components/realtime/membership-live';
import { ApiError } from '@/lib/api';

const UserContext = createContext<SessionUser | null>(null);

export function useUser(): SessionUser {
  const user = useContext(UserContext);
  if (!user) throw new Error('useUser outside the signed-in shell');
  return user;
}

type Toast = { id: number; text: string; tone: 'error' | 'info' };
const ToastContext = createContext<(text: string, tone?: Toast['tone']) => void>(() => {});
export const useToast = () => useContext(ToastContext);

export function Providers({ user, children }: { user: SessionUser; children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            staleTime: 5_000,
            refetchOnWindowFocus: true,
            // A 4xx will not get better by asking again.
            retry: (count, error) =>
              !(error instanceof ApiError && error.status < 500) && count < 2,
          },
        },
      }),
  );
  const [toasts, setToasts] = useState<Toast[]>([]);
  const push = useCallback((text: string, tone: Toast['tone'] = 'error') => {
    const id = Date.now() + Math.random();
    setToasts((all) => [...all.slice(-2), { id, text, tone }]);
    setTimeout(() => setToasts((all) => all.filter((t) => t.id !== id)), 6_000);
  }, []);
  const memoUser = useMemo(() => user, [user]);
  return (
    <UserContext.Provider value={memoUser}>
      <ToastContext.Provider value={push}>
        <QueryClientProvider client={client}>
          {children}
          <MembershipLive />
          <div
            aria-live="assertive"
            className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex flex-col items-center gap-2 px-4"
          >
            {toasts.map((toast) => (
              <div
                key={toast.id}
                role={toast.tone === 'error' ? 'alert' : 'status'}
                className={`pointer-events-auto max-w-md rounded-lg px-4 py-2 text-sm shadow-lg ${
                  toast.tone === 'error'
                    ? 'bg-red-600 text-white'
                    : 'bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900'
                }`}
              >
                {toast.text}
              </div>
            ))}
          </div>
        </QueryClientProvider>
      </ToastContext.Provider>
    </UserContext.Provider>
  );
}
