import { IdKind, encodeId } from '../data/ids';
import { CONTACT_METHOD_TYPES, type ContactMethodRecord, type ContactMethodType, type NotificationRuleRecord, type UserRecord } from '../data/types';
import { Errors } from '../errors';
import { isRecord, rawJson, type Reply } from '../http';
import type { RequestContext, Route } from '../router';
import { contactMethodJson, contactMethodsOf, notificationRuleJson, notificationRulesOf } from '../serialize/contact-json';
import type { SimState } from '../state';

function findUser(state: SimState, id: string): UserRecord {
  const r = state.store.get(state.store.indexOfId(id));
  if (!r) throw Errors.notFound();
  return r;
}

function listContactMethods({ state, params }: RequestContext): Reply {
  const r = findUser(state, params['id'] as string);
  const items = contactMethodsOf(state.spec, r).map((cm) => contactMethodJson(state.links.apiBase, r.id, cm, true));
  return rawJson(200, `{"contact_methods":[${items.join(',')}]}`);
}

/** `{"contact_method": {type, label, address, country_code?, send_short_email?}}`; a second method with the same type and address is refused, as PagerDuty does. */
function createContactMethod({ state, params, body }: RequestContext): Reply {
  const r = findUser(state, params['id'] as string);
  if (!isRecord(body) || !isRecord(body['contact_method'])) throw Errors.invalidInput('contact_method is required');
  const c = body['contact_method'];
  const errors: string[] = [];
  const type = c['type'];
  if (typeof type !== 'string' || !(CONTACT_METHOD_TYPES as readonly string[]).includes(type)) errors.push(`Type must be one of ${CONTACT_METHOD_TYPES.join(', ')}`);
  if (typeof c['label'] !== 'string' || !c['label']) errors.push("Label can't be blank");
  if (typeof c['address'] !== 'string' || !c['address']) errors.push("Address can't be blank");
  const phone = type === 'phone_contact_method' || type === 'sms_contact_method';
  const cc = c['country_code'];
  if (phone && (typeof cc !== 'number' || !Number.isInteger(cc) || cc < 1 || cc > 1999)) errors.push('Country code must be an integer from 1 to 1999');
  if (errors.length) throw Errors.invalidInput(...errors);
  const methods = contactMethodsOf(state.spec, r);
  const address = (c['address'] as string).toLowerCase();
  if (methods.some((m) => m.type === type && m.address.toLowerCase() === address)) throw Errors.invalidInput('User Contact method must be unique');
  const cm: ContactMethodRecord = {
    id: encodeId(state.spec.seed, IdKind.contactMethod, state.store.mintChildIndex()),
    type: type as ContactMethodType,
    label: c['label'] as string,
    address: c['address'] as string,
    ...(phone ? { countryCode: cc as number } : { sendShortEmail: c['send_short_email'] === true }),
  };
  // The derived rules point at the derived method: materialise both lists so they stay consistent.
  state.store.update(r.index, { contactMethods: [...methods, cm], notificationRules: notificationRulesOf(state.spec, r) });
  return rawJson(201, `{"contact_method":${contactMethodJson(state.links.apiBase, r.id, cm, true)}}`);
}

function listNotificationRules({ state, params, query }: RequestContext): Reply {
  const r = findUser(state, params['id'] as string);
  const urgency = query.get('urgency') ?? 'high';
  if (!['high', 'low', 'any'].includes(urgency)) throw Errors.invalidInput('urgency must be one of high, low, any');
  const methods = contactMethodsOf(state.spec, r);
  const items = notificationRulesOf(state.spec, r)
    .filter((nr) => urgency === 'any' || nr.urgency === urgency)
    .map((nr) => notificationRuleJson(state.links.apiBase, r.id, nr, methods, true));
  return rawJson(200, `{"notification_rules":[${items.join(',')}]}`);
}

/** `{"notification_rule": {type, start_delay_in_minutes, contact_method: {id}, urgency}}`; the contact method must be the user's. */
function createNotificationRule({ state, params, body }: RequestContext): Reply {
  const r = findUser(state, params['id'] as string);
  if (!isRecord(body) || !isRecord(body['notification_rule'])) throw Errors.invalidInput('notification_rule is required');
  const n = body['notification_rule'];
  const methods = contactMethodsOf(state.spec, r);
  const errors: string[] = [];
  const delay = n['start_delay_in_minutes'];
  if (typeof delay !== 'number' || !Number.isInteger(delay) || delay < 0) errors.push('Start delay in minutes must be an integer of at least 0');
  const urgency = n['urgency'];
  if (urgency !== 'high' && urgency !== 'low') errors.push('Urgency must be one of high, low');
  const cmId = isRecord(n['contact_method']) ? n['contact_method']['id'] : undefined;
  if (typeof cmId !== 'string' || !methods.some((m) => m.id === cmId)) errors.push('Contact method must be one of the user\'s contact methods');
  if (n['type'] !== undefined && n['type'] !== 'assignment_notification_rule') errors.push('Type must be assignment_notification_rule');
  if (errors.length) throw Errors.invalidInput(...errors);
  const nr: NotificationRuleRecord = {
    id: encodeId(state.spec.seed, IdKind.notificationRule, state.store.mintChildIndex()),
    startDelayInMinutes: delay as number,
    contactMethodId: cmId as string,
    urgency: urgency as 'high' | 'low',
  };
  state.store.update(r.index, { contactMethods: methods, notificationRules: [...notificationRulesOf(state.spec, r), nr] });
  return rawJson(201, `{"notification_rule":${notificationRuleJson(state.links.apiBase, r.id, nr, methods, true)}}`);
}

export const contactMethodRoutes: Route[] = [
  { method: 'GET', pattern: '/users/{id}/contact_methods', scope: 'users:contact_methods.read', handler: listContactMethods },
  { method: 'POST', pattern: '/users/{id}/contact_methods', scope: 'users:contact_methods.write', write: true, handler: createContactMethod },
  { method: 'GET', pattern: '/users/{id}/notification_rules', scope: 'users:contact_methods.read', handler: listNotificationRules },
  { method: 'POST', pattern: '/users/{id}/notification_rules', scope: 'users:contact_methods.write', write: true, handler: createNotificationRule },
];
