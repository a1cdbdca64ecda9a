import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { type BillingProvider, NativeCatalog, type ProviderId, ProviderRegistry } from '@app/providers';
import { createTestApp, type TestApp } from '../support/app';
import { unusedPort } from '../support/network';

export interface PrismServer {
  /** e.g. `http://127.0.0.1:41234`; spec paths are appended as they stand. */
  baseUrl: string;
  /** Stops the Prism process (by pid); safe to call twice. */
  stop(): Promise<void>;
}

const ROOT = join(__dirname, '..', '..');
const PRISM_BIN = join(ROOT, 'node_modules', '.bin', 'prism');
const START_TIMEOUT_MS = 60_000;

/** Processes started here and not stopped yet: killed when the test process exits, whatever happens. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) if (child.pid) killQuietly(child.pid);
});

/**
 * Starts Stoplight Prism mocking libs/providers/contracts/<provider>.openapi.json on a free
 * loopback port and resolves once it answers HTTP. Prism validates each request against the spec
 * (a 4xx with an `sl-violations` header otherwise) and answers with the spec's examples. Call
 * `stop()` in afterAll; if start-up fails, the process is stopped before the promise rejects.
 */
export async function startPrism(provider: string): Promise<PrismServer> {
  const port = await unusedPort();
  const spec = join(ROOT, 'libs', 'providers', 'contracts', `${provider}.openapi.json`);
  // Single process (no fork), so stopping our child's pid stops Prism entirely.
  const child = spawn(
    PRISM_BIN,
    ['mock', '-h', '127.0.0.1', '-p', String(port), '--multiprocess=false', spec],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4_000);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);

  const stop = async (): Promise<void> => {
    if (!running.has(child)) return;
    running.delete(child);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    killQuietly(child.pid!);
    const forced = setTimeout(() => killQuietly(child.pid!, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(forced);
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(baseUrl, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, stop };
}

function killQuietly(pid: number, signal: NodeJS.Signals = 'SIGTERM'): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

async function waitUntilAnswering(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`Prism exited during start-up (${child.exitCode ?? child.signalCode}):\n${output()}`);
    // Any HTTP answer (even a 404 for "/") means the server is listening and the spec is loaded.
    if (await answers(baseUrl)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Prism did not answer within ${START_TIMEOUT_MS} ms:\n${output()}`);
}

function answers(baseUrl: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(`${baseUrl}/`, { method: 'GET', timeout: 1_000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(false));
    req.end();
  });
}

export interface PrismGateway {
  prism: PrismServer;
  test: TestApp;
  adapter: BillingProvider;
  catalog: NativeCatalog;
  stop(): Promise<void>;
}

/** Prism mocking one provider's spec, and the gateway pointed at it (`<PROVIDER>_API_BASE_URL`). */
export async function startPrismGateway(provider: ProviderId): Promise<PrismGateway> {
  const prism = await startPrism(provider);
  try {
    const test = await createTestApp({ [`${provider.toUpperCase()}_API_BASE_URL`]: prism.baseUrl });
    return {
      prism,
      test,
      adapter: test.app.get(ProviderRegistry).get(provider),
      catalog: test.app.get(NativeCatalog),
      stop: async () => {
        await test.close();
        await prism.stop();
      },
    };
  } catch (error) {
    await prism.stop();
    throw error;
  }
}
