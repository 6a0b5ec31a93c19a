import { useApi } from '../ui/use-api';
import { gatewayPaths, hasRoutes } from '../api/capabilities';
import { Unavailable } from '../ui/controls';

/**
 * The reporting service's dashboards. Until a gateway with the reporting routes is deployed the
 * page says so plainly (it never draws made-up figures).
 */
export function DashboardPage() {
  const paths = useApi('paths', gatewayPaths);
  if (!paths.data) return <p className="muted">Loading…</p>;
  if (!hasRoutes(paths.data, '/api/v1/reports') && !hasRoutes(paths.data, '/api/v1/dashboards'))
    return (
      <section>
        <h1>Dashboard</h1>
        <Unavailable what="Reporting" service="reporting" />
      </section>
    );
  return (
    <section>
      <h1>Dashboard</h1>
      <Unavailable what="This console build's dashboard" service="reporting" />
    </section>
  );
}
