import { createRegistry, metricsTokenReason } from './metrics';

/** How a process of the distributed mode exposes /metrics. */
export type MetricsExposure = Readonly<{ token: string }> | Readonly<{ disabled: true }>;

/**
 * For a process of the distributed mode, where the ingress routes /metrics from anywhere: a
 * METRICS_TOKEN (of at least 16 characters), or METRICS_DISABLED=true to serve no metrics at all.
 * Neither is an error: the process must not start with its metrics open to anyone.
 */
export function requiredMetricsExposure(
  env: Readonly<Record<string, string | undefined>>,
): MetricsExposure {
  const token = env.METRICS_TOKEN?.trim() ?? '';
  if (token !== '') {
    if (token.length < 16) throw new Error(`METRICS_TOKEN ${metricsTokenReason}`);
    return { token };
  }
  if (env.METRICS_DISABLED?.trim().toLowerCase() === 'true') return { disabled: true };
  throw new Error(
    'METRICS_TOKEN is required (the bearer token Prometheus sends to /metrics); set METRICS_DISABLED=true to serve no metrics',
  );
}

/** The registry options for an exposure: its token, or every scrape refused. */
export const registryOptionsOf = (exposure: MetricsExposure) =>
  'token' in exposure ? { token: exposure.token } : { scrapesDisabled: true as const };

/** The process's registry as `requiredMetricsExposure` allows; without either variable, exits. */
export function distributedRegistryOrExit(env: Readonly<Record<string, string | undefined>>) {
  try {
    return createRegistry(registryOptionsOf(requiredMetricsExposure(env)));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
