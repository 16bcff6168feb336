import { z } from 'zod';
import { baseConfigSchema } from '@tochka/runtime';

export const configSchema = baseConfigSchema.extend({
  /** Registration closes this many hours before the start unless the calendar sets a deadline. */
  REGISTRATION_DEADLINE_HOURS: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(24),
});
export type RegistrationsConfig = z.output<typeof configSchema>;
