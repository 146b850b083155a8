import {
  type CommandEndpoint,
  type CommandEndpoints,
  type CommandName,
  commandEndpoints,
  type Scope,
} from '@taskomask/contracts';
import type { EntityKind } from '@taskomask/domain';
import type { z } from 'zod';
import type { Plan } from '../aggregates';

/**
 * The resource a URL names. A 404 about it, or about anything above it (its board, its
 * workspace — which is also what a non-member gets), reads the same whether the id is unknown or
 * another workspace's: `<entity> <id from the URL> not found`.
 */
export type NamedResource = Readonly<{
  entity: EntityKind;
  param: string;
  hides: readonly EntityKind[];
}>;

export const workspaceResource: NamedResource = {
  entity: 'workspace',
  param: 'workspaceId',
  hides: ['workspace'],
};
export const boardResource: NamedResource = {
  entity: 'board',
  param: 'boardId',
  hides: ['workspace', 'board'],
};
export const taskResource: NamedResource = {
  entity: 'task',
  param: 'taskId',
  hides: ['workspace', 'board', 'task'],
};

/** What the write loop needs of a command endpoint: what it parses and the plan it runs. */
export type PlannedCommand = Readonly<{
  method: CommandEndpoint['method'];
  url: string;
  operationId: CommandName;
  params: z.ZodObject;
  body?: z.ZodType;
  /** 'id': the server makes an id and answers 201 with it; 'entry': 201 without one; else 200. */
  creates?: 'id' | 'entry';
  plan: (params: unknown, body: unknown, newId: string) => Plan;
}>;

export type CommandRoute = PlannedCommand &
  Readonly<{
    summary: string;
    tag:
      | 'workspaces'
      | 'members'
      | 'projects'
      | 'boards'
      | 'cards'
      | 'tasks'
      | 'comments'
      | 'inbox'
      | 'tokens'
      | 'webhooks';
    scope: Scope;
    resource: NamedResource | null;
  }>;

type ParamsOf<N extends CommandName> = z.infer<CommandEndpoints[N]['params']>;
type BodyOf<N extends CommandName> = CommandEndpoints[N] extends { body: infer B extends z.ZodType }
  ? z.infer<B>
  : undefined;

/** A typed plan for the command `name`: params and body as its contract parses them. */
export type PlanFor<N extends CommandName> = (
  params: ParamsOf<N>,
  body: BodyOf<N>,
  newId: string,
) => Plan;

/** The endpoint of `name` in the contracts table, with how the API plans it. */
export function planned<N extends CommandName>(
  name: N,
  definition: Readonly<{ creates?: 'id' | 'entry'; plan: PlanFor<N> }>,
): PlannedCommand {
  const endpoint: CommandEndpoint = commandEndpoints[name];
  return {
    method: endpoint.method,
    url: endpoint.path,
    operationId: name,
    params: endpoint.params,
    ...(endpoint.body === undefined ? {} : { body: endpoint.body }),
    ...(definition.creates === undefined ? {} : { creates: definition.creates }),
    // Typed where it is written, erased in the table: the handler parses with the same schemas.
    plan: definition.plan as PlannedCommand['plan'],
  };
}

export function command<N extends CommandName>(
  name: N,
  definition: Omit<CommandRoute, keyof PlannedCommand> &
    Readonly<{ creates?: 'id' | 'entry'; plan: PlanFor<N> }>,
): CommandRoute {
  const { summary, tag, scope, resource } = definition;
  return { ...planned(name, definition), summary, tag, scope, resource };
}

/** Only the fields a PATCH names; each becomes one command, decided in this order. */
export function present<T>(value: T | undefined): value is T {
  return value !== undefined;
}
