import { IsString } from 'class-validator';
import { ALL_EVENTS, defineEvent, defineRequest, SyncBatchFetchedV1 } from './index';

class Probe {
  @IsString()
  name!: string;
}

describe(defineEvent.name, () => {
  it('derives context and version from the subject', () => {
    expect(SyncBatchFetchedV1).toMatchObject({ kind: 'event', context: 'sync', version: 1 });
  });

  it('refuses a subject that is not <context>.<entity>.<event>.v<N>', () => {
    expect(() => defineEvent('sync.batch.fetched', Probe)).toThrow(/is not <context>/);
    expect(() => defineEvent('Sync.batch.fetched.v1', Probe)).toThrow(/is not <context>/);
  });

  it('refuses to define one subject twice', () => {
    expect(() => defineEvent('sync.batch.fetched.v1', Probe)).toThrow(/defined twice/);
  });

  it('lists every contract event exactly once, each in a known stream context', () => {
    const subjects = ALL_EVENTS.map((e) => e.subject);
    expect(new Set(subjects).size).toBe(subjects.length);
    expect(subjects).toEqual(expect.arrayContaining(['sync.batch.fetched.v1', 'directory.sync.applied.v1']));
    for (const e of ALL_EVENTS) expect(['sync', 'directory', 'workflow', 'vault']).toContain(e.context);
  });
});

describe(defineRequest.name, () => {
  it('refuses request subjects that look like event subjects (they would be captured by a stream)', () => {
    expect(() => defineRequest('mapping.definitions.check.v1', Probe, 'mapping')).toThrow(/must not|not end/);
    expect(defineRequest('mapping.definitions.check', Probe, 'mapping').service).toBe('mapping');
  });
});
