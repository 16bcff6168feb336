import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { EventsController } from './events.controller';
import { FestivalsController } from './festivals.controller';
import { IcalFeedController } from './ical-feed.controller';
import { IcalFeeds } from './ical-feeds';
import { PlanController } from './plan.controller';
import { SubscriptionsController } from './subscriptions.controller';

/** HTTP routes of the calendar service (controllers talk to it over NATS); iCal feeds check their owner's account here. */
@Module({
  imports: [UsersModule],
  controllers: [EventsController, PlanController, FestivalsController, SubscriptionsController, IcalFeedController],
  providers: [IcalFeeds],
})
export class CalendarHttpModule {}
