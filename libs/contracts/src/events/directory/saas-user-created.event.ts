import { defineEvent } from '../../define-event';
import { SaasUserSnapshot } from './saas-user-snapshot';

/** A SaaS user was created. The payload is the account's state afterwards. */
export class SaasUserCreatedPayload extends SaasUserSnapshot {}

export const SaasUserCreatedV1 = defineEvent('directory.saas-user.created.v1', SaasUserCreatedPayload);
