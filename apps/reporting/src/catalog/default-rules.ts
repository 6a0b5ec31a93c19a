/** How long without activity makes an account inactive (views, dashboard and savings agree). */
export const INACTIVE_DAYS = 90;

const notDeleted = { field: 'status', op: 'neq', value: 'deleted' };

/**
 * Inactive: an active account whose last activity is older than 90 days, or that never had any
 * and was first seen more than 90 days ago (a fresh invitation is not yet inactive).
 */
export const INACTIVE_RULE = {
  all: [
    { field: 'status', op: 'eq', value: 'active' },
    {
      any: [
        { field: 'lastActivityAt', op: 'more_than_days_ago', value: INACTIVE_DAYS },
        { all: [{ field: 'lastActivityAt', op: 'is_empty' }, { field: 'createdAt', op: 'more_than_days_ago', value: INACTIVE_DAYS }] },
      ],
    },
  ],
};

/** A leaver's account: held by a person whose employment is terminated, and not deleted yet. */
export const LEAVER_RULE = { all: [notDeleted, { field: 'person.employmentStatus', op: 'eq', value: 'terminated' }] };

export const NEVER_SIGNED_IN_RULE = { all: [notDeleted, { field: 'lastActivityAt', op: 'is_empty' }] };

/**
 * Roles not entitled: an administrative vendor role held by someone the directory does not make
 * an admin. The default is a rule like any other, so an admin edits it in the view.
 */
export const ROLE_NOT_ENTITLED_RULE = {
  all: [notDeleted, { field: 'vendorRole', op: 'in', value: ['admin', 'owner', 'account_owner'] }, { field: 'person.directoryRole', op: 'neq', value: 'admin' }],
};

export const PAGERDUTY_RULE = { all: [notDeleted, { field: 'vendor', op: 'eq', value: 'pagerduty' }] };
