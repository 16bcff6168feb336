import { ActionIcon, Button, Fieldset, Group, NumberInput, Stack, Textarea, TextInput } from '@mantine/core';

export interface GroupValues {
  groupName: string;
  children: number | '';
  ageBand: string;
  adults: { name: string; phone: string }[];
  contactEmail: string;
  notes: string;
}

export const emptyAdult = () => ({ name: '', phone: '' });

/** The request body from the form: empty optional fields left out, text trimmed. */
export function bodyOf(v: GroupValues) {
  return {
    groupName: v.groupName.trim(),
    children: v.children === '' ? 0 : v.children,
    ...(v.ageBand.trim() ? { ageBand: v.ageBand.trim() } : {}),
    adults: v.adults.map((a) => ({ name: a.name.trim(), phone: a.phone.trim() })),
    contactEmail: v.contactEmail.trim(),
    ...(v.notes.trim() ? { notes: v.notes.trim() } : {}),
  };
}

/**
 * The fields of a group registration. Field errors from the API (`errors[].path`) are shown beside
 * their fields: `children`, `adults.0.phone`, …
 */
export function GroupFields({
  values,
  onChange,
  errors,
  withName = true,
}: {
  values: GroupValues;
  onChange: (v: GroupValues) => void;
  errors: Record<string, string>;
  withName?: boolean;
}) {
  const set = <K extends keyof GroupValues>(k: K, v: GroupValues[K]) => onChange({ ...values, [k]: v });
  const setAdult = (i: number, k: 'name' | 'phone', v: string) =>
    set(
      'adults',
      values.adults.map((a, j) => (j === i ? { ...a, [k]: v } : a)),
    );
  return (
    <Stack gap="sm">
      {withName && (
        <TextInput
          label="Название группы"
          description="Например: «Солнышко», старшая группа"
          required
          value={values.groupName}
          onChange={(e) => set('groupName', e.currentTarget.value)}
          error={errors.groupName}
          maxLength={200}
        />
      )}
      <Group grow align="flex-start" wrap="wrap" gap="sm">
        <NumberInput
          label="Число детей"
          required
          min={1}
          max={500}
          allowDecimal={false}
          allowNegative={false}
          value={values.children}
          onChange={(v) => set('children', typeof v === 'number' ? v : '')}
          error={errors.children}
          miw={140}
        />
        <TextInput
          label="Возраст детей"
          description="Например: 5–6 лет"
          value={values.ageBand}
          onChange={(e) => set('ageBand', e.currentTarget.value)}
          error={errors.ageBand}
          miw={140}
          maxLength={100}
        />
      </Group>
      <Fieldset legend="Сопровождающие взрослые" variant="unstyled">
        <Stack gap="xs">
          {values.adults.map((a, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: adults have no id; a row is its position in the form
            <Group key={i} align="flex-start" gap="xs" wrap="wrap">
              <TextInput
                label={`ФИО сопровождающего ${values.adults.length > 1 ? i + 1 : ''}`.trim()}
                required
                value={a.name}
                onChange={(e) => setAdult(i, 'name', e.currentTarget.value)}
                error={errors[`adults.${i}.name`]}
                style={{ flex: '1 1 200px' }}
                maxLength={200}
                autoComplete="name"
              />
              <TextInput
                label={`Телефон ${values.adults.length > 1 ? i + 1 : ''}`.trim()}
                required
                type="tel"
                value={a.phone}
                onChange={(e) => setAdult(i, 'phone', e.currentTarget.value)}
                error={errors[`adults.${i}.phone`]}
                style={{ flex: '1 1 160px' }}
                maxLength={50}
                autoComplete="tel"
              />
              {values.adults.length > 1 && (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  mt={26}
                  aria-label={`Убрать сопровождающего ${i + 1}`}
                  onClick={() =>
                    set(
                      'adults',
                      values.adults.filter((_, j) => j !== i),
                    )
                  }
                >
                  ✕
                </ActionIcon>
              )}
            </Group>
          ))}
          {errors.adults && (
            <div role="alert" style={{ color: 'var(--mantine-color-error)', fontSize: 14 }}>
              {errors.adults}
            </div>
          )}
          {values.adults.length < 20 && (
            <div>
              <Button variant="subtle" size="sm" onClick={() => set('adults', [...values.adults, emptyAdult()])}>
                Добавить сопровождающего
              </Button>
            </div>
          )}
        </Stack>
      </Fieldset>
      <TextInput
        label="Электронная почта для писем о записи"
        required
        type="email"
        autoComplete="email"
        value={values.contactEmail}
        onChange={(e) => set('contactEmail', e.currentTarget.value)}
        error={errors.contactEmail}
      />
      <Textarea
        label="Примечание"
        description="Что важно знать организатору"
        autosize
        minRows={2}
        value={values.notes}
        onChange={(e) => set('notes', e.currentTarget.value)}
        error={errors.notes}
        maxLength={2000}
      />
    </Stack>
  );
}
