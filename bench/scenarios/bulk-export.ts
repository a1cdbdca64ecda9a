import { QOVERY_FAKE_ORGANIZATION_ID, QOVERY_FAKE_TOKEN } from '../../test/fakes/qovery-fake';
import { sampleRss } from '../lib/processes';
import type { Stack } from '../lib/stack';
import { log } from '../lib/stack';

export interface BulkExportResult {
  invoices: number;
  exported: number;
  failed: number;
  bytesMoved: number;
  archiveBytes: number;
  wallTimeS: number;
  throughputMiBs: number;
  rss: { baseline: number; peak: number; last: number; growth: number; samples: number; timeline: number[] };
}

interface JobBody {
  id: string;
  status: string;
  result: { exported?: Array<{ size: number }>; failed?: unknown[] } | null;
  error: unknown;
  artifact: { size: number } | null;
}

async function submit(stack: Stack, apiKey: string, body: object): Promise<string> {
  const response = await fetch(`${stack.apiUrl}/v1/invoice-downloads`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 202)
    throw new Error(`POST /v1/invoice-downloads answered ${response.status}: ${text}`);
  return (JSON.parse(text) as { job: { id: string } }).job.id;
}

async function waitForJob(stack: Stack, apiKey: string, id: string, timeoutMs: number): Promise<JobBody> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await fetch(`${stack.apiUrl}/v1/jobs/${id}`, {
      headers: { Authorization: `Bearer ${apiKey}` },
    });
    const job = (await response.json()) as JobBody;
    if (job.status === 'succeeded') return job;
    if (job.status === 'failed') throw new Error(`export job failed: ${JSON.stringify(job.error)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`export job ${id} did not finish within ${timeoutMs} ms`);
}

/**
 * POST /v1/invoice-downloads for every invoice of a Qovery connection whose fake serves
 * `invoices` invoices of BENCH_PDF_BYTES each: wall time to a finished job, and the worker's
 * resident memory sampled every 50 ms from /proc (after a small warm-up export, so code loaded
 * on first use is not counted as growth).
 */
export async function bulkExport(
  stack: Stack,
  invoices: number,
  timeoutMs: number,
): Promise<BulkExportResult> {
  const worker = stack.worker;
  if (!worker) throw new Error('bulk export needs the worker');
  const tenant = await stack.admin.tenantWithKey('bench-export');
  await stack.admin.connection(tenant.tenantId, {
    provider: 'qovery',
    credentials: { apiKey: QOVERY_FAKE_TOKEN },
    account: { organizationId: QOVERY_FAKE_ORGANIZATION_ID },
    isPrimary: true,
  });
  // Warm-up: the same path with a few files.
  const listed = await fetch(`${stack.apiUrl}/v1/invoices?limit=5`, {
    headers: { Authorization: `Bearer ${tenant.apiKey}` },
  });
  const firstIds = ((await listed.json()) as { data: Array<{ id: string }> }).data.map(
    (invoice) => invoice.id,
  );
  await waitForJob(
    stack,
    tenant.apiKey,
    await submit(stack, tenant.apiKey, { invoiceIds: firstIds }),
    timeoutMs,
  );
  await new Promise((resolve) => setTimeout(resolve, 1_000));

  const before = await stack.upstreamCounts();
  const sampler = sampleRss(worker.pid, 50);
  const started = process.hrtime.bigint();
  const id = await submit(stack, tenant.apiKey, {});
  const job = await waitForJob(stack, tenant.apiKey, id, timeoutMs);
  const wallTimeS = Number(process.hrtime.bigint() - started) / 1e9;
  const rss = sampler.stop();
  const after = await stack.upstreamCounts();
  const exported = job.result?.exported ?? [];
  const bytesMoved = exported.reduce((sum, entry) => sum + entry.size, 0);
  const result: BulkExportResult = {
    invoices: after.pdfs! - before.pdfs!,
    exported: exported.length,
    failed: job.result?.failed?.length ?? 0,
    bytesMoved,
    archiveBytes: job.artifact?.size ?? 0,
    wallTimeS,
    throughputMiBs: bytesMoved / (1024 * 1024) / wallTimeS,
    rss: { ...rss, growth: rss.peak - rss.baseline },
  };
  log(
    `bulk export: ${result.exported} PDFs, ${(bytesMoved / 1048576).toFixed(1)} MiB in ${wallTimeS.toFixed(1)} s, ` +
      `worker RSS ${(rss.baseline / 1048576).toFixed(0)} → peak ${(rss.peak / 1048576).toFixed(0)} MiB ` +
      `(by tenths: ${rss.timeline.map((bytes) => (bytes / 1048576).toFixed(0)).join(' ')})`,
  );
  if (result.exported !== invoices || result.failed !== 0)
    throw new Error(
      `expected ${invoices} exported invoices, got ${result.exported} (${result.failed} failed)`,
    );
  return result;
}
