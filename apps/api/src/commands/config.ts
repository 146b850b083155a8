import { z } from 'zod';
import { apiProcessVariables, type Env, portVariable, readConfig } from '../http/config';

const commandConfigSchema = z.object({
  EVENT_STORE_URL: z
    .string()
    .regex(/^(rediss?:\/\/.+|sqlite:.+)$/, {
      error: 'must be redis://host:port[/db] or sqlite:<path>',
    })
    .default('sqlite:./data/events.db'),
  COMMAND_HOST: z.string().min(1).default('127.0.0.1'),
  COMMAND_PORT: portVariable(3001),
  ...apiProcessVariables,
});

export type CommandConfig = z.infer<typeof commandConfigSchema>;

/** The command side's configuration, read once; a ConfigError names every bad variable. */
export function readCommandConfig(env: Env): CommandConfig {
  return readConfig(commandConfigSchema, env);
}
