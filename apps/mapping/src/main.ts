import 'reflect-metadata';
import { main } from '@seatkeeper/platform-service';
import { mappingService } from './service-definition';

void main(mappingService);
