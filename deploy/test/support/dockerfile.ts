/** A Dockerfile read as stages of instructions: enough to check one statically. */
export type Instruction = Readonly<{ keyword: string; args: string; line: number }>;

export type Stage = Readonly<{
  /** The `AS` name, if any. */
  name: string | undefined;
  /** The image or earlier stage it starts from. */
  from: string;
  instructions: readonly Instruction[];
}>;

export function parseDockerfile(text: string): Stage[] {
  const instructions: Instruction[] = [];
  let pending: { parts: string[]; line: number } | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    // Comments (also between continuation lines) and blank lines are not instructions.
    if (line.startsWith('#') || (line === '' && pending === undefined)) return;
    const continues = line.endsWith('\\');
    const part = continues ? line.slice(0, -1).trim() : line;
    pending ??= { parts: [], line: index + 1 };
    pending.parts.push(part);
    if (continues) return;
    const joined = pending.parts.filter((p) => p !== '').join(' ');
    const [keyword = '', ...rest] = joined.split(/\s+/);
    instructions.push({ keyword: keyword.toUpperCase(), args: rest.join(' '), line: pending.line });
    pending = undefined;
  });

  const stages: { name: string | undefined; from: string; instructions: Instruction[] }[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const words = instruction.args.split(/\s+/).filter((w) => !w.startsWith('--'));
      const as = words.findIndex((w) => w.toUpperCase() === 'AS');
      stages.push({ from: words[0]!, name: as >= 0 ? words[as + 1] : undefined, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

/** The stage a build ends with: the named target, or the last one. */
export function targetStage(stages: readonly Stage[], target?: string): Stage | undefined {
  return target === undefined ? stages.at(-1) : stages.find((s) => s.name === target);
}

/** The stages a target is built on, oldest first (`FROM <earlier stage>` inherits its state). */
export function stageChain(stages: readonly Stage[], stage: Stage): Stage[] {
  const parent = stages.find((s) => s.name === stage.from && s !== stage);
  return parent === undefined ? [stage] : [...stageChain(stages, parent), stage];
}

/** The image a stage finally runs on, following `FROM <stage>`. */
export const baseImage = (stages: readonly Stage[], stage: Stage): string =>
  stageChain(stages, stage)[0]!.from;

export const instructionsOf = (chain: readonly Stage[], keyword: string): Instruction[] =>
  chain.flatMap((s) => s.instructions.filter((i) => i.keyword === keyword));

/** `ENV A=1 B=2` of a stage chain, later values winning. */
export function envOf(chain: readonly Stage[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { args } of instructionsOf(chain, 'ENV')) {
    for (const pair of args.split(/\s+/)) {
      const eq = pair.indexOf('=');
      if (eq > 0) env[pair.slice(0, eq)] = pair.slice(eq + 1).replace(/^"(.*)"$/, '$1');
    }
  }
  return env;
}

/** Ports of every `EXPOSE` in the chain (`3000`, `3000/tcp`). */
export const exposedPorts = (chain: readonly Stage[]): number[] =>
  instructionsOf(chain, 'EXPOSE').flatMap(({ args }) =>
    args.split(/\s+/).map((p) => Number(p.split('/')[0])),
  );

export type Copy = Readonly<{ from: string | undefined; sources: string[]; destination: string }>;

export function copiesOf(chain: readonly Stage[]): Copy[] {
  return instructionsOf(chain, 'COPY').map(({ args }) => {
    const words = args.split(/\s+/);
    const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
    const paths = words.filter((w) => !w.startsWith('--'));
    return { from, sources: paths.slice(0, -1), destination: paths.at(-1)! };
  });
}

/** The exec-form `CMD [...]` of a chain (the last one wins). */
export function commandOf(chain: readonly Stage[]): string[] | undefined {
  const cmd = instructionsOf(chain, 'CMD').at(-1);
  if (cmd === undefined) return undefined;
  const parsed: unknown = JSON.parse(cmd.args);
  return Array.isArray(parsed) ? parsed.map(String) : undefined;
}
