import { z } from 'zod';
import { baseConfigSchema } from '@tochka/runtime';

export const configSchema = baseConfigSchema.extend({
  /** `agreement.expiring` goes out this many days before validTo. */
  AGREEMENT_EXPIRING_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** How often the scheduler looks for agreements to mark expiring or expired. */
  AGREEMENT_SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(50).default(60_000),
});
export type AgreementsConfig = z.output<typeof configSchema>;
