import { Module } from '@nestjs/common';
import { outboxModelProvider } from '@tochka/runtime';
import { USER_MODEL, userModel } from './user.model';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/** Accounts: stored in the gateway's database, published as `user.*` events. */
@Module({
  controllers: [UsersController],
  providers: [outboxModelProvider(USER_MODEL, userModel), UsersService],
  exports: [UsersService],
})
export class UsersModule {}
