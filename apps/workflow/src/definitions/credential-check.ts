import { Injectable } from '@nestjs/common';
import { VaultCredentialsGet, type WorkflowProblem } from '@seatkeeper/contracts';
import { RemoteRpcError, RpcClient, RpcException } from '@seatkeeper/platform-messaging';

/** Every credential a graph names must exist in the vault, for the block's vendor (metadata only: workflow never resolves secrets). */
@Injectable()
export class CredentialCheck {
  constructor(private readonly rpc: RpcClient) {}

  async problems(credentials: { blockId: string; credentialId: string }[]): Promise<WorkflowProblem[]> {
    const out: WorkflowProblem[] = [];
    for (const { blockId, credentialId } of credentials) {
      const field = `blocks.${blockId}.config.credentialId`;
      try {
        const c = await this.rpc.request(VaultCredentialsGet, { id: credentialId });
        if (c.vendor !== 'pagerduty') out.push({ blockId, field, message: `credential ${credentialId} is for ${c.vendor}, not pagerduty` });
      } catch (e) {
        if (e instanceof RemoteRpcError && e.code === 'NOT_FOUND') out.push({ blockId, field, message: `credential ${credentialId} is not in the vault` });
        else out.push({ blockId, field, message: `the vault could not confirm credential ${credentialId} (${e instanceof RpcException ? e.code : 'error'})` });
      }
    }
    return out;
  }
}
