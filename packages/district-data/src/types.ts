/**
 * Types of the district seed data. The services' contracts mirror them, so keep the shapes stable.
 * Dates are calendar dates 'YYYY-MM-DD'; event times are local Moscow time 'YYYY-MM-DDTHH:mm'
 * (Europe/Moscow, UTC+3, no DST).
 */

import type { Audience, CentreProfile, Direction, EventKind, OrganizationInput, OrganizationKind, Person as ContractPerson, Room } from '@tochka/contracts';

export type { Audience, CentreProfile, Direction, EventKind, OrganizationKind };

/** A person as the agreements contract knows one. */
export type Person = ContractPerson;

/** A room or zone that can host events, e.g. { key: 'chess-zone', name: 'Шахматная зона', capacity: 16 }. */
export type RoomSeed = Room;

/** An organisation as registered through the agreements service, keyed by its stable code. */
export type OrganizationSeed = Omit<OrganizationInput, 'id' | 'rooms'> & {
  /** Stable code, e.g. 'sosh-5', 'ds-9', 'mk-moshr': the organisation's id. */
  key: string;
  rooms: RoomSeed[];
  /** true when details were invented. */
  illustrative?: boolean;
};

export interface AgreementSeed {
  /** 'sv-2022-01' ... */
  key: string;
  /** 'СВ-2022/01' ... unique. */
  number: string;
  title: string;
  /** Organization keys, 2 or more, no duplicates. */
  parties: string[];
  directions: Direction[];
  /** 'YYYY-MM-DD', after 2022-10-06 and no later than 2022-12-01. */
  validFrom: string;
  /** 'YYYY-MM-DD', 2023-05-31 or later. */
  validTo: string;
  /** 'YYYY-MM-DD' the last party signed, between 2022-10-07 and validFrom. */
  signedOn: string;
  /** Per party key: the responsible person. */
  responsible: Record<string, Person>;
  notes?: string;
  /** false only for the pairs the documents name. */
  illustrative: boolean;
}

export interface PlanEventSeed {
  /** Stable slug. */
  key: string;
  title: string;
  description: string;
  kind: EventKind;
  direction: Direction;
  /** Organization key. */
  host: string;
  /** Room key of the host. */
  venue: string;
  /** Local Moscow time 'YYYY-MM-DDTHH:mm' (Europe/Moscow, UTC+3). */
  start: string;
  end: string;
  audience: Audience[];
  /** e.g. '5–7 классы'. */
  grades?: string;
  /** Invited organization keys (may be empty). */
  partners: string[];
  /**
   * Agreement key; required when partners is non-empty: host and every partner are parties and
   * the event date lies within validFrom..validTo.
   */
  agreement?: string;
  /** Master classes have capacity. */
  capacity?: { seats?: number; groups?: number };
  /** Festival key. */
  festival?: string;
  illustrative: boolean;
}

export interface FestivalSeed {
  key: string;
  name: string;
  startDate: string;
  endDate: string;
  description: string;
}

export interface DemoUserSeed {
  email: string;
  name: string;
  role: 'coordinator' | 'centre_head' | 'kindergarten' | 'staff';
  /** Organization key. */
  organization: string;
}
