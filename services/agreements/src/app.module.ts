import { Module } from '@nestjs/common';
import { BUS, outboxModelProvider } from '@tochka/runtime';
import { AGREEMENT_MODEL, agreementModel } from './agreements/agreement.model';
import { AGREEMENT_STORE, agreementStore } from './agreements/agreement.store';
import { AgreementsHandlers } from './agreements/agreements.handlers';
import { AgreementsService } from './agreements/agreements.service';
import { ExpiryScheduler } from './agreements/expiry.scheduler';
import { ORGANIZATION_MODEL, organizationModel } from './organizations/organization.model';
import { OrganizationsHandlers } from './organizations/organizations.handlers';
import { OrganizationsService } from './organizations/organizations.service';

/** Organisations registry and network agreements. */
@Module({
  controllers: [OrganizationsHandlers, AgreementsHandlers],
  providers: [
    outboxModelProvider(ORGANIZATION_MODEL, organizationModel),
    outboxModelProvider(AGREEMENT_MODEL, agreementModel),
    { provide: AGREEMENT_STORE, inject: [AGREEMENT_MODEL, BUS], useFactory: agreementStore },
    OrganizationsService,
    AgreementsService,
    ExpiryScheduler,
  ],
})
export class AgreementsModule {}
