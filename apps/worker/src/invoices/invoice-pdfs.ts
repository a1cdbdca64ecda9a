import { Injectable } from '@nestjs/common';
import type { Job } from '@prisma/client';
import type { Readable } from 'node:stream';
import { AppConfig } from '@app/config';
import { Capability, ConnectionResolver, type ResolvedConnection } from '@app/providers';
import { ArtifactStorage, type StoredArtifact } from '@app/queue';
import { RemoteFiles } from '../downloads/remote-files';
import { jobConnection } from '../runner/job-connection';

/** Safe in file names and ZIP entries whatever a provider's invoice ids look like. */
export const invoiceFileName = (invoiceId: string): string =>
  `invoice-${invoiceId.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 120)}.pdf`;

/** Where a job's files live in artifact storage: under its tenant and job, never client-chosen. */
export const artifactKey = (job: { tenantId: string; id: string }, fileName: string): string =>
  `${job.tenantId}/${job.id}/${fileName}`;

/** Invoice PDFs, as the single download and the bulk export both fetch them. */
@Injectable()
export class InvoicePdfs {
  constructor(
    private readonly resolver: ConnectionResolver,
    private readonly remote: RemoteFiles,
    private readonly storage: ArtifactStorage,
    private readonly config: AppConfig,
  ) {}

  /** The job's connection, able to link invoice PDFs (and, for `also`, more). */
  connection(
    job: Pick<Job, 'tenantId' | 'connectionId'>,
    ...also: Capability[]
  ): Promise<ResolvedConnection> {
    return jobConnection(this.resolver, job, Capability.GetInvoicePdfLink, ...also);
  }

  /** Resolves the PDF link through the adapter and streams the file into storage under key. */
  async store(resolved: ResolvedConnection, invoiceId: string, key: string): Promise<StoredArtifact> {
    return this.fetch(resolved, invoiceId, (body, contentType) =>
      this.storage.write(key, body, {
        declaredContentType: contentType,
        maxBytes: this.config.DOWNLOAD_MAX_BYTES,
      }),
    );
  }

  /** Resolves the PDF link and hands the streaming body to consume. */
  async fetch<T>(
    { adapter, call }: ResolvedConnection,
    invoiceId: string,
    consume: (body: Readable, contentType?: string) => Promise<T>,
  ): Promise<T> {
    const link = await adapter.getInvoicePdfLink!(call, invoiceId);
    return this.remote.download(adapter.id, link.url, (file) => consume(file.body, file.contentType));
  }
}
