import { IdKind, encodeId } from '../data/ids';
import type { SeedSpec } from '../data/seed';
import type { ContactMethodRecord, NotificationRuleRecord, UserRecord } from '../data/types';
import { str } from './format';

/** A user's contact methods: the ones created through the API, else the derived default email method. */
export function contactMethodsOf(spec: SeedSpec, r: UserRecord): ContactMethodRecord[] {
  if (r.contactMethods) return r.contactMethods;
  return [{ id: encodeId(spec.seed, IdKind.contactMethod, r.index), type: 'email_contact_method', label: 'Default', address: r.email, sendShortEmail: false }];
}

/** A user's notification rules: the ones created through the API, else the derived rule on the default method. */
export function notificationRulesOf(spec: SeedSpec, r: UserRecord): NotificationRuleRecord[] {
  if (r.notificationRules) return r.notificationRules;
  return [
    {
      id: encodeId(spec.seed, IdKind.notificationRule, r.index),
      startDelayInMinutes: 0,
      contactMethodId: encodeId(spec.seed, IdKind.contactMethod, r.index),
      urgency: 'high',
    },
  ];
}

/** `full` is the ContactMethod object (include[]=contact_methods, the contact_methods endpoints); else the `_reference` stub. */
export function contactMethodJson(apiBase: string, userId: string, cm: ContactMethodRecord, full: boolean): string {
  const head = `{"id":"${cm.id}","type":"${cm.type}${full ? '' : '_reference'}","summary":${str(cm.label)},"self":"${apiBase}/users/${userId}/contact_methods/${cm.id}","html_url":null`;
  if (!full) return `${head}}`;
  const extra =
    cm.type === 'email_contact_method'
      ? `,"send_short_email":${cm.sendShortEmail ?? false}`
      : `,"country_code":${cm.countryCode ?? 1},"enabled":true,"blacklisted":false`;
  return `${head},"label":${str(cm.label)},"address":${str(cm.address)}${extra}}`;
}

/** `full` is the NotificationRule object; else the `_reference` stub. */
export function notificationRuleJson(apiBase: string, userId: string, nr: NotificationRuleRecord, methods: ContactMethodRecord[], full: boolean): string {
  const head = `{"id":"${nr.id}","type":"assignment_notification_rule${full ? '' : '_reference'}","summary":"${nr.startDelayInMinutes} minutes: channel ${nr.contactMethodId}","self":"${apiBase}/users/${userId}/notification_rules/${nr.id}","html_url":null`;
  if (!full) return `${head}}`;
  const cmType = methods.find((m) => m.id === nr.contactMethodId)?.type ?? 'email_contact_method';
  return `${head},"start_delay_in_minutes":${nr.startDelayInMinutes},"contact_method":{"id":"${nr.contactMethodId}","type":"${cmType}_reference"},"urgency":"${nr.urgency}"}`;
}
