import { commandEndpoints } from '@taskomask/contracts';
import { describe, expect, it } from 'vitest';
import { adminCommandRoutes } from '../src/admin/commands';
import { commandRoutes } from '../src/commands/routes';

describe('the command routes', () => {
  it('are exactly the contracts’ command table, each once, with its schemas', () => {
    const routes = [...commandRoutes, ...adminCommandRoutes];
    expect(routes.map((r) => r.operationId).sort()).toEqual(Object.keys(commandEndpoints).sort());
    for (const route of routes) {
      const endpoint = commandEndpoints[route.operationId];
      expect([route.method, route.url, route.params]).toEqual([
        endpoint.method,
        endpoint.path,
        endpoint.params,
      ]);
      expect(route.body).toBe('body' in endpoint ? endpoint.body : undefined);
    }
  });
});
