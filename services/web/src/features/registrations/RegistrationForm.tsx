import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiProblem } from '../../api/problem';
import { registrationOutcome, type RegistrationStatus } from '../../shared/format';
import { ProblemAlert } from '../../shared/ui/QueryState';
import { useMe } from '../auth/queries';
import type { EventDetails } from '../events/queries';
import { bodyOf, emptyAdult, GroupFields, type GroupValues } from './GroupFields';
import { useSubmissionKey } from './idempotency';
import { useRegister } from './queries';

/** «Записать группу»: every submission carries an Idempotency-Key, so a double click registers once. */
export function RegistrationForm({ event }: { event: EventDetails }) {
  const me = useMe();
  const register = useRegister(event.id);
  const submission = useSubmissionKey();
  const [values, setValues] = useState<GroupValues>({
    groupName: '',
    children: '',
    ageBand: '',
    adults: [emptyAdult()],
    contactEmail: me.data?.email ?? '',
    notes: '',
  });
  const outcomeRef = useRef<HTMLDivElement>(null);
  const result = register.data;

  useEffect(() => {
    if (!values.contactEmail && me.data?.email) setValues((v) => ({ ...v, contactEmail: me.data!.email }));
  }, [me.data, values.contactEmail]);
  useEffect(() => {
    if (result) outcomeRef.current?.focus();
  }, [result]);

  const problem = register.error instanceof ApiProblem ? register.error : undefined;
  const errors = problem?.fieldErrors() ?? {};

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = bodyOf(values);
    register.mutate({ body, key: submission.keyFor(body) }, { onSuccess: () => submission.done() });
  };

  if (result) {
    const confirmed = result.status === 'confirmed';
    return (
      <Card withBorder component="section" aria-labelledby="outcome-title">
        <div ref={outcomeRef} tabIndex={-1} role="status">
          <Alert color={confirmed ? 'green' : 'yellow'} title={<span id="outcome-title">{confirmed ? 'Группа записана' : 'Группа в листе ожидания'}</span>}>
            {registrationOutcome({
              status: result.status as RegistrationStatus,
              waitlistPosition: result.waitlistPosition,
              children: result.children,
              groupName: result.groupName,
            })}
          </Alert>
        </div>
        <Group mt="md">
          <Button component={Link} to="/registrations">
            Мои записи
          </Button>
          <Button
            variant="light"
            onClick={() => {
              register.reset();
              setValues((v) => ({ ...v, groupName: '', children: '', notes: '' }));
            }}
          >
            Записать ещё одну группу
          </Button>
        </Group>
      </Card>
    );
  }

  return (
    <Card withBorder component="section" aria-labelledby="register-title">
      <form onSubmit={submit} noValidate aria-labelledby="register-title">
        <Stack gap="md">
          <div>
            <Title order={2} size="h3" id="register-title">
              Записать группу
            </Title>
            <Text size="sm" c="dimmed">
              Пока есть места, запись подтверждается сразу; иначе группа встаёт в лист ожидания. Поля со звёздочкой обязательны.
            </Text>
          </div>
          <ProblemAlert error={register.error} title="Группа не записана" />
          <GroupFields values={values} onChange={setValues} errors={errors} />
          <Group>
            <Button type="submit" loading={register.isPending} size="md">
              Записать
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
