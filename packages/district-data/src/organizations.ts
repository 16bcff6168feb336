import type { OrganizationSeed, RoomSeed } from './types';

/**
 * Organisations of the network of «Точка роста» centres of Щербиновский район (Краснодарский край).
 *
 * Real (from the documents, see /work/shared/district.md): names of the schools and their honorific
 * names, the settlements of СОШ № 2, 3, 5, 7, 9, 10 and 27, the centres' opening years, the profiles of
 * СОШ № 3, 5, 9 (цифровой и гуманитарный) and СОШ № 2 (естественно-научный и технологический), the heads
 * of the centres of СОШ № 5 (Тымченко О.Ю.) and СОШ № 3 (Кутовая Е.И.), the zones of the centre of
 * СОШ № 3, the methodist of «Кванториум» (Климова Е.А., 2020).
 *
 * Invented everywhere: street addresses, e-mail addresses (reserved domain `.test`) and room capacities.
 * `illustrative: true` marks organisations where more than that was invented (head's name, settlement,
 * profile, rooms).
 */

const DISTRICT = 'Краснодарский край, Щербиновский район';

const room = (key: string, name: string, capacity: number): RoomSeed => ({ key, name, capacity });

/** Zones of a centre of the «цифровой и гуманитарный» profile (as at СОШ № 3). */
const digitalHumanitarianRooms = (chessCapacity = 16, projectRoomCapacity = 25): RoomSeed[] => [
  room('informatics', 'Кабинет информатики', 15),
  room('project-room', 'Проектная комната с медиазоной', projectRoomCapacity),
  room('obzh', 'Кабинет ОБЖ', 25),
  room('chess-zone', 'Шахматная зона', chessCapacity),
];

/** Rooms of a centre of the «естественно-научный и технологический» profile. */
const scienceTechnologicalRooms = (): RoomSeed[] => [
  room('science-lab', 'Лаборатория естественных наук', 25),
  room('chemistry-biology', 'Кабинет химии и биологии', 25),
  room('project-room', 'Проектная комната', 20),
];

export const organizations: OrganizationSeed[] = [
  // ── Authority and methodical service ────────────────────────────────────────────────────────
  {
    key: 'uo',
    kind: 'authority',
    fullName: 'Управление образования муниципального образования Щербиновский район',
    shortName: 'Управление образования',
    settlement: 'ст. Старощербиновская',
    address: `${DISTRICT}, ст. Старощербиновская, ул. Советов, 68`,
    head: { name: 'Сидоренко Н.А.', position: 'Начальник управления образования', email: 'uo@shcherbinovsky.test' },
    rooms: [room('meeting-room', 'Зал заседаний', 40)],
    illustrative: true,
  },
  {
    key: 'mk-moshr',
    kind: 'methodical_service',
    // The documents use only the abbreviation МКУ «МК МОЩР» (территориально-методическая служба, ТМС).
    fullName: 'Муниципальное казённое учреждение «Методический кабинет муниципального образования Щербиновский район»',
    shortName: 'МКУ «МК МОЩР»',
    settlement: 'ст. Старощербиновская',
    address: `${DISTRICT}, ст. Старощербиновская, ул. Советов, 68`,
    head: { name: 'Лысенко Т.Н.', position: 'Директор МКУ «МК МОЩР»', email: 'director@mk-moshr.test' },
    rooms: [room('assembly-hall', 'Актовый зал', 60), room('method-room', 'Методический кабинет', 20)],
    illustrative: true,
  },

  // ── Schools with «Точка роста» centres ─────────────────────────────────────────────────────
  {
    key: 'sosh-5',
    kind: 'growth_point_centre',
    fullName: 'Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 5 имени И.П. Рыбина станицы Старощербиновской',
    shortName: 'МБОУ СОШ № 5 им. И.П. Рыбина',
    settlement: 'ст. Старощербиновская',
    address: `${DISTRICT}, ст. Старощербиновская, ул. Первомайская, 129`,
    centre: { profile: 'digital_humanitarian', openedYear: 2019 },
    head: {
      name: 'Тымченко О.Ю.',
      position: 'Руководитель центра «Точка роста», учитель информатики',
      email: 'sosh5@shcherbinovsky.test',
    },
    rooms: [...digitalHumanitarianRooms(20), room('technology', 'Кабинет технологии', 24), room('assembly-hall', 'Актовый зал', 120)],
    illustrative: false,
  },
  {
    key: 'sosh-9',
    kind: 'growth_point_centre',
    fullName: 'Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 9 имени И.Ф. Лубянецкого станицы Новощербиновской',
    shortName: 'МБОУ СОШ № 9 им. И.Ф. Лубянецкого',
    settlement: 'ст. Новощербиновская',
    address: `${DISTRICT}, ст. Новощербиновская, ул. Советская, 45`,
    centre: { profile: 'digital_humanitarian', openedYear: 2019 },
    head: { name: 'Онищенко С.В.', position: 'Руководитель центра «Точка роста»', email: 'sosh9@shcherbinovsky.test' },
    rooms: [...digitalHumanitarianRooms(16), room('technology', 'Кабинет технологии (мастерская)', 16)],
    illustrative: true,
  },
  {
    key: 'sosh-3',
    kind: 'growth_point_centre',
    fullName: 'Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 3 имени Е.И. Гришко станицы Старощербиновской',
    shortName: 'МБОУ СОШ № 3 им. Е.И. Гришко',
    settlement: 'ст. Старощербиновская',
    address: `${DISTRICT}, ст. Старощербиновская, ул. Чкалова, 112`,
    centre: { profile: 'digital_humanitarian', openedYear: 2020 },
    head: { name: 'Кутовая Е.И.', position: 'Руководитель центра «Точка роста»', email: 'sosh3@shcherbinovsky.test' },
    // The documents name exactly these zones of the centre.
    rooms: digitalHumanitarianRooms(16, 30),
    illustrative: false,
  },
  {
    key: 'sosh-2',
    kind: 'growth_point_centre',
    fullName: 'Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 2 имени П.И. Арчакова станицы Старощербиновской',
    shortName: 'МБОУ СОШ № 2 им. П.И. Арчакова',
    settlement: 'ст. Старощербиновская',
    address: `${DISTRICT}, ст. Старощербиновская, ул. Ленина, 57`,
    centre: { profile: 'science_technological', openedYear: 2021 },
    head: { name: 'Петренко А.С.', position: 'Руководитель центра «Точка роста»', email: 'sosh2@shcherbinovsky.test' },
    rooms: scienceTechnologicalRooms(),
    illustrative: true,
  },
  {
    key: 'sosh-7',
    kind: 'growth_point_centre',
    fullName: 'Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 7 села Ейское Укрепление',
    shortName: 'МБОУ СОШ № 7',
    settlement: 'с. Ейское Укрепление',
    address: `${DISTRICT}, с. Ейское Укрепление, ул. Школьная, 2`,
    centre: { profile: 'science_technological', openedYear: 2021 },
    head: { name: 'Ковальчук М.Г.', position: 'Руководитель центра «Точка роста»', email: 'sosh7@shcherbinovsky.test' },
    rooms: scienceTechnologicalRooms(),
    illustrative: true,
  },
  {
    key: 'sosh-1',
    kind: 'growth_point_centre',
    fullName: 'Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 1 имени А.В. Ляпидевского станицы Старощербиновской',
    shortName: 'МБОУ СОШ № 1 им. Ляпидевского',
    settlement: 'ст. Старощербиновская',
    address: `${DISTRICT}, ст. Старощербиновская, ул. Шевченко, 44`,
    centre: { profile: 'science_technological', openedYear: 2022 },
    head: { name: 'Марченко Е.П.', position: 'Руководитель центра «Точка роста»', email: 'sosh1@shcherbinovsky.test' },
    rooms: [...scienceTechnologicalRooms(), room('tech-lab', 'Кабинет технологии и робототехники', 20), room('assembly-hall', 'Актовый зал', 150)],
    illustrative: true,
  },
  {
    key: 'sosh-6',
    kind: 'growth_point_centre',
    fullName: 'Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 6 села Шабельского',
    shortName: 'МБОУ СОШ № 6',
    settlement: 'с. Шабельское',
    address: `${DISTRICT}, с. Шабельское, ул. Мира, 15`,
    centre: { profile: 'science_technological', openedYear: 2022 },
    head: { name: 'Кравченко Н.И.', position: 'Руководитель центра «Точка роста»', email: 'sosh6@shcherbinovsky.test' },
    rooms: scienceTechnologicalRooms(),
    illustrative: true,
  },
  {
    key: 'sosh-12',
    kind: 'growth_point_centre',
    fullName: 'Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 12 села Глафировки',
    shortName: 'МБОУ СОШ № 12',
    settlement: 'с. Глафировка',
    address: `${DISTRICT}, с. Глафировка, ул. Октябрьская, 21`,
    centre: { profile: 'science_technological', openedYear: 2022 },
    head: { name: 'Ткаченко О.В.', position: 'Руководитель центра «Точка роста»', email: 'sosh12@shcherbinovsky.test' },
    rooms: scienceTechnologicalRooms(),
    illustrative: true,
  },
  {
    key: 'sosh-13',
    kind: 'growth_point_centre',
    fullName: 'Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 13 посёлка Щербиновского',
    shortName: 'МБОУ СОШ № 13',
    settlement: 'пос. Щербиновский',
    address: `${DISTRICT}, пос. Щербиновский, ул. Центральная, 9`,
    centre: { profile: 'science_technological', openedYear: 2022 },
    head: { name: 'Гончаренко В.А.', position: 'Руководитель центра «Точка роста»', email: 'sosh13@shcherbinovsky.test' },
    rooms: [...scienceTechnologicalRooms(), room('chess-zone', 'Шахматная зона', 16)],
    illustrative: true,
  },

  // ── Schools where centres are planned by 2024 ──────────────────────────────────────────────
  {
    key: 'sosh-8',
    kind: 'school',
    fullName: 'Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 8 села Екатериновки',
    shortName: 'МБОУ СОШ № 8',
    settlement: 'с. Екатериновка',
    address: `${DISTRICT}, с. Екатериновка, ул. Ленина, 30`,
    head: { name: 'Полищук Г.Н.', position: 'Директор', email: 'sosh8@shcherbinovsky.test' },
    rooms: [room('informatics', 'Кабинет информатики', 15), room('assembly-hall', 'Актовый зал', 80)],
    illustrative: true,
  },
  {
    key: 'sosh-10',
    kind: 'school',
    fullName: 'Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 10 имени С.И. Холодова станицы Новощербиновской',
    shortName: 'МБОУ СОШ № 10 им. С.И. Холодова',
    settlement: 'ст. Новощербиновская',
    address: `${DISTRICT}, ст. Новощербиновская, ул. Калинина, 70`,
    head: { name: 'Литвиненко С.Н.', position: 'Директор', email: 'sosh10@shcherbinovsky.test' },
    rooms: [room('informatics', 'Кабинет информатики', 15), room('assembly-hall', 'Актовый зал', 80)],
    illustrative: true,
  },
  {
    key: 'sosh-11',
    kind: 'school',
    fullName: 'Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 11 села Николаевки',
    shortName: 'МБОУ СОШ № 11',
    settlement: 'с. Николаевка',
    address: `${DISTRICT}, с. Николаевка, ул. Садовая, 3`,
    head: { name: 'Руденко А.В.', position: 'Директор', email: 'sosh11@shcherbinovsky.test' },
    rooms: [room('informatics', 'Кабинет информатики', 15), room('assembly-hall', 'Актовый зал', 60)],
    illustrative: true,
  },

  // ── School of the neighbouring Ейский район ────────────────────────────────────────────────
  {
    key: 'sosh-27',
    kind: 'school',
    fullName:
      'Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 27 имени А.В. Александрова посёлка Комсомолец муниципального образования Ейский район',
    shortName: 'МБОУ СОШ № 27 им. А.В. Александрова',
    settlement: 'п. Комсомолец (Ейский район)',
    address: 'Краснодарский край, Ейский район, п. Комсомолец, ул. Школьная, 1',
    head: {
      name: 'Захарченко И.Г.',
      position: 'Руководитель структурного подразделения (центр образования)',
      email: 'sosh27@eysky.test',
    },
    rooms: [room('robotics-room', 'Кабинет робототехники и VR', 20), room('assembly-hall', 'Актовый зал', 80)],
    illustrative: true,
  },

  // ── Kindergartens ─────────────────────────────────────────────────────────────────────────
  {
    key: 'ds-5',
    kind: 'kindergarten',
    fullName: 'Муниципальное бюджетное дошкольное образовательное учреждение центр развития ребёнка — детский сад № 5 станицы Старощербиновской',
    shortName: 'МБДОУ ЦРР д/с № 5',
    settlement: 'ст. Старощербиновская',
    address: `${DISTRICT}, ст. Старощербиновская, ул. Красная, 36`,
    head: { name: 'Савченко Л.А.', position: 'Заведующий', email: 'ds5@shcherbinovsky.test' },
    rooms: [room('music-hall', 'Музыкальный зал', 40), room('sport-hall', 'Физкультурный зал', 30)],
    illustrative: true,
  },
  {
    key: 'ds-9',
    kind: 'kindergarten',
    fullName: 'Муниципальное бюджетное дошкольное образовательное учреждение центр развития ребёнка — детский сад № 9 станицы Старощербиновской',
    shortName: 'МБДОУ ЦРР д/с № 9',
    settlement: 'ст. Старощербиновская',
    address: `${DISTRICT}, ст. Старощербиновская, ул. Лермонтова, 88`,
    head: { name: 'Мельниченко Т.В.', position: 'Заведующий', email: 'ds9@shcherbinovsky.test' },
    rooms: [room('music-hall', 'Музыкальный зал', 40), room('sport-hall', 'Физкультурный зал', 30)],
    illustrative: true,
  },

  // ── Partners ──────────────────────────────────────────────────────────────────────────────
  {
    key: 'tos-veteranov',
    kind: 'partner',
    fullName: 'Территориальное общественное самоуправление «ТОС Ветеранов»',
    shortName: 'ТОС Ветеранов',
    settlement: 'ст. Старощербиновская',
    address: `${DISTRICT}, ст. Старощербиновская, ул. Октябрьская, 17`,
    head: { name: 'Степаненко В.И.', position: 'Председатель ТОС', email: 'tos-veteranov@shcherbinovsky.test' },
    rooms: [room('meeting-room', 'Комната для собраний ТОС', 15)],
    illustrative: true,
  },
  {
    key: 'kvantorium',
    kind: 'partner',
    fullName: 'Мобильный технопарк «Кванториум» Краснодарского края',
    shortName: 'Мобильный технопарк «Кванториум»',
    settlement: 'г. Краснодар',
    address: 'Краснодарский край, г. Краснодар (передвижная автомобильная лаборатория)',
    head: { name: 'Климова Е.А.', position: 'Методист мобильного технопарка', email: 'mobile@kvantorium.test' },
    rooms: [room('mobile-lab', 'Мобильная лаборатория (передвижной комплекс)', 12)],
    illustrative: true,
  },
];
