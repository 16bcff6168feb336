import { z } from 'zod';
import { defineRpc, ServiceName } from './define';

export const checkStateSchema = z.enum(['up', 'down']);
export type CheckState = z.infer<typeof checkStateSchema>;

/** `degraded`: up, but something it uses and can live without for a while is not (SMTP for notifications). */
export const serviceStateSchema = z.enum(['up', 'degraded', 'down']);
export type ServiceState = z.infer<typeof serviceStateSchema>;

export const healthStatusSchema = z.strictObject({
  service: z.string(),
  status: serviceStateSchema,
  checks: z.record(z.string(), checkStateSchema),
});
export type HealthStatus = z.infer<typeof healthStatusSchema>;

/** Every service answers `<service>.health` over NATS. */
export function healthRpc<S extends ServiceName>(service: S) {
  return defineRpc({
    name: `${service}.health` as `${S}.health`,
    version: 1,
    service,
    request: z.strictObject({}),
    response: healthStatusSchema,
    description: `Health of the ${service} service and its dependencies`,
  });
}

export const healthRpcs = {
  agreements: healthRpc('agreements'),
  calendar: healthRpc('calendar'),
  registrations: healthRpc('registrations'),
  notifications: healthRpc('notifications'),
  reports: healthRpc('reports'),
} as const;
