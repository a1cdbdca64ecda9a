import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';
/** Caller-supplied ids are echoed only when they cannot inject anything into logs or headers. */
const WELL_FORMED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** pino-http `genReqId`: reuses a well-formed X-Request-Id, generates one otherwise, and echoes it. */
export function requestIdFor(request: IncomingMessage & { id?: unknown }, response: ServerResponse): string {
  if (typeof request.id === 'string') return request.id; // already assigned earlier in the chain
  const supplied = request.headers[REQUEST_ID_HEADER];
  const id = typeof supplied === 'string' && WELL_FORMED_REQUEST_ID.test(supplied) ? supplied : randomUUID();
  response.setHeader('X-Request-Id', id);
  return id;
}
