import { Controller, Get, Logger } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { ApiProblems } from '@app/errors';
import { PrismaService } from '@app/persistence';
import { RedisClient } from '@app/redis';

const CHECK_TIMEOUT_MS = 2_000;

const withTimeout = <T>(promise: Promise<T>): Promise<T> =>
  Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(
        () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
        CHECK_TIMEOUT_MS,
      ).unref(),
    ),
  ]);

@ApiTags('Health')
@Controller('health')
export class HealthController {
  private readonly logger = new Logger(HealthController.name);

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly prisma: PrismaService,
    private readonly redis: RedisClient,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiOkResponse({ description: 'Alive.', schema: { example: { status: 'ok' } } })
  getLiveness() {
    return { status: 'ok' };
  }

  @Get('ready')
  // Terminus' own documentation would merge a plain-JSON 503 into ours; it is problem+json here.
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({ summary: 'Readiness: PostgreSQL and Redis answer' })
  @ApiOkResponse({
    description: 'Ready.',
    schema: { example: { status: 'ok', info: { postgres: { status: 'up' }, redis: { status: 'up' } } } },
  })
  @ApiProblems(503)
  getReadiness() {
    return this.health.check([
      () => this.probe('postgres', () => this.prisma.$queryRawUnsafe('SELECT 1')),
      () => this.probe('redis', () => this.redis.ping()),
    ]);
  }

  private async probe(key: string, check: () => Promise<unknown>) {
    const indicator = this.indicator.check(key);
    try {
      await withTimeout(check());
      return indicator.up();
    } catch (error) {
      this.logger.warn({ err: error, dependency: key }, 'Readiness check failed');
      return indicator.down({ message: 'not reachable' });
    }
  }
}
