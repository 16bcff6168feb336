import { Badge, Group } from '@mantine/core';
import { useInbox } from './queries';

/** «Входящие» in the menu with the number of things waiting for the coordinator. */
export function InboxLabel() {
  const { count } = useInbox(true);
  return (
    <Group gap={6} wrap="nowrap">
      <span>Входящие</span>
      {count > 0 && (
        <Badge size="sm" circle={count < 10} aria-label={`ожидают решения: ${count}`}>
          {count}
        </Badge>
      )}
    </Group>
  );
}
