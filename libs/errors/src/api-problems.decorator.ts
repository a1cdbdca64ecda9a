import { applyDecorators } from '@nestjs/common';
import { ApiResponse, getSchemaPath, ApiExtraModels } from '@nestjs/swagger';
import { ProblemDto, PROBLEM_CONTENT_TYPE } from './problem';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request: validation errors, unknown fields or malformed JSON.',
  401: 'Missing, unknown or revoked bearer key.',
  404: 'The resource does not exist (or belongs to another tenant).',
  409: 'Conflicts with the current state (e.g. a duplicate slug).',
  413: 'The request body is too large.',
  415: 'The request body is not JSON.',
  416: 'The Range header lies outside the file.',
  422: 'The request is well-formed but cannot be processed.',
  429: 'Rate limited; retry after the Retry-After header.',
  501: "The connection's provider does not support this operation.",
  502: 'The upstream provider failed.',
  503: 'A dependency is unavailable.',
  504: 'The upstream provider timed out.',
};

/** Documents the problem+json responses an operation can return. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}
