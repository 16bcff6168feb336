import { createBrowserRouter, Navigate } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage';
import { session } from '../features/auth/session';
import { eventQuery, moscowDay, periodOf, PHONE_QUERY, viewOf } from '../features/calendar/period';
import { eventsQuery } from '../features/calendar/queries';
import { queryClient } from './queryClient';
import { NotFoundPage, RouteErrorPage } from '../shared/ui/ErrorPage';
import { Layout } from './Layout';
import { RequireSession } from './RequireSession';

/** Each page is its own chunk: the login page loads without the calendar's code. */
const page = (load: () => Promise<{ default: React.ComponentType }>) => async () => ({ Component: (await load()).default });

/**
 * Asks for the calendar's events while its code is still loading (the page does not wait for it:
 * the answer lands in the query cache the page reads).
 */
function prefetchCalendar({ request }: { request: Request }) {
  if (!session.token()) return null;
  const params = new URL(request.url).searchParams;
  const view = viewOf(params, window.matchMedia(PHONE_QUERY).matches);
  void queryClient.prefetchQuery(eventsQuery(eventQuery(periodOf(view, params.get('date') ?? moscowDay(new Date())), params)));
  return null;
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteErrorPage /> },
  {
    element: <RequireSession />,
    errorElement: <RouteErrorPage />,
    children: [
      {
        element: <Layout />,
        children: [
          { index: true, element: <Navigate to="/calendar" replace /> },
          { path: 'calendar', loader: prefetchCalendar, lazy: page(() => import('../features/calendar/CalendarPage')), errorElement: <RouteErrorPage /> },
          { path: 'events/:id', lazy: page(() => import('../features/events/EventPage')), errorElement: <RouteErrorPage /> },
          { path: 'registrations', lazy: page(() => import('../features/registrations/MyRegistrationsPage')), errorElement: <RouteErrorPage /> },
          { path: 'subscriptions', lazy: page(() => import('../features/subscriptions/SubscriptionsPage')), errorElement: <RouteErrorPage /> },
          { path: 'settings/notifications', lazy: page(() => import('../features/settings/NotificationSettingsPage')), errorElement: <RouteErrorPage /> },
          { path: 'profile', lazy: page(() => import('../features/profile/ProfilePage')), errorElement: <RouteErrorPage /> },
          { path: 'reports', lazy: page(() => import('../features/reports/ReportsPage')), errorElement: <RouteErrorPage /> },
          { path: 'inbox', lazy: page(() => import('../features/inbox/InboxPage')), errorElement: <RouteErrorPage /> },
          { path: 'agreements', lazy: page(() => import('../features/agreements/AgreementsPage')), errorElement: <RouteErrorPage /> },
          { path: 'agreements/new', lazy: page(() => import('../features/agreements/AgreementFormPage')), errorElement: <RouteErrorPage /> },
          { path: 'proposals/new', lazy: page(() => import('../features/proposals/ProposalPage')), errorElement: <RouteErrorPage /> },
          { path: 'proposals/:id/edit', lazy: page(() => import('../features/proposals/ProposalPage')), errorElement: <RouteErrorPage /> },
          { path: 'my-events', lazy: page(() => import('../features/centre-events/MyEventsPage')), errorElement: <RouteErrorPage /> },
          { path: 'my-events/:id', lazy: page(() => import('../features/centre-events/HostEventPage')), errorElement: <RouteErrorPage /> },
          { path: 'festivals', lazy: page(() => import('../features/festivals/FestivalsPage')), errorElement: <RouteErrorPage /> },
          { path: 'festivals/:id', lazy: page(() => import('../features/festivals/FestivalPage')), errorElement: <RouteErrorPage /> },
          { path: 'festivals/:id/programme', lazy: page(() => import('../features/festivals/ProgrammePage')), errorElement: <RouteErrorPage /> },
          { path: 'plan', lazy: page(() => import('../features/plan/PlanPage')), errorElement: <RouteErrorPage /> },
          { path: 'delivery-log', lazy: page(() => import('../features/delivery-log/DeliveryLogPage')), errorElement: <RouteErrorPage /> },
          { path: 'organizations', lazy: page(() => import('../features/organizations/OrganizationsPage')), errorElement: <RouteErrorPage /> },
          { path: 'users', lazy: page(() => import('../features/users/UsersPage')), errorElement: <RouteErrorPage /> },
          { path: 'agreements/:id', lazy: page(() => import('../features/agreements/AgreementPage')), errorElement: <RouteErrorPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
