import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { AppConfig } from '@app/config';
import { ArtifactStorage } from './artifacts/artifact-storage';
import { LocalArtifactStorage } from './artifacts/local-artifact-storage';
import { JobEnqueuer } from './job-enqueuer';
import { jobQueuesProvider, JobQueues } from './job-queues';
import { JobRepository } from './job.repository';
import { JOB_TYPES, QUEUE_NAMES } from './job-types';

/**
 * The job system shared by the api (enqueues, reads jobs and artifacts) and the worker (runs
 * jobs): BullMQ queues on REDIS_URL, the Job repository and the artifact storage.
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
    BullModule.registerQueue(...JOB_TYPES.map((type) => ({ name: QUEUE_NAMES[type] }))),
  ],
  providers: [
    JobRepository,
    jobQueuesProvider,
    JobEnqueuer,
    {
      provide: ArtifactStorage,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new LocalArtifactStorage(config.ARTIFACT_DIR),
    },
  ],
  exports: [BullModule, JobRepository, JobQueues, JobEnqueuer, ArtifactStorage],
})
export class QueueModule {}
