import { isoOrNull } from './normalized-resources';

describe('isoOrNull', () => {
  it('gives what toISOString gives, whether or not the value already has that form', () => {
    expect(isoOrNull('2024-02-29T23:59:59.999Z')).toBe('2024-02-29T23:59:59.999Z');
    expect(isoOrNull('0000-01-01T00:00:00.000Z')).toBe('0000-01-01T00:00:00.000Z');
    expect(isoOrNull('2024-03-01T01:00:00+01:00')).toBe('2024-03-01T00:00:00.000Z');
    expect(isoOrNull('2024-03-01')).toBe('2024-03-01T00:00:00.000Z');
  });

  it('rolls over dates past the end of their day or month, as Date does', () => {
    expect(isoOrNull('2023-02-29T00:00:00.000Z')).toBe('2023-03-01T00:00:00.000Z');
    expect(isoOrNull('2023-04-31T12:00:00.000Z')).toBe('2023-05-01T12:00:00.000Z');
    expect(isoOrNull('2023-12-31T24:00:00.000Z')).toBe('2024-01-01T00:00:00.000Z');
  });

  it('is null for absent and unparseable values', () => {
    expect(isoOrNull(null)).toBeNull();
    expect(isoOrNull(undefined)).toBeNull();
    expect(isoOrNull('not a date')).toBeNull();
    expect(isoOrNull('2023-13-01T00:00:00.000Z')).toBeNull();
    expect(isoOrNull('2023-01-01T23:59:60.000Z')).toBeNull();
  });
});
