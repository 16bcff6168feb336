/**
 * Where a mail's links lead, at the network's public address (PUBLIC_URL): the web app's pages
 * where it has one (an event, the notification settings), else the gateway's routes.
 */
export interface Links {
  agreement(id: string): string;
  event(id: string): string;
  /** The events awaiting the coordinator's decision. */
  approvals(): string;
  preferences(): string;
}

export function linksFor(publicUrl: string): Links {
  const base = publicUrl.replace(/\/+$/, '');
  return {
    agreement: (id) => `${base}/api/agreements/${encodeURIComponent(id)}`,
    event: (id) => `${base}/events/${encodeURIComponent(id)}`,
    approvals: () => `${base}/api/events?status=proposed`,
    preferences: () => `${base}/settings/notifications`,
  };
}
