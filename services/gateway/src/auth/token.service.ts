import { createSecretKey, KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { Actor, DomainError, roleSchema } from '@tochka/contracts';
import { Clock, CLOCK, CONFIG, keepRecent } from '@tochka/runtime';
import { GatewayConfig } from '../config';

const ISSUER = 'tochka-gateway';
/** Tokens whose signature was checked, kept per process (the most recently used ones). */
const VERIFIED_LIMIT = 10_000;

interface Verified {
  actor: Actor;
  issuedAtMs: number;
  /** `exp`: the token is void from this second on (seconds since the epoch). */
  expiresAt: number;
}

/** Short-lived HS256 access tokens carrying who the user is and for which organisation. */
@Injectable()
export class TokenService {
  /**
   * The secret as a key object, made once: given the string, jsonwebtoken first tries it as a
   * public key and builds the secret key after that fails, on every token.
   */
  private readonly key: KeyObject;
  /**
   * What each token's check found, by the token's exact text: its signature and claims cannot
   * change, so a user's next requests skip the HMAC and the claims' parsing (6 % of the gateway's
   * CPU in a registration burst); only expiry is checked again, against the clock, every time.
   */
  private readonly verified = new Map<string, Verified>();

  constructor(
    @Inject(CONFIG) private readonly config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.key = createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8'));
  }

  issue(actor: Actor): { accessToken: string; tokenType: 'Bearer'; expiresIn: number } {
    const nowMs = this.clock.now().getTime();
    const now = Math.floor(nowMs / 1000);
    // `iat` has whole seconds; `iatMs` lets an account change void exactly the tokens issued before it.
    const claims = { role: actor.role, org: actor.organizationId, iat: now, iatMs: nowMs, exp: now + this.config.JWT_TTL_SECONDS };
    const accessToken = jwt.sign(claims, this.key, {
      algorithm: 'HS256',
      subject: actor.userId,
      issuer: ISSUER,
    });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.JWT_TTL_SECONDS };
  }

  verify(token: string): Actor {
    return this.verifyIssued(token).actor;
  }

  /** The actor and when the token was issued (milliseconds since the epoch). */
  verifyIssued(token: string): { actor: Actor; issuedAtMs: number } {
    const nowMs = this.clock.now().getTime();
    const known = this.verified.get(token) ?? this.check(token, nowMs);
    if (Math.floor(nowMs / 1000) >= known.expiresAt) {
      this.verified.delete(token);
      throw new DomainError('token_expired', 'Срок действия входа истёк. Войдите снова.', 401);
    }
    return { actor: known.actor, issuedAtMs: known.issuedAtMs };
  }

  private check(token: string, nowMs: number): Verified {
    try {
      const claims = jwt.verify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        clockTimestamp: Math.floor(nowMs / 1000),
      }) as jwt.JwtPayload;
      const verified: Verified = {
        actor: { userId: String(claims.sub), role: roleSchema.parse(claims.role), organizationId: String(claims.org) },
        issuedAtMs: typeof claims.iatMs === 'number' ? claims.iatMs : typeof claims.iat === 'number' ? claims.iat * 1000 : 0,
        expiresAt: typeof claims.exp === 'number' ? claims.exp : 0,
      };
      keepRecent(this.verified, token, verified, VERIFIED_LIMIT);
      return verified;
    } catch (err) {
      if (err instanceof jwt.TokenExpiredError) {
        throw new DomainError('token_expired', 'Срок действия входа истёк. Войдите снова.', 401);
      }
      throw new DomainError('token_invalid', 'Недействительный токен доступа. Войдите снова.', 401);
    }
  }
}
