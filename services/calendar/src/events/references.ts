import { Injectable } from '@nestjs/common';
import { CalendarEvent, DomainError, errors, Festival, FieldError, formatMoscowDate, moscowDate } from '@tochka/contracts';
import { FestivalsService } from '../festivals/festivals.service';
import { KnownAgreement } from '../read-models/agreement.model';
import { KnownOrganization } from '../read-models/organization.model';
import { ReadModels } from '../read-models/read-models.service';
import { agreementProblems } from './event-rules';

export interface ReferenceInput {
  hostId: string;
  venue: string;
  partners: string[];
  agreementId?: string;
  festivalId?: string;
}

/**
 * The host's address for LOCATION and mails: as registered, with the settlement in front only when
 * the address does not already name it (the district's addresses do: «…, ст. Старощербиновская, ул. Чкалова, 112»).
 */
export function venueAddress(org: { settlement: string; address: string }): string {
  return org.address.includes(org.settlement) ? org.address : `${org.settlement}, ${org.address}`;
}

/** An event's references, looked up in the calendar's own read models. */
export interface References {
  host: CalendarEvent['host'];
  hostOrganization: KnownOrganization;
  venue: CalendarEvent['venue'];
  partners: CalendarEvent['partners'];
  agreement?: KnownAgreement;
  festival?: Festival;
}

@Injectable()
export class EventReferences {
  constructor(
    private readonly readModels: ReadModels,
    private readonly festivals: FestivalsService,
  ) {}

  /**
   * 400 `unknown_reference` when the calendar does not know an organisation, agreement or festival
   * (it learns of them from events, so right after they are created it may still be catching up);
   * 400 `validation_failed` for a room the host does not have.
   */
  async resolve(input: ReferenceInput): Promise<References> {
    const [orgs, agreement, festival] = await Promise.all([
      this.readModels.organizationsById([input.hostId, ...input.partners]),
      input.agreementId ? this.readModels.agreement(input.agreementId) : undefined,
      input.festivalId ? this.festivals.find(input.festivalId) : undefined,
    ]);
    const unknown: FieldError[] = [];
    if (!orgs.has(input.hostId)) unknown.push({ path: 'hostId', message: `Организация «${input.hostId}» не найдена` });
    input.partners.forEach((id, i) => {
      if (!orgs.has(id)) unknown.push({ path: `partners.${i}`, message: `Организация «${id}» не найдена` });
    });
    if (input.agreementId && !agreement) unknown.push({ path: 'agreementId', message: 'Соглашение не найдено' });
    if (input.festivalId && !festival) unknown.push({ path: 'festivalId', message: 'Фестиваль не найден' });
    if (unknown.length) throw new DomainError('unknown_reference', 'Запрос ссылается на неизвестные организации, соглашение или фестиваль', 400, unknown);

    const hostOrganization = orgs.get(input.hostId)!;
    const room = hostOrganization.rooms.find((r) => r.key === input.venue);
    if (!room) {
      throw errors.validation([{ path: 'venue', message: `У организации «${hostOrganization.shortName}» нет помещения с кодом «${input.venue}»` }]);
    }
    return {
      host: { organizationId: input.hostId, organizationName: hostOrganization.shortName },
      hostOrganization,
      venue: { roomKey: room.key, roomName: room.name, roomCapacity: room.capacity, address: venueAddress(hostOrganization) },
      partners: input.partners.map((id) => ({ organizationId: id, organizationName: orgs.get(id)!.shortName })),
      ...(agreement ? { agreement } : {}),
      ...(festival ? { festival } : {}),
    };
  }
}

/** The agreement rule and the festival's dates, for an event at [start, end). */
export function referenceProblems(refs: References, start: Date, end: Date): FieldError[] {
  const problems: FieldError[] = [];
  if (refs.agreement) {
    problems.push(
      ...agreementProblems(
        refs.agreement,
        { id: refs.host.organizationId, name: refs.host.organizationName },
        refs.partners.map((p) => ({ id: p.organizationId, name: p.organizationName })),
        start,
        end,
      ),
    );
  }
  const f = refs.festival;
  if (f && (moscowDate(start) < f.startDate || moscowDate(end) > f.endDate)) {
    problems.push({
      path: 'festivalId',
      message: `Мероприятие проходит вне дат фестиваля «${f.name}» (${formatMoscowDate(f.startDate)} – ${formatMoscowDate(f.endDate)})`,
    });
  }
  return problems;
}
