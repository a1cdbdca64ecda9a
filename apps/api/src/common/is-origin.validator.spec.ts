import { validateSync, Validate } from 'class-validator';
import { IsOrigin, isOrigin } from './is-origin.validator';

describe('isOrigin', () => {
  it.each([
    'https://app.example.com',
    'https://app.example.com:8443',
    'https://xn--bcher-kva.example',
    'http://localhost',
    'http://localhost:3000',
    'http://127.0.0.1:8080',
    'http://[::1]:5173',
  ])('accepts %s', (value) => {
    expect(isOrigin(value)).toBe(true);
  });

  it.each([
    ['a trailing slash', 'https://app.example.com/'],
    ['a path', 'https://app.example.com/billing'],
    ['a query', 'https://app.example.com?x=1'],
    ['a fragment', 'https://app.example.com#top'],
    ['credentials', 'https://user:pass@app.example.com'],
    ['plain http to a public host', 'http://app.example.com'],
    ['another scheme', 'ftp://files.example.com'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['uppercase (browsers send lowercase)', 'https://App.Example.com'],
    ['the default port spelled out', 'https://app.example.com:443'],
    ['no scheme', 'app.example.com'],
    ['an empty string', ''],
    ['surrounding spaces', ' https://app.example.com'],
    ['an overlong value', `https://${'a'.repeat(300)}.com`],
  ])('rejects %s', (_case, value) => {
    expect(isOrigin(value)).toBe(false);
  });

  it.each([undefined, null, 42, ['https://app.example.com'], { origin: 'https://app.example.com' }])(
    'rejects the non-string %j',
    (value) => {
      expect(isOrigin(value)).toBe(false);
    },
  );
});

describe('IsOrigin constraint', () => {
  class Dto {
    @Validate(IsOrigin, { each: true })
    origins: unknown[];
  }
  const validate = (origins: unknown[]) => validateSync(Object.assign(new Dto(), { origins }));

  it('validates each entry of a list', () => {
    expect(validate(['https://a.example.com', 'http://localhost:3000'])).toEqual([]);
    const errors = validate(['https://a.example.com', 'https://b.example.com/path']);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.constraints).toEqual({
      isOrigin:
        'each origin must look like https://host[:port] (http only for localhost), without a path or trailing slash',
    });
  });
});
