import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { addDays, moscowToday } from '../../shared/format';

export type CalendarEvent = paths['/api/events']['get']['responses'][200]['content']['application/json']['items'][number];
export type Notification = paths['/api/notifications']['get']['responses'][200]['content']['application/json']['items'][number];
type EventQuery = NonNullable<paths['/api/events']['get']['parameters']['query']>;

export function useEvents(query: EventQuery, enabled = true) {
  return useQuery({
    queryKey: ['events', query],
    queryFn: () => unwrap(api.GET('/api/events', { params: { query: { limit: 200, ...query } } })),
    enabled,
  });
}

/** What waits for the methodical service: proposals, agreements ending within 30 days, events at risk, failed mails. */
export function useInbox(enabled: boolean) {
  const proposed = useQuery({
    queryKey: ['inbox', 'proposed'],
    queryFn: () => unwrap(api.GET('/api/events', { params: { query: { status: 'proposed', limit: 200 } } })),
    enabled,
  });
  const atRisk = useQuery({
    queryKey: ['inbox', 'at_risk'],
    queryFn: () => unwrap(api.GET('/api/events', { params: { query: { status: 'at_risk', limit: 200 } } })),
    enabled,
  });
  const expiring = useQuery({
    queryKey: ['inbox', 'expiring'],
    queryFn: async () => {
      const today = moscowToday();
      const limit = addDays(today, 30);
      const page = await unwrap(api.GET('/api/agreements', { params: { query: { status: 'active', limit: 200 } } }));
      return page.items.filter((a) => a.validTo >= today && a.validTo <= limit).sort((a, b) => a.validTo.localeCompare(b.validTo));
    },
    enabled,
  });
  const failed = useQuery({
    queryKey: ['inbox', 'failed'],
    queryFn: () => unwrap(api.GET('/api/notifications', { params: { query: { status: 'failed', limit: 50 } } })),
    enabled,
  });
  const count = (proposed.data?.total ?? 0) + (atRisk.data?.total ?? 0) + (expiring.data?.length ?? 0) + (failed.data?.total ?? 0);
  return { proposed, atRisk, expiring, failed, count };
}

/** The host's room on the event's Moscow day: the other events booked there. */
export function useRoomDay(event: CalendarEvent) {
  const day = moscowDateOf(event.start);
  return useQuery({
    queryKey: ['events', 'room-day', event.host.organizationId, event.venue.roomKey, day],
    queryFn: async () => {
      const page = await unwrap(api.GET('/api/events', { params: { query: { from: day, to: day, org: event.host.organizationId, limit: 200 } } }));
      return page.items.filter(
        (e) =>
          e.id !== event.id &&
          e.host.organizationId === event.host.organizationId &&
          e.venue.roomKey === event.venue.roomKey &&
          e.status !== 'cancelled' &&
          e.status !== 'rejected',
      );
    },
  });
}

function moscowDateOf(instant: string) {
  return moscowToday(new Date(instant));
}

function useRefresh() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['inbox'] });
    void queryClient.invalidateQueries({ queryKey: ['events'] });
    void queryClient.invalidateQueries({ queryKey: ['event'] });
    void queryClient.invalidateQueries({ queryKey: ['notifications'] });
  };
}

/**
 * Approve or reject one proposal. `onDecided` runs before the lists refresh: the decided proposal
 * leaves the inbox (its card unmounts), so the page, not the card, keeps the confirmation.
 */
export function useDecision(id: string, onDecided: (outcome: { event: CalendarEvent; warnings: string[] }) => void) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (d: { approve: true; comment?: string } | { approve: false; reason: string }) =>
      d.approve
        ? unwrap(api.POST('/api/events/{id}/approve', { params: { path: { id } }, body: d.comment ? { comment: d.comment } : {} }))
        : unwrap(api.POST('/api/events/{id}/reject', { params: { path: { id } }, body: { reason: d.reason } })),
    onSuccess: (outcome) => {
      onDecided(outcome);
      refresh();
    },
  });
}

export function useRetry() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/notifications/{id}/retry', { params: { path: { id } } })),
    onSuccess: refresh,
  });
}
