import { describeServiceBasics } from '@seatkeeper/testing';
import { reportingService } from '../src/service-definition';

describeServiceBasics(reportingService, 'apps/reporting/src/main.ts');
