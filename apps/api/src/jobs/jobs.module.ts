import { Module } from '@nestjs/common';
import { QueueModule } from '@app/queue';
import { ArtifactResponder } from './artifact-responder';
import { InvoiceDownloadsController } from './invoice-downloads.controller';
import { JobSubmissions } from './job-submissions.service';
import { JobsController } from './jobs.controller';
import { JobsService } from './jobs.service';
import { QueueDashboardModule } from './queue-dashboard.module';
import { UsageReportsController } from './usage-reports.controller';

/**
 * Asynchronous jobs in the api: creating them (202 + Location), reading them, downloading their
 * artifacts, and the admin queue dashboard. The api only enqueues; apps/worker runs the jobs.
 */
@Module({
  imports: [QueueModule, QueueDashboardModule],
  controllers: [JobsController, InvoiceDownloadsController, UsageReportsController],
  providers: [JobsService, JobSubmissions, ArtifactResponder],
})
export class JobsModule {}
