import 'reflect-metadata';
import { main } from '@seatkeeper/platform-service';
import { workflowService } from './service-definition';

void main(workflowService);
