import { sanitizeSummary } from '../upstream/upstream-failure';

interface FastApiValidationIssue {
  loc?: unknown;
  msg?: unknown;
}

const describeIssue = (issue: FastApiValidationIssue): string | undefined => {
  if (typeof issue?.msg !== 'string') return undefined;
  const location = Array.isArray(issue.loc) ? issue.loc.map(String).join('.') : '';
  return location ? `${location}: ${issue.msg}` : issue.msg;
};

/**
 * A safe one-line summary of a Prefect error body. FastAPI answers 422 with
 * `{"detail":[{"loc":[...],"msg":"...","type":"..."}]}` (in the spec), which becomes
 * "body.tier: Input should be ...; ...". Other errors are not in the spec; FastAPI's
 * HTTPException gives `{"detail":"..."}`, used as is. Anything else yields no summary, so the raw
 * body never travels.
 */
export function summarizePrefectError(_status: number, body: unknown): string | undefined {
  const detail = (body as { detail?: unknown } | null | undefined)?.detail;
  if (typeof detail === 'string') return sanitizeSummary(detail);
  if (Array.isArray(detail)) {
    const issues = detail
      .map((issue) => describeIssue(issue as FastApiValidationIssue))
      .filter((text): text is string => text !== undefined);
    return sanitizeSummary(issues.join('; '));
  }
  return undefined;
}
