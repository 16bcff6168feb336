import { Connection, Model, Schema, Types } from 'mongoose';

/**
 * Where registrations live, for what their ids do not say. A registration's id carries its event
 * (`<eventId>_<24 hex digits>`, see `newRegistrationId`), so only the events an organisation has
 * registered groups in need a document: one per event and organisation (`_id`
 * `<eventId>:<organizationId>`), written before the commit that brings the organisation's first
 * registration to the event. Registrations whose id does not carry the event (made before ids did,
 * or under an event id too long for it) have one of their own (`_id` the registration's id). A
 * lost commit leaves a reference to nothing, which reads as nothing.
 */
export interface RegistrationRefDoc {
  _id: string;
  eventId: string;
  organizationId: string;
}

/** The longest id `idSchema` accepts. */
const MAX_ID = 64;
const CARRIED = /^(.+)_[0-9a-f]{24}$/;

/** A new registration's id: its event's id and a fresh ObjectId (a bare ObjectId if that would be too long). */
export function newRegistrationId(eventId: string): string {
  const own = new Types.ObjectId().toHexString();
  const id = `${eventId}_${own}`;
  return id.length <= MAX_ID ? id : own;
}

/** The event a registration id carries, if it carries one. */
export function eventIdIn(registrationId: string): string | undefined {
  return CARRIED.exec(registrationId)?.[1];
}

/** The reference of an organisation's registrations in an event. */
export const organizationRefId = (eventId: string, organizationId: string) => `${eventId}:${organizationId}`;

const schema = new Schema<RegistrationRefDoc>(
  {
    _id: String,
    eventId: { type: String, required: true },
    organizationId: { type: String, required: true, index: true },
  },
  { versionKey: false },
);

export type RegistrationRefModel = Model<RegistrationRefDoc>;
export const REGISTRATION_REF_MODEL = 'REGISTRATION_REF_MODEL';
export const registrationRefModel = (conn: Connection): RegistrationRefModel => conn.model<RegistrationRefDoc>('RegistrationRef', schema, 'registration_refs');
