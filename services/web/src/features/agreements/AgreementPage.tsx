import { Alert, Anchor, Button, Card, Group, List, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { directionLabels, formatCalendarDate, formatMoment, moscowToday, type Direction } from '../../shared/format';
import { useOrganizationName } from '../../shared/reference';
import { ProblemAlert, QueryState } from '../../shared/ui/QueryState';
import { usePageTitle } from '../../shared/ui/usePageTitle';
import { useMe } from '../auth/queries';
import { AgreementStatusBadge } from './AgreementsPage';
import { useAgreementAction, useAgreementDetails, type Agreement } from './queries';
import { agreementRules } from './rules';

export default function AgreementPage() {
  const { id = '' } = useParams();
  const agreement = useAgreementDetails(id);
  usePageTitle(agreement.data ? `Соглашение № ${agreement.data.number}` : 'Соглашение');
  return <QueryState query={agreement}>{(a) => <AgreementView agreement={a} />}</QueryState>;
}

function AgreementView({ agreement: a }: { agreement: Agreement }) {
  const me = useMe();
  const orgName = useOrganizationName();
  const action = useAgreementAction(a.id);
  const navigate = useNavigate();
  const [reasonFor, setReasonFor] = useState<'withdraw' | 'terminate' | null>(null);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const viewer = me.data;
  const today = moscowToday();
  const signed = new Set(a.signatures.map((s) => s.organizationId));

  const run = (kind: 'propose' | 'sign' | 'renew', message: string) =>
    action.mutate(
      { kind },
      {
        onSuccess: (result) => {
          if (kind === 'renew') void navigate(`/agreements/${result.id}`);
          else setDone(message);
        },
      },
    );

  return (
    <Stack gap="lg" maw={960}>
      <div>
        <AgreementStatusBadge status={a.status} />
        <Title order={1} mt={4}>
          Соглашение № {a.number}
        </Title>
        <Text size="lg">«{a.title}»</Text>
      </div>

      {done && (
        <Alert color="tochka" role="status" title="Готово">
          {done}
        </Alert>
      )}
      {a.status === 'terminated' && a.terminationReason && (
        <Alert color="red" title={`Расторгнуто${a.terminatedOn ? ` с ${formatCalendarDate(a.terminatedOn)}` : ''}`}>
          {a.terminationReason}
        </Alert>
      )}

      <Card withBorder component="section" aria-labelledby="terms-title">
        <Title order={2} size="h4" id="terms-title" mb="sm">
          Условия
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" m={0}>
          <div>
            <Text size="sm" c="dimmed" component="dt">
              Срок действия
            </Text>
            <Text component="dd" m={0}>
              с {formatCalendarDate(a.validFrom)} по {formatCalendarDate(a.validTo)}
            </Text>
          </div>
          <div>
            <Text size="sm" c="dimmed" component="dt">
              Направления
            </Text>
            <Text component="dd" m={0}>
              {a.directions.map((d) => directionLabels[d as Direction]).join(', ')}
            </Text>
          </div>
          {a.notes && (
            <div>
              <Text size="sm" c="dimmed" component="dt">
                Примечание
              </Text>
              <Text component="dd" m={0}>
                {a.notes}
              </Text>
            </div>
          )}
          {a.previousAgreementId && (
            <div>
              <Text size="sm" c="dimmed" component="dt">
                Продлевает
              </Text>
              <Text component="dd" m={0}>
                <Anchor component={Link} to={`/agreements/${a.previousAgreementId}`}>
                  предыдущее соглашение
                </Anchor>
              </Text>
            </div>
          )}
        </SimpleGrid>
      </Card>

      <Card withBorder component="section" aria-labelledby="parties-title">
        <Title order={2} size="h4" id="parties-title" mb="sm">
          Стороны и подписи
        </Title>
        <List spacing="xs">
          {a.parties.map((p) => {
            const signature = a.signatures.find((s) => s.organizationId === p.organizationId);
            return (
              <List.Item key={p.organizationId}>
                <Text fw={600} span>
                  {p.organizationName}
                </Text>
                {' — ответственный: '}
                {p.responsible.name}
                {p.responsible.position ? `, ${p.responsible.position}` : ''}
                <Text size="sm" c={signature ? 'tochka.9' : 'dimmed'}>
                  {signature ? `Подписано ${formatMoment(signature.signedAt)} (МСК)` : a.status === 'proposed' ? 'Ещё не подписано' : 'Не подписано'}
                </Text>
              </List.Item>
            );
          })}
        </List>
        {a.signatures.length > 0 && (
          <>
            <Title order={3} size="h5" mt="md" mb={4}>
              Журнал подписей
            </Title>
            <List size="sm">
              {[...a.signatures]
                .sort((x, y) => x.signedAt.localeCompare(y.signedAt))
                .map((s) => (
                  <List.Item key={s.organizationId}>
                    {formatMoment(s.signedAt)} (МСК) —{' '}
                    {a.parties.find((p) => p.organizationId === s.organizationId)?.organizationName ?? orgName(s.organizationId)}
                  </List.Item>
                ))}
            </List>
          </>
        )}
        {a.status === 'proposed' && (
          <Text size="sm" mt="sm">
            Соглашение вступит в силу, когда подпишут все стороны: подписали {signed.size} из {a.parties.length}.
          </Text>
        )}
      </Card>

      {viewer && (
        <Card withBorder component="section" aria-labelledby="actions-title">
          <Title order={2} size="h4" id="actions-title" mb="sm">
            Действия
          </Title>
          <ProblemAlert error={action.error} title="Не получилось" />
          <Group mt={action.error ? 'sm' : 0}>
            {agreementRules.sign(a, viewer, today) && (
              <Button onClick={() => run('sign', 'Соглашение подписано от имени вашей организации.')} loading={action.isPending}>
                Подписать
              </Button>
            )}
            {agreementRules.propose(a, viewer) && (
              <Button onClick={() => run('propose', 'Соглашение направлено сторонам на подпись: руководители получат письма.')} loading={action.isPending}>
                Направить на подпись
              </Button>
            )}
            {agreementRules.renew(a, viewer) && (
              <Button variant="light" onClick={() => run('renew', '')} loading={action.isPending}>
                Продлить на следующий учебный год
              </Button>
            )}
            {agreementRules.withdraw(a, viewer) && (
              <Button variant="light" color="red" onClick={() => setReasonFor('withdraw')}>
                Отозвать
              </Button>
            )}
            {agreementRules.terminate(a, viewer) && (
              <Button variant="light" color="red" onClick={() => setReasonFor('terminate')}>
                Расторгнуть
              </Button>
            )}
          </Group>
          {agreementRules.sign(a, viewer, today) && (
            <Text size="sm" c="dimmed" mt="xs">
              Прочитайте условия выше: подпись ставится от имени вашей организации и видна всем сторонам.
            </Text>
          )}
          {reasonFor && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                const kind = reasonFor;
                action.mutate(kind === 'terminate' ? { kind, reason } : { kind, reason: reason || undefined }, {
                  onSuccess: () => {
                    setReasonFor(null);
                    setReason('');
                    setDone(kind === 'terminate' ? 'Соглашение расторгнуто. Мероприятия по нему отмечены «под угрозой».' : 'Соглашение отозвано.');
                  },
                });
              }}
            >
              <Stack mt="md" gap="xs">
                <Textarea
                  label={reasonFor === 'terminate' ? 'Причина расторжения' : 'Причина отзыва (необязательно)'}
                  required={reasonFor === 'terminate'}
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                />
                <Group>
                  <Button type="submit" variant="outline" color="red" loading={action.isPending} disabled={reasonFor === 'terminate' && !reason.trim()}>
                    {reasonFor === 'terminate' ? 'Расторгнуть соглашение' : 'Отозвать соглашение'}
                  </Button>
                  <Button variant="subtle" onClick={() => setReasonFor(null)}>
                    Не менять
                  </Button>
                </Group>
              </Stack>
            </form>
          )}
        </Card>
      )}
      <Anchor component={Link} to="/agreements">
        Все соглашения
      </Anchor>
    </Stack>
  );
}
