import { controlAdminRoutes } from './control/admin';
import { controlFaultRoutes } from './control/faults';
import { controlUserRoutes } from './control/users';
import { Router } from './router';
import { analyticsRoutes } from './routes/analytics';
import { contactMethodRoutes } from './routes/contact-methods';
import { delegationRoutes } from './routes/delegations';
import { dutyRoutes } from './routes/duties';
import { incidentRoutes } from './routes/incidents';
import { licenseRoutes } from './routes/licenses';
import { oauthRoutes } from './routes/oauth';
import { teamRoutes } from './routes/teams';
import { userRoutes } from './routes/users';

/** The PagerDuty surface the simulator serves. */
export function apiRouter(): Router {
  return new Router().add(
    ...userRoutes,
    ...contactMethodRoutes,
    ...licenseRoutes,
    ...delegationRoutes,
    ...analyticsRoutes,
    ...teamRoutes,
    ...incidentRoutes,
    ...dutyRoutes,
    ...oauthRoutes,
  );
}

/** The simulator's own `/_sim` control surface. */
export function controlRouter(): Router {
  return new Router().add(...controlAdminRoutes, ...controlUserRoutes, ...controlFaultRoutes);
}
