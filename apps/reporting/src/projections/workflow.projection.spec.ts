import { freesSeat } from './workflow.projection';

describe('freesSeat', () => {
  it('is a vendor deletion that succeeded, nothing else', () => {
    expect(freesSeat({ action: 'vendor_delete', outcome: 'succeeded' })).toBe(true);
    expect(freesSeat({ action: 'vendor_delete', outcome: 'failed' })).toBe(false);
    expect(freesSeat({ action: 'vendor_suspend', outcome: 'succeeded' } as never)).toBe(false);
  });
});
