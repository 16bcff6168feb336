import { z } from 'zod';

/** The shared vocabulary of the network: codes in English, what users read in Russian. */

export const ORGANIZATION_KINDS = ['growth_point_centre', 'school', 'kindergarten', 'methodical_service', 'authority', 'partner'] as const;
export const organizationKindSchema = z.enum(ORGANIZATION_KINDS);
export type OrganizationKind = z.infer<typeof organizationKindSchema>;

/** «цифровой и гуманитарный» / «естественно-научный и технологический» */
export const CENTRE_PROFILES = ['digital_humanitarian', 'science_technological'] as const;
export const centreProfileSchema = z.enum(CENTRE_PROFILES);
export type CentreProfile = z.infer<typeof centreProfileSchema>;

export const DIRECTIONS = [
  'robotics', 'chess', 'lego', '3d_modelling', 'vr_ar', 'programming', 'geoinformatics', 'industrial_design',
  'multimedia', 'quadcopters', 'natural_science', 'health', 'theatre', 'life_safety', 'traffic_safety',
  'career_guidance', 'digital_literacy', 'photo_video', 'woodwork', 'project_work',
] as const;
export const directionSchema = z.enum(DIRECTIONS);
export type Direction = z.infer<typeof directionSchema>;

export const EVENT_KINDS = [
  'master_class', 'open_lesson', 'extracurricular_class', 'tournament', 'digital_lab', 'excursion',
  'exhibition', 'seminar', 'workshop', 'festival_opening', 'festival_closing', 'other',
] as const;
export const eventKindSchema = z.enum(EVENT_KINDS);
export type EventKind = z.infer<typeof eventKindSchema>;

export const AUDIENCES = ['pupils', 'preschoolers', 'teachers', 'parents', 'pensioners'] as const;
export const audienceSchema = z.enum(AUDIENCES);
export type Audience = z.infer<typeof audienceSchema>;

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
