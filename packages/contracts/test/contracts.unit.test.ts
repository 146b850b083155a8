import { cardTypes, limits, roles } from '@taskomask/domain';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AddCardBody,
  AddMemberBody,
  apiSchemas,
  CommandResult,
  CreateTaskBody,
  CreateWorkspaceBody,
  name,
  parseInput,
  schemaId,
  UpdateTaskBody,
  UpdateWorkspaceBody,
} from '../src/index';

describe('field schemas follow the domain’s limits', () => {
  it('names are limits.nameMin–nameMax characters after trimming', () => {
    const schema = name();
    expect(schema.safeParse('x'.repeat(limits.nameMin)).success).toBe(true);
    expect(schema.safeParse('x'.repeat(limits.nameMax)).success).toBe(true);
    expect(schema.safeParse('x'.repeat(limits.nameMin - 1)).success).toBe(false);
    expect(schema.safeParse('x'.repeat(limits.nameMax + 1)).success).toBe(false);
    expect(schema.parse('  Acme  ')).toBe('Acme');
  });

  it('counts code points, as the domain does', () => {
    expect(name().safeParse('👍'.repeat(limits.nameMax)).success).toBe(true);
    expect(name().safeParse('👍'.repeat(limits.nameMax + 1)).success).toBe(false);
  });

  it('offers exactly the domain’s roles and card types', () => {
    const { properties } = z.toJSONSchema(AddMemberBody) as unknown as {
      properties: { role: { enum: string[] } };
    };
    expect(properties.role.enum).toEqual([...roles]);
    const card = z.toJSONSchema(AddCardBody) as unknown as {
      properties: { type: { enum: string[] } };
    };
    expect(card.properties.type.enum).toEqual([...cardTypes]);
  });

  it('accepts the due dates the domain accepts and refuses the others', () => {
    const due = (dueDate: unknown) => UpdateTaskBody.safeParse({ dueDate }).success;
    expect(due('2024-02-29')).toBe(true);
    expect(due('2025-03-01T17:00:00+01:00')).toBe(true);
    expect(due(null)).toBe(true);
    expect(due('2025-02-29')).toBe(false);
    expect(due('2025-03-01T17:00:00')).toBe(false);
    expect(due('next week')).toBe(false);
  });
});

describe('parseInput', () => {
  it('names every refused field with a reason', () => {
    const parsed = parseInput(CreateTaskBody, {
      cardId: 'x',
      title: 12,
      extra: true,
      after: 'a b',
    });
    expect(parsed).toEqual({
      ok: false,
      errors: [
        { field: 'cardId', reason: 'must be a UUID' },
        { field: 'title', reason: 'must be a string' },
        { field: 'after', reason: 'must be a position key (letters and digits only)' },
        { field: 'extra', reason: 'is not a known field' },
      ],
    });
  });

  it('says what is missing, and when the whole body is not an object', () => {
    expect(parseInput(CreateWorkspaceBody, {})).toEqual({
      ok: false,
      errors: [{ field: 'name', reason: 'is required' }],
    });
    expect(parseInput(CreateWorkspaceBody, 'Acme')).toEqual({
      ok: false,
      errors: [{ field: 'body', reason: 'must be a JSON object' }],
    });
  });

  it('refuses a PATCH that changes nothing', () => {
    expect(parseInput(UpdateWorkspaceBody, {})).toEqual({
      ok: false,
      errors: [{ field: 'body', reason: 'must change at least one field' }],
    });
  });

  it('returns the trimmed value', () => {
    expect(parseInput(CreateWorkspaceBody, { name: ' Acme ' })).toEqual({
      ok: true,
      value: { name: 'Acme' },
    });
  });
});

describe('the registry behind the OpenAPI documents', () => {
  it('turns every registered schema into JSON Schema; bodies refuse unknown fields', () => {
    const { schemas } = z.toJSONSchema(apiSchemas, {
      target: 'draft-2020-12',
      io: 'input',
      uri: (id) => `#/components/schemas/${id}`,
    });
    const bodies = Object.entries(schemas).filter(([id]) => id.endsWith('Body'));
    expect(bodies.length).toBeGreaterThanOrEqual(19);
    for (const [id, schema] of bodies) {
      expect((schema as { additionalProperties?: boolean }).additionalProperties, id).toBe(false);
    }
    expect(schemaId(CommandResult)).toBe('CommandResult');
  });
});
