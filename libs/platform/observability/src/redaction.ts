/**
 * Paths pino blanks out in every log line. Credentials travel in these fields; logging them
 * would leak them into log storage, which the vault's guarantees forbid.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  '*.password',
  '*.secret',
  '*.secretValue',
  '*.token',
  '*.accessToken',
  '*.apiKey',
  '*.clientSecret',
  '*.plaintext',
  '*.DATABASE_URL',
  '*.NATS_PASSWORD',
  'password',
  'secret',
  'token',
  'apiKey',
  'clientSecret',
  'plaintext',
];
