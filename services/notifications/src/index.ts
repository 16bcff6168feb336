import { Clock, startService } from '@tochka/runtime';
import { NotificationsModule } from './app.module';
import { configSchema } from './config';

/** Start the notifications service (used by main.ts and by tests, which pass their own settings and clock). */
export function startNotifications(opts: { overrides?: Record<string, unknown>; clock?: Clock } = {}) {
  return startService({ service: 'notifications', configSchema, module: NotificationsModule, ...opts });
}

/** The delivery log's collection as the service defines it (schema and indexes): `pnpm bench notification-writes` measures its writes. */
export { notificationModel, notificationId } from './delivery/notification.model';
export { laneOf } from './delivery/claims';
