import { isConsumerExists } from './jetstream-errors';

describe('isConsumerExists', () => {
  it('goes by the JetStream error code, whatever the wording', () => {
    expect(isConsumerExists({ message: 'anything', api_error: { code: 400, err_code: 10013, description: 'consumer name already in use' } })).toBe(true);
    expect(isConsumerExists({ message: 'reworded', api_error: { code: 400, err_code: 10148, description: 'it is there' } })).toBe(true);
  });

  it('does not take other errors that mention "already" for it', () => {
    expect(isConsumerExists(new Error('stream already gone'))).toBe(false);
    expect(isConsumerExists({ api_error: { code: 500, err_code: 10012, description: 'deliver policy can not be updated' } })).toBe(false);
    expect(isConsumerExists(null)).toBe(false);
  });
});
