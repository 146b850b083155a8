// The embedded system as `npm start` composes it (src/main.ts), without the Next.js child: what
// benchmarks run as a process of its own, so that its CPU is its own. Configured by environment
// (DATA_DIR, IDENTITY_PORT, COMMAND_PORT, QUERY_PORT, WEB_PORT, and the identity's variables);
// prints one line `ready` once every service listens, and closes on SIGTERM.
import '../src/tracing-setup';
import { createLogger, exitOnProcessFailures } from '@taskomask/observability';
import { startEmbedded } from '../src/start-embedded';

exitOnProcessFailures(createLogger({ name: 'embedded', level: 'error' }));

const env = process.env;
const system = await startEmbedded({
  dataDir: env.DATA_DIR ?? './data',
  web: false,
  ports: {
    identity: Number(env.IDENTITY_PORT),
    commands: Number(env.COMMAND_PORT),
    queries: Number(env.QUERY_PORT),
    web: Number(env.WEB_PORT),
  },
  env,
  logLevel: 'warn',
});
console.log('ready');

process.once('SIGTERM', async () => {
  await system.close();
  process.exit(0);
});
