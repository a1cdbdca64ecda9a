/**
 * The fake upstreams of the benchmark, in a process of their own so the load generator and the
 * fakes do not share an event loop: the Stripe, Ampersand and Qovery fakes of test/fakes with no
 * artificial delay, plus a file server for invoice PDFs of a configurable size (the Qovery fake's
 * PDF links are pointed at it). A small control server reports request counts. The fakes record
 * every request for the tests' assertions; here those records are dropped every second so memory
 * stays flat under load. Prints `BENCH_READY {urls}` once listening.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { createAmpersandFake } from '../test/fakes/ampersand-fake';
import type { FakeServer } from '../test/fakes/fake-server';
import { createQoveryFake } from '../test/fakes/qovery-fake';
import { createStripeFake } from '../test/fakes/stripe-fake';
import { exitWithParent, reportReady } from './lib/processes';

export interface UpstreamUrls {
  stripe: string;
  ampersand: string;
  qovery: string;
  files: string;
  control: string;
}

export interface UpstreamCounts {
  stripe: number;
  ampersand: number;
  qovery: number;
  pdfs: number;
  pdfBytes: number;
}

const PDF_BYTES = Number(process.env.BENCH_PDF_BYTES ?? 200 * 1024);
const QOVERY_INVOICES = Number(process.env.BENCH_QOVERY_INVOICES ?? 500);

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{
  url: string;
  close: () => Promise<void>;
}> {
  const server = createServer(handler);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function main(): Promise<void> {
  const stripe = createStripeFake({ invoiceCount: 20 });
  const ampersand = createAmpersandFake();
  const qovery = createQoveryFake({ invoices: QOVERY_INVOICES });
  const urls = {
    stripe: await stripe.server.start(),
    ampersand: await ampersand.start(),
    qovery: await qovery.start(),
  };

  const counts: UpstreamCounts = { stripe: 0, ampersand: 0, qovery: 0, pdfs: 0, pdfBytes: 0 };
  const servers: Array<[keyof UpstreamCounts, FakeServer]> = [
    ['stripe', stripe.server],
    ['ampersand', ampersand.server],
    ['qovery', qovery.server],
  ];
  const flush = () => {
    for (const [name, server] of servers) {
      counts[name] += server.requests.length;
      server.reset();
    }
    stripe.state.sessions.length = 0;
    ampersand.sessions.length = 0;
  };
  const flusher = setInterval(flush, 1_000);

  // Incompressible content shared by every PDF; each file starts with its invoice id.
  const body = randomBytes(PDF_BYTES);
  const files = await listen((req, res) => {
    const match = /^\/files\/invoices\/([^/?]+)\.pdf$/.exec(req.url ?? '');
    if (req.method !== 'GET' || !match) {
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"message":"No such file"}');
      return;
    }
    const head = Buffer.from(`%PDF-1.4\n% invoice ${decodeURIComponent(match[1]!)}\n`);
    const pdf = Buffer.concat([head, body.subarray(head.length)]);
    counts.pdfs++;
    counts.pdfBytes += pdf.length;
    res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': pdf.length }).end(pdf);
  });
  qovery.baseUrl = files.url; // the fake's PDF links now point at the file server

  const control = await listen((req, res) => {
    if (req.url === '/counts') {
      flush();
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(counts));
      return;
    }
    res.writeHead(404).end();
  });

  exitWithParent(async () => {
    clearInterval(flusher);
    await Promise.all([
      stripe.server.stop(),
      ampersand.stop(),
      qovery.stop(),
      files.close(),
      control.close(),
    ]);
  });
  const ready: UpstreamUrls = { ...urls, files: files.url, control: control.url };
  reportReady(ready);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
