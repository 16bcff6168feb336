/** Russian plural forms: [one, few, many], e.g. ['ребёнок', 'ребёнка', 'детей']. */
export type PluralForms = readonly [one: string, few: string, many: string];

export function pluralRu(n: number, forms: PluralForms): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return forms[0];
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return forms[1];
  return forms[2];
}

/** «1 ребёнок», «2 ребёнка», «12 детей» */
export function countRu(n: number, forms: PluralForms): string {
  return `${n} ${pluralRu(n, forms)}`;
}

export const CHILDREN: PluralForms = ['ребёнок', 'ребёнка', 'детей'];
export const GROUPS: PluralForms = ['группа', 'группы', 'групп'];
export const SEATS: PluralForms = ['место', 'места', 'мест'];
export const DAYS: PluralForms = ['день', 'дня', 'дней'];
export const EVENTS: PluralForms = ['мероприятие', 'мероприятия', 'мероприятий'];
export const AGREEMENTS: PluralForms = ['соглашение', 'соглашения', 'соглашений'];
