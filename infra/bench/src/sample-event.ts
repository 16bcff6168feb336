type Audience = 'pupils' | 'teachers';

interface Changes {
  hostId?: string;
  title?: string;
  description?: string;
  venue?: string;
  audience?: Audience[];
  capacity?: { seats: number; groups?: number };
}

/**
 * A 90-minute robotics master class from `start`, as `calendar.events.import` takes it, for the
 * benchmarks; `changes` replace any of its fields.
 */
export function masterClassInput(start: Date, changes: Changes = {}) {
  return {
    hostId: 'bench-centre',
    title: 'Мастер-класс «Робототехника для начинающих»',
    description: 'Обучающиеся собирают и программируют робота на базе конструктора.',
    kind: 'master_class' as const,
    direction: 'robotics' as const,
    venue: 'room-1',
    audience: ['pupils'] as Audience[],
    grades: '5–7 классы',
    partners: [],
    capacity: { seats: 25 } as Changes['capacity'],
    ...changes,
    start: start.toISOString(),
    end: new Date(start.getTime() + 90 * 60_000).toISOString(),
  };
}
