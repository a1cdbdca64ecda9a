import type { Job } from '@prisma/client';
import { ErrorType, GatewayError } from '@app/errors';
import type { Capability, ConnectionResolver, ResolvedConnection } from '@app/providers';

/**
 * The connection a job was accepted for, checked again at run time: it may have been deleted
 * (the job's connectionId is then null: never fall back to the primary connection, which may be
 * another account) or changed since. Both are permanent failures.
 */
export async function jobConnection(
  resolver: ConnectionResolver,
  job: Pick<Job, 'tenantId' | 'connectionId'>,
  ...capabilities: Capability[]
): Promise<ResolvedConnection> {
  if (!job.connectionId) {
    throw new GatewayError(ErrorType.NotFound, 'The connection this job was created for has been deleted.');
  }
  const resolved = await resolver.resolve(job.tenantId, job.connectionId);
  for (const capability of capabilities) resolver.assertSupports(resolved, capability);
  return resolved;
}
