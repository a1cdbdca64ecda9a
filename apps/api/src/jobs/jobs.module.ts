import { Module } from '@nestjs/common';
import { QueueModule } from '@app/queue';
import { ArtifactResponder } from './artifact-responder';
import { EventsController } from './events/events.controller';
import { EventFeed } from './events/events.service';
import { InvoiceDownloadsController } from './invoice-downloads.controller';
import { JobSubmissions } from './job-submissions.service';
import { JobsController } from './jobs.controller';
import { JobsService } from './jobs.service';
import { ConnectionPollsController } from './polling/connection-polls.controller';
import { ConnectionPolls } from './polling/connection-polls.service';
import { QueueDashboardModule } from './queue-dashboard.module';
import { UsageReportsController } from './usage-reports.controller';

/**
 * Asynchronous jobs in the api: creating them (202 + Location), reading them, downloading their
 * artifacts, and the admin queue dashboard. The api only enqueues; apps/worker runs the jobs.
 * Polling's api side too: the change feed, polls on request. QueueModule is re-exported so the
 * admin connection routes keep poll schedules in step with connections.
 */
@Module({
  imports: [QueueModule, QueueDashboardModule],
  controllers: [
    JobsController,
    InvoiceDownloadsController,
    UsageReportsController,
    EventsController,
    ConnectionPollsController,
  ],
  providers: [JobsService, JobSubmissions, ArtifactResponder, EventFeed, ConnectionPolls],
  exports: [QueueModule],
})
export class JobsModule {}
