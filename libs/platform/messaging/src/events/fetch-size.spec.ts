import { FetchSize } from './fetch-size';

describe('FetchSize', () => {
  it('starts with a modest pull before it has seen a message', () => {
    expect(new FetchSize(2_000_000, 500).next()).toBe(100);
  });

  it('pulls a whole batch of small events', () => {
    const size = new FetchSize(2_000_000, 500);
    for (let i = 0; i < 10; i++) size.saw(800);
    expect(size.next()).toBe(500);
  });

  it('pulls pages of records a few at a time, and at least one', () => {
    const size = new FetchSize(2_000_000, 500);
    for (let i = 0; i < 10; i++) size.saw(150_000);
    expect(size.next()).toBe(13);
    for (let i = 0; i < 200; i++) size.saw(5_000_000);
    expect(size.next()).toBe(1);
  });
});
