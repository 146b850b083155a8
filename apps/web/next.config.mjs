import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The proxy (src/proxy.ts) buffers request bodies up to this size and silently cuts longer ones
  // (10 MB by default): a Trello board import takes files up to 20 MB (the command API's limit).
  experimental: { proxyClientMaxBodySize: '21mb' },
  // The board components live in packages/ui as TypeScript sources.
  transpilePackages: ['@taskomask/ui', '@taskomask/contracts', '@taskomask/observability'],
  // The OpenTelemetry SDK and prom-client stay plain Node packages at run time (the SDK patches
  // modules as Node loads them); only the API is bundled, through @taskomask/observability.
  serverExternalPackages: [
    '@opentelemetry/sdk-node',
    '@opentelemetry/sdk-trace-base',
    '@opentelemetry/exporter-trace-otlp-http',
    '@opentelemetry/instrumentation',
    '@opentelemetry/instrumentation-http',
    '@opentelemetry/instrumentation-ioredis',
    '@opentelemetry/instrumentation-mongodb',
    '@opentelemetry/instrumentation-socket.io',
    'prom-client',
  ],
  // `tsc -p apps/web/tsconfig.json --noEmit` type-checks in `npm test`; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  turbopack: { root: resolve(here, '../..') },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
};

export default nextConfig;
