import { RateBudget } from './rate-budget';

describe('RateBudget', () => {
  it('paces requests at its share of the account limit (within 10%), not at half of it', async () => {
    // 1,200/min × 50% = 10 requests/s: 21 starts span 2 s at exactly the share.
    const budget = new RateBudget({ accountLimitPerMinute: 1200, share: 0.5 });
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 21 }, () => budget.schedule(async () => void starts.push(performance.now()))));
    await budget.dispose();
    const perSecond = ((starts.length - 1) / ((starts.at(-1) as number) - (starts[0] as number))) * 1000;
    expect(perSecond).toBeGreaterThan(10 * 0.9);
    expect(perSecond).toBeLessThanOrEqual(10 * 1.1);
  });
});
