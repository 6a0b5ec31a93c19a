import type { RequestDefinition } from '@seatkeeper/contracts';
import type { RpcClient } from '@seatkeeper/platform-messaging';

/**
 * For route services' unit tests: an RpcClient that records each request as it would travel
 * (JSON, so undefined fields are gone) and answers from `replies` by subject.
 */
export function fakeRpc(replies: Record<string, unknown>): { rpc: RpcClient; sent: { subject: string; payload: unknown }[] } {
  const sent: { subject: string; payload: unknown }[] = [];
  const rpc = {
    request: (definition: RequestDefinition, payload: object) => {
      sent.push({ subject: definition.subject, payload: JSON.parse(JSON.stringify(payload)) as unknown });
      return Promise.resolve(replies[definition.subject]);
    },
  } as unknown as RpcClient;
  return { rpc, sent };
}
