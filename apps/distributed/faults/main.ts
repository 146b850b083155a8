// `npm run test:faults`: the load-with-faults harness; the summary, then its JSON as the last line.
// FAULTS_COMMANDS, FAULTS_CLIENTS and FAULTS_SEED override the defaults (10 000, 32, random);
// FAULTS_INJECT=projector=3,redis=3 how many times each fault is injected; FAULTS_VERBOSE=1 shows
// every line the apps print.
import { type FaultKind, runFaults } from './run-faults';

const number = (name: string) => {
  const value = process.env[name];
  return value === undefined ? undefined : Number(value);
};
const started = Date.now();
const summary = await runFaults({
  ...(number('FAULTS_COMMANDS') === undefined ? {} : { commands: number('FAULTS_COMMANDS') }),
  ...(number('FAULTS_CLIENTS') === undefined ? {} : { clients: number('FAULTS_CLIENTS') }),
  ...(number('FAULTS_SEED') === undefined ? {} : { seed: number('FAULTS_SEED') }),
  faults: Object.fromEntries(
    (process.env.FAULTS_INJECT ?? '')
      .split(',')
      .filter((pair) => pair.includes('='))
      .map((pair) => pair.split('=') as [FaultKind, string])
      .map(([kind, n]) => [kind, Number(n)]),
  ),
  log: (line) => console.log(`[faults +${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`),
});
const c = summary.commands;
console.log(`
Load with faults (seed ${summary.seed}, ${summary.seconds} s)
  commands sent ${c.sent}, acked ${c.acked}; final answers ${JSON.stringify(c.byStatus)}
  requests ${c.requests} (retries included): ${JSON.stringify(c.responses)}
  faults injected ${JSON.stringify(summary.faultCounts)}; unplanned exits ${JSON.stringify(summary.crashes)}${summary.crashReasons.map((r) => `\n    - ${r}`).join('')}
  events ${summary.events} in ${summary.streams} streams; read store ${summary.documents} documents
  queues ${summary.queues.map((q) => `${q.name} ${q.messages}/${q.unacked} unacked`).join(', ')}
  dead letters ${summary.deadLetters.join(', ') || 'none'}
  mismatches ${summary.mismatches}${summary.problems.map((p) => `\n    - ${p}`).join('')}
${summary.ok ? 'OK' : 'FAILED'}`);
console.log(JSON.stringify(summary));
process.exit(summary.ok ? 0 : 1);
