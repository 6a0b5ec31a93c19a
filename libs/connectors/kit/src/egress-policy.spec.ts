import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsAllowedUrlList } from './base-url-list.decorator';
import { EgressPolicy, EgressRefusedError } from './egress-policy';

class VendorRefusal extends Error {}

class Env {
  @IsAllowedUrlList('ALLOWED')
  ALLOWED: string[] = [];
}

describe(EgressPolicy.name, () => {
  const official = ['https://identity.example.com/oauth/token'];

  it('allows the official URLs and the listed ones, and refuses any other with the caller’s error and noun', () => {
    const policy = new EgressPolicy(official, { allowedBaseUrls: ['http://127.0.0.1:9999/oauth/token'], noun: 'OAuth token URL', refuse: (m) => new VendorRefusal(m) });
    expect(policy.checkBaseUrl('https://identity.example.com/oauth/token/')).toBe('https://identity.example.com/oauth/token');
    expect(policy.checkBaseUrl('http://127.0.0.1:9999/oauth/token')).toBe('http://127.0.0.1:9999/oauth/token');
    expect(() => policy.checkBaseUrl('http://169.254.169.254/latest')).toThrow(VendorRefusal);
    expect(() => policy.checkBaseUrl('http://169.254.169.254/latest')).toThrow(/is not an allowed OAuth token URL/);
    expect(() => policy.checkBaseUrl('https://user:pw@identity.example.com/oauth/token')).toThrow(/must not carry a user name/);
  });

  it('refuses with its own EgressRefusedError when the caller names none', () => {
    expect(() => new EgressPolicy(official).checkBaseUrl('https://elsewhere.example.com')).toThrow(EgressRefusedError);
  });
});

describe(IsAllowedUrlList.name, () => {
  const check = (value: string) => validateSync(plainToInstance(Env, { ALLOWED: value }));

  it('parses a comma-separated list', () => {
    const env = plainToInstance(Env, { ALLOWED: 'http://a.test:1/x, https://b.test' });
    expect(env.ALLOWED).toEqual(['http://a.test:1/x', 'https://b.test']);
    expect(validateSync(env)).toEqual([]);
  });

  it.each([['ftp://a.test'], ['http://u:p@a.test'], ['https://a.test/?q=1']])('refuses %s at boot', (value) => {
    expect(check(value)).not.toEqual([]);
  });
});
