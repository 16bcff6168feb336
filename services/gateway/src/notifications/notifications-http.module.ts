import { Module } from '@nestjs/common';
import { NotificationPreferencesController } from './notification-preferences.controller';
import { NotificationsController } from './notifications.controller';

/** HTTP routes of the notifications service (controllers talk to it over NATS). */
@Module({ controllers: [NotificationPreferencesController, NotificationsController], providers: [] })
export class NotificationsHttpModule {}
