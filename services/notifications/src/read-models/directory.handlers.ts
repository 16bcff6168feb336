import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { agreementEvents, calendarEvents, EventPayload, organizationEvents, registrationEvents, userEvents } from '@tochka/contracts';
import { OnEvent } from '@tochka/messaging';
import { Directory } from './directory.service';

/** Events that only keep the read models current (the ones that also mean mail are in planning/). */
@Controller()
export class DirectoryHandlers {
  constructor(private readonly directory: Directory) {}

  @OnEvent(userEvents.created)
  userCreated(@Payload() p: EventPayload<typeof userEvents.created>) {
    return this.directory.recordUser(p.user);
  }

  /** Role, organisation or deactivation: the coordinators' mails and the proposers' follow the newest snapshot. */
  @OnEvent(userEvents.updated)
  userUpdated(@Payload() p: EventPayload<typeof userEvents.updated>) {
    return this.directory.recordUser(p.user);
  }

  @OnEvent(organizationEvents.registered)
  organizationRegistered(@Payload() p: EventPayload<typeof organizationEvents.registered>) {
    return this.directory.recordOrganization(p.organization);
  }

  @OnEvent(organizationEvents.updated)
  organizationUpdated(@Payload() p: EventPayload<typeof organizationEvents.updated>) {
    return this.directory.recordOrganization(p.organization);
  }

  @OnEvent(agreementEvents.signed)
  agreementSigned(@Payload() p: EventPayload<typeof agreementEvents.signed>) {
    return this.directory.recordAgreement(p.agreement);
  }

  @OnEvent(agreementEvents.withdrawn)
  agreementWithdrawn(@Payload() p: EventPayload<typeof agreementEvents.withdrawn>) {
    return this.directory.recordAgreement(p.agreement);
  }

  @OnEvent(calendarEvents.held)
  eventHeld(@Payload() p: EventPayload<typeof calendarEvents.held>) {
    return this.directory.recordEvent(p.event);
  }

  @OnEvent(calendarEvents.atRisk)
  eventAtRisk(@Payload() p: EventPayload<typeof calendarEvents.atRisk>) {
    return this.directory.recordEvent(p.event);
  }

  /** The contacts were removed: keep the placeholder snapshot (the copy with the contacts goes), mail nobody. */
  @OnEvent(registrationEvents.anonymized)
  anonymized(@Payload() p: EventPayload<typeof registrationEvents.anonymized>) {
    return this.directory.recordRegistration(p.registration);
  }

  @OnEvent(registrationEvents.attendanceRecorded)
  attendanceRecorded(@Payload() p: EventPayload<typeof registrationEvents.attendanceRecorded>) {
    return this.directory.recordRegistration(p.registration);
  }
}
