import { defineEvent } from '../../define-event';
import { PersonSnapshot } from './person-snapshot';

/** A person was created in the directory. The payload is the person's state afterwards. */
export class PersonCreatedPayload extends PersonSnapshot {}

export const PersonCreatedV1 = defineEvent('directory.person.created.v1', PersonCreatedPayload);
