import { Anchor, AppShell, Burger, Button, Group, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { Link, NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import { ReloginDialog } from '../features/auth/ReloginDialog';
import { InboxLabel } from '../features/inbox/InboxLabel';
import { useLogout, useMe } from '../features/auth/queries';
import { may } from '../shared/permissions';
import { useOrganizationName } from '../shared/reference';
import { roleLabels, type Role } from '../shared/format';
import { PageLoader } from '../shared/ui/PageLoader';

interface NavItem {
  to: string;
  label: React.ReactNode;
  allowed: (role: Role) => boolean;
}

/** The menu: only what the user's role may do. */
const NAV: NavItem[] = [
  { to: '/inbox', label: <InboxLabel />, allowed: may.coordinate },
  { to: '/calendar', label: 'Календарь мероприятий', allowed: () => true },
  { to: '/my-events', label: 'Мероприятия моего центра', allowed: (r) => r === 'centre_head' },
  { to: '/proposals/new', label: 'Предложить мероприятие', allowed: may.proposeEvents },
  { to: '/agreements', label: 'Соглашения', allowed: () => true },
  { to: '/festivals', label: 'Фестивали', allowed: () => true },
  { to: '/plan', label: 'План района', allowed: () => true },
  { to: '/delivery-log', label: 'Журнал рассылки', allowed: may.coordinate },
  { to: '/organizations', label: 'Организации', allowed: () => true },
  { to: '/users', label: 'Учётные записи', allowed: may.coordinate },
  { to: '/registrations', label: 'Записи моей организации', allowed: may.seeOwnRegistrations },
  { to: '/reports', label: 'Отчёты', allowed: may.seeReports },
  { to: '/subscriptions', label: 'Подписки на календарь', allowed: () => true },
  { to: '/settings/notifications', label: 'Уведомления', allowed: () => true },
  { to: '/profile', label: 'Профиль', allowed: () => true },
];

export function Layout() {
  const [opened, { toggle, close }] = useDisclosure();
  const me = useMe();
  const logout = useLogout();
  const orgName = useOrganizationName();
  const location = useLocation();
  const role = me.data?.role;

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 260, breakpoint: 'md', collapsed: { mobile: !opened } }} padding="md">
      <a href="#main" className="skip-link">
        Перейти к содержанию
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label={opened ? 'Закрыть меню' : 'Открыть меню'} />
            <Anchor component={Link} to="/calendar" underline="never" c="inherit" fw={700} size="lg">
              «Точка роста»
            </Anchor>
          </Group>
          {me.data && (
            <Text size="sm" c="dimmed" visibleFrom="sm" truncate>
              {me.data.name}, {orgName(me.data.organizationId)}
            </Text>
          )}
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Основное меню">
        <AppShell.Section grow component={ScrollArea}>
          <nav aria-label="Разделы">
            <Stack gap={4}>
              {role &&
                NAV.filter((n) => n.allowed(role)).map((n) => (
                  <NavLink key={n.to} component={RouterNavLink} to={n.to} label={n.label} onClick={close} active={location.pathname.startsWith(n.to)} />
                ))}
            </Stack>
          </nav>
        </AppShell.Section>
        <AppShell.Section>
          {me.data && (
            <Stack gap={2} p="xs">
              <Text size="sm" fw={600}>
                {me.data.name}
              </Text>
              <Text size="xs" c="dimmed">
                {roleLabels[me.data.role]}, {orgName(me.data.organizationId)}
              </Text>
              <Button variant="light" size="sm" mt="xs" onClick={logout}>
                Выйти
              </Button>
            </Stack>
          )}
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
      <ReloginDialog />
    </AppShell>
  );
}
