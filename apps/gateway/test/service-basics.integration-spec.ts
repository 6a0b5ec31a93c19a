import { describeServiceBasics } from '@seatkeeper/testing';
import { gatewayService } from '../src/service-definition';

describeServiceBasics(gatewayService, 'apps/gateway/src/main.ts');
