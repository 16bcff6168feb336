/** iCalendar rendering of calendar events, shared by the calendar feeds and the mail invitations. */
export { renderCalendar, icalUid, FeedRenderer } from './render';
export type { IcsMethod, RenderOptions } from './render';
export type { PrintedEvent } from './texts';
