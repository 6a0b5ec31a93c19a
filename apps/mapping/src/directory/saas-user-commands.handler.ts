import { Injectable } from '@nestjs/common';
import {
  CountSaasUsersRequest,
  DirectorySaasUsersCount,
  DirectorySaasUsersMarkDeleted,
  DirectorySaasUsersSetRoles,
  MarkSaasUserDeletedRequest,
  SetSaasUserRolesRequest,
} from '@seatkeeper/contracts';
import { OnRequest } from '@seatkeeper/platform-messaging';
import { SaasUserCommandsService } from './saas-user-commands.service';

/** `directory.saas-users.{count,set-roles,mark-deleted}`: what workflows ask of the directory. */
@Injectable()
export class SaasUserCommandsHandler {
  constructor(private readonly commands: SaasUserCommandsService) {}

  @OnRequest(DirectorySaasUsersCount)
  count(req: CountSaasUsersRequest) {
    return this.commands.count(req);
  }

  @OnRequest(DirectorySaasUsersSetRoles)
  setRoles(req: SetSaasUserRolesRequest) {
    return this.commands.setRoles(req);
  }

  @OnRequest(DirectorySaasUsersMarkDeleted)
  markDeleted(req: MarkSaasUserDeletedRequest) {
    return this.commands.markDeleted(req);
  }
}
