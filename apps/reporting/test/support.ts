import { RpcClient } from '@seatkeeper/platform-messaging';
import type { ServiceUnderTest } from '@seatkeeper/testing';
import type { ReportingEnv } from '../src/config/reporting.env';

/** The in-process reporting service's request-reply client (on the test's bus prefix). */
export const rpcOf = (svc: ServiceUnderTest<ReportingEnv>) => svc.running.app.get(RpcClient);
