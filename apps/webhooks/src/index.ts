export { isBlockedAddress } from './address-guard';
export { defaultRetryPolicy, type RetryPolicy, retryDelayMs } from './backoff';
export {
  readWebhooksConfig,
  type WebhooksConfig,
  webhookSettings,
  webhooksConfigSchema,
} from './config';
export { defaultPostLimits, type PostLimits } from './post';
export { signatureOf, verifySignature } from './signature';
export { startWebhooks, type Webhooks, type WebhooksOptions, webhookBindings } from './webhooks';
