import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentTenant, TenantAuth, TenantPrincipal } from '@app/auth';
import { ApiBillingProblems, providerExamples } from '../common/api-docs';
import { SNAPSHOT_AGE_DOC, snapshotAge } from '../common/cached-read';
import { ConnectionQueryDto } from '../common/connection-selector.dto';
import { ApiResourceIdParam, ResourceIdParam } from '../common/request-params';
import { INVOICE_EXAMPLES, INVOICE_PAGE_EXAMPLES, INVOICE_PDF_EXAMPLES } from '../openapi-examples';
import { InvoiceDto, InvoicePageDto, InvoicePdfDto, ListInvoicesQueryDto } from './invoice.dto';
import { InvoicesService } from './invoices.service';

const INVOICE_ID = ApiResourceIdParam('id', 'Invoice id at the provider.', {
  stripe: 'in_1NqK2bLkdIwHu7ix',
  qovery: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
});

@ApiTags('Billing: invoices')
@TenantAuth()
@Controller('v1/invoices')
export class InvoicesController {
  constructor(private readonly service: InvoicesService) {}

  @Get()
  @ApiOperation({
    summary: 'List invoices (cursor pagination)',
    description:
      'Stripe and Qovery. A cursor that was edited or comes from another listing is 400 naming `cursor`.',
  })
  @ApiOkResponse({
    type: InvoicePageDto,
    examples: providerExamples(INVOICE_PAGE_EXAMPLES),
    headers: SNAPSHOT_AGE_DOC,
  })
  @ApiBillingProblems(409)
  listInvoices(
    @CurrentTenant() tenant: TenantPrincipal,
    @Query() query: ListInvoicesQueryDto,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<InvoicePageDto> {
    return query.cached
      ? this.service.cachedList(tenant.tenantId, query, snapshotAge(response))
      : this.service.list(tenant.tenantId, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get an invoice', description: 'Stripe and Qovery.' })
  @INVOICE_ID
  @ApiOkResponse({ type: InvoiceDto, examples: providerExamples(INVOICE_EXAMPLES) })
  @ApiBillingProblems()
  getInvoice(
    @CurrentTenant() tenant: TenantPrincipal,
    @ResourceIdParam('id') id: string,
    @Query() query: ConnectionQueryDto,
  ): Promise<InvoiceDto> {
    return this.service.get(tenant.tenantId, id, query.connectionId);
  }

  @Get(':id/pdf')
  @ApiOperation({ summary: "Get a link to an invoice's PDF", description: 'Stripe and Qovery.' })
  @INVOICE_ID
  @ApiOkResponse({ type: InvoicePdfDto, examples: providerExamples(INVOICE_PDF_EXAMPLES) })
  @ApiBillingProblems()
  getInvoicePdf(
    @CurrentTenant() tenant: TenantPrincipal,
    @ResourceIdParam('id') id: string,
    @Query() query: ConnectionQueryDto,
  ): Promise<InvoicePdfDto> {
    return this.service.pdf(tenant.tenantId, id, query.connectionId);
  }
}
