import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';

export type EventQuery = NonNullable<paths['/api/events']['get']['parameters']['query']>;
export type CalendarEvent = paths['/api/events']['get']['responses'][200]['content']['application/json']['items'][number];

const PAGE = 200;

/** Every event in a period with the filters (all pages: a busy month has more than one). */
export async function fetchEvents(query: EventQuery): Promise<CalendarEvent[]> {
  const first = await unwrap(api.GET('/api/events', { params: { query: { ...query, limit: PAGE, page: 1 } } }));
  const items = [...first.items];
  for (let page = 2; (page - 1) * PAGE < first.total; page++) {
    items.push(...(await unwrap(api.GET('/api/events', { params: { query: { ...query, limit: PAGE, page } } }))).items);
  }
  return items;
}

export const eventsQuery = (query: EventQuery) => ({ queryKey: ['events', query], queryFn: () => fetchEvents(query) });

export function useEvents(query: EventQuery | undefined) {
  return useQuery({
    queryKey: ['events', query],
    queryFn: () => fetchEvents(query!),
    enabled: query !== undefined,
    placeholderData: keepPreviousData,
  });
}
