import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HealthRegistry } from './health';
import type { MetricsRegistry } from './metrics';

/**
 * The internal port every service serves: `/health` (Postgres + NATS) and `/metrics`
 * (Prometheus). Plain node:http so that services without a public API need no web framework.
 */
export class InternalHttpServer {
  private server?: Server;

  constructor(
    private readonly health: HealthRegistry,
    private readonly metrics: MetricsRegistry,
  ) {}

  async listen(port: number, host = '0.0.0.0'): Promise<number> {
    this.server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method === 'GET' && path === '/health') {
        void this.health.report().then((report) => {
          res.writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' });
          res.end(JSON.stringify(report));
        });
      } else if (req.method === 'GET' && path === '/metrics') {
        void this.metrics.render().then((body) => {
          res.writeHead(200, { 'content-type': this.metrics.contentType });
          res.end(body);
        });
      } else {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 404, title: 'Not Found' }));
      }
    });
    const server = this.server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    return (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
  }
}
