import { Injectable } from '@nestjs/common';
import { TenantPrincipal } from '@app/auth';
import { Capability } from '@app/providers';
import { BillingGateway } from '../common/billing-gateway';
import { isoOrNull, originOf } from '../common/normalize';
import { CreatePortalSessionDto, PortalSessionDto } from './portal-session.dto';
import { assertReturnUrlAllowed } from './return-url';

@Injectable()
export class PortalSessionService {
  constructor(private readonly gateway: BillingGateway) {}

  /** The return URL is checked first: a refused one never costs (or reveals) an upstream call. */
  async create(
    tenant: TenantPrincipal,
    dto: CreatePortalSessionDto,
    idempotencyKey?: string,
  ): Promise<PortalSessionDto> {
    assertReturnUrlAllowed(dto.returnUrl, tenant.allowedReturnOrigins);
    const resolved = await this.gateway.connect(
      tenant.tenantId,
      dto.connectionId,
      [Capability.CreatePortalSession],
      idempotencyKey,
    );
    const session = await resolved.adapter.createPortalSession!(resolved.call, {
      returnUrl: dto.returnUrl,
      ...(dto.locale ? { locale: dto.locale } : {}),
    });
    const origin = originOf(resolved);
    // Fields copied, not spread: see ResourceOrigin (this is the gateway's hottest route).
    return {
      url: session.url,
      provider: origin.provider,
      connectionId: origin.connectionId,
      expiresAt: isoOrNull(session.expiresAt),
    };
  }
}
