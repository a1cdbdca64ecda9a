import { OpenApiContract, type ProviderId } from '@app/providers';
import type { FakeResponse, RecordedRequest } from '../fakes/fake-server';

/**
 * Contract checks shared by every provider's contract tests: each request an adapter sent must be
 * an operation of the provider's spec with valid path parameters, query, content type and body, and
 * each response the fake answered with must match the spec's response schema.
 */
export function requestViolations(provider: ProviderId, request: RecordedRequest): string[] {
  const contract = OpenApiContract.for(provider);
  const matched = contract.match(request.method, request.path);
  if (!matched) return [`${request.method} ${request.path} is not an operation of the ${provider} contract`];
  const { operation, pathParams } = matched;
  const problems: string[] = [];
  const expectedType = operation.requestBody?.contentType;
  const hasBody = request.rawBody.length > 0;
  if (hasBody && expectedType && !request.contentType?.startsWith(expectedType)) {
    problems.push(`${operation.operationId}: content type ${request.contentType} instead of ${expectedType}`);
  }
  if (hasBody && !expectedType)
    problems.push(`${operation.operationId}: sent a body to an operation that takes none`);
  const violations = contract.validateRequest(operation.operationId, {
    pathParams,
    query: request.query,
    body: request.body,
    formEncoded: expectedType === 'application/x-www-form-urlencoded',
  });
  problems.push(...violations.map((v) => `${operation.operationId}: ${v.field} ${v.message}`));
  return problems;
}

export function responseViolations(
  provider: ProviderId,
  request: RecordedRequest,
  response: FakeResponse,
): string[] {
  const contract = OpenApiContract.for(provider);
  const matched = contract.match(request.method, request.path);
  if (!matched) return [];
  return contract
    .validateResponse(matched.operation.operationId, response.status, response.body)
    .map((v) => `${matched.operation.operationId} ${response.status}: ${v.field} ${v.message}`);
}

/** Jest helper: fails listing every violation of every recorded request. */
export function expectRequestsToMatchContract(provider: ProviderId, requests: RecordedRequest[]): void {
  const problems = requests.flatMap((request) => requestViolations(provider, request));
  expect(problems).toEqual([]);
}

/** Jest helper: every successful fake response must match the spec's response schema. */
export function expectResponsesToMatchContract(
  provider: ProviderId,
  exchanges: Array<{ request: RecordedRequest; response: FakeResponse }>,
): void {
  const problems = exchanges
    .filter(({ response }) => !response.raw && !response.hang && !response.destroy)
    .flatMap(({ request, response }) => responseViolations(provider, request, response));
  expect(problems).toEqual([]);
}
