import { gatewayPaths, hasRoutes } from '../api/capabilities';
import { Unavailable } from '../ui/controls';
import { useApi } from '../ui/use-api';

/** Workflows: shown once the gateway has the workflow routes; until then the page says so. */
export function WorkflowsPage() {
  const paths = useApi('paths', gatewayPaths);
  return (
    <section>
      <h1>Workflows</h1>
      {!paths.data ? (
        <p className="muted">Loading…</p>
      ) : !hasRoutes(paths.data, '/api/v1/workflows') ? (
        <Unavailable what="Workflows" service="workflow" />
      ) : (
        <Unavailable what="This console build's workflow editor" service="workflow" />
      )}
    </section>
  );
}
