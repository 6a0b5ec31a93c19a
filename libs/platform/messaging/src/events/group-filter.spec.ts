import { groupFilterSubject } from './group-filter';

describe('groupFilterSubject', () => {
  it('filters one handler on its subject', () => {
    expect(groupFilterSubject(['directory.sync.applied.v1'])).toBe('directory.sync.applied.v1');
  });

  it('filters handlers of one entity family on the family', () => {
    expect(groupFilterSubject(['directory.saas-user.created.v1', 'directory.saas-user.deactivated.v1'])).toBe('directory.saas-user.>');
  });

  it('reads the whole stream when the handlers span entities of a context', () => {
    expect(groupFilterSubject(['directory.saas-user.created.v1', 'directory.person.created.v1'])).toBeUndefined();
    expect(groupFilterSubject([])).toBeUndefined();
  });

  it('never filters on a subject prefix that is a whole subject', () => {
    expect(groupFilterSubject(['a.b.c', 'a.b.c'])).toBe('a.b.>');
  });
});
