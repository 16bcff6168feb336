import type { DatesSetArg, EventClickArg, EventInput, EventMountArg } from '@fullcalendar/core';
import ruLocale from '@fullcalendar/core/locales/ru';
import dayGridPlugin from '@fullcalendar/daygrid';
import listPlugin from '@fullcalendar/list';
import luxonPlugin from '@fullcalendar/luxon3';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import { Alert, Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { messageOf } from '../../api/problem';
import {
  countRu,
  directionLabels,
  DISTRICT_TIME_ZONE,
  EVENTS_FORMS,
  eventKindLabels,
  eventStatusLabel,
  formatSpan,
  type Direction,
  type EventStatus,
} from '../../shared/format';
import { useFestivals, useOrganizations } from '../../shared/reference';
import { usePageTitle } from '../../shared/ui/usePageTitle';
import { directionColours } from './colours';
import { eventQuery, periodOf, PHONE_QUERY, shiftPeriod, viewOf, VIEWS, type ViewKey } from './period';
import { eventsQuery, useEvents, type CalendarEvent } from './queries';

const viewKeyOf = (fc: string): ViewKey => (Object.entries(VIEWS).find(([, v]) => v === fc)?.[0] as ViewKey) ?? 'month';

const STATUSES: EventStatus[] = ['approved', 'at_risk', 'cancelled', 'held', 'proposed', 'rejected'];
const FESTIVAL_NAME = 'Траектория успеха';

const options = <T extends string>(labels: Record<T, string>) => Object.entries(labels).map(([value, label]) => ({ value, label: label as string }));

/**
 * FullCalendar renders the events itself (no React content per event: a month of sixty events
 * stays fast); the status is in the title's words and in a class (struck through, dashed border).
 */
function toInput(e: CalendarEvent): EventInput {
  const colour = directionColours[e.direction as Direction];
  const mark = e.status === 'cancelled' ? 'Отменено: ' : e.status === 'at_risk' ? '⚠ Под угрозой: ' : '';
  return {
    id: e.id,
    title: `${mark}${e.title}`,
    start: e.start,
    end: e.end,
    url: `/events/${e.id}`,
    backgroundColor: colour,
    borderColor: e.status === 'at_risk' ? '#b00020' : colour,
    textColor: '#ffffff',
    classNames: [`ev-${e.status}`],
    extendedProps: { event: e },
  };
}

function describeEvent(info: EventMountArg) {
  const e = info.event.extendedProps.event as CalendarEvent;
  info.el.title = `${e.title}, ${formatSpan(e.start, e.end)} (МСК), ${eventStatusLabel(e.status as EventStatus)}`;
}

export default function CalendarPage() {
  usePageTitle('Календарь мероприятий');
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const phone = useMediaQuery(PHONE_QUERY, false, { getInitialValueInEffect: false });
  const queryClient = useQueryClient();
  const calendarRef = useRef<FullCalendar>(null);
  const orgs = useOrganizations();
  const festivals = useFestivals();
  const festival = festivals.data?.find((f) => f.name.includes(FESTIVAL_NAME));

  const view: ViewKey = viewOf(params, phone);
  const date = params.get('date') ?? undefined;
  const filters = {
    direction: params.get('direction') ?? undefined,
    org: params.get('org') ?? undefined,
    kind: params.get('kind') ?? undefined,
    festival: params.get('festival') ?? undefined,
    status: params.get('status') ?? undefined,
  };
  const [range, setRange] = useState<{ from: string; to: string }>();
  const query = range && eventQuery(range, params);
  const events = useEvents(query);
  const inputs = useMemo(() => (events.data ?? []).map(toInput), [events.data]);
  const shownDirections = useMemo(() => [...new Set((events.data ?? []).map((e) => e.direction as Direction))].sort(), [events.data]);

  // FullCalendar's callbacks may fire twice before React renders the new URL: build each change
  // on the latest one, not on this render's.
  const latest = useRef(params);
  latest.current = params;
  const setParam = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(latest.current);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (next.toString() === latest.current.toString()) return;
    latest.current = next;
    setParams(next, { replace: true });
  };

  const onDatesSet = (arg: DatesSetArg) => {
    setRange({ from: arg.start.toISOString(), to: arg.end.toISOString() });
    const current = arg.view.calendar.getDate();
    const isoDate = new Intl.DateTimeFormat('en-CA', { timeZone: DISTRICT_TIME_ZONE }).format(current);
    const viewKey = viewKeyOf(arg.view.type);
    setParam({ date: isoDate, view: viewKey });
    // «Назад» and «Вперёд» then show their events at once.
    for (const by of [1, -1] as const)
      void queryClient.prefetchQuery(eventsQuery(eventQuery(periodOf(viewKey, shiftPeriod(viewKey, isoDate, by)), latest.current)));
  };

  const onEventClick = (arg: EventClickArg) => {
    arg.jsEvent.preventDefault();
    void navigate(`/events/${arg.event.id}`);
  };

  const festivalOn = festival && filters.festival === festival.id;
  const toggleFestival = () => {
    if (!festival) return;
    if (festivalOn) setParam({ festival: undefined });
    else {
      setParam({ festival: festival.id, date: festival.startDate });
      calendarRef.current?.getApi().gotoDate(festival.startDate);
    }
  };

  const orgOptions = (orgs.data ?? []).map((o) => ({ value: o.id, label: o.shortName })).sort((a, b) => a.label.localeCompare(b.label, 'ru'));
  const anyFilter = Object.values(filters).some(Boolean);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm">
        <div>
          <Title order={1}>Календарь мероприятий</Title>
          <Text size="sm" c="dimmed">
            Время везде московское (МСК), в каком бы часовом поясе вы ни находились.
          </Text>
        </div>
        {festival && (
          <Button variant={festivalOn ? 'filled' : 'light'} onClick={toggleFestival} aria-pressed={festivalOn}>
            {festivalOn ? 'Показать все мероприятия' : `Фестиваль «${FESTIVAL_NAME}»`}
          </Button>
        )}
      </Group>

      <Paper withBorder p="sm" component="section" aria-label="Фильтры">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="sm">
          <Select
            label="Направление"
            placeholder="Все направления"
            data={options(directionLabels)}
            value={filters.direction ?? null}
            onChange={(v) => setParam({ direction: v ?? undefined })}
            clearable
            searchable
          />
          <Select
            label="Организация"
            placeholder="Все организации"
            data={orgOptions}
            value={filters.org ?? null}
            onChange={(v) => setParam({ org: v ?? undefined })}
            clearable
            searchable
          />
          <Select
            label="Формат"
            placeholder="Все форматы"
            data={options(eventKindLabels)}
            value={filters.kind ?? null}
            onChange={(v) => setParam({ kind: v ?? undefined })}
            clearable
          />
          <Select
            label="Фестиваль"
            placeholder="Любые"
            data={(festivals.data ?? []).map((f) => ({ value: f.id, label: f.name }))}
            value={filters.festival ?? null}
            onChange={(v) => setParam({ festival: v ?? undefined })}
            clearable
          />
          <Select
            label="Статус"
            placeholder="Любой"
            data={STATUSES.map((s) => ({ value: s, label: eventStatusLabel(s) }))}
            value={filters.status ?? null}
            onChange={(v) => setParam({ status: v ?? undefined })}
            clearable
          />
        </SimpleGrid>
        {anyFilter && (
          <Button
            variant="subtle"
            size="xs"
            mt="xs"
            onClick={() => setParam({ direction: undefined, org: undefined, kind: undefined, festival: undefined, status: undefined })}
          >
            Сбросить фильтры
          </Button>
        )}
      </Paper>

      {events.isError && (
        <Alert color="red" role="alert" title="Мероприятия не загрузились">
          {messageOf(events.error)}
        </Alert>
      )}
      <Text size="sm" aria-live="polite" role="status">
        {events.isFetching && !events.data ? 'Загружаем мероприятия…' : events.data ? `В календаре ${countRu(events.data.length, EVENTS_FORMS)}` : ''}
      </Text>

      <div className="calendar-box">
        <FullCalendar
          ref={calendarRef}
          plugins={[dayGridPlugin, timeGridPlugin, listPlugin, luxonPlugin]}
          locale={ruLocale}
          timeZone={DISTRICT_TIME_ZONE}
          initialView={VIEWS[view]}
          initialDate={date}
          headerToolbar={{ left: 'prev,next today', center: 'title', right: 'dayGridMonth,timeGridWeek,listMonth' }}
          buttonIcons={false}
          buttonText={{ prev: '‹ Назад', next: 'Вперёд ›', today: 'Сегодня', month: 'Месяц', week: 'Неделя', list: 'Список' }}
          buttonHints={{ prev: 'Предыдущий период', next: 'Следующий период', today: 'Перейти к сегодняшнему дню' }}
          viewHint="Вид: $0"
          navLinkHint="Перейти к дню $0"
          moreLinkHint={(n: number) => `Показать ещё ${countRu(n, EVENTS_FORMS)}`}
          moreLinkText={(n: number) => `ещё ${n}`}
          closeHint="Закрыть"
          timeHint="Время"
          eventHint="Мероприятие"
          noEventsText="В этот период мероприятий нет"
          allDayText="Весь день"
          height="auto"
          eventDisplay="block"
          dayMaxEvents={4}
          slotMinTime="08:00:00"
          slotMaxTime="20:00:00"
          eventTimeFormat={{ hour: '2-digit', minute: '2-digit', hour12: false }}
          slotLabelFormat={{ hour: '2-digit', minute: '2-digit', hour12: false }}
          events={inputs}
          eventDidMount={describeEvent}
          eventClick={onEventClick}
          datesSet={onDatesSet}
          // A day cell is named by its date label, which leaves out the events it shows
          // (axe: label-content-name-mismatch); its content names it better.
          dayCellDidMount={(arg) => arg.el.removeAttribute('aria-labelledby')}
        />
      </div>

      {shownDirections.length > 0 && (
        <section aria-labelledby="legend-title">
          <Title order={2} size="h4" id="legend-title">
            Направления
          </Title>
          <Group gap="xs" mt="xs">
            {shownDirections.map((d) => (
              <Badge key={d} color={directionColours[d]} variant="filled" radius="sm" tt="none" size="lg">
                {directionLabels[d]}
              </Badge>
            ))}
            <Badge color="gray" variant="outline" radius="sm" tt="none" size="lg" className="legend-cancelled">
              Отменено — зачёркнуто
            </Badge>
            <Badge color="red" variant="outline" radius="sm" tt="none" size="lg">
              ⚠ Под угрозой: соглашение прекратило действие
            </Badge>
          </Group>
        </section>
      )}
    </Stack>
  );
}
