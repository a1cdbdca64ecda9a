import { ErrorType, GatewayError } from '@app/errors';
import { assertReturnUrlAllowed, returnUrlProblem } from './return-url';

const ALLOWED = ['https://app.acme.com', 'https://acme.com:8443', 'http://localhost:3000'];

describe('returnUrlProblem', () => {
  it.each([
    'https://app.acme.com',
    'https://app.acme.com/',
    'https://app.acme.com/billing?tab=plan#top',
    'https://APP.acme.com/billing',
    'https://app.acme.com:443/billing',
    'https://acme.com:8443/back',
    'http://localhost:3000/back',
  ])('accepts %s', (url) => {
    expect(returnUrlProblem(url, ALLOWED)).toBeNull();
  });

  it.each([
    ['/billing', 'absolute'],
    ['app.acme.com/billing', 'absolute'],
    ['', 'absolute'],
    ['http://app.acme.com/billing', 'https'],
    ['javascript:alert(1)', 'https'],
    ['ftp://app.acme.com/', 'https'],
    ['https://user:pass@app.acme.com/', 'credentials'],
    ['https://evil.com/', 'allowedReturnOrigins'],
    ['https://app.acme.com.evil.com/', 'allowedReturnOrigins'],
    ['https://evil.com/?next=https://app.acme.com', 'allowedReturnOrigins'],
    ['https://acme.com/', 'allowedReturnOrigins'],
    ['https://app.acme.com:8443/', 'allowedReturnOrigins'],
    ['http://localhost:4000/', 'allowedReturnOrigins'],
    ['http://127.0.0.1:3000/', 'allowedReturnOrigins'],
  ])('refuses %s (%s)', (url, reason) => {
    expect(returnUrlProblem(url, ALLOWED)).toContain(reason);
  });

  it('refuses everything when the tenant allowed no origin', () => {
    expect(returnUrlProblem('https://app.acme.com/', [])).toContain('allowedReturnOrigins');
  });
});

describe('assertReturnUrlAllowed', () => {
  it('throws a 422 naming returnUrl without echoing the URL', () => {
    let thrown: unknown;
    try {
      assertReturnUrlAllowed('https://evil.com/steal?token=abc', ALLOWED);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GatewayError);
    const error = thrown as GatewayError;
    expect(error.type).toBe(ErrorType.UnprocessableEntity);
    expect(error.status).toBe(422);
    expect(error.options.errors).toEqual([{ field: 'returnUrl', message: expect.any(String) }]);
    expect(JSON.stringify({ detail: error.detail, errors: error.options.errors })).not.toContain('evil.com');
  });
});
