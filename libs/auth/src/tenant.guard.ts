import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GatewayError } from '@app/errors';
import { AuthenticatedRequest, bearerToken, TenantPrincipal } from './authenticated-request';
import { ClientTokenCodec, ClientTokenScope, isClientToken } from './client-token';
import { CLIENT_TOKEN_SCOPE } from './client-token-scope';
import { TenantKeyService } from './tenant-key.service';

/**
 * Tenant routes: the bearer must be an active tenant API key; admin keys are not tenant keys.
 * A route marked with AllowClientToken(scope) also takes a client token of that scope, which acts
 * for the tenant only while the API key that issued it is active.
 */
@Injectable()
export class TenantGuard implements CanActivate {
  constructor(
    private readonly keys: TenantKeyService,
    private readonly clientTokens: ClientTokenCodec,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request);
    if (!token) throw GatewayError.unauthenticated('A tenant API key is required.');
    const scope = this.reflector.getAllAndOverride<ClientTokenScope | undefined>(CLIENT_TOKEN_SCOPE, [
      context.getHandler(),
      context.getClass(),
    ]);
    request.tenant = isClientToken(token)
      ? await this.clientTokenPrincipal(token, scope)
      : await this.apiKeyPrincipal(token);
    return true;
  }

  private async apiKeyPrincipal(token: string): Promise<TenantPrincipal> {
    const tenant = await this.keys.resolve(token);
    if (!tenant) throw GatewayError.unauthenticated('The API key is not valid or has been revoked.');
    return tenant;
  }

  private async clientTokenPrincipal(
    token: string,
    scope: ClientTokenScope | undefined,
  ): Promise<TenantPrincipal> {
    if (!scope) {
      throw GatewayError.unauthenticated(
        'Client tokens are not accepted on this route; use a tenant API key.',
      );
    }
    const claims = this.clientTokens.verify(token);
    if (!claims || claims.scope !== scope) {
      throw GatewayError.unauthenticated('The client token is not valid for this route or has expired.');
    }
    const tenant = await this.keys.resolveIssuer(claims.apiKeyId, claims.tenantId);
    if (!tenant) throw GatewayError.unauthenticated('The API key that issued this client token was revoked.');
    return { ...tenant, clientTokenScope: scope };
  }
}
