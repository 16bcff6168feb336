import { Module } from '@nestjs/common';
import { modelProvider } from '@tochka/runtime';
import { CLAIM_MODEL, claimModel } from './delivery/claims';
import { DeliveryLogHandlers } from './delivery/delivery-log.handlers';
import { DeliveryLog } from './delivery/delivery-log.service';
import { MailQueue } from './delivery/mail-queue';
import { Mailer } from './delivery/mailer';
import { NOTIFICATION_MODEL, notificationModel } from './delivery/notification.model';
import { MailMetrics } from './delivery/mail-metrics';
import { Sender } from './delivery/sender';
import { DirectoryHandlers } from './read-models/directory.handlers';
import { Directory } from './read-models/directory.service';
import { READ_MODELS, readModels } from './read-models/read-models';
import { AgreementMailsHandlers } from './planning/agreement-mails.handlers';
import { EventMailsHandlers } from './planning/event-mails.handlers';
import { RegistrationMailsHandlers } from './planning/registration-mails.handlers';
import { PREFERENCE_MODEL, preferenceModel } from './preferences/preference.model';
import { PreferencesHandlers } from './preferences/preferences.handlers';
import { PreferencesService } from './preferences/preferences.service';
import { DigestScheduler } from './schedules/digest.scheduler';
import { ReminderScheduler } from './schedules/reminder.scheduler';

/**
 * Every e-mail of the network: read models fed by the others' events (read-models/), who gets
 * what (planning/), the words (templates/), the queue and the SMTP sender (delivery/),
 * preferences, reminders and the digest (schedules/).
 */
@Module({
  controllers: [DirectoryHandlers, AgreementMailsHandlers, EventMailsHandlers, RegistrationMailsHandlers, PreferencesHandlers, DeliveryLogHandlers],
  providers: [
    modelProvider(READ_MODELS, readModels),
    modelProvider(NOTIFICATION_MODEL, notificationModel),
    modelProvider(CLAIM_MODEL, claimModel),
    modelProvider(PREFERENCE_MODEL, preferenceModel),
    Directory,
    PreferencesService,
    Mailer,
    Sender,
    MailQueue,
    MailMetrics,
    DeliveryLog,
    ReminderScheduler,
    DigestScheduler,
  ],
})
export class NotificationsModule {}
