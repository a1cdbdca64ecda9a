import { Prisma } from '@prisma/client';

/** True when the error is a unique-constraint violation (Prisma P2002), optionally on `target`. */
export function isUniqueViolation(error: unknown, target?: string): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') return false;
  if (!target) return true;
  return JSON.stringify(error.meta ?? {}).includes(target);
}

/** True when the error says the row to update/delete does not exist (Prisma P2025). */
export const isRecordNotFound = (error: unknown): boolean =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025';
