import { CalendarEvent, moscowSpan } from '@tochka/contracts';
import { countRu, linksFor, pluralRu, renderMail } from '../src/templates';
import { calendarEvent, registration, summaryOf } from './fixtures';

const links = linksFor('https://tochka.example.ru/');

describe('templates', () => {
  it('speaks Russian plural forms', () => {
    const children = ['ребёнок', 'ребёнка', 'детей'] as const;
    const groups = ['группа', 'группы', 'групп'] as const;
    expect([1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 112].map((n) => countRu(n, children))).toEqual([
      '1 ребёнок',
      '2 ребёнка',
      '4 ребёнка',
      '5 детей',
      '11 детей',
      '12 детей',
      '14 детей',
      '21 ребёнок',
      '22 ребёнка',
      '25 детей',
      '101 ребёнок',
      '111 детей',
      '112 детей',
    ]);
    expect([1, 2, 5, 0].map((n) => countRu(n, groups))).toEqual(['1 группа', '2 группы', '5 групп', '0 групп']);
    expect(pluralRu(3, ['день', 'дня', 'дней'])).toBe('дня');
  });

  it('shows an event in Moscow time, across midnight too', () => {
    expect(moscowSpan('2023-04-17T11:00:00Z', '2023-04-17T12:30:00Z')).toBe('17 апреля 2023, 14:00–15:30 (МСК)');
    expect(moscowSpan('2023-04-17T20:00:00Z', '2023-04-17T22:00:00Z')).toBe('17 апреля 2023, 23:00 — 18 апреля 2023, 01:00 (МСК)');
  });

  it('renders subject, text and escaped HTML naming the event, time, place and link, without raw ids', () => {
    const event: CalendarEvent = calendarEvent({ id: 'evt-7f3a', title: 'Запуск роботов <для дошкольников> & родителей' });
    const mail = renderMail('event_invitation', { event, partnerName: 'МБДОУ ЦРР д/с № 5' }, links, 'Шевчук О.Н.');
    expect(mail.subject).toBe('Новое мероприятие для вас: «Запуск роботов <для дошкольников> & родителей»');
    expect(mail.text).toContain('Здравствуйте, Шевчук О.Н.!');
    expect(mail.text).toContain('Когда: 17 апреля 2023, 14:00–15:30 (МСК)');
    expect(mail.text).toContain('Где: Кабинет робототехники, МБОУ СОШ № 3, ст. Старощербиновская, ул. Первомайская, 1');
    expect(mail.text).toContain('https://tochka.example.ru/events/evt-7f3a');
    expect(mail.html).toContain('Запуск роботов &lt;для дошкольников&gt; &amp; родителей');
    expect(mail.html).not.toContain('<для дошкольников>');
    // The only place the id appears is inside the link.
    expect(mail.text.replaceAll('https://tochka.example.ru/events/evt-7f3a', '')).not.toContain('evt-7f3a');
    // Invitations may be switched off: the footer says where.
    expect(mail.text).toContain('https://tochka.example.ru/settings/notifications');
  });

  it('counts children and groups in registration mails and reminders', () => {
    const event = calendarEvent();
    const one = registration(event, { children: 1, groupName: 'Звёздочки' });
    const twelve = registration(event, { children: 12, groupName: 'Пчёлки' });
    const confirmed = renderMail('registration_confirmed', { registration: twelve, event: summaryOf(event) }, links);
    expect(confirmed.text).toContain('Состав группы: 12 детей');
    // A mandatory mail has no "switch off" footer.
    expect(confirmed.text).not.toContain('notification-preferences');
    const host = renderMail('event_reminder', { event, confirmed: [one, twelve], to: 'host' }, links);
    expect(host.text).toContain('Зарегистрировано: 2 группы, 13 детей');
    expect(host.text).toContain('«Звёздочки», 1 ребёнок');
    const waitlisted = renderMail(
      'registration_waitlisted',
      { registration: { ...twelve, status: 'waitlisted', waitlistPosition: 2 }, event: summaryOf(event) },
      links,
    );
    expect(waitlisted.text).toContain('под номером 2');
    expect(waitlisted.text).toContain('Место в листе ожидания: 2');
  });
});
