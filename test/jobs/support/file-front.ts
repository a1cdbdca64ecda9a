import { createHash } from 'node:crypto';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { QoveryFake } from '../../fakes/qovery-fake';

type Behaviour =
  | { kind: 'status'; status: number }
  | { kind: 'hold'; started: () => void; released: Promise<void> }
  | { kind: 'slow'; durationMs: number };

/**
 * Stands in front of the Qovery fake's file URLs (the fake's links point here): serves invoice PDFs
 * itself, distinct per invoice and of any size, and can fail, hold or slow the next downloads;
 * everything else (usage reports and their deletion) is passed through to the fake. Every request
 * is recorded with its time.
 */
export class FileFront {
  readonly requests: Array<{ method: string; path: string; at: number }> = [];
  /** Size of every served PDF. */
  pdfSize = 8 * 1024;
  private readonly behaviours: Array<{ pathIncludes: string; behaviour: Behaviour }> = [];
  private readonly server: Server;
  private upstream = '';

  private constructor() {
    this.server = createServer((request, response) => void this.handle(request, response));
  }

  /** Starts and points the fake's file links at this server. */
  static async start(fake: QoveryFake): Promise<FileFront> {
    const front = new FileFront();
    front.upstream = fake.baseUrl;
    await new Promise<void>((resolve) => front.server.listen(0, '127.0.0.1', resolve));
    fake.baseUrl = `http://127.0.0.1:${(front.server.address() as AddressInfo).port}`;
    return front;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The bytes served for an invoice: a PDF header, then pseudo-random content derived from the id. */
  pdfFor(invoiceId: string): Buffer {
    const head = Buffer.from(`%PDF-1.4\n% invoice ${invoiceId}\n`);
    const tail = Buffer.from('\n%%EOF\n');
    const body = Buffer.alloc(Math.max(0, this.pdfSize - head.length - tail.length));
    for (let offset = 0, block = 0; offset < body.length; offset += 32, block++) {
      createHash('sha256').update(`${invoiceId}:${block}`).digest().copy(body, offset);
    }
    return Buffer.concat([head, body, tail]);
  }

  /** The next downloads whose path includes `pathIncludes` answer these statuses, in order. */
  failNext(pathIncludes: string, ...statuses: number[]): void {
    for (const status of statuses)
      this.behaviours.push({ pathIncludes, behaviour: { kind: 'status', status } });
  }

  /** The next matching download sends half its body, then waits for release() (or a dropped client). */
  holdNext(pathIncludes: string): { started: Promise<void>; release: () => void } {
    let release!: () => void;
    let started!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const startedPromise = new Promise<void>((resolve) => (started = resolve));
    this.behaviours.push({ pathIncludes, behaviour: { kind: 'hold', started, released } });
    return { started: startedPromise, release };
  }

  /** The next matching download trickles its body over durationMs. */
  slowNext(pathIncludes: string, durationMs: number): void {
    this.behaviours.push({ pathIncludes, behaviour: { kind: 'slow', durationMs } });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = request.url ?? '/';
    this.requests.push({ method: request.method ?? 'GET', path, at: Date.now() });
    const index = this.behaviours.findIndex(({ pathIncludes }) => path.includes(pathIncludes));
    const behaviour = index >= 0 ? this.behaviours.splice(index, 1)[0]!.behaviour : undefined;
    if (behaviour?.kind === 'status') {
      response
        .writeHead(behaviour.status, { 'Content-Type': 'application/json' })
        .end('{"message":"injected"}');
      return;
    }
    const invoice = /^\/files\/invoices\/([^/?]+)\.pdf$/.exec(path);
    if (!invoice) {
      this.proxy(request, response);
      return;
    }
    const pdf = this.pdfFor(decodeURIComponent(invoice[1]!));
    response.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': pdf.length });
    if (behaviour?.kind === 'hold') {
      response.write(pdf.subarray(0, pdf.length / 2));
      behaviour.started();
      await Promise.race([behaviour.released, new Promise((resolve) => response.once('close', resolve))]);
      response.end(pdf.subarray(pdf.length / 2));
    } else if (behaviour?.kind === 'slow') {
      const steps = 10;
      const step = Math.ceil(pdf.length / steps);
      for (let i = 0; i < steps && !response.destroyed; i++) {
        response.write(pdf.subarray(i * step, (i + 1) * step));
        await new Promise((resolve) => setTimeout(resolve, behaviour.durationMs / steps));
      }
      response.end();
    } else {
      response.end(pdf);
    }
  }

  private proxy(request: IncomingMessage, response: ServerResponse): void {
    const upstream = httpRequest(`${this.upstream}${request.url}`, {
      method: request.method,
      headers: request.headers,
    });
    upstream.on('response', (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  }
}
