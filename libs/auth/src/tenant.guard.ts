import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { GatewayError } from '@app/errors';
import { AuthenticatedRequest, bearerToken } from './authenticated-request';
import { TenantKeyService } from './tenant-key.service';

/** Tenant routes: the bearer must be an active tenant API key; admin keys are not tenant keys. */
@Injectable()
export class TenantGuard implements CanActivate {
  constructor(private readonly keys: TenantKeyService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request);
    if (!token) throw GatewayError.unauthenticated('A tenant API key is required.');
    const tenant = await this.keys.resolve(token);
    if (!tenant) throw GatewayError.unauthenticated('The API key is not valid or has been revoked.');
    request.tenant = tenant;
    return true;
  }
}
