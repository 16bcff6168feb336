import { Injectable } from '@nestjs/common';

/**
 * Told of every account change this gateway writes, as soon as it is written (the `user.*` event
 * reaches the other gateways over the bus): whatever was decided by an account's state is decided again.
 */
@Injectable()
export class AccountChanges {
  private readonly listeners = new Set<() => void>();

  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    for (const listener of this.listeners) listener();
  }
}
