import { camelKey, snakeKey, toCamelCase, toSnakeCase, type SnakeCased } from './public-names';

describe('public-names', () => {
  it('renames by one rule each way, digits staying where they are', () => {
    expect(['secretHint', 'oauth2', 'workflowRunId', 'id'].map(snakeKey)).toEqual(['secret_hint', 'oauth2', 'workflow_run_id', 'id']);
    expect(['secret_hint', 'oauth2', 'workflow_run_id', 'next_cursor'].map(camelKey)).toEqual(['secretHint', 'oauth2', 'workflowRunId', 'nextCursor']);
  });

  it('renames deeply through objects, arrays and nulls, and leaves values (dates included) alone', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const view = { lastTest: null, settings: { apiKey: { headerName: 'X-Key' } }, keys: [{ inRing: true, activatedAt: at }], preset: 'pagerduty_api_key' };
    const snake: SnakeCased<typeof view> = toSnakeCase(view);
    expect(snake).toEqual({ last_test: null, settings: { api_key: { header_name: 'X-Key' } }, keys: [{ in_ring: true, activated_at: at }], preset: 'pagerduty_api_key' });
    expect(toCamelCase(snake)).toEqual(view);
  });

  it('copies the fields named in keep as they are (data, not shape)', () => {
    expect(toSnakeCase({ recordType: 'user', filter: { someKey: 1 } }, ['filter'])).toEqual({ record_type: 'user', filter: { someKey: 1 } });
    expect(toCamelCase({ record_type: 'user', filter: { some_key: 1 } }, ['filter'])).toEqual({ recordType: 'user', filter: { some_key: 1 } });
  });

  it('reads class instances (a validated body) into plain objects', () => {
    class Body {
      local_reference = { kind: 'env' };
      secret?: string;
    }
    expect(toCamelCase(new Body())).toEqual({ localReference: { kind: 'env' } });
  });
});

describe('SnakeCased', () => {
  it('holds a public class to its contract: a field missing or named otherwise fails the typecheck', () => {
    interface View {
      secretHint: string | null;
      lastTest: { at: string } | null;
    }
    class Exact implements SnakeCased<View> {
      secret_hint!: string | null;
      last_test!: { at: string } | null;
    }
    // @ts-expect-error last_test is missing
    class Missing implements SnakeCased<View> {
      secret_hint!: string | null;
    }
    // @ts-expect-error lastTest is the contract's spelling, not the public one
    class Misnamed implements SnakeCased<View> {
      secret_hint!: string | null;
      lastTest!: { at: string } | null;
    }
    expect([Exact, Missing, Misnamed].map((c) => c.name)).toEqual(['Exact', 'Missing', 'Misnamed']);
  });
});
