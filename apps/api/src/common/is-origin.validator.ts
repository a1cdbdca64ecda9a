import { ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';

/**
 * An origin as browsers send it: `https://host[:port]`, no path, query or credentials; plain http
 * only for localhost, so a misconfiguration cannot allow redirects to an unencrypted site.
 */
export function isOrigin(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 300) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.origin !== value) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

@ValidatorConstraint({ name: 'isOrigin' })
export class IsOrigin implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isOrigin(value);
  }

  defaultMessage(): string {
    return 'each origin must look like https://host[:port] (http only for localhost), without a path or trailing slash';
  }
}
