import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { problemFrom } from '../../api/problem';
import type { paths } from '../../api/schema';

export type MonitoringQuery = NonNullable<paths['/api/reports/monitoring']['get']['parameters']['query']>;
export type MonitoringReport = paths['/api/reports/monitoring']['get']['responses'][200]['content']['application/json'];
export type Figures = MonitoringReport['total'];

export function useMonitoring(query: MonitoringQuery) {
  return useQuery({
    queryKey: ['monitoring', query],
    queryFn: () => unwrap(api.GET('/api/reports/monitoring', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

type FilePath = '/api/plan/export' | '/api/reports/monitoring/export' | '/api/reports/festivals/{id}/programme' | '/api/reports/festivals/{id}/letters';

/** The Russian file name of a download (RFC 6266 `filename*`), or a fallback. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const star = disposition?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  if (star) return decodeURIComponent(star);
  return disposition?.match(/filename="([^"]+)"/)?.[1] ?? fallback;
}

/**
 * Files come with the session's token (a plain link would not carry it): fetched, then handed
 * to the browser as a download under the name the gateway gave.
 */
export async function downloadFile(path: FilePath, params: { query?: Record<string, string>; path?: { id: string } }, fallback: string): Promise<string> {
  // openapi-fetch parses as a Blob and keeps the response's headers.
  const { data, error, response } = await api.GET(path as '/api/plan/export', { params: params as never, parseAs: 'blob' });
  if (!response.ok || !data) throw await problemFrom(response, error);
  const name = fileNameOf(response.headers.get('content-disposition'), fallback);
  const url = URL.createObjectURL(data as Blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}
