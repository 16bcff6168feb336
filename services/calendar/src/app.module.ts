import { Module } from '@nestjs/common';
import { modelProvider, outboxModelProvider } from '@tochka/runtime';
import { AtRiskService } from './events/at-risk.service';
import { BusyPartners } from './events/busy-partners';
import { EVENT_MODEL, eventModel } from './events/event.model';
import { EventQueries } from './events/event-queries';
import { EventStore } from './events/event-store';
import { EventsHandlers } from './events/events.handlers';
import { EventsService } from './events/events.service';
import { MonthBucketsBackfill } from './events/month-buckets';
import { EventReferences } from './events/references';
import { VENUE_MODEL, venueModel } from './events/venue.model';
import { VenueBookings } from './events/venue-bookings';
import { FeedIndex } from './feeds/feed-index';
import { FeedScopes } from './feeds/feed-scopes';
import { FeedsHandlers } from './feeds/feeds.handlers';
import { FeedsService } from './feeds/feeds.service';
import { FEED_TOKEN_KEY_MODEL, feedTokenKeyModel, SUBSCRIPTION_MODEL, subscriptionModel } from './feeds/subscription.model';
import { SubscriptionsService } from './feeds/subscriptions.service';
import { FESTIVAL_MODEL, festivalModel } from './festivals/festival.model';
import { FestivalsHandlers } from './festivals/festivals.handlers';
import { FestivalsService } from './festivals/festivals.service';
import { KNOWN_AGREEMENT_MODEL, knownAgreementModel } from './read-models/agreement.model';
import { KNOWN_ORGANIZATION_MODEL, knownOrganizationModel } from './read-models/organization.model';
import { KNOWN_REGISTRATION_MODEL, knownRegistrationModel } from './read-models/registration.model';
import { ReadModelsHandlers } from './read-models/read-models.handlers';
import { ReadModels } from './read-models/read-models.service';

/** Joint events under agreements, the plan-schedule, festivals and iCal feeds. */
@Module({
  controllers: [ReadModelsHandlers, EventsHandlers, FestivalsHandlers, FeedsHandlers],
  providers: [
    outboxModelProvider(EVENT_MODEL, eventModel),
    modelProvider(VENUE_MODEL, venueModel),
    modelProvider(FESTIVAL_MODEL, festivalModel),
    outboxModelProvider(SUBSCRIPTION_MODEL, subscriptionModel),
    modelProvider(FEED_TOKEN_KEY_MODEL, feedTokenKeyModel),
    modelProvider(KNOWN_ORGANIZATION_MODEL, knownOrganizationModel),
    modelProvider(KNOWN_AGREEMENT_MODEL, knownAgreementModel),
    modelProvider(KNOWN_REGISTRATION_MODEL, knownRegistrationModel),
    ReadModels,
    FestivalsService,
    EventStore,
    EventReferences,
    VenueBookings,
    BusyPartners,
    EventsService,
    EventQueries,
    MonthBucketsBackfill,
    AtRiskService,
    FeedScopes,
    FeedIndex,
    SubscriptionsService,
    FeedsService,
  ],
})
export class CalendarModule {}
