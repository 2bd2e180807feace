import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Roles, type Actor } from '#auth';
import { commandContext } from '../../commands/command-context.factory.js';
import { RunCommand, registerEmployee } from '#application';
import { ApiAnswer, ApiAuthenticated, ApiCommand, ApiErrorAnswer } from '../../http/openapi.js';
import { RegisterEmployeeRequest } from './register-employee.request.dto.js';
import { RegisterEmployeeResponse } from './register-employee.response.dto.js';

@ApiTags('employees')
@ApiAuthenticated()
@Controller('api/employees')
export class RegisterEmployeeController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('hr')
  @ApiCommand()
  @ApiAnswer(201, RegisterEmployeeResponse, 'Registered')
  @ApiErrorAnswer(409, 'CONFLICT: the NIP is already registered')
  async register(@Body() body: RegisterEmployeeRequest, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    return this.commands.execute(new RunCommand(registerEmployee, body, commandContext(request, actor, body)));
  }
}
