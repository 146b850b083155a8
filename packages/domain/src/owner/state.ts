export type OwnedWorkspace = Readonly<{ workspaceId: string; name: string }>;

/** Account roles (not workspace roles): admins manage accounts. */
export type AccountRole = 'admin' | 'user';

export const accountRoles: readonly AccountRole[] = ['admin', 'user'];

export type OwnerAccount = Readonly<{
  displayName: string;
  /** Normalised: trimmed, lower case. */
  email: string;
  role: AccountRole;
  status: 'active' | 'deactivated';
}>;

/**
 * The `owner-<id>` stream: the owner's account (null until OwnerRegistered — streams written
 * before identity existed hold only the registry) and the registry of the workspaces they created.
 * `recorded` means the stream has events; whether the account may sign in is `account.status`.
 */
export type OwnerState =
  | Readonly<{ status: 'initial' }>
  | Readonly<{
      status: 'recorded';
      ownerId: string;
      account: OwnerAccount | null;
      workspaces: ReadonlyMap<string, OwnedWorkspace>;
    }>;

export const initialOwnerState = (): OwnerState => ({ status: 'initial' });

/** The account of an owner state, or null when the stream holds no registration. */
export function accountOf(state: OwnerState): OwnerAccount | null {
  return state.status === 'recorded' ? state.account : null;
}
