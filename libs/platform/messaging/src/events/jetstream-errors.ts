/**
 * JetStream API error codes (nats-server `server/errors.json`) that mean "a consumer by this name
 * is there already": the durable survives restarts, so a service that starts again updates it.
 * Recognised by code, not by the wording of the description, which servers are free to change.
 */
const CONSUMER_EXISTS_CODES = new Set([
  10013, // consumer name already in use
  10105, // consumer already exists and is still active
  10148, // consumer already exists (servers ≥ 2.10 with a create action)
]);

export function isConsumerExists(error: unknown): boolean {
  const code = (error as { api_error?: { err_code?: number } } | null)?.api_error?.err_code;
  return code !== undefined && CONSUMER_EXISTS_CODES.has(code);
}
