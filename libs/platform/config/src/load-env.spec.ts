import { IsString, MinLength } from 'class-validator';
import { describeEnv, EnvValidationError, loadEnv, Secret, ServiceEnv } from './index';

class DemoEnv extends ServiceEnv {
  @Secret()
  @IsString()
  @MinLength(32)
  DEMO_KEY = '';
}

describe(loadEnv.name, () => {
  it('keeps defaults for unset variables and converts numbers', () => {
    const env = loadEnv(ServiceEnv, { INTERNAL_PORT: '9200' });
    expect(env.INTERNAL_PORT).toBe(9200);
    expect(env.NATS_URL).toBe('nats://127.0.0.1:4222');
  });

  it('names the bad variable', () => {
    expect(() => loadEnv(ServiceEnv, { NATS_URL: 'http://nope' })).toThrow(/NATS_URL: NATS_URL must be/);
    expect(() => loadEnv(ServiceEnv, { INTERNAL_PORT: 'abc' })).toThrow(EnvValidationError);
  });

  it('never prints a secret value, in errors or in the boot summary', () => {
    let message = '';
    try {
      loadEnv(DemoEnv, { DEMO_KEY: 'short-but-secret' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('DEMO_KEY');
    expect(message).not.toContain('short-but-secret');
    const env = loadEnv(DemoEnv, { DEMO_KEY: 'x'.repeat(40), DATABASE_URL: 'postgresql://u:pw@h/db' });
    expect(describeEnv(env)).toMatchObject({ DEMO_KEY: '***', DATABASE_URL: '***' });
  });
});
