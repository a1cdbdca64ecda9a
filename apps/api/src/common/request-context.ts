import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { AuthenticatedRequest } from '@app/auth';

/** `{actor, requestId}` of an admin request, for audit entries. */
export const AuditActor = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  return { actor: request.adminActor ?? 'unknown', requestId: String(request.id ?? '') };
});
