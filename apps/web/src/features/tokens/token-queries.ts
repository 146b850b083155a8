'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PersonalTokenDto, PersonalTokenListDto } from '@taskomask/contracts';
import { type CommandAnswer, query, sendCommand } from '@/lib/api';
import { wrote } from '@/lib/queries';

// Personal API tokens: listed by the query side straight from the event store (no minPosition
// needed), made and revoked through the command side.

export type PersonalToken = PersonalTokenDto;
export type TokenScope = PersonalToken['scopes'][number];

export const tokenKeys = {
  mine: ['tokens', 'me'] as const,
  of: (ownerId: string) => ['tokens', 'owner', ownerId] as const,
};

export const useMyTokens = () =>
  useQuery({
    queryKey: tokenKeys.mine,
    queryFn: () => query<PersonalTokenListDto>('/me/tokens'),
  });

export const useOwnerTokens = (ownerId: string) =>
  useQuery({
    queryKey: tokenKeys.of(ownerId),
    queryFn: () =>
      query<PersonalTokenListDto>(`/admin/owners/${encodeURIComponent(ownerId)}/tokens`),
  });

export type NewToken = { name: string; scopes: TokenScope[]; expiresInDays: number | null };

export function expiryOf(days: number | null, now = Date.now()): string | null {
  return days === null ? null : new Date(now + days * 86_400_000).toISOString();
}

/** Makes a token; the answer holds its text, shown once. */
export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ name, scopes, expiresInDays }: NewToken) => {
      const answer = (await sendCommand(
        'createPersonalToken',
        {},
        { name, scopes, expiresAt: expiryOf(expiresInDays) },
      )) as CommandAnswer & { id: string; token: string };
      wrote(answer);
      return answer;
    },
    onSettled: () => client.invalidateQueries({ queryKey: tokenKeys.mine }),
  });
}

/** Revokes one's own token, or (as an account admin, `ownerId` given) anyone's. */
export function useRevokeToken(ownerId?: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (tokenId: string) =>
      wrote(
        ownerId === undefined
          ? await sendCommand('revokePersonalToken', { tokenId }, undefined)
          : await sendCommand('adminRevokePersonalToken', { ownerId, tokenId }, undefined),
      ),
    onSettled: () =>
      client.invalidateQueries({
        queryKey: ownerId === undefined ? tokenKeys.mine : tokenKeys.of(ownerId),
      }),
  });
}
