import {
  limits,
  requireWebhookSecret,
  requireWebhookUrl,
  ValidationError,
  webhookEventKinds,
} from '@taskomask/domain';
import { expected, uuid } from './fields';
import { named } from './registry';
import { z } from './zod';

// Webhooks of a workspace (issue #16 §4): what the command API accepts and the query API answers.

export const WebhookParams = z.strictObject({ workspaceId: uuid(), webhookId: uuid() });
export const WebhookDeliveryParams = z.strictObject({
  workspaceId: uuid(),
  webhookId: uuid(),
  deliveryId: z.string().regex(/^[0-9a-f]{32}$/, { error: 'must be a delivery id' }),
});

/** The domain's own check, so zod and the decider refuse with the same reason. */
function checkedBy(check: (field: string, value: unknown) => unknown) {
  return (value: string, ctx: z.RefinementCtx) => {
    try {
      check('', value);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.reason });
    }
  };
}

const webhookUrl = () =>
  z
    .string({ error: expected('a URL') })
    .max(limits.webhookUrlMax, { error: `must be at most ${limits.webhookUrlMax} characters` })
    .superRefine(checkedBy(requireWebhookUrl))
    .describe('http or https; private, loopback and link-local addresses are refused at delivery');
const eventKinds = () =>
  z
    .array(z.enum(webhookEventKinds, { error: expected(`one of ${webhookEventKinds.join(', ')}`) }))
    .min(1, { error: 'must name at least one event kind' })
    .max(webhookEventKinds.length);

export const CreateWebhookBody = named(
  'CreateWebhookBody',
  'A webhook of the workspace (owner or admin). The client makes the secret (16–128 printable ASCII characters, e.g. 32 random bytes as hex) and shows it once: lists only show its last 4 characters. Each delivery is signed with it (README, "Verifying webhook signatures").',
  z.strictObject({
    url: webhookUrl(),
    secret: z.string({ error: expected('a string') }).superRefine(checkedBy(requireWebhookSecret)),
    eventKinds: eventKinds(),
  }),
);

export const UpdateWebhookBody = named(
  'UpdateWebhookBody',
  'Changes a webhook’s URL and/or event kinds (owner or admin).',
  z
    .strictObject({ url: webhookUrl().optional(), eventKinds: eventKinds().optional() })
    .refine((b) => b.url !== undefined || b.eventKinds !== undefined, {
      error: 'must change at least one field',
    }),
);

export const webhookDeliveryStatuses = [
  'pending',
  'retrying',
  'succeeded',
  'failed',
  'skipped',
] as const;
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatuses)[number];

export const WebhookDto = named(
  'Webhook',
  'A webhook as owners and admins see it: never its secret, only its last 4 characters.',
  z.object({
    webhookId: z.string(),
    url: z.string(),
    eventKinds: z.array(z.string()),
    secretHint: z.string(),
    createdBy: z.string(),
    createdAt: z.string(),
  }),
);
export type WebhookDto = z.infer<typeof WebhookDto>;

export const WebhookListDto = named(
  'WebhookList',
  'The webhooks of a workspace.',
  z.object({ items: z.array(WebhookDto) }),
);
export type WebhookListDto = z.infer<typeof WebhookListDto>;

export const WebhookDeliveryDto = named(
  'WebhookDelivery',
  'One delivery of an event to a webhook (newest first in the log, at most 500 per webhook).',
  z.object({
    deliveryId: z.string(),
    eventType: z.string(),
    eventPosition: z.number(),
    boardId: z.string().nullable(),
    status: z.enum(webhookDeliveryStatuses),
    attempts: z.number(),
    responseStatus: z.number().nullable(),
    durationMs: z.number().nullable(),
    error: z.string().nullable(),
    createdAt: z.string(),
    lastAttemptAt: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
    redelivery: z.boolean(),
  }),
);
export type WebhookDeliveryDto = z.infer<typeof WebhookDeliveryDto>;

export const WebhookDeliveryListDto = named(
  'WebhookDeliveryList',
  'A webhook’s delivery log, newest first.',
  z.object({ items: z.array(WebhookDeliveryDto) }),
);
export type WebhookDeliveryListDto = z.infer<typeof WebhookDeliveryListDto>;
