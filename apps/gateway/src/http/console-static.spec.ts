import { isApiPath, isPageNavigation } from './console-static';

describe(isPageNavigation.name, () => {
  const html = 'text/html,application/xhtml+xml,*/*;q=0.8';

  it.each([
    ['GET', '/', html],
    ['GET', '/integrations', html],
    ['GET', '/integrations/0190e4c2-0000-7000-8000-000000000000', html],
  ])('serves index.html for %s %s', (method, path, accept) => {
    expect(isPageNavigation(method, path, accept)).toBe(true);
  });

  it.each<[string, string, string | undefined, string]>([
    ['GET', '/api/v1/nothing', html, 'an API path stays the API'],
    ['GET', '/api', html, 'the API root too'],
    ['GET', '/assets/missing.js', html, 'a missing asset stays 404'],
    ['GET', '/integrations', 'application/json', 'not a page navigation'],
    ['GET', '/integrations', undefined, 'no Accept header'],
    ['POST', '/integrations', html, 'not a GET'],
  ])('leaves %s %s alone (%s)', (method, path, accept) => {
    expect(isPageNavigation(method, path, accept)).toBe(false);
  });

  it('treats /api and /api/… as the API, not /apiary', () => {
    expect([isApiPath('/api'), isApiPath('/api/v1/x'), isApiPath('/apiary')]).toEqual([true, true, false]);
  });
});
