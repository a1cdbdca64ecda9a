import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { problemTypeUri } from './error-types';
import { FieldError, GatewayError } from './gateway-error';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export class FieldErrorDto implements FieldError {
  @ApiProperty({ description: 'Dotted path of the offending field.', example: 'account.organizationId' })
  field: string;

  @ApiProperty({ description: 'What is wrong with it.', example: 'organizationId must be a UUID' })
  message: string;
}

/** RFC 9457 problem details, as every error response of the gateway. */
export class ProblemDto {
  @ApiProperty({
    description: 'Stable URI identifying the kind of error; switch on this.',
    example: 'https://billing-gateway.dev/problems/validation-failed',
  })
  type: string;

  @ApiProperty({
    description: 'Short human-readable summary of the kind of error.',
    example: 'The request is invalid',
  })
  title: string;

  @ApiProperty({ description: 'HTTP status code.', example: 400 })
  status: number;

  @ApiProperty({
    description: 'Explanation specific to this occurrence.',
    example: 'One or more fields are invalid.',
  })
  detail: string;

  @ApiProperty({ description: 'The request path this problem occurred on.', example: '/admin/tenants' })
  instance: string;

  @ApiProperty({
    description: 'Request id, also in the X-Request-Id header and the logs.',
    example: '0f8fad5b-d9cb-469f-a165-70867728950e',
  })
  requestId: string;

  @ApiPropertyOptional({
    description: 'Field-level errors (validation failures only).',
    type: [FieldErrorDto],
  })
  errors?: FieldErrorDto[];
}

/**
 * The members of the problem object for an error: what ProblemFilter sends as the HTTP body and
 * what MCP tool results carry, so both surfaces report an error identically.
 */
export function problemDetails(
  error: GatewayError,
  context: { instance: string; requestId: string },
): Record<string, unknown> {
  return {
    type: problemTypeUri(error.type),
    title: error.title,
    status: error.status,
    detail: error.detail,
    instance: context.instance,
    requestId: context.requestId,
    ...(error.options.errors ? { errors: error.options.errors } : {}),
    ...error.options.extensions,
  };
}
