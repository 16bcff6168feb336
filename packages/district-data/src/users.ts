import type { DemoUserSeed } from './types';

/** Environment variable with the password of the demo users. */
export const DEMO_PASSWORD_ENV = 'DEMO_PASSWORD';
/** Documented default password of the demo users; used only in development when DEMO_PASSWORD is unset. */
export const DEV_DEMO_PASSWORD = 'tochka-demo-2022';

/**
 * Demo accounts. Names of the heads of the centres of СОШ № 5 and СОШ № 3 and of the teachers
 * Гордиенко Л.Н. (СОШ № 5) and Васьков И.П. (СОШ № 3) come from the documents; the others are
 * invented. All e-mails are on the reserved `.test` domain.
 */
export const demoUsers: DemoUserSeed[] = [
  { email: 'metodist@mk-moshr.test', name: 'Бондаренко И.В.', role: 'coordinator', organization: 'mk-moshr' },

  { email: 'head.sosh5@shcherbinovsky.test', name: 'Тымченко О.Ю.', role: 'centre_head', organization: 'sosh-5' },
  { email: 'head.sosh9@shcherbinovsky.test', name: 'Онищенко С.В.', role: 'centre_head', organization: 'sosh-9' },
  { email: 'head.sosh3@shcherbinovsky.test', name: 'Кутовая Е.И.', role: 'centre_head', organization: 'sosh-3' },
  { email: 'head.sosh2@shcherbinovsky.test', name: 'Петренко А.С.', role: 'centre_head', organization: 'sosh-2' },
  { email: 'head.sosh7@shcherbinovsky.test', name: 'Ковальчук М.Г.', role: 'centre_head', organization: 'sosh-7' },
  { email: 'head.sosh1@shcherbinovsky.test', name: 'Марченко Е.П.', role: 'centre_head', organization: 'sosh-1' },
  { email: 'head.sosh6@shcherbinovsky.test', name: 'Кравченко Н.И.', role: 'centre_head', organization: 'sosh-6' },
  { email: 'head.sosh12@shcherbinovsky.test', name: 'Ткаченко О.В.', role: 'centre_head', organization: 'sosh-12' },
  { email: 'head.sosh13@shcherbinovsky.test', name: 'Гончаренко В.А.', role: 'centre_head', organization: 'sosh-13' },

  { email: 'zav.ds5@shcherbinovsky.test', name: 'Савченко Л.А.', role: 'kindergarten', organization: 'ds-5' },
  { email: 'zav.ds9@shcherbinovsky.test', name: 'Мельниченко Т.В.', role: 'kindergarten', organization: 'ds-9' },

  { email: 'teacher.sosh5@shcherbinovsky.test', name: 'Гордиенко Л.Н.', role: 'staff', organization: 'sosh-5' },
  { email: 'teacher.sosh3@shcherbinovsky.test', name: 'Васьков И.П.', role: 'staff', organization: 'sosh-3' },
  { email: 'vospitatel.ds9@shcherbinovsky.test', name: 'Костенко Н.В.', role: 'staff', organization: 'ds-9' },
];
