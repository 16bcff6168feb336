import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { notificationRpcs, RpcRequest } from '@tochka/contracts';
import { OnRequest } from '@tochka/messaging';
import { PreferencesService } from './preferences.service';

/** Every user manages their own preferences: the actor is the key, nobody else's can be named. */
@Controller()
export class PreferencesHandlers {
  constructor(private readonly preferences: PreferencesService) {}

  @OnRequest(notificationRpcs.getPreferences)
  get(@Payload() req: RpcRequest<typeof notificationRpcs.getPreferences>) {
    return this.preferences.get(req.actor);
  }

  @OnRequest(notificationRpcs.putPreferences)
  put(@Payload() req: RpcRequest<typeof notificationRpcs.putPreferences>) {
    return this.preferences.put(req.actor, req.preferences);
  }
}
