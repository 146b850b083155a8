import { expect } from 'vitest';
import type { Api, Response } from './harness';

/** Sends through `act` and checks the answer is a 400 naming exactly these fields and reasons. */
export async function expectInvalid(
  api: Api,
  act: () => Promise<Response>,
  errors: readonly { field: string; reason: string }[],
): Promise<void> {
  const before = await api.head();
  const response = await act();
  expect(response.status, JSON.stringify(response.body)).toBe(400);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ type: 'urn:taskomask:problem:validation', status: 400 });
  expect(response.body.errors).toEqual(errors);
  expect(await api.head()).toBe(before);
}

/** Sends through `act` and checks the answer is a problem of `status` (and `rule`), nothing written. */
export async function expectProblem(
  api: Api,
  act: () => Promise<Response>,
  status: number,
  fields: Record<string, unknown> = {},
): Promise<Response> {
  const before = await api.head();
  const response = await act();
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, ...fields });
  expect(response.body).not.toHaveProperty('stack');
  expect(await api.head()).toBe(before);
  return response;
}
