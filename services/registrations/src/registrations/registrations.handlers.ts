import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { z } from 'zod';
import { registrationRpcs } from '@tochka/contracts';
import { OnRequest } from '@tochka/messaging';
import { RegistrationQueries } from './registration-queries';
import { RegistrationsService } from './registrations.service';

// The transport has already parsed each request with its contract: handlers get the output types.
type Req<K extends keyof typeof registrationRpcs> = z.output<(typeof registrationRpcs)[K]['request']>;

/** NATS entry points of registrations: commands and queries. */
@Controller()
export class RegistrationsHandlers {
  constructor(
    private readonly registrations: RegistrationsService,
    private readonly queries: RegistrationQueries,
  ) {}

  @OnRequest(registrationRpcs.create)
  create(@Payload() req: Req<'create'>) {
    return this.registrations.create(req.actor, req.eventId, req.registration, req.idempotencyKey);
  }

  @OnRequest(registrationRpcs.update)
  update(@Payload() req: Req<'update'>) {
    return this.registrations.update(req.actor, req.id, req.patch);
  }

  @OnRequest(registrationRpcs.cancel)
  cancel(@Payload() req: Req<'cancel'>) {
    return this.registrations.cancel(req.actor, req.id, req.reason);
  }

  @OnRequest(registrationRpcs.anonymize)
  anonymize(@Payload() req: Req<'anonymize'>) {
    return this.registrations.anonymize(req.actor, req.id);
  }

  @OnRequest(registrationRpcs.recordAttendance)
  recordAttendance(@Payload() req: Req<'recordAttendance'>) {
    return this.registrations.recordAttendance(req.actor, req.eventId, req.records);
  }

  @OnRequest(registrationRpcs.setSettings)
  setSettings(@Payload() req: Req<'setSettings'>) {
    return this.registrations.setSettings(req.actor, req.eventId, req.maxGroupsPerOrganization);
  }

  @OnRequest(registrationRpcs.get)
  get(@Payload() req: Req<'get'>) {
    return this.queries.get(req.actor, req.id);
  }

  @OnRequest(registrationRpcs.listForEvent)
  listForEvent(@Payload() req: Req<'listForEvent'>) {
    return this.queries.forEvent(req.actor, req.eventId);
  }

  @OnRequest(registrationRpcs.list)
  list(@Payload() req: Req<'list'>) {
    const { actor, ...query } = req;
    return this.queries.forOrganization(actor, query);
  }
}
