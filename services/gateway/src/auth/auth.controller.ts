import { Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { Actor, DomainError, emailSchema, roleSchema } from '@tochka/contracts';
import { Doc, ValidBody } from '../http/route';
import { toSnapshot, UsersService } from '../users/users.service';
import { CurrentActor, Public } from './actor';
import { LoginThrottle } from './login-throttle';
import { verifyDecoy, verifyPassword } from './password';
import { TokenService } from './token.service';

export const loginRequestSchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1, 'Укажите пароль').max(200),
});

export const loginResponseSchema = z.strictObject({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int(),
});

export const meSchema = z.strictObject({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  organizationId: z.string(),
});

@Controller('api')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @Doc({ summary: 'Вход по e-mail и паролю', response: loginResponseSchema, public: true })
  async login(@ValidBody(loginRequestSchema) body: z.infer<typeof loginRequestSchema>, @Req() req: Request) {
    const address = req.ip ?? 'unknown';
    // Reserved before the (slow) verification: a burst of guesses cannot all pass the check.
    const reservation = await this.throttle.reserve(body.email, address);
    let user: Awaited<ReturnType<UsersService['findByEmail']>> | undefined;
    let ok = false;
    try {
      user = await this.users.findByEmail(body.email);
      if (user) ok = (await verifyPassword(user.passwordHash, body.password)) && user.active;
      else await verifyDecoy(body.password);
    } catch (err) {
      await this.throttle.abandoned(reservation);
      throw err;
    }
    if (!ok || !user) {
      // The reservation stays: it is this failure's record until its window ends.
      // Same answer whether the e-mail exists or not.
      throw new DomainError('invalid_credentials', 'Неверный e-mail или пароль', 401);
    }
    await this.throttle.succeeded(reservation);
    return this.tokens.issue({ userId: user._id.toHexString(), role: user.role, organizationId: user.organizationId });
  }

  @Get('me')
  @Doc({ summary: 'Текущий пользователь, его роль и организация', response: meSchema })
  async me(@CurrentActor() actor: Actor) {
    const user = await this.users.findActive(actor.userId);
    const { id, email, name, role, organizationId } = toSnapshot(user!);
    return { id, email, name, role, organizationId };
  }
}
