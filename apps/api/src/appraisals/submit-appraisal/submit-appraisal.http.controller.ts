import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Roles, type Actor } from '#auth';
import { commandContext } from '../../commands/command-context.factory.js';
import { RunCommand, submitAppraisal, type CommandResult } from '#application';
import { DashboardQueries } from '../../dashboards/dashboard-queries.js';
import { ApiAnswer, ApiAuthenticated, ApiCommand, ApiErrorAnswer } from '../../http/openapi.js';
import { SubmitAppraisalRequest } from './submit-appraisal.request.dto.js';
import { SubmitAppraisalResponse } from './submit-appraisal.response.dto.js';

@ApiTags('appraisals')
@ApiAuthenticated()
@Controller('api/appraisals')
export class SubmitAppraisalController {
  constructor(
    private readonly commands: CommandBus,
    private readonly dashboards: DashboardQueries,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('evaluator')
  @ApiCommand()
  @ApiAnswer(201, SubmitAppraisalResponse, 'Recorded; the predikat is derived from results and behaviour (PermenPANRB 6/2022)')
  @ApiErrorAnswer(404, 'NOT_FOUND: no such employee in your agency')
  @ApiErrorAnswer(409, 'CONFLICT: the employee already has an appraisal for that period')
  async submit(@Body() body: SubmitAppraisalRequest, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    const recorded: CommandResult<ReturnType<typeof submitAppraisal.result>> = await this.commands.execute(
      new RunCommand(submitAppraisal, body, commandContext(request, actor, body)),
    );
    // After the command, not in it: the curve is guidance (DOMAIN.md §Appraisal) and never refuses an appraisal.
    const curveWarnings = await this.dashboards.curveWarnings(actor.agency, recorded);
    return { ...recorded, curveWarnings };
  }
}
