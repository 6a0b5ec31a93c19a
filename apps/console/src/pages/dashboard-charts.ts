// Chart.js with only the pieces the dashboard draws registered (tree-shaken). This module is
// loaded lazily by the dashboard, so the first paint of every page does not wait for it.
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(ArcElement, BarController, BarElement, CategoryScale, DoughnutController, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip);

export interface ChartSpec {
  kind: 'bar' | 'hbar' | 'line' | 'doughnut';
  labels: string[];
  series: { label: string; data: number[] }[];
}

const PALETTE = ['#2563eb', '#16a34a', '#f59e0b', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#64748b', '#ea580c'];

/** Draws `spec` on `canvas`; returns the cleanup (a React effect's). */
export function drawChart(canvas: HTMLCanvasElement, spec: ChartSpec): () => void {
  const multi = spec.series.length > 1;
  const chart = new Chart(canvas, {
    type: spec.kind === 'hbar' ? 'bar' : spec.kind,
    data: {
      labels: spec.labels,
      datasets: spec.series.map((s, i) => ({
        label: s.label,
        data: s.data,
        // One colour per series, or one per slice of a single-series breakdown.
        backgroundColor: spec.kind === 'doughnut' ? spec.labels.map((_, j) => PALETTE[j % PALETTE.length]) : spec.kind === 'line' ? 'rgba(37, 99, 235, 0.15)' : PALETTE[i % PALETTE.length],
        borderColor: spec.kind === 'line' ? PALETTE[0] : undefined,
        fill: spec.kind === 'line',
        pointRadius: spec.kind === 'line' ? 2 : undefined,
        tension: 0.2,
      })),
    },
    options: {
      // No animation: the numbers are there at once (and screenshots are of the final state).
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: spec.kind === 'hbar' ? 'y' : 'x',
      plugins: { legend: { display: multi || spec.kind === 'doughnut', position: 'bottom' } },
      scales: spec.kind === 'doughnut' ? {} : { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
  return () => chart.destroy();
}
