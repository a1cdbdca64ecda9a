import { SetMetadata } from '@nestjs/common';
import type { ClientTokenScope } from './client-token';

export const CLIENT_TOKEN_SCOPE = 'billing-gateway:client-token-scope';

/**
 * Route-level: besides tenant API keys, accept client tokens of this scope. Every route without
 * it refuses client tokens (401), so a token handed to a browser can do exactly one thing.
 */
export const AllowClientToken = (scope: ClientTokenScope) => SetMetadata(CLIENT_TOKEN_SCOPE, scope);
