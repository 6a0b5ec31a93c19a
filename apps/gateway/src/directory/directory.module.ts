import { Module } from '@nestjs/common';
import { DirectoryService } from './directory.service';
import { PeopleController } from './people.controller';
import { SaasAppsController } from './saas-apps.controller';
import { SaasUsersController } from './saas-users.controller';

/** /api/v1/people, /api/v1/saas-apps and /api/v1/saas-users onto the mapping service's directory. */
@Module({ controllers: [PeopleController, SaasAppsController, SaasUsersController], providers: [DirectoryService] })
export class DirectoryModule {}
