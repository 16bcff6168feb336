import { z } from 'zod';
import { agreementEvents, agreementInputSchema, eventContracts, feedScopeSchema, rpcContracts, tolerant } from '@tochka/contracts';

/** The JSON schema with every `additionalProperties: false` removed: what tolerance may change, and nothing else. */
function withoutStrictness(json: unknown): unknown {
  if (Array.isArray(json)) return json.map(withoutStrictness);
  if (json && typeof json === 'object') {
    return Object.fromEntries(
      Object.entries(json)
        .filter(([key, value]) => !(key === 'additionalProperties' && value === false))
        .map(([key, value]) => [key, withoutStrictness(value)]),
    );
  }
  return json;
}
const jsonOf = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });

const agreement = {
  id: '0123456789abcdef01234567',
  number: 'СВ-2022/01',
  title: 'О сетевом взаимодействии',
  parties: [
    { organizationId: 'sosh-1', organizationName: 'МБОУ СОШ № 1', organizationKind: 'school', responsible: { name: 'Иванова А.А.' } },
    { organizationId: 'ds-9', organizationName: 'МБДОУ д/с № 9', organizationKind: 'kindergarten', responsible: { name: 'Петрова Б.Б.' } },
  ],
  directions: ['natural_science'],
  validFrom: '2022-09-01',
  validTo: '2023-08-31',
  status: 'draft',
  signatures: [],
  createdBy: { userId: 'u1', organizationId: 'mk-moshr' },
  createdAt: '2022-08-01T09:00:00.000Z',
  version: 1,
};

describe('tolerant(): consumed messages drop what they do not know', () => {
  it('changes nothing of any event payload or RPC reply but the refusal of unknown keys', () => {
    const schemas = [...eventContracts.map((c) => c.payload), ...rpcContracts.map((c) => c.response)];
    expect(schemas.length).toBeGreaterThan(40);
    for (const schema of schemas) {
      const json = jsonOf(tolerant(schema));
      expect(JSON.stringify(json)).not.toContain('"additionalProperties":false');
      expect(json).toEqual(withoutStrictness(jsonOf(schema)));
    }
  });

  it('drops unknown keys at every depth where the strict contract refuses them', () => {
    const payload = agreementEvents.proposed.payload;
    const newer = {
      agreement: {
        ...agreement,
        rating: 5,
        parties: agreement.parties.map((p) => ({ ...p, region: 'Краснодарский край', responsible: { ...p.responsible, telegram: '@x' } })),
      },
      reason: 'added by a newer producer',
    };
    expect(payload.safeParse(newer).success).toBe(false);
    expect(tolerant(payload).parse(newer)).toEqual(payload.parse({ agreement }));
  });

  it('still refuses what is wrong, keeps refinements, and picks the right union member', () => {
    const payload = tolerant(agreementEvents.proposed.payload);
    expect(payload.safeParse({ agreement: { ...agreement, validFrom: '2022-13-01' } }).success).toBe(false);
    expect(payload.safeParse({ agreement: { ...agreement, version: undefined } }).success).toBe(false);
    const input = tolerant(agreementInputSchema);
    const refined = input.safeParse({
      ...agreement,
      parties: [agreement.parties[0], agreement.parties[0]].map((p) => ({ organizationId: p?.organizationId, responsible: p?.responsible })),
    });
    expect(refined.success).toBe(false);
    expect(JSON.stringify(refined.error?.issues)).toContain('указана дважды');
    expect(tolerant(feedScopeSchema).parse({ kind: 'organization', organizationId: 'sosh-1', colour: 'red' })).toEqual({
      kind: 'organization',
      organizationId: 'sosh-1',
    });
    // The original is untouched.
    expect(feedScopeSchema.safeParse({ kind: 'organization', organizationId: 'sosh-1', colour: 'red' }).success).toBe(false);
  });
});
