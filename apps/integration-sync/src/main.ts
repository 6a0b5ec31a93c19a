import 'reflect-metadata';
import { main } from '@seatkeeper/platform-service';
import { integrationSyncService } from './service-definition';

void main(integrationSyncService);
