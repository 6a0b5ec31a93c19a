export * from './people.request';
export * from './saas-apps.request';
export * from './saas-users.request';
export * from './saas-user-commands.request';
