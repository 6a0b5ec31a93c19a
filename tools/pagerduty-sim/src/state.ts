import { Credentials } from './auth';
import type { ResolvedOptions } from './config';
import { DutyIndex } from './data/duty-index';
import type { SeedSpec } from './data/seed';
import { SearchIndex } from './data/search-index';
import { UserStore } from './data/user-store';
import { FaultInjector } from './faults';
import { RateLimiter } from './rate-limit';
import { RequestLog } from './request-log';
import { PageCache, UserJsonCache, type LinkBase } from './serialize/user-json';

/** Everything one simulator instance knows. Reseeding swaps the account, keeping credentials and faults. */
export class SimState {
  spec: SeedSpec;
  store: UserStore;
  duties: DutyIndex;
  search: SearchIndex;
  readonly cache: UserJsonCache;
  readonly pages: PageCache;
  readonly credentials: Credentials;
  readonly limiter: RateLimiter;
  readonly faults: FaultInjector;
  readonly log = new RequestLog();
  links: LinkBase;

  constructor(readonly options: ResolvedOptions) {
    this.cache = new UserJsonCache(options.jsonCacheSize);
    this.pages = new PageCache(options.jsonCacheSize > 0 ? 256 : 0);
    this.credentials = new Credentials(
      [...options.apiKeys.map((k) => [k, 'full'] as [string, 'full']), ...options.readOnlyKeys.map((k) => [k, 'read-only'] as [string, 'read-only'])],
      options.oauthClients,
      options.oauthTokenTtlSeconds,
    );
    this.limiter = new RateLimiter(options.rateLimit, options.rateWindowMs);
    this.faults = new FaultInjector(options.seed);
    this.links = { apiBase: options.linkBase, webBase: `https://${options.subdomain}.pagerduty.com` };
    this.spec = { seed: options.seed, users: options.users, referenceTime: options.referenceTime, subdomain: options.subdomain };
    this.store = this.makeStore();
    this.duties = new DutyIndex(this.store);
    this.search = new SearchIndex(this.store);
  }

  /** Replaces the account with a freshly seeded one. */
  reseed(seed: number, users: number): void {
    this.spec = { ...this.spec, seed: seed >>> 0, users };
    this.store = this.makeStore();
    this.duties = new DutyIndex(this.store);
    this.search = new SearchIndex(this.store);
    this.cache.clear();
    this.pages.clear();
  }

  private makeStore(): UserStore {
    const store = new UserStore(this.spec);
    store.onChange((i) => this.cache.invalidate(i));
    return store;
  }
}
