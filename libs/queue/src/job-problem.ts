import { ErrorType, GatewayError, problemTypeUri } from '@app/errors';

/** RFC 9457 problem object stored on a failed Job row; the same members an HTTP error would carry. */
export interface JobProblem {
  type: string;
  title: string;
  status: number;
  detail: string;
  [extension: string]: unknown;
}

/** Used only when a GatewayError says nothing about retrying (e.g. from an SDK-based adapter). */
const TRANSIENT_TYPES = new Set<ErrorType>([
  ErrorType.ProviderRateLimited,
  ErrorType.ProviderTimeout,
  ErrorType.ProviderUnavailable,
  ErrorType.ServiceUnavailable,
]);

export function problemOf(error: GatewayError): JobProblem {
  return {
    type: problemTypeUri(error.type),
    title: error.title,
    status: error.status,
    detail: error.detail,
    ...(error.options.errors ? { errors: error.options.errors } : {}),
    ...error.options.extensions,
  };
}

/**
 * What a job failure means: the problem to record, and whether another attempt may succeed.
 * Provider errors say so themselves (`extensions.retryable`). Any other error is a fault on our
 * side (database, disk, a bug): it is retried, and recorded without its message, which could
 * expose internals; the worker log has the details under the job id.
 */
export function describeFailure(error: unknown): { problem: JobProblem; retryable: boolean } {
  if (error instanceof GatewayError) {
    const flag = error.options.extensions?.retryable;
    return {
      problem: problemOf(error),
      retryable: typeof flag === 'boolean' ? flag : TRANSIENT_TYPES.has(error.type),
    };
  }
  const internal = new GatewayError(
    ErrorType.Internal,
    'The job failed unexpectedly; the worker logged the cause under this job id.',
  );
  return { problem: problemOf(internal), retryable: true };
}
