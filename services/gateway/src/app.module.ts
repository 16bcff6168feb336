import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AgreementsController } from './agreements/agreements.controller';
import { OrganizationsController } from './agreements/organizations.controller';
import { AuditController } from './audit/audit.controller';
import { AuditInterceptor } from './audit/audit.interceptor';
import { AuditLog } from './audit/audit-log';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { LoginThrottle } from './auth/login-throttle';
import { TokenService } from './auth/token.service';
import { CalendarHttpModule } from './calendar/calendar-http.module';
import { GatewayLifecycle, HealthController } from './health/health.controller';
import { NotificationsHttpModule } from './notifications/notifications-http.module';
import { RegistrationsHttpModule } from './registrations/registrations-http.module';
import { ReportsHttpModule } from './reports/reports-http.module';
import { CreationRateGuard } from './http/creation-rate';
import { ProblemFilter } from './http/problem.filter';
import { UsersModule } from './users/users.module';

@Module({
  imports: [UsersModule, CalendarHttpModule, RegistrationsHttpModule, NotificationsHttpModule, ReportsHttpModule],
  controllers: [AuthController, OrganizationsController, AgreementsController, HealthController, AuditController],
  providers: [
    GatewayLifecycle,
    TokenService,
    LoginThrottle,
    AuditLog,
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
    { provide: APP_GUARD, useClass: AuthGuard },
    // After AuthGuard (global guards run in this order): it needs the actor.
    { provide: APP_GUARD, useClass: CreationRateGuard },
    { provide: APP_FILTER, useClass: ProblemFilter },
  ],
})
export class GatewayModule {}
