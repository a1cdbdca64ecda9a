import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminAuth } from '@app/auth';
import { ApiProblems } from '@app/errors';
import { UuidParam } from '../../common/uuid-param';
import { ConnectionPolls } from './connection-polls.service';
import { PollRequestedDto, PollStatusDto } from './poll.dto';

@ApiTags('Admin: provider connections')
@AdminAuth()
@Controller('admin/tenants/:tenantId/connections/:connectionId/poll')
export class ConnectionPollsController {
  constructor(private readonly polls: ConnectionPolls) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Poll a connection now',
    description:
      'Queues a poll besides the schedule (e.g. after fixing credentials, or to see a change at once). Changes it ' +
      "finds appear in the tenant's GET /v1/events. A poll during a rate-limit back-off is skipped.",
  })
  @ApiAcceptedResponse({ type: PollRequestedDto })
  @ApiProblems(400, 404, 503)
  requestPoll(
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('connectionId') connectionId: string,
  ): Promise<PollRequestedDto> {
    return this.polls.request(tenantId, connectionId);
  }

  @Get()
  @ApiOperation({ summary: "Where a connection's polling stands: schedule, last poll, failure, back-off" })
  @ApiOkResponse({ type: PollStatusDto })
  @ApiProblems(400, 404)
  getPollStatus(
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('connectionId') connectionId: string,
  ): Promise<PollStatusDto> {
    return this.polls.status(tenantId, connectionId);
  }
}
