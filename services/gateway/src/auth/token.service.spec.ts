import { Actor } from '@tochka/contracts';
import { GatewayConfig } from '../config';
import { TokenService } from './token.service';

const actor: Actor = { userId: '64b0000000000000000000a1', role: 'centre_head', organizationId: 'sosh-3' };
const config = { JWT_SECRET: 'x'.repeat(32), JWT_TTL_SECONDS: 3600 } as GatewayConfig;

describe('access tokens', () => {
  it('tell when they were issued to the millisecond, so a change voids exactly the tokens issued before it', () => {
    let now = new Date('2026-12-01T10:00:00.250Z');
    const tokens = new TokenService(config, { now: () => now });
    const before = tokens.issue(actor).accessToken;
    // The account changes 500 ms later, within the same second of `iat`.
    const changedAt = new Date('2026-12-01T10:00:00.750Z').getTime();
    now = new Date('2026-12-01T10:00:00.900Z');
    const after = tokens.issue(actor).accessToken;

    const issued = (token: string) => tokens.verifyIssued(token);
    expect(issued(before)).toEqual({ actor, issuedAtMs: Date.parse('2026-12-01T10:00:00.250Z') });
    expect(issued(before).issuedAtMs < changedAt).toBe(true);
    expect(issued(after).issuedAtMs < changedAt).toBe(false);
  });

  it('expire on time, and refuse any other text, after their signature was checked once', () => {
    let now = new Date('2026-12-01T10:00:00.000Z');
    const tokens = new TokenService(config, { now: () => now });
    const token = tokens.issue(actor).accessToken;
    expect(tokens.verify(token)).toEqual(actor);
    const [head, body, signature] = token.split('.');
    const forged = [
      head,
      Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), role: 'coordinator' })).toString('base64url'),
      signature,
    ].join('.');
    expect(() => tokens.verify(forged)).toThrow(expect.objectContaining({ code: 'token_invalid', status: 401 }));
    expect(() => tokens.verify(`${token}x`)).toThrow(expect.objectContaining({ code: 'token_invalid' }));
    now = new Date('2026-12-01T10:59:59.999Z');
    expect(tokens.verify(token)).toEqual(actor);
    now = new Date('2026-12-01T11:00:00.000Z');
    expect(() => tokens.verify(token)).toThrow(expect.objectContaining({ code: 'token_expired', status: 401 }));
    expect(() => tokens.verify(token)).toThrow(expect.objectContaining({ code: 'token_expired' }));
  });
});
