import { randomBytes } from 'node:crypto';
import { OpenApiContract, ProviderId } from '@app/providers';
import type { FakeResponse, FakeRoute, RecordedRequest } from './fake-server';
import {
  portalConfigurationObject,
  portalFeatures,
  portalSessionObject,
  type StripeObject,
} from './stripe-fake-objects';

/**
 * The Stripe fake's endpoints: the twelve operations of the contract over mutable state, with
 * Stripe's parameter handling (form bodies, bracket notation, cursor pagination) and error format.
 */

/** The API version of the contract; the fake answers nothing else (Stripe-Version is required). */
export const STRIPE_FAKE_API_VERSION = '2023-08-16';

export interface StripeFakeState {
  customers: Map<string, StripeObject>;
  prices: Map<string, StripeObject>;
  subscriptions: Map<string, StripeObject>;
  /** Newest first, as Stripe lists them. */
  invoices: StripeObject[];
  configurations: Map<string, StripeObject>;
  sessions: StripeObject[];
}

export const newId = (prefix: string) => `${prefix}_${randomBytes(8).toString('hex')}`;
type Params = Record<string, unknown>;

export const stripeError = (
  status: number,
  error: { type?: string; code?: string; param?: string; message: string },
): FakeResponse => ({ status, body: { error: { type: 'invalid_request_error', ...error } } });

/** A missing object named in the URL is a 404; one named by a parameter is a 400 on that parameter. */
const noSuch = (kind: string, id: string, param?: string) =>
  stripeError(param ? 400 : 404, {
    code: 'resource_missing',
    param: param ?? 'id',
    message: `No such ${kind}: '${id}'`,
  });
// A copy: recorded exchanges must show what was sent, not later mutations of the state.
const ok = (body: unknown): FakeResponse => ({ status: 200, body: structuredClone(body) });
const asBool = (value: unknown) => value === true || value === 'true';
const asInt = (value: unknown) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN);

/**
 * Checks Stripe applies to every request before routing: the pinned Stripe-Version, a
 * form-encoded body, and parameters the endpoint knows (validated against the contract, as Stripe
 * rejects unknown or malformed parameters with 400 invalid_request_error).
 */
function stripeRoute(
  method: string,
  path: string,
  handler: (params: Params, path: Record<string, string>) => FakeResponse,
): FakeRoute {
  return {
    method,
    path,
    handler: (request, pathParams) => {
      if (request.headers['stripe-version'] !== STRIPE_FAKE_API_VERSION) {
        return stripeError(400, {
          message: `This fake speaks Stripe-Version ${STRIPE_FAKE_API_VERSION}; got ${String(request.headers['stripe-version'])}`,
        });
      }
      if (request.rawBody !== '' && !request.contentType?.startsWith('application/x-www-form-urlencoded')) {
        return stripeError(400, {
          message:
            'Invalid request (check that your POST content type is application/x-www-form-urlencoded).',
        });
      }
      const params = paramsOf(request);
      const contract = OpenApiContract.for(ProviderId.stripe);
      const matched = contract.match(method, request.path)!;
      const violations = contract.validateRequest(matched.operation.operationId, {
        pathParams: matched.pathParams,
        query: method === 'GET' ? params : {},
        body: method === 'GET' ? undefined : params,
        formEncoded: true,
      });
      if (violations.length > 0) {
        const param = violations[0]!.field.replace(/^(body|query)\.?/, '');
        return stripeError(400, {
          param,
          message: `Invalid ${param || 'request'}: ${violations[0]!.message}`,
        });
      }
      return handler(params, pathParams);
    },
  };
}

/** Stripe reads GET and DELETE parameters from the query string and POST ones from the form body. */
function paramsOf(request: RecordedRequest): Params {
  const body = request.body && typeof request.body === 'object' ? (request.body as Params) : {};
  return request.method === 'POST' ? body : { ...request.query, ...body };
}

function page(items: StripeObject[], params: Params, url: string): FakeResponse {
  const limit = params.limit === undefined ? 10 : asInt(params.limit);
  if (!(limit >= 1 && limit <= 100))
    return stripeError(400, { param: 'limit', message: 'This value must be between 1 and 100.' });
  let start = 0;
  let end: number;
  if (typeof params.starting_after === 'string') {
    const index = items.findIndex((item) => item.id === params.starting_after);
    if (index < 0) return noSuch('object', params.starting_after, 'starting_after');
    start = index + 1;
    end = start + limit;
  } else if (typeof params.ending_before === 'string') {
    const index = items.findIndex((item) => item.id === params.ending_before);
    if (index < 0) return noSuch('object', params.ending_before, 'ending_before');
    end = index;
    start = Math.max(0, end - limit);
  } else {
    end = limit;
  }
  return ok({ object: 'list', data: items.slice(start, end), has_more: end < items.length, url });
}

/** Every route; portal sessions without a `configuration` use `defaultConfigurationId`. */
export function stripeRoutes(state: StripeFakeState, defaultConfigurationId: string): FakeRoute[] {
  return [
    stripeRoute('GET', '/v1/customers/{customer}', (_params, { customer }) => {
      const found = state.customers.get(customer!);
      return found ? ok(found) : noSuch('customer', customer!);
    }),
    ...portalRoutes(state, defaultConfigurationId),
    ...subscriptionRoutes(state),
    ...invoiceRoutes(state),
  ];
}

function portalRoutes(state: StripeFakeState, defaultConfigurationId: string): FakeRoute[] {
  const enabledFlags = (features: unknown) =>
    Object.fromEntries(
      Object.entries((features ?? {}) as Record<string, { enabled?: unknown }>)
        .filter(([, feature]) => feature?.enabled !== undefined)
        .map(([name, feature]) => [name, asBool(feature.enabled)]),
    );
  const currentFlags = (configuration: StripeObject) =>
    Object.fromEntries(
      Object.entries(configuration.features as Record<string, { enabled: boolean }>).map(([name, f]) => [
        name,
        f.enabled,
      ]),
    );
  return [
    stripeRoute('GET', '/v1/billing_portal/configurations', (params) => {
      const all = [...state.configurations.values()]
        .filter((c) => params.active === undefined || c.active === asBool(params.active))
        .filter((c) => params.is_default === undefined || c.is_default === asBool(params.is_default))
        .sort((a, b) => (b.created as number) - (a.created as number));
      return page(all, params, '/v1/billing_portal/configurations');
    }),
    stripeRoute('POST', '/v1/billing_portal/configurations', (params) => {
      const configuration = portalConfigurationObject({
        id: newId('bpc'),
        isDefault: false,
        created: Math.floor(Date.now() / 1000),
        features: portalFeatures(enabledFlags(params.features)),
        headline: ((params.business_profile ?? {}) as Params).headline as string | undefined,
      });
      configuration.default_return_url = (params.default_return_url as string | undefined) ?? null;
      configuration.metadata = (params.metadata as Params | undefined) ?? {};
      state.configurations.set(configuration.id, configuration);
      return ok(configuration);
    }),
    stripeRoute('GET', '/v1/billing_portal/configurations/{configuration}', (_params, { configuration }) => {
      const found = state.configurations.get(configuration!);
      return found ? ok(found) : noSuch('configuration', configuration!);
    }),
    stripeRoute('POST', '/v1/billing_portal/configurations/{configuration}', (params, { configuration }) => {
      const found = state.configurations.get(configuration!);
      if (!found) return noSuch('configuration', configuration!);
      if (params.active !== undefined) found.active = asBool(params.active);
      if (params.features !== undefined)
        found.features = portalFeatures({ ...currentFlags(found), ...enabledFlags(params.features) });
      if (params.business_profile !== undefined)
        found.business_profile = {
          ...(found.business_profile as Params),
          ...(params.business_profile as Params),
        };
      if (params.default_return_url !== undefined)
        found.default_return_url = params.default_return_url || null;
      if (params.metadata !== undefined)
        found.metadata = { ...(found.metadata as Params), ...(params.metadata as Params) };
      found.updated = Math.floor(Date.now() / 1000);
      return ok(found);
    }),
    stripeRoute('POST', '/v1/billing_portal/sessions', (params) => {
      const customer = state.customers.get(params.customer as string);
      if (!customer || customer.deleted) return noSuch('customer', params.customer as string, 'customer');
      const configuration = (params.configuration as string | undefined) ?? defaultConfigurationId;
      if (!state.configurations.has(configuration))
        return noSuch('configuration', configuration, 'configuration');
      const session = portalSessionObject({
        id: newId('bps'),
        customer: customer.id,
        configuration,
        returnUrl: (params.return_url as string | undefined) ?? null,
        locale: (params.locale as string | undefined) ?? null,
        created: Math.floor(Date.now() / 1000),
      });
      state.sessions.push(session);
      return ok(session);
    }),
  ];
}

function subscriptionRoutes(state: StripeFakeState): FakeRoute[] {
  const find = (id: string) => state.subscriptions.get(id);
  const ENDED = new Set(['canceled', 'incomplete_expired']);
  return [
    stripeRoute('GET', '/v1/subscriptions', (params) => {
      const all = [...state.subscriptions.values()]
        .filter((s) => params.customer === undefined || s.customer === params.customer)
        .filter((s) =>
          params.status === 'all'
            ? true
            : params.status === undefined
              ? !ENDED.has(s.status as string)
              : params.status === 'ended'
                ? ENDED.has(s.status as string)
                : s.status === params.status,
        )
        .sort((a, b) => (b.created as number) - (a.created as number));
      return page(all, params, '/v1/subscriptions');
    }),
    stripeRoute(
      'GET',
      '/v1/subscriptions/{subscription_exposed_id}',
      (_params, { subscription_exposed_id: id }) => {
        const found = find(id!);
        return found ? ok(found) : noSuch('subscription', id!);
      },
    ),
    stripeRoute(
      'POST',
      '/v1/subscriptions/{subscription_exposed_id}',
      (params, { subscription_exposed_id: id }) => {
        const found = find(id!);
        if (!found) return noSuch('subscription', id!);
        if (
          ENDED.has(found.status as string) &&
          (params.items !== undefined || params.cancel_at_period_end !== undefined)
        )
          return stripeError(400, {
            message: 'A canceled subscription can only update its cancellation_details and metadata.',
          });
        const items = (found.items as { data: StripeObject[] }).data;
        const changes = (params.items ?? []) as Params[];
        for (const [index, change] of changes.entries()) {
          const item = items.find((candidate) => candidate.id === change.id);
          if (!item) return noSuch('subscription item', String(change.id), `items[${index}][id]`);
          if (change.price !== undefined && !state.prices.has(change.price as string))
            return noSuch('price', String(change.price), `items[${index}][price]`);
          if (change.quantity !== undefined && Number.isNaN(asInt(change.quantity)))
            return stripeError(400, { param: `items[${index}][quantity]`, message: 'Invalid integer' });
        }
        for (const change of changes) {
          const item = items.find((candidate) => candidate.id === change.id)!;
          if (change.price !== undefined) item.price = state.prices.get(change.price as string)!;
          if (change.quantity !== undefined) item.quantity = asInt(change.quantity);
        }
        if (params.cancel_at_period_end !== undefined) {
          const cancel = asBool(params.cancel_at_period_end);
          found.cancel_at_period_end = cancel;
          found.cancel_at = cancel ? found.current_period_end : null;
          found.canceled_at = cancel ? Math.floor(Date.now() / 1000) : null;
        }
        if (params.metadata !== undefined)
          found.metadata = { ...(found.metadata as Params), ...(params.metadata as Params) };
        return ok(found);
      },
    ),
    stripeRoute(
      'DELETE',
      '/v1/subscriptions/{subscription_exposed_id}',
      (_params, { subscription_exposed_id: id }) => {
        const found = find(id!);
        if (!found) return noSuch('subscription', id!);
        const now = Math.floor(Date.now() / 1000);
        Object.assign(found, { status: 'canceled', canceled_at: now, ended_at: now });
        return ok(found);
      },
    ),
  ];
}

function invoiceRoutes(state: StripeFakeState): FakeRoute[] {
  return [
    stripeRoute('GET', '/v1/invoices', (params) => {
      const matching = state.invoices
        .filter((invoice) => params.customer === undefined || invoice.customer === params.customer)
        .filter((invoice) => params.status === undefined || invoice.status === params.status)
        .filter(
          (invoice) => params.subscription === undefined || invoice.subscription === params.subscription,
        );
      return page(matching, params, '/v1/invoices');
    }),
    stripeRoute('GET', '/v1/invoices/{invoice}', (_params, { invoice }) => {
      const found = state.invoices.find((candidate) => candidate.id === invoice);
      return found ? ok(found) : noSuch('invoice', invoice!);
    }),
  ];
}
