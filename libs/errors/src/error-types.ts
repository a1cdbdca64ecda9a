/**
 * Every kind of error the gateway returns. The value is the stable suffix of the problem `type`
 * URI; clients switch on it. One table below maps each kind to its HTTP status and title.
 */
export enum ErrorType {
  ValidationFailed = 'validation-failed',
  MalformedRequest = 'malformed-request',
  UnsupportedMediaType = 'unsupported-media-type',
  PayloadTooLarge = 'payload-too-large',
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
  NotFound = 'not-found',
  RouteNotFound = 'route-not-found',
  MethodNotAllowed = 'method-not-allowed',
  Conflict = 'conflict',
  UnprocessableEntity = 'unprocessable-entity',
  RangeNotSatisfiable = 'range-not-satisfiable',
  RateLimited = 'rate-limited',
  ServiceUnavailable = 'service-unavailable',
  Internal = 'internal-error',
  UnsupportedOperation = 'unsupported-operation',
  ConnectionMisconfigured = 'connection-misconfigured',
  // Upstream provider failures, translated once at the adapter boundary (libs/providers/src/upstream).
  ProviderAuthenticationFailed = 'provider-authentication-failed',
  ProviderResourceNotFound = 'provider-resource-not-found',
  ProviderRejectedInput = 'provider-rejected-input',
  ProviderRateLimited = 'provider-rate-limited',
  ProviderTimeout = 'provider-timeout',
  ProviderUnavailable = 'provider-unavailable',
  ProviderInvalidResponse = 'provider-invalid-response',
}

export const PROBLEM_TYPE_BASE = 'https://billing-gateway.dev/problems/';

export const ERROR_TABLE: Record<ErrorType, { status: number; title: string }> = {
  [ErrorType.ValidationFailed]: { status: 400, title: 'The request is invalid' },
  [ErrorType.MalformedRequest]: { status: 400, title: 'The request body could not be parsed' },
  [ErrorType.UnsupportedMediaType]: { status: 415, title: 'Unsupported content type' },
  [ErrorType.PayloadTooLarge]: { status: 413, title: 'The request body is too large' },
  [ErrorType.Unauthenticated]: { status: 401, title: 'Authentication required' },
  [ErrorType.Forbidden]: { status: 403, title: 'Not allowed' },
  [ErrorType.NotFound]: { status: 404, title: 'Resource not found' },
  [ErrorType.RouteNotFound]: { status: 404, title: 'No such route' },
  [ErrorType.MethodNotAllowed]: { status: 405, title: 'Method not allowed' },
  [ErrorType.Conflict]: { status: 409, title: 'Conflict with the current state' },
  [ErrorType.UnprocessableEntity]: { status: 422, title: 'The request cannot be processed' },
  [ErrorType.RangeNotSatisfiable]: { status: 416, title: 'The requested range is not satisfiable' },
  [ErrorType.RateLimited]: { status: 429, title: 'Too many requests' },
  [ErrorType.ServiceUnavailable]: { status: 503, title: 'Service unavailable' },
  [ErrorType.Internal]: { status: 500, title: 'Internal error' },
  [ErrorType.UnsupportedOperation]: {
    status: 501,
    title: "The connection's provider does not support this operation",
  },
  [ErrorType.ConnectionMisconfigured]: {
    status: 422,
    title: 'The connection lacks a setting this operation needs',
  },
  [ErrorType.ProviderAuthenticationFailed]: {
    status: 502,
    title: 'The provider rejected the stored credentials',
  },
  [ErrorType.ProviderResourceNotFound]: { status: 404, title: 'The provider has no such resource' },
  [ErrorType.ProviderRejectedInput]: { status: 422, title: 'The provider rejected the request' },
  [ErrorType.ProviderRateLimited]: { status: 429, title: 'The provider is rate limiting requests' },
  [ErrorType.ProviderTimeout]: { status: 504, title: 'The provider did not answer in time' },
  [ErrorType.ProviderUnavailable]: { status: 502, title: 'The provider failed' },
  [ErrorType.ProviderInvalidResponse]: {
    status: 502,
    title: 'The provider sent a response the gateway cannot read',
  },
};

export const problemTypeUri = (type: ErrorType | string): string => `${PROBLEM_TYPE_BASE}${type}`;
