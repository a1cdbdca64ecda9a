import { ErrorType, GatewayError } from '@app/errors';
import { isOrigin } from '../../common/is-origin.validator';

/**
 * Why a return URL is refused, or null when it may be used: it must be absolute, https (http only
 * for localhost, the rule tenants' origins follow), without credentials, and its origin must be
 * one the tenant allowed. The portal redirects the customer there, so anything else would make
 * the gateway an open redirect.
 */
export function returnUrlProblem(returnUrl: string, allowedOrigins: readonly string[]): string | null {
  let url: URL;
  try {
    url = new URL(returnUrl);
  } catch {
    return 'returnUrl must be an absolute URL';
  }
  if (!isOrigin(url.origin)) return 'returnUrl must use https (http only for localhost)';
  if (url.username || url.password) return 'returnUrl must not contain credentials';
  if (!allowedOrigins.includes(url.origin)) {
    return "returnUrl's origin is not in the tenant's allowedReturnOrigins";
  }
  return null;
}

/** 422 before anything is sent upstream. The URL itself is not echoed back. */
export function assertReturnUrlAllowed(returnUrl: string, allowedOrigins: readonly string[]): void {
  const problem = returnUrlProblem(returnUrl, allowedOrigins);
  if (problem) {
    throw new GatewayError(ErrorType.UnprocessableEntity, 'The return URL is not allowed for this tenant.', {
      errors: [{ field: 'returnUrl', message: problem }],
    });
  }
}
