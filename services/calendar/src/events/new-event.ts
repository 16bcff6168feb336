import { Actor, CalendarEvent, calendarEventSchema, eventInputSchema } from '@tochka/contracts';
import { z } from 'zod';
import { defaultDeadline, iso } from './deadlines';
import { EventInternals } from './event.mapper';
import { References } from './references';

/** A new event from a proposal or a plan entry: references resolved, defaults (contact, deadline) filled. */
export function newEvent(
  id: string,
  input: z.output<typeof eventInputSchema>,
  refs: References,
  opts: { status: 'proposed' | 'approved'; actor: Actor; now: Date },
): { event: CalendarEvent; internals: EventInternals } {
  const head = refs.hostOrganization.head;
  const deadlineIsDefault = !input.registrationDeadline && !!input.capacity;
  const event = calendarEventSchema.parse({
    id,
    title: input.title,
    description: input.description,
    kind: input.kind,
    direction: input.direction,
    host: refs.host,
    venue: refs.venue,
    start: iso(input.start),
    end: iso(input.end),
    audience: input.audience,
    ...(input.grades ? { grades: input.grades } : {}),
    partners: refs.partners,
    ...(input.agreementId ? { agreementId: input.agreementId } : {}),
    ...(input.capacity ? { capacity: input.capacity } : {}),
    ...(input.registrationDeadline
      ? { registrationDeadline: iso(input.registrationDeadline) }
      : deadlineIsDefault
        ? { registrationDeadline: defaultDeadline(input.start) }
        : {}),
    ...(input.festivalId ? { festivalId: input.festivalId } : {}),
    contact: input.contact ?? { name: head.name, email: head.email, ...(head.phone ? { phone: head.phone } : {}) },
    status: opts.status,
    proposedBy: { userId: opts.actor.userId, organizationId: opts.actor.organizationId },
    createdAt: opts.now.toISOString(),
    updatedAt: opts.now.toISOString(),
    sequence: 0,
    version: 1,
  });
  return { event, internals: { deadlineIsDefault, ...(opts.status === 'approved' ? { approvedAt: opts.now } : {}) } };
}
