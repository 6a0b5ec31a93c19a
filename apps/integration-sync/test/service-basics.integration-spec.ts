import { describeServiceBasics } from '@seatkeeper/testing';
import { integrationSyncService } from '../src/service-definition';

describeServiceBasics(integrationSyncService, 'apps/integration-sync/src/main.ts');
