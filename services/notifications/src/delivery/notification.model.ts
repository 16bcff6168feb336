import { createHash } from 'node:crypto';
import { Connection, Model, Schema, Types } from 'mongoose';
import { Notification, NotificationCategory, NotificationStatus, NotificationTemplate } from '@tochka/contracts';

/**
 * The rendered mail: rendered once, so every retry sends exactly the same mail. It lives in its
 * notification while the mail waits (the sender reads it with the rest of its lane's due mails,
 * and the `sent` write removes it: no read or delete of its own), and is never selected unless
 * asked for (`select: false`), so the delivery log never returns it.
 */
export interface MailBody {
  text: string;
  html: string;
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

/**
 * One mail to one person, from enqueue to `sent` or `failed`: the delivery log is these
 * documents. Small once sent (the body goes with the `sent` write), because FerretDB filters and
 * sorts non-`_id` queries in its own process, reading whole documents: the log's queries then
 * move kilobytes, not megabytes.
 */
export interface NotificationDoc {
  /** Derived from (source, recipient, template): see notificationId. */
  _id: Types.ObjectId;
  /** The bus event it answers (`reminder:…`, `digest:…` for scheduled mails). */
  sourceEventId: string;
  /** W3C trace context of the event that queued it (tracing on): its delivery joins that trace. */
  traceparent?: string;
  sourceType: string;
  recipient: string;
  recipientName?: string;
  template: NotificationTemplate;
  category: NotificationCategory;
  subject: string;
  hasCalendar: boolean;
  /** While queued or failed (a retry sends it); removed by the `sent` write. Select with `+body`. */
  body?: MailBody;
  status: NotificationStatus;
  /** SMTP attempts that reached the server (an unreachable server spends none). */
  attempts: number;
  lastError?: string;
  smtpMessageId?: string;
  smtpResponse?: string;
  /** When a sender may send it (again): at enqueue, after a refusal's backoff, after an outage. */
  nextAttemptAt?: Date;
  /** Which sender lane it goes out in (claims.ts): laneOf(_id), set at enqueue (older mails: by the lane's holder). */
  lane?: number;
  createdAt: Date;
  sentAt?: Date;
  failedAt?: Date;
}

const bodySchema = new Schema<MailBody>(
  {
    text: { type: String, required: true },
    html: { type: String, required: true },
    calendar: { type: new Schema({ method: String, content: String }, { _id: false }), required: false },
  },
  { _id: false },
);

const schema = new Schema<NotificationDoc>(
  {
    sourceEventId: { type: String, required: true },
    traceparent: { type: String },
    sourceType: { type: String, required: true },
    recipient: { type: String, required: true },
    recipientName: String,
    template: { type: String, required: true },
    category: { type: String, required: true },
    subject: { type: String, required: true },
    hasCalendar: { type: Boolean, required: true },
    body: { type: bodySchema, select: false },
    status: { type: String, required: true },
    attempts: { type: Number, required: true },
    lastError: String,
    smtpMessageId: String,
    smtpResponse: String,
    nextAttemptAt: Date,
    lane: Number,
    createdAt: { type: Date, required: true },
    sentAt: Date,
    failedAt: Date,
  },
  { versionKey: false },
);
// A redelivered event, a second instance or a second scheduler tick can never queue the same mail twice.
schema.index({ sourceEventId: 1, recipient: 1, template: 1 }, { unique: true });
schema.index({ status: 1, nextAttemptAt: 1 });
// A lane holder's read, `{status: 'queued', lane}`: on FerretDB, the companion GIN indexes of `lane` and `status` serve it.
schema.index({ lane: 1, status: 1 });
schema.index({ createdAt: -1 });
schema.index({ recipient: 1, createdAt: -1 });

/** The same mail always gets the same id, so queuing it again (a redelivered event, a second instance) inserts nothing. */
export function notificationId(sourceEventId: string, recipient: string, template: string): Types.ObjectId {
  return new Types.ObjectId(createHash('sha256').update(`${sourceEventId}\n${recipient}\n${template}`).digest('hex').slice(0, 24));
}

export type NotificationModel = Model<NotificationDoc>;
export const NOTIFICATION_MODEL = 'NOTIFICATION_MODEL';
export const notificationModel = (conn: Connection): NotificationModel => conn.model<NotificationDoc>('Notification', schema, 'notifications');

export function toNotification(doc: NotificationDoc): Notification {
  return {
    id: doc._id.toHexString(),
    recipient: doc.recipient,
    template: doc.template,
    category: doc.category,
    subject: doc.subject,
    sourceEventId: doc.sourceEventId,
    sourceType: doc.sourceType,
    status: doc.status,
    attempts: doc.attempts,
    ...(doc.lastError ? { lastError: doc.lastError } : {}),
    ...(doc.smtpMessageId ? { smtpMessageId: doc.smtpMessageId } : {}),
    ...(doc.nextAttemptAt && doc.status === 'queued' ? { nextAttemptAt: doc.nextAttemptAt.toISOString() } : {}),
    hasCalendar: doc.hasCalendar,
    createdAt: doc.createdAt.toISOString(),
    ...(doc.sentAt ? { sentAt: doc.sentAt.toISOString() } : {}),
    ...(doc.failedAt ? { failedAt: doc.failedAt.toISOString() } : {}),
  };
}
