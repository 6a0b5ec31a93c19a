import type { AddressInfo } from 'node:net';
import { apiRouter, controlRouter } from './app';
import { resolveOptions, type SimulatorOptions } from './config';
import { createSimServer } from './server';
import { SimState } from './state';

export { DEFAULT_API_KEY, DEFAULT_OAUTH_CLIENT, DEFAULT_READ_ONLY_KEY, type SimulatorOptions } from './config';
export type { SimState } from './state';

export interface RunningSimulator {
  url: string;
  state: SimState;
  close(): Promise<void>;
}

/** Starts a simulator in this process (tests use port 0). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const resolved = resolveOptions(options);
  const state = new SimState(resolved);
  const server = createSimServer(state, apiRouter(), controlRouter());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, resolved.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${resolved.host}:${port}`;
  return {
    url,
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
