import { Inject, Injectable, Module } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Connection, Model, Schema } from 'mongoose';
import { EventPayload, userEvents } from '@tochka/contracts';
import { MessageBus, OnEvent, outboxFields, StoredOutboxEvent } from '@tochka/messaging';
import { BUS, MONGO } from '@tochka/runtime';

/**
 * A minimal consumer and aggregate used to exercise the bus itself. It consumes the real
 * `user.created` contract; names starting with "fail" make the handler throw.
 */
export const received: { id: string; name: string; keys: string[] }[] = [];
export const attempts = new Map<string, number[]>();
/** Ids of users whose event the handler refuses for now (a fault that gets fixed). */
export const broken = new Set<string>();

export interface ProbeDoc {
  _id: string;
  name: string;
  outbox: StoredOutboxEvent[];
  outboxPending?: boolean;
}
export const PROBE_MODEL = 'PROBE_MODEL';

@Injectable()
export class ProbeHandlers {
  @OnEvent(userEvents.created)
  async onUserCreated(@Payload() data: EventPayload<typeof userEvents.created>) {
    const times = attempts.get(data.user.id) ?? [];
    times.push(Date.now());
    attempts.set(data.user.id, times);
    if (data.user.name.startsWith('fail') || broken.has(data.user.id)) throw new Error(`cannot handle ${data.user.name}`);
    received.push({ id: data.user.id, name: data.user.name, keys: [...Object.keys(data), ...Object.keys(data.user)] });
  }
}

@Module({
  controllers: [ProbeHandlers],
  providers: [
    {
      provide: PROBE_MODEL,
      inject: [MONGO, BUS],
      useFactory: (conn: Connection, bus: MessageBus) => {
        const model = conn.models.Probe ?? conn.model('Probe', new Schema({ _id: String, name: String, ...outboxFields }));
        bus.outbox.register(model);
        return model;
      },
    },
  ],
  exports: [PROBE_MODEL],
})
export class ProbeModule {}

export type ProbeModel = Model<ProbeDoc>;
export { Inject };
