import { Module } from '@nestjs/common';
import { modelProvider, outboxModelProvider } from '@tochka/runtime';
import { CalendarFeedHandlers } from './read-models/calendar-feed.handlers';
import { CapacityHandlers } from './capacity/capacity.handlers';
import { COMMIT_MODEL, commitModel } from './ledger/commit.model';
import { LedgerStore } from './ledger/ledger-store';
import { LedgerWriter } from './ledger/ledger-writer';
import { REGISTRATION_REF_MODEL, registrationRefModel } from './ledger/registration-ref.model';
import { RegistrationQueries } from './registrations/registration-queries';
import { RegistrationsHandlers } from './registrations/registrations.handlers';
import { RegistrationsService } from './registrations/registrations.service';

/** Group registrations for events with capacity: one ledger (a log of commits) per event, fed by calendar events. */
@Module({
  controllers: [RegistrationsHandlers, CalendarFeedHandlers, CapacityHandlers],
  providers: [
    outboxModelProvider(COMMIT_MODEL, commitModel),
    modelProvider(REGISTRATION_REF_MODEL, registrationRefModel),
    LedgerStore,
    LedgerWriter,
    RegistrationsService,
    RegistrationQueries,
  ],
})
export class RegistrationsModule {}
