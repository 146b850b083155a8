// `npm start`: every TaskoMask service in this one process, data under ./data (DATA_DIR).
import './tracing-setup';
import { loadConfig, port } from '@taskomask/config';
import { createLogger, exitOnProcessFailures, shutdownTracing } from '@taskomask/observability';
import { z } from 'zod';
import { defaultPorts, startEmbedded } from './start-embedded';

const config = loadConfig(
  z.object({
    DATA_DIR: z.string().min(1).default('./data'),
    HOST: z.string().min(1).default('127.0.0.1'),
    IDENTITY_PORT: port(defaultPorts.identity),
    COMMAND_PORT: port(defaultPorts.commands),
    QUERY_PORT: port(defaultPorts.queries),
    WEB_PORT: port(defaultPorts.web),
    LOG_LEVEL: z.enum(['silent', 'error', 'warn', 'info']).default('warn'),
    /** The query side's /health/ready fails while the projector is further behind than this. */
    PROJECTOR_MAX_LAG_EVENTS: z.coerce.number().int().min(1).default(10_000),
  }),
);

exitOnProcessFailures(createLogger({ name: 'embedded', level: 'error' }));

const system = await startEmbedded({
  dataDir: config.DATA_DIR,
  host: config.HOST,
  ports: {
    identity: config.IDENTITY_PORT,
    commands: config.COMMAND_PORT,
    queries: config.QUERY_PORT,
    web: config.WEB_PORT,
  },
  env: process.env,
  logLevel: config.LOG_LEVEL,
  projectorMaxLagEvents: config.PROJECTOR_MAX_LAG_EVENTS,
});

console.log(`TaskoMask is running (data in ${config.DATA_DIR}):
  open  ${system.urls.web}   ← start here
  identity (sign up, sign in)  ${system.urls.identity}
  command API  ${system.urls.commands}   docs: ${system.urls.commands}/docs
  query API    ${system.urls.queries}   docs: ${system.urls.queries}/docs
  metrics      ${system.urls.metrics}
Stop with Ctrl+C; your data stays in ${config.DATA_DIR}.`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    if (stopping) return;
    stopping = true;
    await system.close();
    await shutdownTracing();
    process.exit(0);
  });
}
