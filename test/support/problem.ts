import type { Response } from 'supertest';
import { PROBLEM_TYPE_BASE } from '@app/errors';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId: string;
  errors?: Array<{ field: string; message: string }>;
  [extension: string]: unknown;
}

/**
 * Asserts the full RFC 9457 shape every error of the gateway must have, and returns the body for
 * more specific checks. `type` is the suffix of the problem type URI (e.g. `validation-failed`).
 */
export function expectProblem(
  response: Response,
  status: number,
  type: string,
  instance?: string,
): ProblemBody {
  expect({ status: response.status, body: response.body }).toMatchObject({ status });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.body as ProblemBody;
  expect(body).toEqual(
    expect.objectContaining({
      type: `${PROBLEM_TYPE_BASE}${type}`,
      title: expect.any(String),
      status,
      detail: expect.any(String),
      instance: instance ?? expect.stringMatching(/^\//),
      requestId: response.headers['x-request-id'],
    }),
  );
  expect(body.title).not.toBe('');
  expect(body.detail).not.toBe('');
  expect(body.requestId).toMatch(/^\S{1,128}$/);
  if (type === 'validation-failed') {
    expect(body.errors).toEqual(expect.any(Array));
    expect(body.errors!.length).toBeGreaterThan(0);
    for (const error of body.errors!)
      expect(error).toEqual({ field: expect.any(String), message: expect.any(String) });
  }
  return body;
}

/** The `field` of every entry of a validation problem's `errors[]`. */
export const problemFields = (body: ProblemBody): string[] => (body.errors ?? []).map((error) => error.field);
