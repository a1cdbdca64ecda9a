import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';
/** Caller-supplied ids are echoed only when they cannot inject anything into logs or headers. */
const WELL_FORMED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The request's id: a well-formed X-Request-Id is reused, otherwise one is generated. Kept on the
 * Node request, so Fastify (genReqId), the access logger and the error filter all see the same id.
 */
export function requestIdOf(request: { headers: IncomingHttpHeaders; id?: unknown }): string {
  if (typeof request.id === 'string') return request.id;
  const supplied = request.headers[REQUEST_ID_HEADER];
  const id = typeof supplied === 'string' && WELL_FORMED_REQUEST_ID.test(supplied) ? supplied : randomUUID();
  request.id = id;
  return id;
}
