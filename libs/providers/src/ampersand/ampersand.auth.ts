import type { OpenApiContract } from '../contracts/openapi-contract';

type SecurityRequirement = Record<string, unknown>;
interface SecurityScheme {
  type?: string;
  scheme?: string;
}

/** How the connection's API key is presented to one Ampersand operation. */
export type AmpersandAuthScheme = 'bearer' | 'api-key';

/**
 * Reads the scheme from the spec rather than hard-coding it per operation. Ampersand accepts
 * `X-Api-Key` globally, but some operations override `security` to Bearer only (upstream: "Only
 * bearer auth works for this endpoint"). One rule: Bearer when every alternative the operation
 * allows is an HTTP bearer scheme, else X-Api-Key.
 */
export function authSchemeFor(contract: OpenApiContract, operationId: string): AmpersandAuthScheme {
  const document = contract.document as typeof contract.document & { security?: SecurityRequirement[] };
  const schemes = (document.components?.securitySchemes ?? {}) as Record<string, SecurityScheme>;
  const alternatives = contract.operation(operationId).security ?? document.security ?? [];
  const isBearer = (name: string) =>
    schemes[name]?.type === 'http' && schemes[name]?.scheme?.toLowerCase() === 'bearer';
  const bearerOnly =
    alternatives.length > 0 &&
    alternatives.every((requirement) => {
      const names = Object.keys(requirement);
      return names.length > 0 && names.every(isBearer);
    });
  return bearerOnly ? 'bearer' : 'api-key';
}

export function authHeaders(scheme: AmpersandAuthScheme, apiKey: string): Record<string, string> {
  return scheme === 'bearer' ? { Authorization: `Bearer ${apiKey}` } : { 'X-Api-Key': apiKey };
}
