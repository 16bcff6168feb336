/** Do two time intervals overlap (touching ends do not)? */
export function overlaps(a: { start: Date | string; end: Date | string }, b: { start: Date | string; end: Date | string }): boolean {
  return new Date(a.start).getTime() < new Date(b.end).getTime() && new Date(b.start).getTime() < new Date(a.end).getTime();
}

export const DAY_MS = 24 * 60 * 60 * 1000;
