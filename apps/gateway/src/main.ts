import 'reflect-metadata';
import { main } from '@seatkeeper/platform-service';
import { gatewayService } from './service-definition';

void main(gatewayService);
