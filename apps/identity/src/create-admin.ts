import { type EventStore, eventStoreFromUrl } from '@taskomask/eventstore';
import { type AccountView, createAccounts } from './accounts';
import { readIdentityConfig } from './config';
import type { ScryptParams } from './password';
import { identityStoreFromUrl } from './store/from-url';
import type { IdentityStore } from './store/port';

export type CreateAdminInput = Readonly<{ email: string; name: string; password: string }>;

/**
 * Creates an account with the admin role (for `npm run taskomask -- create-admin`). Same rules as
 * registration: display name 3–50, valid email not yet registered (EmailTaken otherwise),
 * password of at least 10 characters and not a common one (ValidationError with `field`).
 * Without `deps` it opens EVENT_STORE_URL and IDENTITY_STORE_URL from the environment and closes
 * them afterwards.
 */
export async function createAdmin(
  input: CreateAdminInput,
  deps?: Readonly<{ eventStore: EventStore; store: IdentityStore; scrypt?: ScryptParams }>,
): Promise<AccountView> {
  if (deps) {
    const accounts = createAccounts({
      eventStore: deps.eventStore,
      credentials: deps.store.credentials,
      scrypt: deps.scrypt,
    });
    return accounts.register({
      displayName: input.name,
      email: input.email,
      password: input.password,
      role: 'admin',
      actor: 'system:create-admin',
    });
  }
  const config = readIdentityConfig(process.env);
  const eventStore = await eventStoreFromUrl(config.eventStoreUrl);
  const store = identityStoreFromUrl(config.identityStoreUrl);
  try {
    return await createAdmin(input, { eventStore, store });
  } finally {
    await store.close();
    await eventStore.close();
  }
}
