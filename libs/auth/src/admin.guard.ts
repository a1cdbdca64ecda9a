import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { constantTimeEquals, sha256Hex } from '@app/crypto';
import { GatewayError } from '@app/errors';
import { AuthenticatedRequest, bearerToken } from './authenticated-request';

/** Admin keys come from configuration; every configured key is compared, in constant time. */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(request);
    if (!token) throw GatewayError.unauthenticated('An admin bearer key is required.');
    const actor = this.actorFor(token);
    if (!actor) throw GatewayError.unauthenticated('The admin key is not valid.');
    request.adminActor = actor;
    return true;
  }

  /** The actor fingerprint of a valid admin key, else undefined (also for routes outside Nest guards). */
  actorFor(token: string): string | undefined {
    let matched = false;
    for (const key of this.config.ADMIN_API_KEYS) matched = constantTimeEquals(token, key) || matched;
    return matched ? `admin:${sha256Hex(token).slice(0, 12)}` : undefined;
  }
}
