import { describeServiceBasics } from '@seatkeeper/testing';
import { mappingService } from '../src/service-definition';

describeServiceBasics(mappingService, 'apps/mapping/src/main.ts');
