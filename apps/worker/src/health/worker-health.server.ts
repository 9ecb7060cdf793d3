import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReadinessCheck = () => Promise<Record<string, boolean>>;
/** The Prometheus exposition of the process's metrics. */
export type MetricsScrape = () => Promise<{ contentType: string; body: string }>;

/**
 * The worker's only HTTP surface: /health (the process is up), /ready (its dependencies answer),
 * for container healthchecks, and /metrics for Prometheus. Not exposed publicly.
 */
export async function startWorkerHealthServer(
  port: number,
  host: string,
  ready: ReadinessCheck,
  metrics?: MetricsScrape,
): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (path === '/ready') {
      ready()
        .then((checks) => {
          const ok = Object.values(checks).every(Boolean);
          res
            .writeHead(ok ? 200 : 503, { 'content-type': 'application/json' })
            .end(JSON.stringify({ status: ok ? 'ok' : 'unavailable', checks }));
        })
        .catch(() => res.writeHead(503).end());
      return;
    }
    if (path === '/metrics' && metrics) {
      metrics()
        .then(({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body))
        .catch(() => res.writeHead(500).end());
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"status":"not found"}');
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return server;
}

export function listeningPort(server: Server): number {
  return (server.address() as AddressInfo).port;
}
