import { describeServiceBasics } from '@seatkeeper/testing';
import { workflowService } from '../src/service-definition';

describeServiceBasics(workflowService, 'apps/workflow/src/main.ts');
