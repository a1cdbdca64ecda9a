import { ERROR_TABLE, ErrorType } from './error-types';

export interface FieldError {
  /** Dotted path of the offending field, e.g. `account.organizationId`. */
  field: string;
  message: string;
}

/**
 * The one error type of the gateway. Services throw it; the problem filter renders it as RFC 9457
 * problem+json. `extensions` are extra members of the problem object (never secrets or raw
 * upstream bodies); `headers` are added to the response (e.g. Retry-After).
 */
export class GatewayError extends Error {
  readonly status: number;
  readonly title: string;

  constructor(
    readonly type: ErrorType,
    readonly detail: string,
    readonly options: {
      errors?: FieldError[];
      extensions?: Record<string, unknown>;
      headers?: Record<string, string>;
      title?: string;
    } = {},
  ) {
    super(detail);
    this.status = ERROR_TABLE[type].status;
    this.title = options.title ?? ERROR_TABLE[type].title;
  }

  static notFound(resource: string, id?: string): GatewayError {
    return new GatewayError(
      ErrorType.NotFound,
      id ? `${resource} ${id} does not exist.` : `${resource} does not exist.`,
    );
  }

  static validation(errors: FieldError[], detail?: string): GatewayError {
    return new GatewayError(ErrorType.ValidationFailed, detail ?? 'One or more fields are invalid.', {
      errors,
    });
  }

  static conflict(detail: string): GatewayError {
    return new GatewayError(ErrorType.Conflict, detail);
  }

  static unauthenticated(detail = 'A valid bearer key is required.'): GatewayError {
    return new GatewayError(ErrorType.Unauthenticated, detail, {
      headers: { 'WWW-Authenticate': 'Bearer' },
    });
  }
}
