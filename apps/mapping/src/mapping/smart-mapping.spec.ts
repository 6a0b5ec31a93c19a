import type { TargetFieldView } from '@seatkeeper/contracts';
import { suggestMappings } from './smart-mapping';
import { targetFields } from './target-fields';

describe(suggestMappings.name, () => {
  const fields: Map<string, TargetFieldView> = targetFields([]);

  it("maps an object-valued field through its text, never as a copy of the object (PagerDuty's licence)", () => {
    const suggestions = suggestMappings(
      [
        { name: 'email', sample: 'Ann@Example.com' },
        {
          name: 'license',
          sample: {
            id: 'PLIC01',
            name: 'Full User',
            source: 'pagerduty:licenses.valid_roles',
          },
        },
      ],
      fields,
    );
    expect(
      suggestions.find((s) => s.target === 'saasUser.license'),
    ).toMatchObject({ source: 'license.name', transform: { type: 'copy' } });
    expect(suggestions.find((s) => s.target === 'person.email')).toMatchObject({
      source: 'email',
      transform: { type: 'lower_case' },
    });
  });

  it('offers nothing for a list or an object without text, and the licence path when there is no sample', () => {
    expect(
      suggestMappings(
        [{ name: 'license', sample: { id: 'PLIC01' } }],
        fields,
      ).find((s) => s.target === 'saasUser.license'),
    ).toBeUndefined();
    expect(
      suggestMappings([{ name: 'role', sample: ['a'] }], fields).find(
        (s) => s.target === 'saasUser.vendorRole',
      ),
    ).toBeUndefined();
    expect(
      suggestMappings([{ name: 'license', sample: undefined }], fields).find(
        (s) => s.target === 'saasUser.license',
      )?.source,
    ).toBe('license.name');
  });
});
