/** What every destination's config entry shares: its name, and values that come from the environment. */
import { z } from 'zod';
import { ENV_REF } from '../domain/env-ref.js';

export const DestinationName = z
  .string()
  .regex(/^[A-Za-z0-9][\w.-]*$/, 'a destination name is letters, digits, ".", "-" or "_"');

/**
 * A value from the environment: what `re` says, or `${VAR}` as written when VAR was not set as the config was
 * read; only the commands that send need it (src/config/deferred-env.ts checks it then).
 */
export const fromEnv = (re: RegExp, message: string) =>
  z.string().regex(new RegExp(`(?:${re.source})|^${ENV_REF.source}$`), message);
