import { z } from 'zod';
import { baseConfigSchema } from '@tochka/runtime';

export const configSchema = baseConfigSchema;
export type ReportsConfig = z.output<typeof configSchema>;
