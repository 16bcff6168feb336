import { Anchor, Badge, Button, Card, Group, Pagination, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { AGREEMENT_STATUSES, DIRECTIONS } from '@tochka/contracts/browser';
import { agreementStatusLabels, capitalise, directionLabels, formatCalendarDate, moscowToday, type AgreementStatus, type Direction } from '../../shared/format';
import { may } from '../../shared/permissions';
import { useOrganizations } from '../../shared/reference';
import { QueryState } from '../../shared/ui/QueryState';
import { usePageTitle } from '../../shared/ui/usePageTitle';
import { useMe } from '../auth/queries';
import { useAgreements, type Agreement, type AgreementQuery } from './queries';
import { agreementRules } from './rules';

export const agreementStatusColour: Record<AgreementStatus, string> = {
  draft: 'gray',
  proposed: 'blue',
  active: 'tochka',
  expired: 'gray',
  terminated: 'red',
  withdrawn: 'gray',
};

export function AgreementStatusBadge({ status }: { status: string }) {
  return (
    <Badge color={agreementStatusColour[status as AgreementStatus]} variant="light" tt="none" radius="sm">
      {capitalise(agreementStatusLabels[status as AgreementStatus])}
    </Badge>
  );
}

const partiesText = (a: Agreement) => a.parties.map((p) => p.organizationName).join(', ');

function AgreementList({ items, empty }: { items: Agreement[]; empty: string }) {
  if (!items.length) return <Text c="dimmed">{empty}</Text>;
  return (
    <Stack gap="xs">
      {items.map((a) => (
        <Card key={a.id} withBorder padding="sm">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Anchor component={Link} to={`/agreements/${a.id}`} fw={600}>
              № {a.number} «{a.title}»
            </Anchor>
            <AgreementStatusBadge status={a.status} />
          </Group>
          <Text size="sm">{partiesText(a)}</Text>
          <Text size="sm" c="dimmed">
            Действует с {formatCalendarDate(a.validFrom)} по {formatCalendarDate(a.validTo)}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}

/** A head's own work: what waits for the organisation's signature, and its drafts. */
function MyAgreements({ organizationId }: { organizationId: string }) {
  const me = useMe();
  const proposed = useAgreements({ party: organizationId, status: 'proposed', limit: 200 });
  const drafts = useAgreements({ party: organizationId, status: 'draft', limit: 200 });
  const today = moscowToday();
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Card withBorder component="section" aria-labelledby="awaiting-title">
        <Title order={2} size="h3" id="awaiting-title" mb="sm">
          Ждут подписи вашей организации
        </Title>
        <QueryState query={proposed}>
          {(p) => (
            <AgreementList items={p.items.filter((a) => me.data && agreementRules.sign(a, me.data, today))} empty="Соглашений, ожидающих вашей подписи, нет." />
          )}
        </QueryState>
      </Card>
      <Card withBorder component="section" aria-labelledby="drafts-title">
        <Title order={2} size="h3" id="drafts-title" mb="sm">
          Черновики с участием вашей организации
        </Title>
        <QueryState query={drafts}>{(p) => <AgreementList items={p.items} empty="Черновиков нет." />}</QueryState>
      </Card>
    </SimpleGrid>
  );
}

export default function AgreementsPage() {
  usePageTitle('Соглашения');
  const me = useMe();
  const orgs = useOrganizations();
  const [filters, setFilters] = useState<AgreementQuery>({});
  const [page, setPage] = useState(1);
  const list = useAgreements({ ...filters, page, limit: 20 });
  const role = me.data?.role;
  const isHead = role === 'centre_head' || role === 'kindergarten';
  const set = (patch: Partial<AgreementQuery>) => {
    setPage(1);
    setFilters((f) => ({ ...f, ...patch }));
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between" wrap="wrap">
        <Title order={1}>Соглашения о сетевом взаимодействии</Title>
        {role && may.draftAgreements(role) && (
          <Group>
            <Button component={Link} to="/agreements/new">
              Новое соглашение
            </Button>
            {may.coordinate(role) && (
              <Button component={Link} to="/agreements/new?paper=1" variant="light">
                Загрузить подписанное на бумаге
              </Button>
            )}
          </Group>
        )}
      </Group>

      {isHead && me.data && <MyAgreements organizationId={me.data.organizationId} />}

      <Card withBorder component="section" aria-labelledby="registry-title">
        <Title order={2} size="h3" id="registry-title" mb="sm">
          Реестр соглашений
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} mb="md">
          <Select
            label="Сторона"
            placeholder="Все организации"
            clearable
            searchable
            data={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.shortName }))}
            value={filters.party ?? null}
            onChange={(v) => set({ party: v ?? undefined })}
          />
          <Select
            label="Статус"
            placeholder="Любой"
            clearable
            data={AGREEMENT_STATUSES.map((s) => ({ value: s, label: capitalise(agreementStatusLabels[s]) }))}
            value={filters.status ?? null}
            onChange={(v) => set({ status: (v ?? undefined) as AgreementQuery['status'] })}
          />
          <Select
            label="Направление"
            placeholder="Любое"
            clearable
            searchable
            data={DIRECTIONS.map((d) => ({ value: d, label: directionLabels[d as Direction] }))}
            value={filters.direction ?? null}
            onChange={(v) => set({ direction: (v ?? undefined) as AgreementQuery['direction'] })}
          />
          <TextInput
            type="date"
            label="Действует на дату"
            value={filters.validOn ?? ''}
            onChange={(e) => set({ validOn: e.currentTarget.value || undefined })}
          />
        </SimpleGrid>
        <QueryState query={list}>
          {(p) => (
            <>
              <Text size="sm" c="dimmed" mb="xs" role="status">
                Найдено соглашений: {p.total}
              </Text>
              <Table.ScrollContainer minWidth={640}>
                <Table striped highlightOnHover>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Номер и название</Table.Th>
                      <Table.Th scope="col">Стороны</Table.Th>
                      <Table.Th scope="col">Срок действия</Table.Th>
                      <Table.Th scope="col">Статус</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {p.items.map((a) => (
                      <Table.Tr key={a.id}>
                        <Table.Td>
                          <Anchor component={Link} to={`/agreements/${a.id}`}>
                            № {a.number} «{a.title}»
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{partiesText(a)}</Table.Td>
                        <Table.Td>
                          {formatCalendarDate(a.validFrom)} — {formatCalendarDate(a.validTo)}
                        </Table.Td>
                        <Table.Td>
                          <AgreementStatusBadge status={a.status} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              {p.total > p.limit && (
                <Pagination
                  mt="md"
                  total={Math.ceil(p.total / p.limit)}
                  value={page}
                  onChange={setPage}
                  getControlProps={(c) => ({ 'aria-label': c === 'previous' ? 'Предыдущая страница' : c === 'next' ? 'Следующая страница' : c })}
                  getItemProps={(n) => ({ 'aria-label': `Страница ${n}` })}
                />
              )}
            </>
          )}
        </QueryState>
      </Card>
    </Stack>
  );
}
