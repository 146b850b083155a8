import { z } from './zod';

export type SchemaMeta = { id: string; description: string };

/**
 * Every schema the HTTP APIs name in their OpenAPI documents, keyed by its component id. Kept
 * apart from zod's global registry so the documents list exactly these.
 */
export const apiSchemas = z.registry<SchemaMeta>();

/** Registers `schema` under `id` and returns it, so a declaration reads as one expression. */
export function named<T extends z.ZodType>(id: string, description: string, schema: T): T {
  apiSchemas.add(schema, { id, description });
  return schema;
}

/** The component id of a registered schema. */
export function schemaId(schema: z.ZodType): string {
  const meta = apiSchemas.get(schema);
  if (meta === undefined) throw new Error('schema is not registered in apiSchemas');
  return meta.id;
}
