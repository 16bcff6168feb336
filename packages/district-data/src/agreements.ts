import type { AgreementSeed, Direction, Person } from './types';

/**
 * The 25 network agreements (соглашения о сетевом взаимодействии и сотрудничестве) of 2022–2023.
 *
 * The documents say that 25 agreements were concluded after the working group of 6 October 2022 at
 * СОШ № 1, between the centres and between centres and preschool organisations, but list only some
 * of the pairs. The five documented pairs are `illustrative: false`; the other twenty (their parties,
 * directions, dates, numbers) and every date and responsible person not named in the documents are
 * invented and marked `illustrative: true`.
 */

/** Who answers for an agreement on behalf of each organisation, unless an agreement says otherwise. */
const defaultResponsible: Record<string, Person> = {
  uo: { name: 'Яковенко Е.С.', position: 'Главный специалист управления образования', email: 'uo@shcherbinovsky.test' },
  'mk-moshr': { name: 'Бондаренко И.В.', position: 'Методист МКУ «МК МОЩР»', email: 'metodist@mk-moshr.test' },
  'sosh-5': { name: 'Тымченко О.Ю.', position: 'Руководитель центра «Точка роста»', email: 'sosh5@shcherbinovsky.test' },
  'sosh-9': { name: 'Онищенко С.В.', position: 'Руководитель центра «Точка роста»', email: 'sosh9@shcherbinovsky.test' },
  'sosh-3': { name: 'Кутовая Е.И.', position: 'Руководитель центра «Точка роста»', email: 'sosh3@shcherbinovsky.test' },
  'sosh-2': { name: 'Петренко А.С.', position: 'Руководитель центра «Точка роста»', email: 'sosh2@shcherbinovsky.test' },
  'sosh-7': { name: 'Ковальчук М.Г.', position: 'Руководитель центра «Точка роста»', email: 'sosh7@shcherbinovsky.test' },
  'sosh-1': { name: 'Марченко Е.П.', position: 'Руководитель центра «Точка роста»', email: 'sosh1@shcherbinovsky.test' },
  'sosh-6': { name: 'Кравченко Н.И.', position: 'Руководитель центра «Точка роста»', email: 'sosh6@shcherbinovsky.test' },
  'sosh-12': { name: 'Ткаченко О.В.', position: 'Руководитель центра «Точка роста»', email: 'sosh12@shcherbinovsky.test' },
  'sosh-13': { name: 'Гончаренко В.А.', position: 'Руководитель центра «Точка роста»', email: 'sosh13@shcherbinovsky.test' },
  'sosh-8': { name: 'Сергиенко Л.П.', position: 'Заместитель директора по учебно-воспитательной работе' },
  'sosh-10': { name: 'Головко Н.М.', position: 'Заместитель директора по учебно-воспитательной работе' },
  'sosh-11': { name: 'Демченко А.И.', position: 'Заместитель директора по учебно-воспитательной работе' },
  'sosh-27': { name: 'Захарченко И.Г.', position: 'Руководитель структурного подразделения', email: 'sosh27@eysky.test' },
  'ds-5': { name: 'Шевчук О.Н.', position: 'Старший воспитатель' },
  'ds-9': { name: 'Костенко Н.В.', position: 'Старший воспитатель' },
  'tos-veteranov': { name: 'Степаненко В.И.', position: 'Председатель ТОС', email: 'tos-veteranov@shcherbinovsky.test' },
  kvantorium: { name: 'Климова Е.А.', position: 'Методист мобильного технопарка', email: 'mobile@kvantorium.test' },
};

interface Draft {
  title: string;
  parties: string[];
  directions: Direction[];
  signedOn: string;
  validFrom: string;
  validTo: string;
  responsible?: Record<string, Person>;
  notes?: string;
  illustrative: boolean;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function build(drafts: Draft[]): AgreementSeed[] {
  return drafts.map((d, i) => {
    const responsible: Record<string, Person> = {};
    for (const party of d.parties) {
      const person = d.responsible?.[party] ?? defaultResponsible[party];
      if (!person) throw new Error(`No responsible person for ${party}`);
      responsible[party] = { ...person };
    }
    const seed: AgreementSeed = {
      key: `sv-2022-${pad(i + 1)}`,
      number: `СВ-2022/${pad(i + 1)}`,
      title: d.title,
      parties: [...d.parties],
      directions: [...d.directions],
      validFrom: d.validFrom,
      validTo: d.validTo,
      signedOn: d.signedOn,
      responsible,
      illustrative: d.illustrative,
    };
    if (d.notes) seed.notes = d.notes;
    return seed;
  });
}

const PREFIX = 'Соглашение о сетевом взаимодействии и сотрудничестве между';

export const agreements: AgreementSeed[] = build([
  // ── 01–05: the pairs the documents name ───────────────────────────────────────────────────
  {
    title: `${PREFIX} центром «Точка роста» МБОУ СОШ № 5 и МБДОУ ЦРР д/с № 9`,
    parties: ['sosh-5', 'ds-9'],
    directions: ['career_guidance', 'lego', 'robotics'],
    signedOn: '2022-10-24',
    validFrom: '2022-11-01',
    validTo: '2023-08-31',
    notes:
      'Продолжение сотрудничества, которое ведётся три года работы центра: дни открытых дверей и мастер-классы для воспитанников детского сада, направленные на раннюю профориентацию. Дошкольники — будущие ученики СОШ № 5.',
    illustrative: false,
  },
  {
    title: `${PREFIX} центром «Точка роста» МБОУ СОШ № 3 и МБДОУ ЦРР д/с № 5`,
    parties: ['sosh-3', 'ds-5'],
    directions: ['robotics', 'traffic_safety'],
    signedOn: '2022-10-25',
    validFrom: '2022-11-01',
    validTo: '2023-08-31',
    notes: 'Дошкольники участвуют в мастер-классах по запуску роботов и знакомятся с правилами дорожного движения (кружок «Я пассажир, я пешеход»).',
    illustrative: false,
  },
  {
    title: `${PREFIX} центрами «Точка роста» МБОУ СОШ № 5 и МБОУ СОШ № 9`,
    parties: ['sosh-5', 'sosh-9'],
    directions: ['chess', 'health'],
    signedOn: '2022-10-21',
    validFrom: '2022-11-01',
    validTo: '2024-08-31',
    notes:
      'Традиционные турниры по шахматам и шашкам «Белая ладья» на базе СОШ № 5 с участием кружка «Шахматы» СОШ № 9; совместный проект «КВИЛТ» — «Часы здоровья».',
    illustrative: false,
  },
  {
    title: `${PREFIX} центром «Точка роста» МБОУ СОШ № 9 и МБОУ СОШ № 10 им. С.И. Холодова`,
    parties: ['sosh-9', 'sosh-10'],
    directions: ['career_guidance', '3d_modelling', 'quadcopters', 'photo_video'],
    signedOn: '2022-10-27',
    validFrom: '2022-11-01',
    validTo: '2023-05-31',
    notes: 'Экскурсии по кабинетам «Точки роста» СОШ № 9 и презентация кружков для учащихся СОШ № 10 (центр в СОШ № 10 планируется к открытию до 2024 года).',
    illustrative: false,
  },
  {
    title: `${PREFIX} центром «Точка роста» МБОУ СОШ № 5 и МБОУ СОШ № 27 им. А.В. Александрова (Ейский район)`,
    parties: ['sosh-5', 'sosh-27'],
    directions: ['lego', 'vr_ar'],
    signedOn: '2022-10-31',
    validFrom: '2022-11-07',
    validTo: '2024-08-31',
    notes:
      'Межмуниципальное сотрудничество, начатое в 2019 году: мастер-классы по ЛЕГО-конструированию и работе с VR/AR на базе СОШ № 5 и СОШ № 27, обмен опытом педагогов.',
    illustrative: false,
  },

  // ── 06–25: plausible, invented ────────────────────────────────────────────────────────────
  {
    title:
      'Соглашение о сетевой форме взаимодействия центров «Точка роста» муниципального образования Щербиновский район в рамках плана-графика мероприятий на 2022–2023 учебный год',
    parties: ['uo', 'mk-moshr', 'sosh-5', 'sosh-9', 'sosh-3', 'sosh-2', 'sosh-7', 'sosh-1', 'sosh-6', 'sosh-12', 'sosh-13'],
    directions: ['project_work', 'digital_literacy', 'career_guidance'],
    signedOn: '2022-10-28',
    validFrom: '2022-11-01',
    validTo: '2023-08-31',
    notes:
      'Рамочное соглашение по итогам заседания рабочей группы 6 октября 2022 года: муниципальные семинары, обучение педагогов работе на цифровом оборудовании, фестиваль «Траектория успеха — «Точка роста».',
    illustrative: true,
  },
  {
    title: `${PREFIX} центром «Точка роста» МБОУ СОШ № 1 им. Ляпидевского и мобильным технопарком «Кванториум»`,
    parties: ['sosh-1', 'kvantorium'],
    directions: ['robotics', 'vr_ar', 'quadcopters', 'industrial_design', '3d_modelling'],
    signedOn: '2022-11-14',
    validFrom: '2022-11-21',
    validTo: '2023-08-31',
    notes:
      'Занятия в сетевой форме по направлениям «Промышленная робототехника/Промышленный дизайн», «Гео/Аэро», «Программирование/Виртуальная и дополненная реальность» (мобильный технопарк работал на базе СОШ № 1 в 2020 году).',
    illustrative: true,
  },
  {
    title: `${PREFIX} центром «Точка роста» МБОУ СОШ № 3 и ТОС Ветеранов`,
    parties: ['sosh-3', 'tos-veteranov'],
    directions: ['digital_literacy'],
    signedOn: '2022-11-16',
    validFrom: '2022-11-21',
    validTo: '2023-05-31',
    notes: 'Серия мастер-классов для пенсионеров по основам использования цифровых сервисов, группы по 10 человек.',
    illustrative: true,
  },
  {
    title: `${PREFIX} центром «Точка роста» МБОУ СОШ № 2 и МБДОУ ЦРР д/с № 5`,
    parties: ['sosh-2', 'ds-5'],
    directions: ['natural_science', 'lego'],
    signedOn: '2022-11-18',
    validFrom: '2022-11-28',
    validTo: '2023-08-31',
    illustrative: true,
  },
  {
    title: `${PREFIX} центром «Точка роста» МБОУ СОШ № 1 им. Ляпидевского и МБДОУ ЦРР д/с № 9`,
    parties: ['sosh-1', 'ds-9'],
    directions: ['lego', 'traffic_safety'],
    signedOn: '2022-11-22',
    validFrom: '2022-12-01',
    validTo: '2023-08-31',
    illustrative: true,
  },
  {
    title: `${PREFIX} центрами «Точка роста» МБОУ СОШ № 3 и МБОУ СОШ № 2`,
    parties: ['sosh-3', 'sosh-2'],
    directions: ['3d_modelling', 'industrial_design', 'geoinformatics'],
    signedOn: '2022-11-08',
    validFrom: '2022-11-14',
    validTo: '2023-08-31',
    illustrative: true,
  },
  {
    title: `${PREFIX} центрами «Точка роста» МБОУ СОШ № 2 и МБОУ СОШ № 7`,
    parties: ['sosh-2', 'sosh-7'],
    directions: ['natural_science', 'project_work'],
    signedOn: '2022-10-26',
    validFrom: '2022-11-01',
    validTo: '2023-08-31',
    illustrative: true,
  },
  {
    title: `${PREFIX} центром «Точка роста» МБОУ СОШ № 1 им. Ляпидевского и МБОУ СОШ № 8`,
    parties: ['sosh-1', 'sosh-8'],
    directions: ['robotics', '3d_modelling', 'career_guidance'],
    signedOn: '2022-11-10',
    validFrom: '2022-11-15',
    validTo: '2023-05-31',
    illustrative: true,
  },
  {
    title: `${PREFIX} центром «Точка роста» МБОУ СОШ № 7 и МБОУ СОШ № 11`,
    parties: ['sosh-7', 'sosh-11'],
    directions: ['natural_science', 'life_safety'],
    signedOn: '2022-11-11',
    validFrom: '2022-11-21',
    validTo: '2023-05-31',
    illustrative: true,
  },
  {
    title: `${PREFIX} центрами «Точка роста» МБОУ СОШ № 6, МБОУ СОШ № 12 и МБОУ СОШ № 13`,
    parties: ['sosh-6', 'sosh-12', 'sosh-13'],
    directions: ['chess', 'natural_science', 'project_work'],
    signedOn: '2022-11-23',
    validFrom: '2022-12-01',
    validTo: '2023-08-31',
    notes: 'Трёхстороннее соглашение центров, открытых в 2022–2023 учебном году.',
    illustrative: true,
  },
  {
    title: `${PREFIX} центрами «Точка роста» МБОУ СОШ № 3, МБОУ СОШ № 5 и МБОУ СОШ № 9`,
    parties: ['sosh-3', 'sosh-5', 'sosh-9'],
    directions: ['multimedia', 'photo_video', 'theatre'],
    signedOn: '2022-11-02',
    validFrom: '2022-11-07',
    validTo: '2023-08-31',
    notes:
      'Медиатворчество трёх центров цифрового и гуманитарного профилей: кружки «Мир мультимедиа», «Мир театра» (СОШ № 3), «Аниматор Плюс» (СОШ № 5), «Ракурс» и «В объективе» (СОШ № 9).',
    illustrative: true,
  },
  {
    title: `${PREFIX} центрами «Точка роста» МБОУ СОШ № 9 и МБОУ СОШ № 13`,
    parties: ['sosh-9', 'sosh-13'],
    directions: ['chess', 'woodwork'],
    signedOn: '2022-11-24',
    validFrom: '2022-12-01',
    validTo: '2023-08-31',
    illustrative: true,
  },
  {
    title: `${PREFIX} центрами «Точка роста» МБОУ СОШ № 3 и МБОУ СОШ № 6`,
    parties: ['sosh-3', 'sosh-6'],
    directions: ['life_safety', 'traffic_safety'],
    signedOn: '2022-11-17',
    validFrom: '2022-11-21',
    validTo: '2023-08-31',
    illustrative: true,
  },
  {
    title: `${PREFIX} центрами «Точка роста» МБОУ СОШ № 9 и МБОУ СОШ № 7`,
    parties: ['sosh-9', 'sosh-7'],
    directions: ['quadcopters', 'woodwork'],
    signedOn: '2022-11-25',
    validFrom: '2022-12-01',
    validTo: '2023-08-31',
    illustrative: true,
  },
  {
    title: `${PREFIX} центром «Точка роста» МБОУ СОШ № 2 и МБОУ СОШ № 10 им. С.И. Холодова`,
    parties: ['sosh-2', 'sosh-10'],
    directions: ['natural_science', 'project_work'],
    signedOn: '2022-11-15',
    validFrom: '2022-11-21',
    validTo: '2023-05-31',
    illustrative: true,
  },
  {
    title: `${PREFIX} центрами «Точка роста» МБОУ СОШ № 5 и МБОУ СОШ № 6`,
    parties: ['sosh-5', 'sosh-6'],
    directions: ['programming', '3d_modelling'],
    signedOn: '2022-11-09',
    validFrom: '2022-11-14',
    validTo: '2023-08-31',
    illustrative: true,
  },
  {
    title: `${PREFIX} центром «Точка роста» МБОУ СОШ № 13 и МБОУ СОШ № 8`,
    parties: ['sosh-13', 'sosh-8'],
    directions: ['natural_science', 'project_work'],
    signedOn: '2022-11-21',
    validFrom: '2022-11-28',
    validTo: '2023-05-31',
    illustrative: true,
  },
  {
    title: `${PREFIX} центрами «Точка роста» МБОУ СОШ № 2 и МБОУ СОШ № 12`,
    parties: ['sosh-2', 'sosh-12'],
    directions: ['natural_science', 'health'],
    signedOn: '2022-11-28',
    validFrom: '2022-12-01',
    validTo: '2023-08-31',
    illustrative: true,
  },
  {
    title: `${PREFIX} центрами «Точка роста» МБОУ СОШ № 1 им. Ляпидевского и МБОУ СОШ № 3`,
    parties: ['sosh-1', 'sosh-3'],
    directions: ['robotics', 'programming', 'geoinformatics'],
    signedOn: '2022-11-03',
    validFrom: '2022-11-07',
    validTo: '2023-08-31',
    responsible: {
      'sosh-3': { name: 'Васьков И.П.', position: 'Учитель ОБЖ, педагог кружка «Робототехника»', email: 'vaskov.sosh3@shcherbinovsky.test' },
    },
    illustrative: true,
  },
  {
    title: `${PREFIX} центром «Точка роста» МБОУ СОШ № 12 и МБОУ СОШ № 11`,
    parties: ['sosh-12', 'sosh-11'],
    directions: ['digital_literacy', 'programming', 'chess'],
    signedOn: '2022-11-29',
    validFrom: '2022-12-01',
    validTo: '2023-05-31',
    illustrative: true,
  },
]);
