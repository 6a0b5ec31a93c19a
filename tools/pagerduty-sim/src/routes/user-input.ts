import { Errors } from '../errors';
import { isRecord } from '../http';
import { ROLES, type Role, type UserPatch } from '../data/types';
import type { UserStore } from '../data/user-store';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Validates the `{"user":{...}}` body of POST/PUT /users. Only the writable fields of the spec's
 * User schema are taken; read-only ones are ignored as PagerDuty does.
 */
export function userPatchFromBody(body: unknown, store: UserStore, creating: boolean, exceptIndex = -1): UserPatch {
  if (!isRecord(body) || !isRecord(body['user'])) throw Errors.invalidInput('user is required');
  const u = body['user'];
  const errors: string[] = [];
  const patch: UserPatch = {};
  const text = (key: string, max: number): string | undefined => {
    const v = u[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') {
      errors.push(`${key} must be a string`);
      return undefined;
    }
    if (v.length > max) errors.push(`${key} is too long (maximum is ${max} characters)`);
    return v;
  };
  const name = text('name', 100);
  const email = text('email', 100);
  if (creating && !name) errors.push("Name can't be blank");
  if (creating && !email) errors.push("Email can't be blank");
  if (name !== undefined) patch.name = name;
  if (email !== undefined) {
    if (!EMAIL.test(email) || email.length < 6) errors.push('Email is invalid');
    else if (store.emailTaken(email, exceptIndex)) errors.push('Email has already been taken');
    patch.email = email;
  }
  const role = u['role'];
  if (role !== undefined) {
    if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) errors.push(`Role must be one of ${ROLES.join(', ')}`);
    else if (role === 'owner') errors.push('Role cannot be set to owner; transfer account ownership in the web app');
    else patch.role = role as Role;
  }
  const tz = text('time_zone', 100);
  if (tz !== undefined) patch.timeZone = tz;
  const color = text('color', 100);
  if (color !== undefined) patch.color = color;
  const title = text('job_title', 100);
  if (title !== undefined) patch.jobTitle = title;
  if (u['description'] === null) patch.description = null;
  else {
    const d = text('description', 1024);
    if (d !== undefined) patch.description = d;
  }
  if (errors.length) throw Errors.invalidInput(...errors);
  return patch;
}
