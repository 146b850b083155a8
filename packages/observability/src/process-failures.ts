import type { Logger } from 'pino';

type FatalLog = Pick<Logger, 'fatal'>;

/**
 * A rejection nobody awaited or an exception nobody caught leaves the process in a state no code
 * planned for: log it with its reason, then exit non-zero so the supervisor (Kubernetes, compose,
 * the embedded runner's user) restarts a clean process. `exit` is replaceable for tests.
 */
export function exitOnProcessFailures(
  log: FatalLog,
  { exit = (code: number) => process.exit(code) }: { exit?: (code: number) => void } = {},
): () => void {
  const onRejection = (reason: unknown) => {
    log.fatal(
      { err: reason, event: 'unhandledRejection' },
      'unhandled promise rejection; exiting to be restarted',
    );
    exit(1);
  };
  const onException = (error: Error, origin: string) => {
    log.fatal({ err: error, event: origin }, 'uncaught exception; exiting to be restarted');
    exit(1);
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
