import { defineEvent } from '../../define-event';
import { SaasUserSnapshot } from './saas-user-snapshot';

/** A SaaS user was reactivated. The payload is the account's state afterwards. */
export class SaasUserReactivatedPayload extends SaasUserSnapshot {}

export const SaasUserReactivatedV1 = defineEvent('directory.saas-user.reactivated.v1', SaasUserReactivatedPayload);
