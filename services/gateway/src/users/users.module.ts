import { Module } from '@nestjs/common';
import { outboxModelProvider } from '@tochka/runtime';
import { USER_MODEL, userModel } from './user.model';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';
import { AccountChanges } from './account-changes';

/** Accounts: stored in the gateway's database, published as `user.*` events. */
@Module({
  controllers: [UsersController],
  providers: [outboxModelProvider(USER_MODEL, userModel), UsersService, AccountChanges],
  exports: [UsersService, AccountChanges],
})
export class UsersModule {}
