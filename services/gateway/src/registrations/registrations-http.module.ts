import { Module } from '@nestjs/common';
import { EventRegistrationsController } from './event-registrations.controller';
import { RegistrationsController } from './registrations.controller';

/** HTTP routes of the registrations service (controllers talk to it over NATS). */
@Module({ controllers: [EventRegistrationsController, RegistrationsController], providers: [] })
export class RegistrationsHttpModule {}
