import { parseRetryAfter, sanitizeSummary } from '../upstream/upstream-failure';
import type { AmpersandProblem } from './ampersand.wire';

const asProblem = (body: unknown): AmpersandProblem | undefined =>
  typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as AmpersandProblem) : undefined;

/**
 * The safe summary of an Ampersand ApiProblem: its detail (or title) plus the names of the inputs
 * an InputValidationProblem blames. Values, causes and request ids stay out: they can echo input.
 */
export function summarizeAmpersandProblem(_status: number, body: unknown): string | undefined {
  const problem = asProblem(body);
  if (!problem) return undefined;
  const message = [problem.detail, problem.title].find((text) => typeof text === 'string' && text.trim());
  const names = (Array.isArray(problem.issues) ? problem.issues : [])
    .map((issue) => (typeof issue?.name === 'string' ? issue.name : undefined))
    .filter((name): name is string => Boolean(name));
  const invalid = names.length > 0 ? `invalid: ${[...new Set(names)].join(', ')}` : undefined;
  return sanitizeSummary([message, invalid].filter(Boolean).join(' - '));
}

/**
 * Seconds until the `retryAfter` (RFC 3339) of a problem, for when no Retry-After header came.
 * A problem that says it is not retryable gives no wait.
 */
export function retryAfterFromAmpersandProblem(
  _status: number,
  body: unknown,
  now = Date.now(),
): number | undefined {
  const problem = asProblem(body);
  if (!problem || problem.retryable === false) return undefined;
  return parseRetryAfter(problem.retryAfter, now);
}
