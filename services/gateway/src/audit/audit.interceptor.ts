import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import type { Response } from 'express';
import { from, mergeMap, Observable } from 'rxjs';
import { currentCorrelationId } from '@tochka/messaging';
import { Logger, LOGGER } from '@tochka/runtime';
import { AuthedRequest } from '../auth/actor';
import { AuditLog } from './audit-log';

const CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Path segment → the kind of object a route acts on. */
const OBJECT_TYPES: Record<string, string> = {
  agreements: 'agreement',
  organizations: 'organization',
  events: 'event',
  registrations: 'registration',
  festivals: 'festival',
  users: 'user',
  'calendar-subscriptions': 'calendar_subscription',
  notifications: 'notification',
  me: 'user',
  plan: 'plan',
  reports: 'report',
};

/** What an action route is, from its template: `/api/events/{id}/registrations` POST → registration.create under event {id}. */
export function describeRoute(method: string, route: string): { objectType: string; action: string; nested: boolean } {
  const segments = route.replace(/^\/api\//, '').split('/');
  const [root = '', , third] = segments;
  const last = segments[segments.length - 1] ?? '';
  // A collection under an object (`events/{id}/registrations`): the nested kind is what is acted on.
  const nested = segments.length === 3 && segments[1]?.startsWith('{') === true && third !== undefined && OBJECT_TYPES[third] !== undefined;
  const objectType = nested ? OBJECT_TYPES[third!]! : (OBJECT_TYPES[root] ?? root);
  const verb =
    !nested && segments.length > 1 && !last.startsWith('{') && last !== root
      ? last.replace(/-/g, '_')
      : (({ POST: 'create', PUT: 'set', PATCH: 'update', DELETE: 'delete' } as Record<string, string>)[method] ?? method.toLowerCase());
  return { objectType, action: `${objectType}.${verb}`, nested };
}

/**
 * Every successful change made through the API leaves one audit entry (AuditLog), written before
 * the answer goes out: who (account, role, organisation), from which address, what (action, route),
 * to which object, with the object's status and version right after. Reads are not logged.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly audit: AuditLog,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    if (!CHANGING.has(req.method)) return next.handle();
    const base = String(Reflect.getMetadata(PATH_METADATA, ctx.getClass()) ?? '');
    const sub = String(Reflect.getMetadata(PATH_METADATA, ctx.getHandler()) ?? '');
    const route = `/${[base, sub].join('/')}`
      .replace(/\/+/g, '/')
      .replace(/(.)\/$/, '$1')
      .replace(/:(\w+)/g, '{$1}');
    return next.handle().pipe(mergeMap((result) => from(this.write(req, ctx.switchToHttp().getResponse<Response>(), route, result).then(() => result))));
  }

  private async write(req: AuthedRequest, res: Response, route: string, result: unknown): Promise<void> {
    if (!req.actor) return; // login: the throttle keeps its own records
    const { objectType, action, nested } = describeRoute(req.method, route);
    const body = (result ?? {}) as Record<string, unknown>;
    // Commands on events answer {event, warnings}; attendance answers {event, …}; others the object itself.
    const object = (objectType === 'event' && typeof body.event === 'object' ? body.event : (body.registration ?? body)) as Record<string, unknown>;
    const param = typeof req.params.id === 'string' ? req.params.id : undefined;
    const objectId = route.startsWith('/api/me') ? req.actor.userId : nested ? str(object.id) : (param ?? str(object.id));
    const eventId = nested && objectType === 'registration' ? param : objectType === 'registration' ? str(object.eventId) : undefined;
    try {
      await this.audit.record({
        actor: req.actor,
        address: req.ip ?? 'unknown',
        method: req.method,
        route,
        action,
        objectType,
        ...(objectId ? { objectId } : {}),
        ...(eventId ? { eventId } : {}),
        status: res.statusCode,
        ...(typeof object.status === 'string' ? { resultStatus: object.status } : {}),
        ...(typeof object.version === 'number' ? { resultVersion: object.version } : {}),
        ...(currentCorrelationId() ? { correlationId: currentCorrelationId() } : {}),
      });
    } catch (err) {
      // The change itself is done and announced; a lost audit line must not turn it into an error.
      this.logger.error({ action, objectId, err: (err as Error).message }, 'audit entry not written');
    }
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
