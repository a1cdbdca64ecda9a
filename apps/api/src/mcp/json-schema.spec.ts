import { objectSchema, resolvePointer, selfContained } from './json-schema';
import { nativeToolName } from './native-tools';

describe('selfContained', () => {
  const document = {
    components: {
      schemas: {
        Status: { type: 'string', enum: ['paid', 'open'] },
        Node: { type: 'object', properties: { child: { $ref: '#/components/schemas/Node' } } },
        Money: { type: 'integer', nullable: true, example: 4900 },
      },
    },
  };
  const standalone = (schema: unknown) => selfContained(schema, (ref) => resolvePointer(document, ref));

  it('inlines references and merges a single-schema allOf into its parent', () => {
    expect(
      standalone({ description: 'Only these.', allOf: [{ $ref: '#/components/schemas/Status' }] }),
    ).toEqual({ type: 'string', enum: ['paid', 'open'], description: 'Only these.' });
  });

  it('cuts recursion with an unconstrained schema', () => {
    expect(standalone({ $ref: '#/components/schemas/Node' })).toEqual({
      type: 'object',
      properties: { child: {} },
    });
  });

  it('rewrites OpenAPI 3.0 nullable and example, and drops empty required lists', () => {
    expect(standalone({ $ref: '#/components/schemas/Money' })).toEqual({
      type: ['integer', 'null'],
      examples: [4900],
    });
    expect(standalone({ type: 'object', required: [] })).toEqual({ type: 'object' });
  });

  it('treats property names and data values as names and data, not schema keywords', () => {
    const schema = {
      type: 'object',
      properties: { example: { type: 'string' }, $ref: { type: 'string' } },
      default: { example: 1 },
    };
    expect(standalone(schema)).toEqual(schema);
  });
});

describe('objectSchema', () => {
  it('is closed unless open, and omits an empty required list', () => {
    expect(objectSchema({ a: {} }, [])).toEqual({
      type: 'object',
      properties: { a: {} },
      additionalProperties: false,
    });
    expect(objectSchema({}, ['a'], { open: true })).toEqual({
      type: 'object',
      properties: {},
      required: ['a'],
    });
  });
});

describe('nativeToolName', () => {
  it('is <provider>__<operationId> within the 64 characters of [A-Za-z0-9_-] clients accept', () => {
    expect(nativeToolName('qovery', 'getOrganizationInvoice')).toBe('qovery__getOrganizationInvoice');
    expect(nativeToolName('acme', 'get.thing/v2')).toBe('acme__get_thing_v2');
    const long =
      'cancel_org_subscription_at_period_end_api_billing__account_id__cancel_org_subscription_post';
    const name = nativeToolName('prefect', long);
    expect(name).toMatch(/^prefect__cancel_org_subscription_at_period_end_api_bill_[0-9a-f]{8}$/);
    expect(name).toHaveLength(64);
    expect(nativeToolName('prefect', `${long}2`)).not.toBe(name);
  });
});
