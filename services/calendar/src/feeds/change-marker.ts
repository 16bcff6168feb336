import { Inject, Injectable } from '@nestjs/common';
import { naming } from '@tochka/contracts';
import { MessageBus } from '@tochka/messaging';
import { BUS } from '@tochka/runtime';

/**
 * A value that changes whenever what a feed shows may have changed, read from JetStream rather
 * than the database: every change to an event publishes a calendar event right after its write
 * (outbox), and the read models change when this service acknowledges registration, agreement
 * and organisation events. (Time moves feeds too: cancelled events leave them after a while; the
 * feeds service keeps its validators only until the next such moment.) While the marker stays the
 * same, a feed's validators need no database query (FerretDB answers
 * such queries by scanning every document; MongoDB from its indexes, but not for free either).
 * A change becomes visible once its event is published: at once, or at the next outbox sweep.
 */
@Injectable()
export class ChangeMarker {
  constructor(@Inject(BUS) private readonly bus: MessageBus) {}

  /** undefined when JetStream cannot tell (then everything is read from the database). */
  async current(): Promise<string | undefined> {
    const { jsm, prefix } = this.bus;
    try {
      const [published, ...consumed] = await Promise.all([
        jsm.streams.info(naming.streamName(prefix, 'calendar')),
        ...(['agreements', 'registrations'] as const).map((producer) =>
          jsm.consumers.info(naming.streamName(prefix, producer), naming.durableName('calendar')),
        ),
      ]);
      return [published.state.last_seq, ...consumed.map((c) => `${c.ack_floor.stream_seq}+${c.num_ack_pending}`)].join(':');
    } catch {
      return undefined;
    }
  }
}
