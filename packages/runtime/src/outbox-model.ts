import { Provider } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { MessageBus } from '@tochka/messaging';
import { BUS, MONGO } from './tokens';

/** Provide a mongoose model whose documents carry an outbox, registered with the relay. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function outboxModelProvider(token: string, make: (conn: Connection) => Model<any>): Provider {
  return {
    provide: token,
    inject: [MONGO, BUS],
    useFactory: (conn: Connection, bus: MessageBus) => {
      const model = make(conn);
      bus.outbox.register(model);
      return model;
    },
  };
}
