import { z } from 'zod';
import { defineEvent } from './define';
import { emailSchema, idSchema, roleSchema } from './common';

/** A user account as other services may know it (no secrets). */
export const userSnapshotSchema = z.strictObject({
  id: idSchema,
  email: emailSchema,
  name: z.string(),
  role: roleSchema,
  organizationId: idSchema,
  active: z.boolean(),
  version: z.number().int().positive(),
});
export type UserSnapshot = z.infer<typeof userSnapshotSchema>;

export const userEvents = {
  created: defineEvent({
    name: 'user.created',
    version: 1,
    producer: 'gateway',
    payload: z.strictObject({ user: userSnapshotSchema }),
    description: 'A user account was created',
  }),
} as const;
