import { summarizePrefectError } from './prefect.errors';

describe('summarizePrefectError', () => {
  it('joins FastAPI validation issues as "loc: msg"', () => {
    const body = {
      detail: [
        { loc: ['body', 'return_url'], msg: 'Field required', type: 'missing' },
        {
          loc: ['body', 'additional_user_slots', 0],
          msg: 'Input should be greater than or equal to 0',
          type: 'x',
        },
      ],
    };
    expect(summarizePrefectError(422, body)).toBe(
      'body.return_url: Field required; body.additional_user_slots.0: Input should be greater than or equal to 0',
    );
  });

  it('uses a string detail as is, on one line', () => {
    expect(summarizePrefectError(400, { detail: 'Subscription is\n  cancelling.' })).toBe(
      'Subscription is cancelling.',
    );
  });

  it('redacts secret-looking tokens', () => {
    expect(summarizePrefectError(400, { detail: `bad key pnu_${'a'.repeat(36)}` })).toBe(
      'bad key [REDACTED]',
    );
  });

  it('keeps issues without a location and skips malformed ones', () => {
    expect(summarizePrefectError(422, { detail: [{ msg: 'Invalid' }, { loc: ['x'] }, 'junk'] })).toBe(
      'Invalid',
    );
  });

  it('gives nothing for bodies it does not know', () => {
    for (const body of [undefined, null, 'text', { message: 'x' }, { detail: 42 }, { detail: [] }])
      expect(summarizePrefectError(500, body)).toBeUndefined();
  });
});
