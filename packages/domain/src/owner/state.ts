export type OwnedWorkspace = Readonly<{ workspaceId: string; name: string }>;

/** The `owner-<id>` stream: for now the registry of the workspaces this owner created. */
export type OwnerState =
  | Readonly<{ status: 'initial' }>
  | Readonly<{
      status: 'active';
      ownerId: string;
      workspaces: ReadonlyMap<string, OwnedWorkspace>;
    }>;

export const initialOwnerState = (): OwnerState => ({ status: 'initial' });
