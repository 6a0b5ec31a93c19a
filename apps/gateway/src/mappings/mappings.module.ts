import { Module } from '@nestjs/common';
import { ParentLookup } from '../http/parent-exists';
import { MappingsController } from './mappings.controller';
import { MappingsService } from './mappings.service';

/** /api/v1/mappings onto the mapping service (RpcClient comes from the global MessagingModule). */
@Module({ controllers: [MappingsController], providers: [MappingsService, ParentLookup] })
export class MappingsModule {}
