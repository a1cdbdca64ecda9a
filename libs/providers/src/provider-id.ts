import { $Enums } from '@prisma/client';

/** The providers the gateway speaks to. The Prisma enum is the single source of truth. */
export const ProviderId = $Enums.ProviderId;
export type ProviderId = $Enums.ProviderId;
export const PROVIDER_IDS = Object.values(ProviderId) as ProviderId[];
