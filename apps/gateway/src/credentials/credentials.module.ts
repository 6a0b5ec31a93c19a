import { Module } from '@nestjs/common';
import { ParentLookup } from '../http/parent-exists';
import { CredentialsController } from './credentials.controller';
import { CredentialsService } from './credentials.service';
import { VaultAdminController } from './vault-admin.controller';

/** Routes onto the credential-vault service: /api/v1/credentials and /api/v1/vault (RpcClient comes from the global MessagingModule). */
@Module({ controllers: [CredentialsController, VaultAdminController], providers: [CredentialsService, ParentLookup] })
export class CredentialsModule {}
