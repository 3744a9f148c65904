import { describe, expect, it } from 'vitest';
import { errorFields } from '../../../adapters/discord/log-fields.js';

describe('errorFields', () => {
  it('keeps name, code and status, and scrubs tokens from the message', () => {
    const error = Object.assign(
      new Error('POST /interactions/123/aW50ZXJhY3Rpb24.tok/callback failed; header Bot abc.def.ghi'),
      {
        code: 10062,
        status: 404,
        url: 'https://discord.com/api/v10/interactions/123/aW50ZXJhY3Rpb24.tok/callback',
      },
    );
    const fields = errorFields(error);
    expect(fields).toEqual({
      name: 'Error',
      message: 'POST /interactions/123/[secret]/callback failed; header Bot [secret]',
      code: 10062,
      status: 404,
    });
    expect(JSON.stringify(fields)).not.toContain('tok');
  });

  it('describes a thrown non-error', () => {
    expect(errorFields('boom')).toEqual({ name: 'NonError', message: 'boom' });
  });
});
