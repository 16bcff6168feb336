import { z } from 'zod';
import { defineEvent } from './define';
import { emailSchema, idSchema, roleSchema } from './common';
import { USER_CHANGE_FIELDS } from './labels';

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
  updated: defineEvent({
    name: 'user.updated',
    version: 1,
    producer: 'gateway',
    payload: z.strictObject({ user: userSnapshotSchema, changed: z.array(z.enum(USER_CHANGE_FIELDS)).min(1) }),
    description: 'A user account was changed by the coordinator: its role, its organisation, or deactivated / activated again (`active`)',
  }),
} as const;
