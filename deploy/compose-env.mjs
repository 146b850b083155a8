// Prints a .env for docker-compose.yml with fresh secrets: `node deploy/compose-env.mjs > .env`.
// Hex and base64url only, so nothing in the values is special to Compose's .env parser.
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';

const secret = () => randomBytes(32).toString('hex');

// The identity service's signing key: an RS256 private JWK whose kid is its RFC 7638 thumbprint.
const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
  format: 'jwk',
});
const thumbprint = createHash('sha256')
  .update(JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n }))
  .digest('base64url');
const jwks = JSON.stringify({ keys: [{ ...jwk, kid: thumbprint, alg: 'RS256', use: 'sig' }] });

process.stdout.write(
  [
    '# Secrets of docker-compose.yml, written by deploy/compose-env.mjs. Never commit this file.',
    `RABBITMQ_PASSWORD=${secret()}`,
    `WEB_CLIENT_SECRET=${secret()}`,
    `NEXTAUTH_SECRET=${secret()}`,
    `REALTIME_SECRET=${secret()}`,
    `METRICS_TOKEN=${secret()}`,
    // Single quotes: Compose takes the JSON literally.
    `IDENTITY_JWKS='${jwks}'`,
    '',
  ].join('\n'),
);
