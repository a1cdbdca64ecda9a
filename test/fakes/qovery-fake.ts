import { randomUUID } from 'node:crypto';
import { FakeServer, type FakeResponse, type FakeRoute, type RecordedRequest } from './fake-server';

/**
 * A stateful Qovery on loopback, speaking the wire format of libs/providers/contracts/qovery.openapi.json:
 * `Authorization: Token <machine token>`, every route under /organization/{organizationId}, JSON
 * bodies, lists as `{results: [...]}` (unpaginated), 201/202/204 where the spec says so. Error
 * bodies are `{message}` (the real shape is undocumented). Files it links to (invoice PDFs, usage
 * reports) are served under /files without auth, like pre-signed URLs.
 */

export const QOVERY_FAKE_TOKEN = 'qov_fake_machine_token_0001';
export const QOVERY_FAKE_ORGANIZATION_ID = '3f9c2b7a-8d41-4e6b-9a0f-5c7d1e2b4a60';
/** Card numbers the fake treats specially (like a payment processor's test cards). */
export const QOVERY_DECLINED_CARD = '4000000000000002';
/** A minimal PDF, served for every invoice. */
export const QOVERY_FAKE_PDF = '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n';

const PLANS = [
  'FREE',
  'TEAM',
  'TEAM_YEARLY',
  'ENTERPRISE',
  'ENTERPRISE_YEARLY',
  'PROFESSIONAL',
  'BUSINESS',
  'USER_2025',
  'TEAM_2025',
  'BUSINESS_2025',
  'ENTERPRISE_2025',
];
const INVOICE_STATUSES = [
  'PAID',
  'PAID',
  'POSTED',
  'PAYMENT_DUE',
  'NOT_PAID',
  'VOIDED',
  'PENDING',
  'UNKNOWN',
];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface QoveryFakeInvoice {
  id: string;
  created_at: string;
  status: string;
  total_in_cents: number;
  total: number;
  currency_code: string;
}

export interface QoveryFakeCard {
  id: string;
  created_at: string;
  expiry_month: number;
  expiry_year: number;
  last_digit: string;
  is_expired: boolean;
  brand: string;
}

export interface QoveryFakeState {
  organizationId: string;
  token: string;
  billingExternalId: string;
  billingInfo: Record<string, string | null>;
  billingStatus: { is_valid: boolean; message: string };
  plan: string;
  remainingTrialDays: number;
  renewalAt: string | null;
  currentCostInCents: number;
  currency: string;
  clusters: Map<string, { minInCents: number; maxInCents: number }>;
  cards: Map<string, QoveryFakeCard>;
  /** In the order Qovery returns them (oldest first, on purpose not the order clients want). */
  invoices: QoveryFakeInvoice[];
  creditCodes: Map<string, { redeemed: boolean }>;
  invoiceExportsRequested: number;
  usageReports: Map<string, { csv: string; deleteToken: string; request: unknown }>;
}

export interface QoveryFakeOptions {
  token?: string;
  organizationId?: string;
  invoices?: number;
  plan?: string;
  remainingTrialDays?: number;
}

export class QoveryFake {
  readonly state: QoveryFakeState;
  readonly server: FakeServer;
  baseUrl = '';

  constructor(options: QoveryFakeOptions = {}) {
    this.state = {
      organizationId: options.organizationId ?? QOVERY_FAKE_ORGANIZATION_ID,
      token: options.token ?? QOVERY_FAKE_TOKEN,
      billingExternalId: 'AzZlR5TKx3LkQ1bP',
      billingInfo: {
        first_name: 'Forrest',
        last_name: 'Gump',
        email: 'forrest@gump.com',
        address: '21 Jenny Street',
        city: 'Greenbow',
        zip: '36744',
        state: 'Alabama',
        country_code: 'US',
        company: null,
        vat_number: null,
      },
      billingStatus: { is_valid: true, message: 'Billing is valid' },
      plan: options.plan ?? 'TEAM_2025',
      remainingTrialDays: options.remainingTrialDays ?? 0,
      renewalAt: '2026-12-01T00:00:00Z',
      currentCostInCents: 29_900,
      currency: 'USD',
      clusters: new Map([[randomUUID(), { minInCents: 15_000, maxInCents: 30_050 }]]),
      cards: new Map(),
      invoices: [],
      creditCodes: new Map([['WELCOME-100', { redeemed: false }]]),
      invoiceExportsRequested: 0,
      usageReports: new Map(),
    };
    this.seedInvoices(options.invoices ?? 3);
    this.server = new FakeServer(this.routes(), {
      check: (request, route) =>
        route.path.startsWith('/files/') || request.headers.authorization === `Token ${this.state.token}`,
      unauthorized: { status: 401, body: { message: 'Access token is missing or invalid' } },
    });
  }

  async start(): Promise<string> {
    this.baseUrl = await this.server.start();
    return this.baseUrl;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** Replaces the invoices with `count` monthly ones, some sharing a date, statuses cycling. */
  seedInvoices(count: number): QoveryFakeInvoice[] {
    const start = Date.parse('2020-01-01T00:00:00Z');
    this.state.invoices = Array.from({ length: count }, (_, i) => {
      // Every fifth invoice shares its predecessor's date, so ordering must break ties by id.
      const day = i % 5 === 4 ? i - 1 : i;
      const cents = 1_000 + i * 37;
      return {
        id: randomUUID(),
        created_at: new Date(start + day * 86_400_000).toISOString(),
        status: INVOICE_STATUSES[i % INVOICE_STATUSES.length]!,
        total_in_cents: cents,
        total: cents / 100,
        currency_code: 'USD',
      };
    });
    return this.state.invoices;
  }

  get clusterId(): string {
    return [...this.state.clusters.keys()][0]!;
  }

  private routes(): FakeRoute[] {
    const org = '/organization/{organizationId}';
    const route = (method: string, path: string, handler: FakeRoute['handler']): FakeRoute => ({
      method,
      path,
      handler: (request, params) => {
        if (params.organizationId !== undefined) {
          const problem = this.checkOrganization(request, params.organizationId);
          if (problem) return problem;
        }
        return handler(request, params);
      },
    });
    return [
      route('GET', `${org}/billingExternalId`, () => ok({ id: this.state.billingExternalId })),
      route('GET', `${org}/billingInfo`, () => ok(this.state.billingInfo)),
      route('PUT', `${org}/billingInfo`, (request) => this.editBillingInfo(request)),
      route('GET', `${org}/billingStatus`, () => ok(this.state.billingStatus)),
      route('POST', `${org}/billingUsageReport`, (request) => this.usageReport(request)),
      route('POST', `${org}/changePlan`, (request) => this.changePlan(request)),
      route('GET', `${org}/cluster/{clusterId}/currentCost`, (_request, { clusterId }) => {
        const cluster = this.state.clusters.get(clusterId!);
        if (!cluster) return notFound('Cluster not found');
        return ok({
          min_cost_in_cents: cluster.minInCents,
          min_cost: cluster.minInCents / 100,
          max_cost_in_cents: cluster.maxInCents,
          max_cost: cluster.maxInCents / 100,
          currency_code: this.state.currency,
          // Listed as required by the spec's CostRange (an upstream quirk); sent so responses validate.
          total_in_cents: cluster.maxInCents,
          total: cluster.maxInCents / 100,
        });
      }),
      route('GET', `${org}/creditCard`, () => ok({ results: [...this.state.cards.values()] })),
      route('POST', `${org}/creditCard`, (request) => this.addCard(request)),
      route('DELETE', `${org}/creditCard/{creditCardId}`, (_request, { creditCardId }) =>
        this.state.cards.delete(creditCardId!) ? { status: 204 } : notFound('Credit card not found'),
      ),
      route('POST', `${org}/creditCode`, (request) => this.redeem(request)),
      route('GET', `${org}/currentCost`, () =>
        ok({
          plan: this.state.plan,
          remaining_trial_day: this.state.remainingTrialDays,
          renewal_at: this.state.renewalAt,
          cost: {
            total_in_cents: this.state.currentCostInCents,
            total: this.state.currentCostInCents / 100,
            currency_code: this.state.currency,
          },
        }),
      ),
      route('POST', `${org}/downloadInvoices`, () => {
        this.state.invoiceExportsRequested++;
        return { status: 202 };
      }),
      route('GET', `${org}/invoice`, () => ok({ results: this.state.invoices })),
      route('GET', `${org}/invoice/{invoiceId}`, (_request, { invoiceId }) => {
        const invoice = this.findInvoice(invoiceId!);
        return invoice ? ok(invoice) : notFound('Invoice not found');
      }),
      route('GET', `${org}/invoice/{invoiceId}/download`, (_request, { invoiceId }) => {
        if (!this.findInvoice(invoiceId!)) return notFound('Invoice not found');
        // Typed upstream as a service Link: every required Link field is present, only url matters.
        return ok({
          service_id: this.state.organizationId,
          service_type: 'APPLICATION',
          url: `${this.baseUrl}/files/invoices/${invoiceId}.pdf`,
          internal_port: 443,
          external_port: 443,
          is_qovery_domain: true,
          is_default: true,
        });
      }),
      route('GET', '/files/invoices/{fileName}', (_request, { fileName }) => {
        const id = fileName!.replace(/\.pdf$/, '');
        if (!fileName!.endsWith('.pdf') || !this.findInvoice(id)) return notFound('No such file');
        return { status: 200, raw: QOVERY_FAKE_PDF, headers: { 'Content-Type': 'application/pdf' } };
      }),
      route('GET', '/files/usage-reports/{fileName}', (_request, { fileName }) => {
        const report = this.state.usageReports.get(fileName!);
        if (!report) return notFound('No such file');
        return { status: 200, raw: report.csv, headers: { 'Content-Type': 'text/csv' } };
      }),
      route('DELETE', '/files/usage-reports/{fileName}', (request, { fileName }) => {
        const report = this.state.usageReports.get(fileName!);
        if (!report || request.query.token !== report.deleteToken) return notFound('No such file');
        this.state.usageReports.delete(fileName!);
        return { status: 204 };
      }),
    ];
  }

  private checkOrganization(request: RecordedRequest, organizationId: string): FakeResponse | undefined {
    if (!UUID.test(organizationId)) return badRequest('organizationId must be a UUID');
    if (organizationId !== this.state.organizationId) return notFound('Organization not found');
    if (request.rawBody !== '' && !request.contentType?.startsWith('application/json'))
      return badRequest('Content-Type must be application/json');
    return undefined;
  }

  private findInvoice(id: string): QoveryFakeInvoice | undefined {
    return this.state.invoices.find((invoice) => invoice.id === id);
  }

  private editBillingInfo(request: RecordedRequest): FakeResponse {
    const body = objectBody(request);
    for (const field of ['first_name', 'last_name', 'email', 'address', 'city', 'zip', 'country_code']) {
      if (typeof body[field] !== 'string' || body[field] === '') return badRequest(`${field} is required`);
    }
    if (!/^[A-Z]{2}$/.test(String(body.country_code)))
      return badRequest('country_code is not an ISO country code');
    const info = this.state.billingInfo;
    for (const field of Object.keys(info)) {
      if (field in body) info[field] = (body[field] as string | null) ?? null;
    }
    return ok(info);
  }

  private usageReport(request: RecordedRequest): FakeResponse {
    const body = objectBody(request);
    const from = Date.parse(String(body.from));
    const to = Date.parse(String(body.to));
    const expiration = body.report_expiration_in_seconds;
    if (Number.isNaN(from) || Number.isNaN(to) || from >= to) return badRequest('from must be before to');
    if (!Number.isInteger(expiration) || (expiration as number) <= 0)
      return badRequest('report_expiration_in_seconds must be a positive integer');
    const fileName = `${randomUUID()}.csv`;
    const deleteToken = randomUUID();
    const csv = 'date,service,cost_in_cents,currency\n2024-01-01,cluster,1200,USD\n';
    this.state.usageReports.set(fileName, { csv, deleteToken, request: body });
    return ok({
      report_url: `${this.baseUrl}/files/usage-reports/${fileName}`,
      delete_report_url: `${this.baseUrl}/files/usage-reports/${fileName}?token=${deleteToken}`,
    });
  }

  private changePlan(request: RecordedRequest): FakeResponse {
    const plan = objectBody(request).plan;
    if (typeof plan !== 'string' || !PLANS.includes(plan)) return badRequest('plan is not a valid plan');
    this.state.plan = plan;
    this.state.remainingTrialDays = 0;
    return ok({
      id: this.state.organizationId,
      created_at: '2023-02-01T09:30:00Z',
      updated_at: new Date().toISOString(),
      name: 'Bubba Gump',
      description: null,
      plan,
      website_url: null,
      repository: null,
      logo_url: null,
      icon_url: null,
      admin_emails: ['forrest@gump.com'],
      owner: '9a3e6f0c-1b2d-4c5e-8f7a-0b1c2d3e4f5a',
      billing_deployment_restriction: null,
      organization_plan: { plan, audit_logs_retention_in_days: 30 },
    });
  }

  /** Keeps only what a processor would: brand, last four digits, expiry. Number and CVV are dropped. */
  private addCard(request: RecordedRequest): FakeResponse {
    const body = objectBody(request);
    const number = typeof body.number === 'string' ? body.number.replace(/[\s-]/g, '') : '';
    const { cvv, expiry_month: month, expiry_year: year } = body;
    if (!/^\d{12,19}$/.test(number)) return badRequest('number is invalid');
    if (typeof cvv !== 'string' || !/^\d{3,4}$/.test(cvv)) return badRequest('cvv is invalid');
    if (!Number.isInteger(month) || (month as number) < 1 || (month as number) > 12)
      return badRequest('expiry_month is invalid');
    if (!Number.isInteger(year)) return badRequest('expiry_year is invalid');
    if (number === QOVERY_DECLINED_CARD) return badRequest('Your card was declined.');
    const now = new Date();
    const card: QoveryFakeCard = {
      id: randomUUID(),
      created_at: now.toISOString(),
      expiry_month: month as number,
      expiry_year: year as number,
      last_digit: number.slice(-4),
      is_expired:
        (year as number) < now.getUTCFullYear() ||
        ((year as number) === now.getUTCFullYear() && (month as number) < now.getUTCMonth() + 1),
      brand: number.startsWith('4') ? 'VISA' : number.startsWith('5') ? 'MASTERCARD' : 'AMEX',
    };
    this.state.cards.set(card.id, card);
    return { status: 201, body: { ...card } };
  }

  private redeem(request: RecordedRequest): FakeResponse {
    const code = objectBody(request).code;
    const entry = typeof code === 'string' ? this.state.creditCodes.get(code) : undefined;
    if (!entry || entry.redeemed) return badRequest('Invalid or already used credit code');
    entry.redeemed = true;
    return { status: 200 };
  }
}

export function createQoveryFake(options: QoveryFakeOptions = {}): QoveryFake {
  return new QoveryFake(options);
}

// A copy: recorded exchanges must keep what was sent, not the live state.
const ok = (body: unknown): FakeResponse => ({ status: 200, body: structuredClone(body) });
const badRequest = (message: string): FakeResponse => ({ status: 400, body: { message } });
const notFound = (message: string): FakeResponse => ({ status: 404, body: { message } });
const objectBody = (request: RecordedRequest): Record<string, unknown> =>
  typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, unknown>) : {};
