import { HttpException } from '@nestjs/common';
import { RemoteRpcError } from '@seatkeeper/platform-messaging';
import { publicFieldPath, withPublicFieldNames } from './service-field-names';

describe(publicFieldPath.name, () => {
  it('turns contract paths into snake_case dotted paths, renaming the head', () => {
    expect(publicFieldPath('syncKeys[1]')).toBe('sync_keys.1');
    expect(publicFieldPath('mappings[0].target')).toBe('mappings.0.target');
    expect(publicFieldPath('blastRadius.maxPercent')).toBe(
      'blast_radius.max_percent',
    );
    expect(publicFieldPath('filter.all[2].value')).toBe('filter.all.2.value');
    expect(publicFieldPath('personId', { personId: 'id' })).toBe('id');
  });
});

describe(withPublicFieldNames.name, () => {
  const failing = (details: unknown) =>
    Promise.reject(
      new RemoteRpcError('mapping', {
        code: 'VALIDATION_FAILED',
        message: 'invalid',
        details,
      }),
    );

  it('re-throws VALIDATION_FAILED as a 400 naming the public fields, messages included', async () => {
    const error = await withPublicFieldNames(
      failing([
        {
          field: 'terminationDate',
          messages: ['required when terminationDate is missing'],
        },
      ]),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpException);
    expect((error as HttpException).getStatus()).toBe(400);
    expect((error as HttpException).getResponse()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [
        {
          field: 'termination_date',
          messages: ['required when termination_date is missing'],
        },
      ],
    });
  });

  it('lets other errors through unchanged', async () => {
    const notFound = new RemoteRpcError('mapping', {
      code: 'NOT_FOUND',
      message: 'no such person',
    });
    await expect(withPublicFieldNames(Promise.reject(notFound))).rejects.toBe(
      notFound,
    );
  });
});
