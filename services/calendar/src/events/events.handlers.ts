import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { calendarRpcs, RpcRequest } from '@tochka/contracts';
import { OnRequest } from '@tochka/messaging';
import { EventQueries } from './event-queries';
import { EventsService } from './events.service';

type Req<K extends keyof typeof calendarRpcs> = RpcRequest<(typeof calendarRpcs)[K]>;

/** NATS entry points of the event lifecycle, the event queries and the plan. */
@Controller()
export class EventsHandlers {
  constructor(
    private readonly events: EventsService,
    private readonly queries: EventQueries,
  ) {}

  @OnRequest(calendarRpcs.propose)
  propose(@Payload() req: Req<'propose'>) {
    const { event, idempotencyKey } = calendarRpcs.propose.request.parse(req);
    return this.events.propose(req.actor, event, idempotencyKey);
  }

  @OnRequest(calendarRpcs.import)
  import(@Payload() req: Req<'import'>) {
    const parsed = calendarRpcs.import.request.parse(req);
    return this.events.import(req.actor, req.key, parsed.event, parsed.as);
  }

  @OnRequest(calendarRpcs.approve)
  approve(@Payload() req: Req<'approve'>) {
    return this.events.approve(req.actor, req.id, req.comment, req.onPaper === true);
  }

  @OnRequest(calendarRpcs.reject)
  reject(@Payload() req: Req<'reject'>) {
    return this.events.reject(req.actor, req.id, req.reason);
  }

  @OnRequest(calendarRpcs.reschedule)
  reschedule(@Payload() req: Req<'reschedule'>) {
    return this.events.reschedule(req.actor, req.id, req.time);
  }

  @OnRequest(calendarRpcs.update)
  update(@Payload() req: Req<'update'>) {
    return this.events.update(req.actor, req.id, calendarRpcs.update.request.parse(req).patch);
  }

  @OnRequest(calendarRpcs.cancel)
  cancel(@Payload() req: Req<'cancel'>) {
    return this.events.cancel(req.actor, req.id, req.reason);
  }

  @OnRequest(calendarRpcs.report)
  report(@Payload() req: Req<'report'>) {
    return this.events.report(req.actor, req.id, { participants: req.participants, ...(req.notes ? { notes: req.notes } : {}) });
  }

  @OnRequest(calendarRpcs.get)
  get(@Payload() req: Req<'get'>) {
    return this.queries.get(req.actor, req.id);
  }

  @OnRequest(calendarRpcs.list)
  list(@Payload() req: Req<'list'>) {
    return this.queries.list(req.actor, calendarRpcs.list.request.parse(req));
  }

  @OnRequest(calendarRpcs.plan)
  plan(@Payload() req: Req<'plan'>) {
    return this.queries.plan(calendarRpcs.plan.request.parse(req));
  }
}
