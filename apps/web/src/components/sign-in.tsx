'use client';

import { signIn } from 'next-auth/react';

export function SignInButtons() {
  const go = () => void signIn('taskomask', { callbackUrl: '/workspaces' });
  // `screen=signup`: the identity service opens its registration form instead of sign-in.
  const signUp = () =>
    void signIn('taskomask', { callbackUrl: '/workspaces' }, { screen: 'signup' });
  return (
    <div className="mt-8 flex flex-wrap gap-3">
      <button type="button" className="btn-primary px-5 py-2.5 text-base" onClick={go}>
        Sign in
      </button>
      <button type="button" className="btn-ghost px-5 py-2.5 text-base" onClick={signUp}>
        Sign up
      </button>
    </div>
  );
}

export function SignOutButton() {
  const signOut = async () => {
    const response = await fetch('/api/signout', { method: 'POST' });
    const { url } = (await response.json()) as { url: string };
    window.location.assign(url);
  };
  return (
    <button type="button" className="btn-ghost" onClick={() => void signOut()}>
      Sign out
    </button>
  );
}
