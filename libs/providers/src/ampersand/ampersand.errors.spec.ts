import { retryAfterFromAmpersandProblem, summarizeAmpersandProblem } from './ampersand.errors';

describe('summarizeAmpersandProblem', () => {
  it('uses the detail and names the inputs an InputValidationProblem blames, never their values', () => {
    const summary = summarizeAmpersandProblem(400, {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'The input message is incorrect',
      requestId: 'req-1',
      issues: [
        { in: 'body', name: 'redirectUrl', detail: 'is required' },
        { in: 'body', name: 'timeout', value: 'secret-looking-value' },
        { in: 'body', name: 'timeout' },
      ],
    });
    expect(summary).toBe('The input message is incorrect - invalid: redirectUrl, timeout');
    expect(summary).not.toContain('secret-looking-value');
    expect(summary).not.toContain('req-1');
  });

  it('falls back to the title when there is no detail', () => {
    expect(summarizeAmpersandProblem(422, { title: 'Unprocessable Entity', status: 422 })).toBe(
      'Unprocessable Entity',
    );
  });

  it('gives nothing for a body that is not a problem', () => {
    expect(summarizeAmpersandProblem(500, undefined)).toBeUndefined();
    expect(summarizeAmpersandProblem(500, 'oops')).toBeUndefined();
    expect(summarizeAmpersandProblem(500, [])).toBeUndefined();
    expect(summarizeAmpersandProblem(500, {})).toBeUndefined();
  });

  it('keeps the summary to one bounded line', () => {
    const summary = summarizeAmpersandProblem(400, { detail: `line one\nline two ${'x'.repeat(400)}` });
    expect(summary).not.toContain('\n');
    expect(summary!.length).toBeLessThanOrEqual(300);
  });
});

describe('retryAfterFromAmpersandProblem', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('turns the RFC 3339 retryAfter into seconds from now', () => {
    expect(retryAfterFromAmpersandProblem(503, { retryAfter: '2026-01-01T00:00:30Z' }, now)).toBe(30);
    expect(retryAfterFromAmpersandProblem(503, { retryAfter: '2026-01-01T00:00:00.400Z' }, now)).toBe(1);
  });

  it('never gives a negative wait for a time already past', () => {
    expect(retryAfterFromAmpersandProblem(429, { retryAfter: '2025-12-31T23:59:00Z' }, now)).toBe(0);
  });

  it('gives nothing when absent, unparsable, or the problem says it is not retryable', () => {
    expect(retryAfterFromAmpersandProblem(503, { detail: 'down' }, now)).toBeUndefined();
    expect(retryAfterFromAmpersandProblem(503, { retryAfter: 'soon' }, now)).toBeUndefined();
    expect(
      retryAfterFromAmpersandProblem(503, { retryable: false, retryAfter: '2026-01-01T00:00:30Z' }, now),
    ).toBeUndefined();
    expect(retryAfterFromAmpersandProblem(503, undefined, now)).toBeUndefined();
  });
});
