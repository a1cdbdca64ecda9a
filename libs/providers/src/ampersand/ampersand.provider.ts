import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { ErrorType, GatewayError } from '@app/errors';
import { BillingProvider } from '../billing-provider';
import { ApiKeyCredentials } from '../credentials';
import { Capability } from '../domain/capability';
import type { BillingAccount, CredentialCheck, PortalSession, ResourceOrigin } from '../domain/models';
import type {
  NativeInput,
  NativeOperation,
  NativeOperationDeclaration,
  NativeResult,
} from '../native/native-operation';
import type { ProviderCall } from '../provider-call';
import { ProviderId } from '../provider-id';
import { UpstreamFactory } from '../upstream/upstream-factory';
import { AmpersandClient } from './ampersand.client';
import { AmpersandAccount, AmpersandSettings } from './ampersand.connection';
import { retryAfterFromAmpersandProblem, summarizeAmpersandProblem } from './ampersand.errors';
import { toBillingAccount, toPortalSession, toPortalSessionRequest } from './ampersand.mappers';

/** The connection's account and settings were validated against these classes when it was saved. */
const accountOf = (call: ProviderCall) => call.account as unknown as AmpersandAccount;
const settingsOf = (call: ProviderCall) => call.settings as unknown as AmpersandSettings;

const BILLING_ACCOUNT_READ = 'GET /orgs/{orgId}/billingAccount';

/**
 * Ampersand's billing surface is two operations: open a portal session for a billing account, and
 * read an organization's billing account. Reading needs the connection's optional `orgId`.
 */
@Injectable()
export class AmpersandProvider extends BillingProvider {
  readonly id = ProviderId.ampersand;
  readonly displayName = 'Ampersand';
  readonly connectionSchema = {
    credentials: ApiKeyCredentials,
    account: AmpersandAccount,
    settings: AmpersandSettings,
  };
  readonly capabilities = [
    Capability.CreatePortalSession,
    Capability.GetBillingAccount,
    Capability.VerifyCredentials,
  ];
  // The method-derived hints are right for both: the POST only opens a session (neither read-only
  // nor destructive, and each call makes a new one); the GET reads.
  readonly nativeOperations: readonly NativeOperationDeclaration[] = [
    { operationId: 'createBillingAccountSession', accountParams: { billingAccountId: 'billingAccountId' } },
    { operationId: 'getOrgBillingAccount', accountParams: { orgId: 'orgId' } },
  ];

  private readonly client: AmpersandClient;

  constructor(upstream: UpstreamFactory, config: AppConfig) {
    super();
    this.client = new AmpersandClient(
      upstream.http(ProviderId.ampersand, config.AMPERSAND_API_BASE_URL, summarizeAmpersandProblem, {
        retryAfterFromBody: retryAfterFromAmpersandProblem,
      }),
    );
  }

  override async createPortalSession(
    call: ProviderCall,
    input: { returnUrl: string },
  ): Promise<PortalSession> {
    // Ampersand takes no locale; a requested one is ignored.
    const request = toPortalSessionRequest(input.returnUrl, settingsOf(call));
    const sentAt = new Date();
    const session = await this.client.createBillingAccountSession(
      call.credentials.apiKey,
      accountOf(call).billingAccountId,
      request,
    );
    return toPortalSession(session, this.origin(call), request, sentAt);
  }

  override async getBillingAccount(call: ProviderCall): Promise<BillingAccount> {
    const orgId = requireOrgId(call, 'Reading the billing account');
    const account = await this.client.getOrgBillingAccount(call.credentials.apiKey, orgId);
    return toBillingAccount(account, this.origin(call), orgId);
  }

  /**
   * The billing-account read is the only side-effect-free call, and it needs `orgId`: without it
   * there is nothing to check with, which is a connection problem rather than a credential verdict.
   */
  override async verifyCredentials(call: ProviderCall): Promise<CredentialCheck> {
    const orgId = requireOrgId(call, 'Verifying the credentials');
    try {
      await this.client.getOrgBillingAccount(call.credentials.apiKey, orgId);
      return { ok: true, checkedWith: BILLING_ACCOUNT_READ, detail: null };
    } catch (error) {
      if (error instanceof GatewayError && error.type === ErrorType.ProviderAuthenticationFailed)
        return { ok: false, checkedWith: BILLING_ACCOUNT_READ, detail: error.detail };
      throw error;
    }
  }

  override async callNative(
    call: ProviderCall,
    operation: NativeOperation,
    input: NativeInput,
  ): Promise<NativeResult> {
    // NativeCatalog.prepare fills a missing account field with "": refuse before calling upstream.
    for (const [param, field] of Object.entries(operation.accountParams)) {
      const value = call.account[field];
      if (typeof value !== 'string' || value === '')
        throw misconfigured(field, `${operation.operationId} (${param})`);
    }
    return this.client.callOperation(call.credentials.apiKey, operation, input);
  }

  private origin(call: ProviderCall): ResourceOrigin {
    return { provider: this.id, connectionId: call.connectionId };
  }
}

function requireOrgId(call: ProviderCall, purpose: string): string {
  const orgId = accountOf(call).orgId;
  if (typeof orgId !== 'string' || orgId === '') throw misconfigured('orgId', purpose);
  return orgId;
}

function misconfigured(field: string, purpose: string): GatewayError {
  return new GatewayError(
    ErrorType.ConnectionMisconfigured,
    `${purpose} needs account.${field}, which this Ampersand connection does not set: add ${field} to the connection's account.`,
    { extensions: { provider: ProviderId.ampersand, missing: [`account.${field}`] } },
  );
}
