/** Where a mail's links lead: the gateway's routes at the network's public address (PUBLIC_URL), as in the iCal feeds. */
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
    event: (id) => `${base}/api/events/${encodeURIComponent(id)}`,
    approvals: () => `${base}/api/events?status=proposed`,
    preferences: () => `${base}/api/me/notification-preferences`,
  };
}
