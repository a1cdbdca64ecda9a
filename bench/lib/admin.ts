import { randomBytes } from 'node:crypto';

/** The admin API of the gateway under test, as an operator would use it. */
export class AdminClient {
  constructor(
    public baseUrl: string,
    private readonly adminKey: string,
  ) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${this.adminKey}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** A tenant with one API key; returns its id and the key's secret. */
  async tenantWithKey(
    name: string,
    allowedReturnOrigins = ['https://app.example.com'],
  ): Promise<{ tenantId: string; apiKey: string; apiKeyId: string }> {
    const slug = `${name}-${randomBytes(4).toString('hex')}`;
    const tenant = await this.request<{ id: string }>('POST', '/admin/tenants', {
      name,
      slug,
      allowedReturnOrigins,
    });
    const key = await this.request<{ id: string; secret: string }>(
      'POST',
      `/admin/tenants/${tenant.id}/api-keys`,
      { name: 'bench' },
    );
    return { tenantId: tenant.id, apiKey: key.secret, apiKeyId: key.id };
  }

  async connection(tenantId: string, body: Record<string, unknown>): Promise<string> {
    const created = await this.request<{ id: string }>(
      'POST',
      `/admin/tenants/${tenantId}/connections`,
      body,
    );
    return created.id;
  }
}
