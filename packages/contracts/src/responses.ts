import { named } from './registry';
import { z } from './zod';

const count = () => z.int().nonnegative();

export const CommandResult = named(
  'CommandResult',
  'What a command did. `version` is the version of the changed (or created) stream, also sent as the `ETag`; `position` is the global position of the last event written — pass it as `minPosition` to the query side to read your own write. A command that changed nothing answers 200 with the current version and the position its decision was based on.',
  z.strictObject({
    id: z.uuid().optional().describe('the id the server made for a created thing'),
    version: count(),
    position: count(),
  }),
);

export const FieldError = named(
  'FieldError',
  'One refused field: its path in the body (dot-separated), a path parameter or a header name.',
  z.strictObject({ field: z.string(), reason: z.string() }),
);

export const ProblemDetails = named(
  'ProblemDetails',
  'RFC 9457 problem details. `type` identifies the kind of problem; extensions: `errors` for refused fields (400), `rule` for a business rule (422), `requestId` to quote when reporting a 5xx.',
  z.object({
    type: z.string(),
    title: z.string(),
    status: z.int().min(400).max(599),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(FieldError).optional(),
    rule: z.string().optional(),
    requestId: z.string().optional(),
  }),
);

export type CommandResult = z.infer<typeof CommandResult>;
export type FieldError = z.infer<typeof FieldError>;
export type ProblemDetails = z.infer<typeof ProblemDetails>;
