/**
 * The benchmark's baseline: the least a gateway could do for POST /v1/portal-session. A bare
 * node:http server that parses the JSON body and makes the same upstream call the adapter makes,
 * with the same HTTP client on the same keep-alive agent (the Stripe SDK for Stripe; for Ampersand
 * axios with the upstream layer's transport, nodeHttpAdapter), and answers the portal URL. No authentication, no database, no validation, no
 * logging: whatever the gateway costs beyond this is its own overhead.
 *
 * Environment: BASELINE_PROVIDER (stripe | ampersand), BASELINE_UPSTREAM (the fake's base URL),
 * BASELINE_API_KEY, BASELINE_ACCOUNT (JSON: customerId / billingAccountId), BASELINE_SETTINGS (JSON).
 * Prints `BENCH_READY {"url": ...}` once listening.
 */
import axios from 'axios';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { createKeepAliveAgents } from '../libs/providers/src/upstream/keep-alive-agents';
import { nodeHttpAdapter } from '../libs/providers/src/upstream/node-http-adapter';
import { exitWithParent, reportReady } from './lib/processes';

const provider = process.env.BASELINE_PROVIDER ?? 'stripe';
const upstream = new URL(process.env.BASELINE_UPSTREAM ?? 'http://127.0.0.1:1');
const apiKey = process.env.BASELINE_API_KEY ?? '';
const account = JSON.parse(process.env.BASELINE_ACCOUNT ?? '{}') as Record<string, string>;
const settings = JSON.parse(process.env.BASELINE_SETTINGS ?? '{}') as Record<string, unknown>;
// The gateway's defaults (UPSTREAM_CONNECT_TIMEOUT_MS, UPSTREAM_TIMEOUT_MS, UPSTREAM_MAX_RETRIES).
const agents = createKeepAliveAgents(3_000);
const TIMEOUT_MS = 10_000;
const MAX_RETRIES = 2;

type Forward = (returnUrl: string) => Promise<string>;

function stripeForwarder(): Forward {
  const stripe = new Stripe('sk_unset_every_call_passes_its_own_key', {
    host: upstream.hostname,
    port: upstream.port,
    protocol: 'http',
    apiVersion: '2023-08-16' as Stripe.LatestApiVersion,
    maxNetworkRetries: MAX_RETRIES,
    timeout: TIMEOUT_MS,
    httpClient: Stripe.createNodeHttpClient(agents.http),
    telemetry: false,
  });
  return async (returnUrl) => {
    const session = await stripe.billingPortal.sessions.create(
      {
        customer: account.customerId!,
        return_url: returnUrl,
        ...(settings.portalConfigurationId
          ? { configuration: settings.portalConfigurationId as string }
          : {}),
      },
      { apiKey, idempotencyKey: randomUUID() },
    );
    return session.url;
  };
}

function ampersandForwarder(): Forward {
  const http = axios.create({
    baseURL: upstream.href.replace(/\/+$/, ''),
    adapter: nodeHttpAdapter(agents),
    timeout: TIMEOUT_MS,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
  });
  const path = `/billingAccounts/${encodeURIComponent(account.billingAccountId!)}/portalSession`;
  return async (returnUrl) => {
    const body =
      settings.timeout === undefined
        ? { redirectUrl: returnUrl }
        : { redirectUrl: returnUrl, timeout: settings.timeout };
    const response = await http.post<string>(path, JSON.stringify(body), {
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'X-Api-Key': apiKey },
    });
    if (response.status !== 200) throw new Error(`upstream answered ${response.status}`);
    return (JSON.parse(response.data) as { url: string }).url;
  };
}

const forward = provider === 'ampersand' ? ampersandForwarder() : stripeForwarder();

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    const { returnUrl } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { returnUrl: string };
    const url = await forward(returnUrl);
    response.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ url }));
  } catch (error) {
    response
      .writeHead(502, { 'Content-Type': 'application/json' })
      .end(JSON.stringify({ error: (error as Error).message }));
  }
}

const server = createServer((request, response) => void handle(request, response));
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  exitWithParent(() => {
    server.closeAllConnections();
    server.close();
    agents.http.destroy();
  });
  reportReady({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});
