import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, errors, Role } from '@tochka/contracts';
import { UsersService } from '../users/users.service';
import { AuthedRequest, PUBLIC_ROUTE, ROLES } from './actor';
import { TokenService } from './token.service';

/**
 * Global guard: every route needs a valid bearer token unless marked @Public().
 * 401 without a valid token or for a deactivated account; 403 when the role may not act.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly users: UsersService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const [scheme, token] = (req.header('authorization') ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new DomainError('unauthenticated', 'Требуется вход: передайте токен доступа в заголовке Authorization: Bearer …', 401);
    }
    const { actor, issuedAtMs } = this.tokens.verifyIssued(token);
    // The account may have been deactivated or moved since the token was issued; a token issued
    // before the account's last change stays void even when the change is undone (activated again).
    const user = await this.users.findActive(actor.userId);
    const validFromMs = Math.max(user?.tokensValidFromMs ?? 0, (user?.tokensValidFrom ?? 0) * 1000);
    if (!user || user.role !== actor.role || user.organizationId !== actor.organizationId || issuedAtMs < validFromMs) {
      throw new DomainError('token_invalid', 'Недействительный токен доступа. Войдите снова.', 401);
    }
    req.actor = actor;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(actor.role)) throw errors.forbidden();
    return true;
  }
}
