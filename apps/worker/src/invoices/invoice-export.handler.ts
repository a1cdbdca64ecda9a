import { Injectable } from '@nestjs/common';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { AppConfig } from '@app/config';
import { GatewayError } from '@app/errors';
import { Capability, type ResolvedConnection } from '@app/providers';
import { ArtifactMeter, ArtifactStorage, type JobProblem, problemOf } from '@app/queue';
import { JobHandler, type JobContext, type JobOutcome } from '../runner/job-handler';
import { artifactKey, invoiceFileName, InvoicePdfs } from './invoice-pdfs';

/** Share of the progress bar for downloading; the rest is finishing the archive. */
const DOWNLOAD_SHARE = 95;

interface ZipEntry {
  invoiceId: string;
  filename: string;
  size: number;
  sha256: string;
}

/**
 * Runs task over items with at most `concurrency` running at once. After a failure no new item
 * starts, and the in-flight ones settle before the first error is thrown (nothing keeps running
 * behind the caller's back, e.g. into a directory it is about to delete).
 */
async function eachLimited<T>(
  items: T[],
  concurrency: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < items.length) {
      try {
        await task(items[next++]!);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const lanes = await Promise.allSettled(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  const rejected = lanes.find((outcome) => outcome.status === 'rejected');
  if (rejected) throw rejected.reason;
}

/**
 * The archive's read function for a downloaded file, deleting the file once copied. Built outside
 * addPdf on purpose: yazl keeps every entry's function until the archive ends, and a closure made
 * inside addPdf would keep that call's scope alive with it (the download's meter, and through the
 * stream listeners the HTTP response and its buffers), i.e. memory growing with the export.
 */
function scratchFileStream(
  path: string,
): (callback: (error: Error | null, stream: Readable) => void) => void {
  return (callback) =>
    callback(
      null,
      createReadStream(path).once('close', () => void rm(path, { force: true })),
    );
}

/**
 * invoice_export: many invoice PDFs into one ZIP artifact. PDFs download EXPORT_CONCURRENCY at a
 * time into a private temp directory (bounded memory whatever the sizes); each finished file is
 * appended to the archive, which streams straight into artifact storage, and is deleted once
 * copied. An invoice that fails is listed with its problem instead of failing the export.
 */
@Injectable()
export class InvoiceExportHandler extends JobHandler<'invoice_export'> {
  readonly type = 'invoice_export' as const;

  constructor(
    private readonly pdfs: InvoicePdfs,
    private readonly storage: ArtifactStorage,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async run({ job, input, progress }: JobContext<'invoice_export'>): Promise<JobOutcome> {
    const resolved = await this.pdfs.connection(job, ...(input.invoiceIds ? [] : [Capability.ListInvoices]));
    const invoiceIds = input.invoiceIds ?? (await this.allInvoiceIds(resolved));
    const filename = `invoices-${job.id}.zip`;
    const scratch = await mkdtemp(join(tmpdir(), 'bgw-export-'));
    const zip = new ZipFile();
    const archive = zip.outputStream as PassThrough; // what yazl documents it to be
    // Any failure (a scratch file unreadable, or ours below) abandons the partial archive in storage.
    zip.on('error', (error: Error) => archive.destroy(error));
    const stored = this.storage.write(artifactKey(job, filename), archive, {
      declaredContentType: 'application/zip',
    });
    stored.catch(() => undefined); // awaited below; an early failure must not be an unhandled rejection
    const entries: ZipEntry[] = [];
    const failed: Array<{ invoiceId: string; problem: JobProblem }> = [];
    let firstFailure: GatewayError | undefined;
    try {
      await eachLimited(invoiceIds, this.config.EXPORT_CONCURRENCY, async (invoiceId) => {
        try {
          entries.push(await this.addPdf(zip, resolved, invoiceId, scratch));
        } catch (error) {
          if (!(error instanceof GatewayError)) throw error; // our own fault (disk, bug): fail the job
          firstFailure ??= error;
          failed.push({ invoiceId, problem: problemOf(error) });
        }
        await progress(((entries.length + failed.length) / invoiceIds.length) * DOWNLOAD_SHARE);
      });
      // Nothing exported at all: the export failed (and may be retried), it did not succeed empty.
      if (firstFailure && entries.length === 0) throw firstFailure;
      zip.end();
      const artifact = await stored;
      const order = new Map(invoiceIds.map((id, index) => [id, index]));
      entries.sort((a, b) => order.get(a.invoiceId)! - order.get(b.invoiceId)!);
      return {
        result: { invoiceCount: invoiceIds.length, exported: entries, failed },
        artifact: { ...artifact, filename },
      };
    } catch (error) {
      archive.destroy(error as Error);
      await stored.catch(() => undefined);
      throw error;
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }

  /** Downloads one PDF to the scratch directory, then queues it into the archive. */
  private async addPdf(
    zip: ZipFile,
    resolved: ResolvedConnection,
    invoiceId: string,
    scratch: string,
  ): Promise<ZipEntry> {
    const filename = invoiceFileName(invoiceId);
    const path = join(scratch, filename);
    const meter = new ArtifactMeter(this.config.DOWNLOAD_MAX_BYTES);
    await this.pdfs.fetch(resolved, invoiceId, (body) => pipeline(body, meter, createWriteStream(path)));
    zip.addReadStreamLazy(filename, { size: meter.size, compress: false }, scratchFileStream(path));
    return { invoiceId, filename, size: meter.size, sha256: meter.sha256() };
  }

  /**
   * Every invoice of the connection (newest first), up to EXPORT_MAX_INVOICES. Each page asks for
   * all the invoices still wanted: adapters cap it at what their provider serves per call (Stripe:
   * 100), and one whose provider returns the whole list at once (Qovery) then fetches and maps it
   * once, not once per 100 invoices.
   */
  private async allInvoiceIds(resolved: ResolvedConnection): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const limit = this.config.EXPORT_MAX_INVOICES - ids.length;
      const page = await resolved.adapter.listInvoices!(resolved.call, { limit, cursor });
      ids.push(...page.data.map((invoice) => invoice.id));
      cursor = page.hasMore && page.nextCursor ? page.nextCursor : undefined;
    } while (cursor && ids.length < this.config.EXPORT_MAX_INVOICES);
    return ids.slice(0, this.config.EXPORT_MAX_INVOICES);
  }
}
