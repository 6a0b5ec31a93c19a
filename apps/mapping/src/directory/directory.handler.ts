import { Injectable } from '@nestjs/common';
import {
  DeactivateSaasUserRequest,
  DirectoryPeopleGet,
  DirectoryPeopleImport,
  DirectoryPeopleList,
  DirectoryPeopleUpdate,
  DirectorySaasAppsGet,
  DirectorySaasAppsList,
  DirectorySaasAppsUpdate,
  DirectorySaasUsersDeactivate,
  DirectorySaasUsersGet,
  DirectorySaasUsersList,
  DirectorySaasUsersReactivate,
  ImportPeopleRequest,
  ListPeopleRequest,
  ListSaasUsersRequest,
  PersonRef,
  SaasAppRef,
  SaasUserRef,
  UpdatePersonRequest,
  UpdateSaasAppRequest,
} from '@seatkeeper/contracts';
import { OnRequest } from '@seatkeeper/platform-messaging';
import { DirectoryService } from './directory.service';
import { PeopleImportService } from './people-import.service';

/** `directory.*` request-reply: thin, the answers come from the services. */
@Injectable()
export class DirectoryHandler {
  constructor(
    private readonly directory: DirectoryService,
    private readonly importer: PeopleImportService,
  ) {}

  @OnRequest(DirectoryPeopleList)
  listPeople(req: ListPeopleRequest) {
    return this.directory.listPeople(req);
  }

  @OnRequest(DirectoryPeopleGet)
  getPerson(req: PersonRef) {
    return this.directory.getPerson(req.personId);
  }

  @OnRequest(DirectoryPeopleUpdate)
  updatePerson(req: UpdatePersonRequest) {
    return this.directory.updatePerson(req);
  }

  @OnRequest(DirectoryPeopleImport)
  importPeople(req: ImportPeopleRequest) {
    return this.importer.import(req);
  }

  @OnRequest(DirectorySaasAppsList)
  listSaasApps() {
    return this.directory.listSaasApps();
  }

  @OnRequest(DirectorySaasAppsGet)
  getSaasApp(req: SaasAppRef) {
    return this.directory.getSaasApp(req.saasAppId);
  }

  @OnRequest(DirectorySaasAppsUpdate)
  updateSaasApp(req: UpdateSaasAppRequest) {
    return this.directory.updateSaasApp(req);
  }

  @OnRequest(DirectorySaasUsersList)
  listSaasUsers(req: ListSaasUsersRequest) {
    return this.directory.listSaasUsers(req);
  }

  @OnRequest(DirectorySaasUsersGet)
  getSaasUser(req: SaasUserRef) {
    return this.directory.getSaasUser(req.saasUserId);
  }

  @OnRequest(DirectorySaasUsersDeactivate)
  deactivate(req: DeactivateSaasUserRequest) {
    return this.directory.deactivateSaasUser(req);
  }

  @OnRequest(DirectorySaasUsersReactivate)
  reactivate(req: SaasUserRef) {
    return this.directory.reactivateSaasUser(req.saasUserId);
  }
}
