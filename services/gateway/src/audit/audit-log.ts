import { Inject, Injectable } from '@nestjs/common';
import { Connection, Schema, Types } from 'mongoose';
import { z } from 'zod';
import { Actor, idSchema, instantSchema, pageOf, paginationSchema, roleSchema } from '@tochka/contracts';
import { GroupInsert } from '@tochka/messaging';
import { Clock, CLOCK, MONGO, paginate } from '@tochka/runtime';

/** One action as it happened: never updated, so later changes of the object leave it as it was. */
interface AuditDoc {
  _id: Types.ObjectId;
  at: Date;
  userId: string;
  role: string;
  organizationId: string;
  address: string;
  /** `agreement.sign`, `registration.create`, … */
  action: string;
  method: string;
  /** The route, with its parameters named: `/api/agreements/{id}/sign`. */
  route: string;
  objectType: string;
  objectId?: string;
  /** The event a registration belongs to, the agreement an event is under … when known. */
  eventId?: string;
  status: number;
  /** The object's state and version right after the action, as the answer gave them. */
  resultStatus?: string;
  resultVersion?: number;
  correlationId?: string;
}

const schema = new Schema<AuditDoc>(
  {
    at: { type: Date, required: true },
    userId: String,
    role: String,
    organizationId: String,
    address: String,
    action: String,
    method: String,
    route: String,
    objectType: String,
    objectId: String,
    eventId: String,
    status: Number,
    resultStatus: String,
    resultVersion: Number,
    correlationId: String,
  },
  { versionKey: false, collection: 'audit_log' },
);
// Equality on one scalar field plus a sort on `at`: what FerretDB can push down.
schema.index({ objectId: 1, at: -1 });
schema.index({ userId: 1, at: -1 });
schema.index({ at: -1 });

export const auditEntrySchema = z.strictObject({
  id: idSchema,
  at: instantSchema,
  actor: z.strictObject({ userId: z.string(), role: roleSchema, organizationId: z.string() }),
  address: z.string(),
  action: z.string(),
  method: z.string(),
  route: z.string(),
  object: z.strictObject({ type: z.string(), id: z.string().optional() }),
  eventId: z.string().optional(),
  status: z.number().int(),
  result: z.strictObject({ status: z.string().optional(), version: z.number().int().optional() }),
  correlationId: z.string().optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = paginationSchema.extend({
  objectId: idSchema.optional(),
  userId: idSchema.optional(),
  from: instantSchema.optional(),
  to: instantSchema.optional(),
});
export const auditPageSchema = pageOf(auditEntrySchema);

export interface AuditRecord {
  actor: Actor;
  address: string;
  method: string;
  route: string;
  action: string;
  objectType: string;
  objectId?: string;
  eventId?: string;
  status: number;
  resultStatus?: string;
  resultVersion?: number;
  correlationId?: string;
}

/**
 * The audit log (gateway database, collection `audit_log`): who did what to which agreement,
 * event, registration, organisation, account …, when and from which address. Insert-only.
 */
@Injectable()
export class AuditLog {
  private readonly entries;
  /** Entries of concurrent requests are written together (each request still waits for its own). */
  private readonly inserts;

  constructor(
    @Inject(MONGO) conn: Connection,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.entries = conn.model<AuditDoc>('AuditEntry', schema);
    this.inserts = new GroupInsert<Omit<AuditDoc, '_id'>>(this.entries as never);
  }

  async record(r: AuditRecord): Promise<void> {
    const { actor, ...rest } = r;
    await this.inserts.insert({ at: this.clock.now(), userId: actor.userId, role: actor.role, organizationId: actor.organizationId, ...rest });
  }

  /** Newest first; by object (its own entries and, for an event, its registrations'), by user, by time. */
  async list(query: z.output<typeof auditQuerySchema>) {
    const filter: Record<string, unknown> = {};
    if (query.objectId) filter.$or = [{ objectId: query.objectId }, { eventId: query.objectId }];
    if (query.userId) filter.userId = query.userId;
    if (query.from || query.to) filter.at = { ...(query.from ? { $gte: new Date(query.from) } : {}), ...(query.to ? { $lte: new Date(query.to) } : {}) };
    return paginate(this.entries, filter, { at: -1 }, query, toEntry);
  }
}

function toEntry(d: AuditDoc): AuditEntry {
  return {
    id: d._id.toHexString(),
    at: d.at.toISOString(),
    actor: { userId: d.userId, role: d.role as AuditEntry['actor']['role'], organizationId: d.organizationId },
    address: d.address,
    action: d.action,
    method: d.method,
    route: d.route,
    object: { type: d.objectType, ...(d.objectId ? { id: d.objectId } : {}) },
    ...(d.eventId ? { eventId: d.eventId } : {}),
    status: d.status,
    result: { ...(d.resultStatus ? { status: d.resultStatus } : {}), ...(d.resultVersion !== undefined ? { version: d.resultVersion } : {}) },
    ...(d.correlationId ? { correlationId: d.correlationId } : {}),
  };
}
