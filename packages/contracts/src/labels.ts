/**
 * The shared vocabulary of the network: codes in English, what users read in Russian. No zod and
 * no Node here: the web app imports this file into the browser bundle (`browser.ts`); the zod
 * schemas of these codes live beside the contracts that use them.
 */

export const ORGANIZATION_KINDS = ['growth_point_centre', 'school', 'kindergarten', 'methodical_service', 'authority', 'partner'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** «цифровой и гуманитарный» / «естественно-научный и технологический» */
export const CENTRE_PROFILES = ['digital_humanitarian', 'science_technological'] as const;
export type CentreProfile = (typeof CENTRE_PROFILES)[number];

export const DIRECTIONS = [
  'robotics',
  'chess',
  'lego',
  '3d_modelling',
  'vr_ar',
  'programming',
  'geoinformatics',
  'industrial_design',
  'multimedia',
  'quadcopters',
  'natural_science',
  'health',
  'theatre',
  'life_safety',
  'traffic_safety',
  'career_guidance',
  'digital_literacy',
  'photo_video',
  'woodwork',
  'project_work',
] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const EVENT_KINDS = [
  'master_class',
  'open_lesson',
  'extracurricular_class',
  'tournament',
  'digital_lab',
  'excursion',
  'exhibition',
  'seminar',
  'workshop',
  'festival_opening',
  'festival_closing',
  'other',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const AUDIENCES = ['pupils', 'preschoolers', 'teachers', 'parents', 'pensioners'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const directionLabels: Record<Direction, string> = {
  robotics: 'Робототехника',
  chess: 'Шахматы и шашки',
  lego: 'ЛЕГО-конструирование',
  '3d_modelling': '3D-моделирование',
  vr_ar: 'VR/AR',
  programming: 'Программирование',
  geoinformatics: 'Геоинформационные технологии',
  industrial_design: 'Промышленный дизайн',
  multimedia: 'Мультимедиа',
  quadcopters: 'Квадрокоптеры',
  natural_science: 'Естественные науки',
  health: 'Здоровьесбережение',
  theatre: 'Театр',
  life_safety: 'Основы безопасности жизнедеятельности',
  traffic_safety: 'Безопасность дорожного движения',
  career_guidance: 'Ранняя профориентация',
  digital_literacy: 'Цифровая грамотность',
  photo_video: 'Фото- и видеосъёмка',
  woodwork: 'Моделирование из дерева',
  project_work: 'Проектная деятельность',
};

export const eventKindLabels: Record<EventKind, string> = {
  master_class: 'Мастер-класс',
  open_lesson: 'Открытый урок',
  extracurricular_class: 'Внеурочное занятие',
  tournament: 'Турнир',
  digital_lab: 'Цифровая лаборатория',
  excursion: 'Экскурсия',
  exhibition: 'Выставка',
  seminar: 'Семинар',
  workshop: 'Практикум',
  festival_opening: 'Открытие фестиваля',
  festival_closing: 'Закрытие фестиваля',
  other: 'Другое мероприятие',
};

export const organizationKindLabels: Record<OrganizationKind, string> = {
  growth_point_centre: 'Центр «Точка роста»',
  school: 'Общеобразовательная организация',
  kindergarten: 'Дошкольная образовательная организация',
  methodical_service: 'Методическая служба',
  authority: 'Орган управления образованием',
  partner: 'Партнёр',
};

export const centreProfileLabels: Record<CentreProfile, string> = {
  digital_humanitarian: 'Цифровой и гуманитарный профили',
  science_technological: 'Естественно-научная и технологическая направленности',
};

export const audienceLabels: Record<Audience, string> = {
  pupils: 'Обучающиеся',
  preschoolers: 'Дошкольники',
  teachers: 'Педагоги',
  parents: 'Родители',
  pensioners: 'Пенсионеры',
};

export const roleLabels: Record<Role, string> = {
  coordinator: 'Методическая служба (координатор)',
  centre_head: 'Руководитель центра «Точка роста»',
  kindergarten: 'Дошкольная образовательная организация',
  staff: 'Педагог',
};

export const ROLES = ['coordinator', 'centre_head', 'kindergarten', 'staff'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The kinds of organisation an account of each role may belong to: the coordinator works at the
 * methodical service (or the authority), a centre's head at a «Точка роста» centre, a
 * kindergarten's account at a kindergarten; a teacher at any organisation that teaches.
 */
export const ROLE_ORGANIZATION_KINDS: Record<Role, readonly OrganizationKind[]> = {
  coordinator: ['methodical_service', 'authority'],
  centre_head: ['growth_point_centre'],
  kindergarten: ['kindergarten'],
  staff: ['growth_point_centre', 'school', 'kindergarten', 'partner'],
};

export function roleFitsOrganization(role: Role, kind: OrganizationKind): boolean {
  return ROLE_ORGANIZATION_KINDS[role].includes(kind);
}

/** What a user of a role may be changed in (PATCH /api/users/{id}, `user.updated`'s `changed`). */
export const USER_CHANGE_FIELDS = ['role', 'organizationId', 'active'] as const;
export type UserChangeField = (typeof USER_CHANGE_FIELDS)[number];

export const AGREEMENT_STATUSES = ['draft', 'proposed', 'active', 'expired', 'terminated', 'withdrawn'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];
export const agreementStatusLabels: Record<AgreementStatus, string> = {
  draft: 'черновик',
  proposed: 'направлено сторонам на подпись',
  active: 'действует',
  expired: 'срок действия истёк',
  terminated: 'расторгнуто',
  withdrawn: 'отозвано',
};

export const EVENT_STATUSES = ['proposed', 'approved', 'at_risk', 'rejected', 'cancelled', 'held'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
export const eventStatusLabels: Record<EventStatus, string> = {
  proposed: 'на согласовании',
  approved: 'согласовано',
  at_risk: 'под угрозой: соглашение прекратило действие',
  rejected: 'отклонено',
  cancelled: 'отменено',
  held: 'проведено',
};

export const REGISTRATION_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export const registrationStatusLabels: Record<RegistrationStatus, string> = {
  confirmed: 'подтверждена',
  waitlisted: 'в листе ожидания',
  cancelled: 'отменена',
};

export const NOTIFICATION_CATEGORIES = [
  'agreement_signing',
  'agreements',
  'event_approval',
  'event_invitations',
  'event_changes',
  'registration_results',
  'registration_updates',
  'reminders',
  'digest',
] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];
export const notificationCategoryLabels: Record<NotificationCategory, string> = {
  agreement_signing: 'Соглашения, ожидающие подписи',
  agreements: 'Соглашения: вступление в силу, окончание срока, расторжение',
  event_approval: 'Согласование мероприятий',
  event_invitations: 'Новые мероприятия для вашей организации',
  event_changes: 'Переносы, изменения и отмены мероприятий',
  registration_results: 'Результаты регистрации групп',
  registration_updates: 'Изменения и отмены регистраций',
  reminders: 'Напоминания о мероприятиях',
  digest: 'Ежедневная сводка координатора',
};
export const MANDATORY_CATEGORIES: readonly NotificationCategory[] = ['agreement_signing', 'registration_results'];

export const NOTIFICATION_STATUSES = ['queued', 'sent', 'failed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];
export const notificationStatusLabels: Record<NotificationStatus, string> = {
  queued: 'в очереди',
  sent: 'отправлено',
  failed: 'не доставлено',
};
