import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { apiSchemas, type Scope } from '@taskomask/contracts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { problemKinds } from './problem';

type JsonSchema = Record<string, unknown>;

/** Headers a route documents; defined once in `components.parameters`. */
export type HeaderParameter = 'IdempotencyKey' | 'IfMatch' | 'CorrelationId' | 'Traceparent';

export type ResponseDoc = Readonly<{
  description: string;
  schema?: z.ZodType;
  /** A plain JSON Schema, for answers with no zod schema (health). */
  jsonSchema?: JsonSchema;
  headers?: Readonly<Record<string, { description: string; schema: JsonSchema }>>;
  /** The media type of the answer; `application/json` when absent. */
  contentType?: string;
  /** Also answered as `text/csv` (with a header row) when the request's Accept prefers it. */
  alsoCsv?: boolean;
}>;

/** What the OpenAPI document says about one route; the schemas are the ones the route parses. */
export type RouteDoc = Readonly<{
  method: string;
  url: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: readonly string[];
  /** The scope the access token needs; routes without one are public. */
  scope?: Scope;
  /** False for a route a personal API token may not call (making tokens); true by default. */
  personalToken?: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  headers?: readonly HeaderParameter[];
  responses: Readonly<Record<number, ResponseDoc>>;
  /** Problem statuses the route may answer with (application/problem+json). */
  problems?: readonly number[];
}>;

export type OpenApiDocument = Record<string, unknown> & { openapi: '3.1.0' };

const ref = (id: string) => `#/components/schemas/${id}`;

function withoutDialect(schema: JsonSchema): JsonSchema {
  const { $schema: _dialect, $id: _id, ...rest } = schema;
  return rest;
}

/** A registered schema by reference, anything else inline. */
function schemaOf(schema: z.ZodType): JsonSchema {
  const meta = apiSchemas.get(schema);
  if (meta !== undefined) return { $ref: ref(meta.id) };
  return withoutDialect(
    z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }),
  );
}

function collectRefs(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectRefs(item, into);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string' && item.startsWith('#/components/schemas/')) {
        into.add(item.slice('#/components/schemas/'.length));
      } else {
        collectRefs(item, into);
      }
    }
  }
}

const headerParameters: Record<HeaderParameter, JsonSchema> = {
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description:
      'Up to 200 printable characters chosen by the client. A repeat with the same key by the same user returns the first answer and writes nothing; the same key for another request answers 422.',
    schema: { type: 'string', minLength: 1, maxLength: 200 },
  },
  IfMatch: {
    name: 'If-Match',
    in: 'header',
    required: false,
    description:
      'The version (ETag) of the resource named by the path that the client last saw; 412 when it moved on.',
    schema: { type: 'string', examples: ['"3"'] },
  },
  CorrelationId: {
    name: 'X-Correlation-Id',
    in: 'header',
    required: false,
    description: 'Carried into the metadata of every event written; a new one is made when absent.',
    schema: { type: 'string', maxLength: 200 },
  },
  Traceparent: {
    name: 'traceparent',
    in: 'header',
    required: false,
    description: 'W3C trace context, carried into event metadata.',
    schema: { type: 'string' },
  },
};

function pathParameters(url: string, params: z.ZodObject | undefined): JsonSchema[] {
  const names = [...url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
  return names.map((name) => {
    const shape = params?.shape[name] as z.ZodType | undefined;
    return {
      name,
      in: 'path',
      required: true,
      schema: shape === undefined ? { type: 'string' } : schemaOf(shape),
    };
  });
}

function queryParameters(query: z.ZodObject | undefined): JsonSchema[] {
  if (query === undefined) return [];
  return Object.entries(query.shape).map(([name, schema]) => ({
    name,
    in: 'query',
    required: !(schema as z.ZodType).safeParse(undefined).success,
    schema: schemaOf(schema as z.ZodType),
  }));
}

function operationOf(route: RouteDoc): JsonSchema {
  const responses: Record<string, JsonSchema> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    responses[status] = {
      description: response.description,
      ...(response.headers === undefined ? {} : { headers: response.headers }),
      ...(response.schema === undefined && response.jsonSchema === undefined
        ? {}
        : {
            content: {
              [response.contentType ?? 'application/json']: {
                schema:
                  response.schema === undefined ? response.jsonSchema : schemaOf(response.schema),
              },
              ...(response.alsoCsv
                ? {
                    'text/csv': {
                      schema: {
                        type: 'string',
                        description: 'UTF-8 with a BOM, RFC 4180, a header row first',
                      },
                    },
                  }
                : {}),
            },
          }),
    };
  }
  for (const status of route.problems ?? []) {
    responses[String(status)] = { $ref: `#/components/responses/Problem${status}` };
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description === undefined ? {} : { description: route.description }),
    tags: route.tags,
    parameters: [
      ...pathParameters(route.url, route.params),
      ...queryParameters(route.query),
      ...(route.headers ?? []).map((h) => ({ $ref: `#/components/parameters/${h}` })),
    ],
    ...(route.body === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemaOf(route.body) } },
          },
        }),
    responses,
    security:
      route.scope === undefined
        ? []
        : [
            { bearerAuth: [route.scope] },
            // A personal token's `read` grants every `*:read` scope, `write` every `*:write`.
            ...(route.personalToken === false
              ? []
              : [{ personalToken: [route.scope.endsWith(':read') ? 'read' : 'write'] }]),
          ],
  };
}

const problemStatuses = [
  ...new Set(Object.values(problemKinds).map((kind) => kind.status as number)),
].sort();

/** An OpenAPI 3.1 document whose schemas are generated from the zod schemas the routes parse. */
export function openApiDocument(options: {
  title: string;
  version: string;
  description: string;
  routes: readonly RouteDoc[];
}): OpenApiDocument {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of options.routes) {
    const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operationOf(route);
  }
  const all = z.toJSONSchema(apiSchemas, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    uri: ref,
  }).schemas;
  // Only the components these routes reach, so each side's document lists its own.
  const wanted = new Set<string>(['ProblemDetails']);
  collectRefs(paths, wanted);
  const schemas: Record<string, JsonSchema> = {};
  const pending = [...wanted];
  while (pending.length > 0) {
    const id = pending.pop()!;
    const schema = all[id];
    if (schema === undefined || schemas[id] !== undefined) continue;
    schemas[id] = withoutDialect(schema as JsonSchema);
    const nested = new Set<string>();
    collectRefs(schema, nested);
    pending.push(...nested);
  }
  const responses: Record<string, JsonSchema> = {};
  for (const status of problemStatuses) {
    const kinds = Object.entries(problemKinds)
      .filter(([, kind]) => kind.status === status)
      .map(([name, kind]) => `\`${name}\` (${kind.title})`);
    responses[`Problem${status}`] = {
      description: `Problem details: ${kinds.join(', ')}`,
      content: { 'application/problem+json': { schema: { $ref: ref('ProblemDetails') } } },
    };
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: { title: options.title, version: options.version, description: options.description },
    paths,
    components: {
      schemas,
      responses,
      parameters: headerParameters,
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'Access token from the identity provider; `sub` is the owner id, `scope` lists workspaces:read|write, boards:read|write, tasks:read|write.',
        },
        personalToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'tmpat_<ownerId>_<tokenId>_<secret>',
          description:
            'A personal API token made in the profile (POST /me/tokens on the command API), sent as `Authorization: Bearer tmpat_…`, also as the Socket.IO handshake’s `auth.token`. Opaque, never a JWT. Its `read` scope grants workspaces:read, boards:read and tasks:read; `write` grants the `:write` scopes; it acts with the person’s own permissions and role as they stand now. Refused (401) from the request after it is revoked, once expired, and while the person is deactivated. It cannot make tokens.',
        },
      },
    },
  };
}

/** `/openapi.json` and a browsable Swagger UI at `/docs`, both public. */
export function registerDocs(app: FastifyInstance, document: OpenApiDocument): void {
  app.get('/openapi.json', async () => document);
  app.register(fastifySwagger, {
    mode: 'static',
    // The plugin's types stop at OpenAPI 3.0; the document is 3.1 and served as is.
    specification: { document: document as never },
  });
  app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    // The plugin's own policy (its scripts by hash, no inline ones), but never framed, no
    // stylesheet or font from any https origin, and no upgrade that breaks a plain-http host.
    staticCSP: true,
    transformStaticCSP: (header) =>
      `${header
        .replace("frame-ancestors 'self'", "frame-ancestors 'none'")
        .replaceAll(' https:', '')
        .replace(/\s*upgrade-insecure-requests;?/, '')} form-action 'self';`,
  });
}
