import { CalendarEvent, EventPatch } from '@tochka/contracts';

/** A patch field's current value in the patch's terms (venue and partners by their ids). */
export function currentValue(event: CalendarEvent, key: keyof EventPatch): unknown {
  if (key === 'venue') return event.venue.roomKey;
  if (key === 'partners') return event.partners.map((p) => p.organizationId);
  return event[key];
}

export function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));
}

function normalize(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normalize);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== undefined)
        .sort(([a], [b]) => a.localeCompare(b)),
    );
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return new Date(v).toISOString();
  return v;
}
