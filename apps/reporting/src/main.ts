import 'reflect-metadata';
import { main } from '@seatkeeper/platform-service';
import { reportingService } from './service-definition';

void main(reportingService);
