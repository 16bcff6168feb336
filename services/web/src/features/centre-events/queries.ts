import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';

export type CalendarEvent = paths['/api/events']['get']['responses'][200]['content']['application/json']['items'][number];
export type AttendanceSummary = paths['/api/events/{id}/attendance']['post']['responses'][201]['content']['application/json'];
type Capacity = NonNullable<paths['/api/events/{id}']['patch']['requestBody']['content']['application/json']['capacity']>;

/** Every event my organisation hosts (the list also has those it is invited to: filtered out). */
export function useHostedEvents(organizationId: string | undefined) {
  return useQuery({
    queryKey: ['events', 'hosted', organizationId],
    queryFn: async () => {
      const all: CalendarEvent[] = [];
      for (let page = 1; ; page++) {
        const p = await unwrap(api.GET('/api/events', { params: { query: { org: organizationId, limit: 200, page } } }));
        all.push(...p.items);
        if (all.length >= p.total || !p.items.length) break;
      }
      return all.filter((e) => e.host.organizationId === organizationId).sort((a, b) => b.start.localeCompare(a.start));
    },
    enabled: !!organizationId,
  });
}

function useRefresh(id: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['events'] });
    void queryClient.invalidateQueries({ queryKey: ['event', id] });
    void queryClient.invalidateQueries({ queryKey: ['event-registrations', id] });
    void queryClient.invalidateQueries({ queryKey: ['inbox'] });
  };
}

export function useReschedule(id: string) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: (time: { start: string; end: string }) => unwrap(api.POST('/api/events/{id}/reschedule', { params: { path: { id } }, body: time })),
    onSuccess: refresh,
  });
}

export function useCancelEvent(id: string) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: (reason: string) => unwrap(api.POST('/api/events/{id}/cancel', { params: { path: { id } }, body: { reason } })),
    onSuccess: refresh,
  });
}

export function useChangeCapacity(id: string) {
  const refresh = useRefresh(id);
  return useMutation({
    mutationFn: (capacity: Capacity) => unwrap(api.PATCH('/api/events/{id}', { params: { path: { id } }, body: { capacity } })),
    onSuccess: refresh,
  });
}

export function useCancelRegistration(eventId: string) {
  const refresh = useRefresh(eventId);
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      unwrap(api.POST('/api/registrations/{id}/cancel', { params: { path: { id } }, body: { reason } })),
    onSuccess: refresh,
  });
}

export function useRecordAttendance(eventId: string) {
  const refresh = useRefresh(eventId);
  return useMutation({
    mutationFn: (records: { registrationId: string; attended: boolean; actualChildren: number }[]) =>
      unwrap(api.POST('/api/events/{id}/attendance', { params: { path: { id: eventId } }, body: { records } })),
    onSuccess: refresh,
  });
}

export function useReport(eventId: string) {
  const refresh = useRefresh(eventId);
  return useMutation({
    mutationFn: (report: { participants: number; notes?: string }) =>
      unwrap(api.POST('/api/events/{id}/report', { params: { path: { id: eventId } }, body: report })),
    onSuccess: refresh,
  });
}
