/** `azure_sd_configs`: Azure virtual machines. */
import { PROM_SECRETS } from '../../../../promconfig/secret-settings.js';
import type { Doc } from '../../context.js';
import { checkHttpSd, http, opt, putSecret } from './common.js';
import { sdMechanism } from './types.js';

/** Methods that need no client credentials: the operator skips its other checks for them. */
const WITHOUT_CLIENT_SECRET = ['ManagedIdentity', 'SDK', 'WorkloadIdentity'];

export const azureSd = sdMechanism({
  field: 'azureSDConfigs',
  key: 'azure_sd_configs',
  validate: (ctx, c, field, fail) => {
    const method = c.authenticationMethod ?? '';
    if (method === 'SDK' && !ctx.gate.since('2.52.0').ok) {
      fail('SDK authentication is only supported from Prometheus version 2.52.0', `${field}.authenticationMethod`);
    }
    if (method === 'WorkloadIdentity' && !ctx.gate.since('3.11.0').ok) {
      fail('WorkloadIdentity authentication is only supported from Prometheus version 3.11.0', `${field}.authenticationMethod`);
    }
    if (c.resourceGroup !== undefined && c.resourceGroup !== null && !ctx.gate.since('2.35.0').ok) {
      fail('ResourceGroup is only supported from Prometheus version >= 2.35.0', `${field}.resourceGroup`);
    }
    if (WITHOUT_CLIENT_SECRET.includes(method)) return;
    if (!c.tenantID) fail('configuration requires a tenantID', `${field}.tenantID`);
    else if (!c.clientID) fail('configuration requires a clientID', `${field}.clientID`);
    else if (!c.clientSecret) fail('configuration requires a clientSecret', `${field}.clientSecret`);
    else checkHttpSd(c, field, fail);
  },
  build: (ctx, c, field) => {
    let out: Doc = {};
    http.client(ctx, out, c, field);
    // The operator starts the entry afresh when an environment is set,
    // dropping the credentials and proxy settings written above.
    if (c.environment !== undefined && c.environment !== null) out = { environment: c.environment };
    opt(out, 'authentication_method', c.authenticationMethod);
    if (c.subscriptionID) out.subscription_id = c.subscriptionID;
    opt(out, 'tenant_id', c.tenantID);
    opt(out, 'client_id', c.clientID);
    putSecret(ctx, out, c.clientSecret, `${field}.clientSecret`, PROM_SECRETS.azureSdClientSecret);
    opt(out, 'resource_group', c.resourceGroup);
    opt(out, 'refresh_interval', c.refreshInterval);
    return opt(out, 'port', c.port);
  },
});
