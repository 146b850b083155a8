import { describe, expect, it } from 'vitest';
import { type CommandName, commandEndpoints, commandRequest } from '../src/commands';

const names = Object.keys(commandEndpoints) as CommandName[];

describe('commandEndpoints', () => {
  it.each(names)('%s names in its path exactly the params its schema parses', (name) => {
    const endpoint = commandEndpoints[name];
    const inPath = [...endpoint.path.matchAll(/:(\w+)/g)].map((match) => match[1]).sort();
    expect(inPath).toEqual(Object.keys(endpoint.params.shape).sort());
  });

  it('declares each method and path once', () => {
    const routes = names.map(
      (name) => `${commandEndpoints[name].method} ${commandEndpoints[name].path}`,
    );
    expect(new Set(routes).size).toBe(routes.length);
  });
});

describe('commandRequest', () => {
  it('fills the path from the params, URL-encoded', () => {
    expect(
      commandRequest('removeLabel', {
        taskId: 'a0000000-0000-4000-8000-000000000001',
        label: 'to do/x',
      }),
    ).toEqual({
      method: 'DELETE',
      path: '/tasks/a0000000-0000-4000-8000-000000000001/labels/to%20do%2Fx',
    });
    expect(commandRequest('createWorkspace', {})).toEqual({ method: 'POST', path: '/workspaces' });
  });

  it('refuses params that leave a segment empty', () => {
    expect(() => commandRequest('moveTask', {} as { taskId: string })).toThrow(/taskId/);
  });
});
