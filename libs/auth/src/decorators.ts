import { applyDecorators, createParamDecorator, ExecutionContext, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ApiProblems } from '@app/errors';
import { AdminGuard } from './admin.guard';
import { AuthenticatedRequest, TenantPrincipal } from './authenticated-request';
import { TenantGuard } from './tenant.guard';

export const ADMIN_SECURITY = 'admin';
export const TENANT_SECURITY = 'tenant';

/** Controller-level: admin bearer key required. */
export const AdminAuth = () =>
  applyDecorators(UseGuards(AdminGuard), ApiBearerAuth(ADMIN_SECURITY), ApiProblems(401));

/** Controller-level: tenant API key required. */
export const TenantAuth = () =>
  applyDecorators(UseGuards(TenantGuard), ApiBearerAuth(TENANT_SECURITY), ApiProblems(401));

export const CurrentTenant = createParamDecorator(
  (_: unknown, context: ExecutionContext): TenantPrincipal =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().tenant!,
);

export const AdminActor = createParamDecorator(
  (_: unknown, context: ExecutionContext): string =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().adminActor!,
);
