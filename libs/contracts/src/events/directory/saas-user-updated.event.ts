import { defineEvent } from '../../define-event';
import { SaasUserSnapshot } from './saas-user-snapshot';

/** A SaaS user was updated. The payload is the account's state afterwards. */
export class SaasUserUpdatedPayload extends SaasUserSnapshot {}

export const SaasUserUpdatedV1 = defineEvent('directory.saas-user.updated.v1', SaasUserUpdatedPayload);
