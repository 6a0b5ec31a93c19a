import { gatewayPaths, hasRoutes } from '../api/capabilities';
import { Unavailable } from '../ui/controls';
import { useApi } from '../ui/use-api';

/**
 * The reporting service's dashboards. Until a gateway with the reporting routes is deployed the
 * page says so plainly (it never draws made-up figures). The heading is drawn at once; what the
 * gateway offers is read from its OpenAPI document (fetched once, shared with Workflows).
 */
export function DashboardPage() {
  const paths = useApi('paths', gatewayPaths);
  return (
    <section>
      <h1>Dashboard</h1>
      {!paths.data ? (
        <p className="muted">Loading…</p>
      ) : !hasRoutes(paths.data, '/api/v1/reports') && !hasRoutes(paths.data, '/api/v1/dashboards') ? (
        <Unavailable what="Reporting" service="reporting" />
      ) : (
        <Unavailable what="This console build's dashboard" service="reporting" />
      )}
    </section>
  );
}
