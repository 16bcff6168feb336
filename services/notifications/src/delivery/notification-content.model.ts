import { Connection, Model, Schema, Types } from 'mongoose';

/**
 * The rendered mail, kept apart from its (small, often scanned) log entry under the same id.
 * Rendered once, so every retry sends exactly the same mail; deleted once sent.
 */
export interface NotificationContentDoc {
  _id: Types.ObjectId;
  text: string;
  html: string;
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

const schema = new Schema<NotificationContentDoc>(
  {
    text: { type: String, required: true },
    html: { type: String, required: true },
    calendar: { type: new Schema({ method: String, content: String }, { _id: false }), required: false },
  },
  { versionKey: false },
);

export type NotificationContentModel = Model<NotificationContentDoc>;
export const NOTIFICATION_CONTENT_MODEL = 'NOTIFICATION_CONTENT_MODEL';
export const notificationContentModel = (conn: Connection): NotificationContentModel =>
  conn.model<NotificationContentDoc>('NotificationContent', schema, 'notification_contents');
