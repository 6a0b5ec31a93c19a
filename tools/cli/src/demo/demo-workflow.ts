import { ApiError, type ApiClient } from '../api-client';

/**
 * The example workflow ("delete PagerDuty users inactive for more than a year") as a dry run:
 * only its plan is made, nothing is deleted. Until the workflow routes exist in the gateway, says so.
 */
export async function dryRunExampleWorkflow(api: ApiClient, _saasAppId: string, step: (s: string) => void): Promise<{ size: number } | { unavailable: string }> {
  try {
    await api.get('/workflows', { limit: 1 });
  } catch (e) {
    if (e instanceof ApiError && e.problem.status === 404) {
      step('workflows are not served by this gateway yet; the dry run is skipped');
      return { unavailable: 'the gateway has no /api/v1/workflows routes yet' };
    }
    throw e;
  }
  return { unavailable: 'workflow dry run: not wired yet' };
}
