import { defineEvent } from '../../define-event';
import { PersonSnapshot } from './person-snapshot';

/** A person was updated in the directory. The payload is the person's state afterwards. */
export class PersonUpdatedPayload extends PersonSnapshot {}

export const PersonUpdatedV1 = defineEvent('directory.person.updated.v1', PersonUpdatedPayload);
