import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import { gatewayPaths, hasRoutes } from '../api/capabilities';
import type { Dashboard, Widget, WidgetData } from '../api/types';
import type { ChartSpec } from './dashboard-charts';
import { Empty, ErrorBanner, Unavailable } from '../ui/controls';
import { useApi } from '../ui/use-api';

/**
 * The reporting service's default dashboard: each widget's numbers from
 * `GET /api/v1/dashboards/:id/widgets/:widget_id/data`, drawn with Chart.js (loaded lazily) and
 * listed in a table under the chart, so the figures are readable without the canvas. Without the
 * reporting routes the page says so plainly (it never draws made-up figures).
 */
export function DashboardPage() {
  const paths = useApi('paths', gatewayPaths);
  const available = paths.data && hasRoutes(paths.data, '/api/v1/dashboards');
  return (
    <section>
      <h1>Dashboard</h1>
      {!paths.data ? <p className="muted">Loading…</p> : !available ? <Unavailable what="Reporting" service="reporting" /> : <DefaultDashboard />}
    </section>
  );
}

function DefaultDashboard() {
  const list = useApi('dashboards', () => api.get<{ data: Dashboard[] }>('/api/v1/dashboards'));
  if (list.error) return <ErrorBanner error={list.error} />;
  if (!list.data) return <p className="muted">Loading…</p>;
  const dashboard = list.data.data.find((d) => d.is_default) ?? list.data.data[0];
  if (!dashboard) return <Empty title="No dashboard yet.">An admin creates one with POST /api/v1/dashboards.</Empty>;
  return (
    <>
      <p className="muted">{dashboard.name}</p>
      <div className="widgets">
        {dashboard.widgets.map((w) => (
          <WidgetCard key={w.id} dashboardId={dashboard.id} widget={w} />
        ))}
      </div>
    </>
  );
}

function WidgetCard(props: { dashboardId: string; widget: Widget }) {
  const { dashboardId, widget } = props;
  const data = useApi(`${dashboardId}/${widget.id}`, () => api.get<WidgetData>(`/api/v1/dashboards/${dashboardId}/widgets/${encodeURIComponent(widget.id)}/data`));
  const wide = widget.type === 'time_series' || widget.type === 'savings';
  return (
    <figure className={`card widget widget-${widget.type}${wide ? ' wide' : ''}`} data-testid={`widget-${widget.id}`} aria-busy={data.loading}>
      <figcaption>{widget.title}</figcaption>
      {data.error ? <ErrorBanner error={data.error} /> : !data.data ? <p className="muted">Loading…</p> : <WidgetBody data={data.data} />}
    </figure>
  );
}

function WidgetBody({ data }: { data: WidgetData }) {
  if (data.type === 'count') {
    return (
      <p className="widget-value" data-testid="widget-value">
        {data.value ?? 0}
      </p>
    );
  }
  if (data.type === 'breakdown' || data.type === 'top_n') {
    const rows = (data.buckets ?? []).map((b) => [b.key ?? '(none)', b.count] as const);
    if (rows.length === 0) return <p className="muted">No account matches yet.</p>;
    const spec: ChartSpec = { kind: data.type === 'top_n' ? 'hbar' : 'doughnut', labels: rows.map((r) => r[0]), series: [{ label: 'Accounts', data: rows.map((r) => r[1]) }] };
    return <ChartWithTable spec={spec} header={[data.field ?? 'value', 'Accounts']} rows={rows} />;
  }
  if (data.type === 'time_series') {
    const rows = (data.points ?? []).map((p) => [p.date, p.value] as const);
    const spec: ChartSpec = { kind: 'line', labels: rows.map((r) => r[0]), series: [{ label: 'Active accounts', data: rows.map((r) => r[1]) }] };
    // The last day in the table (all days are on the chart and its title attribute).
    return <ChartWithTable spec={spec} header={['Day', 'Active accounts']} rows={rows.slice(-1)} />;
  }
  const savings = data.savings;
  if (!savings) return <p className="muted">No savings data.</p>;
  const apps = savings.apps.map((a) => [a.app_name ?? a.saas_app_id, a.reclaimable_seats, a.freed_seats] as const);
  const spec: ChartSpec = {
    kind: 'bar',
    labels: apps.map((a) => a[0]),
    series: [
      { label: 'Reclaimable seats (potential)', data: apps.map((a) => a[1]) },
      { label: 'Freed seats (realised)', data: apps.map((a) => a[2]) },
    ],
  };
  return (
    <>
      <dl className="savings-totals">
        <dt>Potential per month</dt>
        <dd data-testid="savings-potential">{money(savings.potential_monthly)}</dd>
        <dt>Realised per month</dt>
        <dd data-testid="savings-realised">{money(savings.realised_monthly)}</dd>
      </dl>
      {apps.length === 0 ? (
        <p className="muted">No SaaS app yet.</p>
      ) : (
        <ChartWithTable spec={spec} header={['App', 'Reclaimable seats', 'Freed seats']} rows={apps} />
      )}
    </>
  );
}

/** "EUR 12.00 · USD 3.50", or "none" when nothing is priced (an app without a seat price counts seats only). */
function money(perCurrency: Record<string, string>): string {
  const entries = Object.entries(perCurrency);
  return entries.length === 0 ? 'none (no priced seat)' : entries.map(([c, v]) => `${c} ${v}`).join(' · ');
}

function ChartWithTable(props: { spec: ChartSpec; header: string[]; rows: readonly (readonly (string | number)[])[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [drawn, setDrawn] = useState(false);
  const { spec } = props;
  const specKey = JSON.stringify(spec);
  useEffect(() => {
    let cleanup: (() => void) | undefined;
    let cancelled = false;
    // The chart code is a separate chunk: the dashboard's numbers never wait for it.
    void import('./dashboard-charts').then(({ drawChart }) => {
      if (cancelled || !canvas.current) return;
      cleanup = drawChart(canvas.current, JSON.parse(specKey) as ChartSpec);
      setDrawn(true);
    });
    return () => {
      cancelled = true;
      cleanup?.();
    };
  }, [specKey]);
  return (
    <>
      <div className="chart" data-drawn={drawn}>
        <canvas ref={canvas} role="img" aria-label={`${spec.series.map((s) => s.label).join(', ')}: ${spec.labels.length} values`} />
      </div>
      <table className="widget-table">
        <thead>
          <tr>
            {props.header.map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={String(r[0])}>
              {r.map((cell, i) => (
                <td key={i}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
