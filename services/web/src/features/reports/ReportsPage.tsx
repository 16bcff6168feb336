import { Alert, Badge, Button, Card, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { messageOf } from '../../api/problem';
import { useMe } from '../auth/queries';
import { capitalise, countRu, EVENTS_FORMS, moscowDate } from '../../shared/format';
import { may } from '../../shared/permissions';
import { useFestivals } from '../../shared/reference';
import { QueryState } from '../../shared/ui/QueryState';
import { usePageTitle } from '../../shared/ui/usePageTitle';
import { BarChart } from './BarChart';
import { downloadFile, type MonitoringReport, useMonitoring } from './queries';

const FIRST_YEAR = 2022;
/** The school year a Moscow day falls in (1 September – 31 August). */
function schoolYearOf(date: string): number {
  const y = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 9 ? y : y - 1;
}
const label = (y: number) => `${y}–${y + 1}`;
const value = (y: number) => `${y}-${y + 1}`;

// Contrast ≥ 3:1 on white for the bars (WCAG 1.4.11).
const EVENTS_COLOUR = '#1c5fb8';
const CHILDREN_COLOUR = '#b3541e';

/**
 * «Отчёты»: the monitoring figures of a school year with charts, and the documents to download.
 * The coordinator sees the district (or one centre); a centre head its own centre.
 */
export default function ReportsPage() {
  usePageTitle('Отчёты');
  const me = useMe();
  const role = me.data?.role;
  const current = schoolYearOf(moscowDate(new Date()));
  const years = Array.from({ length: current - FIRST_YEAR + 1 }, (_, i) => current - i);
  const [year, setYear] = useState(String(FIRST_YEAR));
  const [centre, setCentre] = useState<string | null>(null);
  const schoolYear = value(Number(year));
  const report = useMonitoring({ schoolYear, ...(centre ? { org: centre } : {}) });
  const district = useMonitoring({ schoolYear });

  if (role && !may.seeReports(role)) {
    return (
      <Alert color="gray" title="Нет доступа">
        Отчёты доступны методической службе и руководителям центров.
      </Alert>
    );
  }
  const coordinator = role === 'coordinator';
  return (
    <Stack gap="lg">
      <Title order={1}>Отчёты</Title>
      <Group align="end" wrap="wrap">
        <Select
          label="Учебный год"
          data={years.map((y) => ({ value: String(y), label: label(y) }))}
          value={year}
          onChange={(v) => v && setYear(v)}
          allowDeselect={false}
          w={180}
        />
        {coordinator && (
          <Select
            label="Центр"
            placeholder="Весь район"
            clearable
            data={(district.data?.byCentre ?? []).map((c) => ({ value: c.organizationId, label: c.name }))}
            value={centre}
            onChange={setCentre}
            w={{ base: '100%', xs: 300 }}
          />
        )}
      </Group>
      <QueryState query={report} label="Загрузка отчёта…">
        {(r) => <Report report={r} coordinator={coordinator} />}
      </QueryState>
      <Downloads schoolYear={schoolYear} centre={coordinator ? centre : (me.data?.organizationId ?? null)} coordinator={coordinator} />
    </Stack>
  );
}

function Report({ report, coordinator }: { report: MonitoringReport; coordinator: boolean }) {
  const t = report.total;
  const scope = report.organization?.name ?? 'Щербиновский район';
  return (
    <Stack gap="lg">
      <Text>
        {scope}, {report.schoolYear ? `${report.schoolYear.replace('-', '–')} учебный год` : `${report.from} – ${report.to}`}
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        <Figure title="Проведено мероприятий" value={t.eventsHeld} note={`из них сетевых: ${t.networkEvents}`} />
        <Figure title="Детей записано" value={t.childrenRegistered} note={`групп: ${t.groupsRegistered}`} />
        <Figure title="Детей пришло" value={t.childrenAttended} note={`групп: ${t.groupsAttended}`} />
        <Figure title="Организаций-партнёров" value={t.partnersInvolved} note={`участников по отчётам: ${t.participantsReported}`} />
      </SimpleGrid>
      <Text size="sm" c="dimmed">
        {report.note}
      </Text>
      <BarChart
        caption="По месяцам: проведено мероприятий и пришло детей"
        series={[
          { label: 'Мероприятий', colour: EVENTS_COLOUR },
          { label: 'Детей', colour: CHILDREN_COLOUR },
        ]}
        rows={report.byMonth.map((m) => ({ label: capitalise(m.label), values: [m.figures.eventsHeld, m.figures.childrenAttended] }))}
      />
      <BarChart
        caption="По направлениям"
        series={[
          { label: 'Мероприятий', colour: EVENTS_COLOUR },
          { label: 'Детей', colour: CHILDREN_COLOUR },
        ]}
        rows={report.byDirection.map((d) => ({ label: d.label, values: [d.figures.eventsHeld, d.figures.childrenAttended] }))}
      />
      {coordinator && !report.organization && (
        <BarChart
          caption="По центрам: проведено мероприятий, из них сетевых"
          series={[
            { label: 'Мероприятий', colour: EVENTS_COLOUR },
            { label: 'Сетевых', colour: '#2f7d32' },
          ]}
          rows={report.byCentre.map((c) => ({ label: c.name, values: [c.figures.eventsHeld, c.figures.networkEvents] }))}
        />
      )}
      <Stack gap="xs">
        <Title order={2} size="h3">
          Соглашения и их использование
        </Title>
        {report.agreements.length === 0 ? (
          <Text c="dimmed">Действующих в этот период соглашений нет.</Text>
        ) : (
          <ul className="agreement-uses">
            {report.agreements.map((a) => (
              <li key={a.id}>
                <Text span fw={600}>
                  № {a.number}
                </Text>{' '}
                — {a.parties.join(', ')}:{' '}
                {a.unused ? (
                  <Badge color="red" variant="light">
                    не использовано
                  </Badge>
                ) : (
                  `проведено ${countRu(a.eventsHeld, EVENTS_FORMS)}`
                )}
              </li>
            ))}
          </ul>
        )}
      </Stack>
    </Stack>
  );
}

function Figure({ title, value, note }: { title: string; value: number; note: string }) {
  return (
    <Card withBorder padding="md">
      <Text size="sm">{title}</Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
      <Text size="sm" c="dimmed">
        {note}
      </Text>
    </Card>
  );
}

function Downloads({ schoolYear, centre, coordinator }: { schoolYear: string; centre: string | null; coordinator: boolean }) {
  const festivals = useFestivals();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const get = (key: string, run: () => Promise<string>) => async () => {
    setBusy(key);
    setError(undefined);
    try {
      setDone(`Файл «${await run()}» скачан.`);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(undefined);
    }
  };
  const org: Record<string, string> = centre ? { org: centre } : {};
  const button = (key: string, text: string, run: () => Promise<string>) => (
    <Button key={key} variant="light" onClick={get(key, run)} loading={busy === key}>
      {text}
    </Button>
  );
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        Документы
      </Title>
      <Group wrap="wrap">
        {button('plan-xlsx', 'План-график (Excel)', () =>
          downloadFile('/api/plan/export', { query: { schoolYear, format: 'xlsx', ...org } }, 'План-график.xlsx'),
        )}
        {button('plan-pdf', 'План-график (PDF)', () => downloadFile('/api/plan/export', { query: { schoolYear, format: 'pdf', ...org } }, 'План-график.pdf'))}
        {button('monitoring', 'Мониторинг (Excel)', () => downloadFile('/api/reports/monitoring/export', { query: { schoolYear, ...org } }, 'Мониторинг.xlsx'))}
      </Group>
      {(festivals.data ?? []).map((f) => (
        <Group key={f.id} wrap="wrap">
          <Text>Фестиваль «{f.name}»:</Text>
          {button(`programme-${f.id}`, 'программа (PDF)', () =>
            downloadFile('/api/reports/festivals/{id}/programme', { path: { id: f.id }, query: { format: 'pdf' } }, 'Программа.pdf'),
          )}
          {coordinator &&
            button(`letters-${f.id}`, 'благодарственные письма (PDF)', () =>
              downloadFile('/api/reports/festivals/{id}/letters', { path: { id: f.id } }, 'Благодарственные письма.pdf'),
            )}
        </Group>
      ))}
      <div aria-live="polite">
        {done && !error && <Text size="sm">{done}</Text>}
        {error && (
          <Alert color="red" role="alert" title="Не удалось скачать">
            {error}
          </Alert>
        )}
      </div>
    </Stack>
  );
}
