import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The board components live in packages/ui as TypeScript sources.
  transpilePackages: ['@taskomask/ui', '@taskomask/contracts', '@taskomask/observability'],
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
