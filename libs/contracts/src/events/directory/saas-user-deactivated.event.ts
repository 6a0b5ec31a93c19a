import { defineEvent } from '../../define-event';
import { SaasUserSnapshot } from './saas-user-snapshot';

/** A SaaS user was deactivated. The payload is the account's state afterwards. */
export class SaasUserDeactivatedPayload extends SaasUserSnapshot {}

export const SaasUserDeactivatedV1 = defineEvent('directory.saas-user.deactivated.v1', SaasUserDeactivatedPayload);
