import { Button, Card, Checkbox, Group, MultiSelect, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { DIRECTIONS } from '@tochka/contracts/browser';
import { ApiProblem } from '../../api/problem';
import { directionLabels, moscowToday, type Direction } from '../../shared/format';
import { useOrganizations } from '../../shared/reference';
import { ProblemAlert } from '../../shared/ui/QueryState';
import { usePageTitle } from '../../shared/ui/usePageTitle';
import { useMe } from '../auth/queries';
import { useCreateAgreement, useImportAgreement, type AgreementInput } from './queries';

interface PartyValues {
  organizationId: string;
  name: string;
  position: string;
  signedOn: string;
}

/** The school year a date falls in: 1 September – 31 August. */
function schoolYearOf(today: string) {
  const year = Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) < 9 ? 1 : 0);
  return { from: `${year}-09-01`, to: `${year + 1}-08-31` };
}

/** A draft agreement with partners, directions, dates and responsible persons; the coordinator may load a paper one. */
export default function AgreementFormPage() {
  const [search] = useSearchParams();
  const me = useMe();
  const paperAllowed = me.data?.role === 'coordinator';
  const [paper, setPaper] = useState(search.get('paper') === '1');
  usePageTitle(paper ? 'Загрузить соглашение, подписанное на бумаге' : 'Новое соглашение');
  const orgs = useOrganizations();
  const create = useCreateAgreement();
  const load = useImportAgreement();
  const navigate = useNavigate();
  const year = schoolYearOf(moscowToday());
  const [number, setNumber] = useState('');
  const [title, setTitle] = useState('Соглашение о сетевой форме реализации образовательных программ');
  const [directions, setDirections] = useState<string[]>([]);
  const [validFrom, setValidFrom] = useState(year.from);
  const [validTo, setValidTo] = useState(year.to);
  const [notes, setNotes] = useState('');
  const [parties, setParties] = useState<PartyValues[]>([]);
  const mutation = paper && paperAllowed ? load : create;

  const partyFor = (id: string): PartyValues => {
    const o = orgs.data?.find((x) => x.id === id);
    return { organizationId: id, name: o?.head.name ?? '', position: o?.head.position ?? '', signedOn: '' };
  };
  // A head's draft always includes its own organisation.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the user and the organisations are known
  useEffect(() => {
    if (me.data && me.data.role !== 'coordinator' && orgs.data && !parties.length) setParties([partyFor(me.data.organizationId)]);
  }, [me.data, orgs.data]);

  const problem = mutation.error instanceof ApiProblem ? mutation.error : undefined;
  const errors = problem?.fieldErrors() ?? {};
  const fieldError = (path: string) => errors[path] ?? errors[`agreement.${path}`];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const agreement: AgreementInput = {
      number: number.trim(),
      title: title.trim(),
      parties: parties.map((p) => ({
        organizationId: p.organizationId,
        responsible: { name: p.name.trim(), ...(p.position.trim() ? { position: p.position.trim() } : {}) },
      })),
      directions: directions as AgreementInput['directions'],
      validFrom,
      validTo,
      ...(notes.trim() ? { notes: notes.trim() } : {}),
    };
    const onSuccess = (a: { id: string }) => void navigate(`/agreements/${a.id}`);
    if (paper && paperAllowed) load.mutate({ agreement, signedOn: Object.fromEntries(parties.map((p) => [p.organizationId, p.signedOn])) }, { onSuccess });
    else create.mutate(agreement, { onSuccess });
  };

  const own = me.data?.role !== 'coordinator' ? me.data?.organizationId : undefined;
  return (
    <Stack maw={880}>
      <Title order={1}>{paper ? 'Соглашение, подписанное на бумаге' : 'Новое соглашение'}</Title>
      <Text c="dimmed">
        {paper
          ? 'Внесите соглашение так, как оно подписано: с датой подписи каждой стороны. Оно сразу вступит в силу; повторная загрузка с тем же номером ничего не создаст.'
          : 'Соглашение сохраняется черновиком. Когда всё проверено, направьте его сторонам на подпись: оно вступит в силу, когда подпишут все.'}
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={mutation.error} title="Соглашение не сохранено" />
          {paperAllowed && (
            <Checkbox label="Подписано на бумаге (загрузить с датами подписей)" checked={paper} onChange={(e) => setPaper(e.currentTarget.checked)} />
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Номер"
              required
              placeholder="СВ-2026/15"
              value={number}
              onChange={(e) => setNumber(e.currentTarget.value)}
              error={fieldError('number')}
            />
            <TextInput label="Название" required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={fieldError('title')} />
            <TextInput
              type="date"
              label="Действует с"
              required
              value={validFrom}
              onChange={(e) => setValidFrom(e.currentTarget.value)}
              error={fieldError('validFrom')}
            />
            <TextInput
              type="date"
              label="Действует по"
              required
              value={validTo}
              onChange={(e) => setValidTo(e.currentTarget.value)}
              error={fieldError('validTo')}
            />
          </SimpleGrid>
          <MultiSelect
            label="Направления сотрудничества"
            required
            searchable
            data={DIRECTIONS.map((d) => ({ value: d, label: directionLabels[d as Direction] }))}
            value={directions}
            onChange={setDirections}
            error={fieldError('directions')}
          />
          <MultiSelect
            label="Стороны соглашения"
            description={own ? 'Ваша организация — сторона соглашения; добавьте партнёров.' : 'Не меньше двух организаций.'}
            required
            searchable
            data={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.shortName, disabled: o.id === own }))}
            value={parties.map((p) => p.organizationId)}
            onChange={(ids) =>
              setParties(
                ids
                  .map((id) => parties.find((p) => p.organizationId === id) ?? partyFor(id))
                  .concat(own && !ids.includes(own) ? [parties.find((p) => p.organizationId === own) ?? partyFor(own)] : []),
              )
            }
            error={fieldError('parties')}
          />
          {parties.map((p, i) => {
            const name = orgs.data?.find((o) => o.id === p.organizationId)?.shortName ?? 'организация';
            const update = (patch: Partial<PartyValues>) => setParties(parties.map((x, j) => (j === i ? { ...x, ...patch } : x)));
            return (
              <Card key={p.organizationId} withBorder padding="sm" component="fieldset" style={{ border: undefined }}>
                <Text component="legend" fw={600} px={4}>
                  {name}
                </Text>
                <SimpleGrid cols={{ base: 1, sm: paper ? 3 : 2 }}>
                  <TextInput
                    label={`Ответственный от «${name}»`}
                    required
                    value={p.name}
                    onChange={(e) => update({ name: e.currentTarget.value })}
                    error={fieldError(`parties.${i}.responsible.name`)}
                  />
                  <TextInput label="Должность" value={p.position} onChange={(e) => update({ position: e.currentTarget.value })} />
                  {paper && (
                    <TextInput
                      type="date"
                      label="Дата подписи"
                      required
                      value={p.signedOn}
                      onChange={(e) => update({ signedOn: e.currentTarget.value })}
                      error={errors[`signedOn.${p.organizationId}`]}
                    />
                  )}
                </SimpleGrid>
              </Card>
            );
          })}
          <Textarea label="Примечание" value={notes} onChange={(e) => setNotes(e.currentTarget.value)} autosize minRows={2} />
          <Group>
            <Button type="submit" loading={mutation.isPending}>
              {paper ? 'Загрузить соглашение' : 'Сохранить черновик'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
