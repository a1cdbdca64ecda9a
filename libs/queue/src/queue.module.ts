import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { AppConfig } from '@app/config';
import { ArtifactStorage } from './artifacts/artifact-storage';
import { LocalArtifactStorage } from './artifacts/local-artifact-storage';
import { JobEnqueuer } from './job-enqueuer';
import { jobQueuesProvider, JobQueues } from './job-queues';
import { JobRepository } from './job.repository';
import { JOB_TYPES, QUEUE_NAMES } from './job-types';
import { PollSchedules } from './polling/poll-schedules';
import { POLL_QUEUE } from './polling/polling-types';
import { SnapshotReader } from './polling/snapshot-reader';

/**
 * The job system shared by the api (enqueues, reads jobs and artifacts) and the worker (runs
 * jobs): BullMQ queues on REDIS_URL, the Job repository and the artifact storage; and polling
 * (schedules, snapshots) shared the same way.
 */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: { url: config.REDIS_URL },
        prefix: config.QUEUE_PREFIX,
      }),
    }),
    BullModule.registerQueue(...JOB_TYPES.map((type) => ({ name: QUEUE_NAMES[type] })), { name: POLL_QUEUE }),
  ],
  providers: [
    JobRepository,
    jobQueuesProvider,
    JobEnqueuer,
    PollSchedules,
    SnapshotReader,
    {
      provide: ArtifactStorage,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new LocalArtifactStorage(config.ARTIFACT_DIR),
    },
  ],
  exports: [
    BullModule,
    JobRepository,
    JobQueues,
    JobEnqueuer,
    ArtifactStorage,
    PollSchedules,
    SnapshotReader,
  ],
})
export class QueueModule {}
