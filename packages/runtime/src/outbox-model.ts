import { Provider } from '@nestjs/common';
import { Connection } from 'mongoose';
import { AnyModel, MessageBus } from '@tochka/messaging';
import { BUS, MONGO } from './tokens';

/** Provide a mongoose model whose documents carry an outbox, registered with the relay. */
export function outboxModelProvider(token: string, make: (conn: Connection) => AnyModel): Provider {
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

/** Provide a model of the service's own database whose documents carry no outbox (read models, bookings, claims). */
export function modelProvider<T>(token: string, make: (conn: Connection) => T): Provider {
  return { provide: token, inject: [MONGO], useFactory: make };
}
