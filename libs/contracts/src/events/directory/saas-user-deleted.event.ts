import { defineEvent } from '../../define-event';
import { SaasUserSnapshot } from './saas-user-snapshot';

/** A SaaS user was deleted. The payload is the account's state afterwards. */
export class SaasUserDeletedPayload extends SaasUserSnapshot {}

export const SaasUserDeletedV1 = defineEvent('directory.saas-user.deleted.v1', SaasUserDeletedPayload);
