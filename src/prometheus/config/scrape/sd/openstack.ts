/** `openstack_sd_configs`: OpenStack instances, hypervisors and load balancers. */
import { PROM_SECRETS } from '../../../../promconfig/secret-settings.js';
import type { Doc } from '../../context.js';
import { http, opt, putSecret } from './common.js';
import { sdMechanism } from './types.js';

export const openstackSd = sdMechanism({
  field: 'openstackSDConfigs',
  key: 'openstack_sd_configs',
  validate: (ctx, c, field, fail) => {
    if (c.role === 'LoadBalancer' && !ctx.gate.since('3.2.0').ok) {
      fail(`The ${c.role} role is only supported from Prometheus version 3.2.0`, `${field}.role`);
    }
  },
  build: (ctx, c, field) => {
    const out: Doc = { role: String(c.role ?? '').toLowerCase(), region: c.region };
    opt(out, 'identity_endpoint', c.identityEndpoint);
    opt(out, 'username', c.username);
    opt(out, 'userid', c.userid);
    putSecret(ctx, out, c.password, `${field}.password`, PROM_SECRETS.openstackPassword);
    opt(out, 'domain_name', c.domainName);
    opt(out, 'domain_id', c.domainID);
    opt(out, 'project_name', c.projectName);
    opt(out, 'project_id', c.projectID);
    opt(out, 'application_credential_name', c.applicationCredentialName);
    opt(out, 'application_credential_id', c.applicationCredentialId);
    putSecret(ctx, out, c.applicationCredentialSecret, `${field}.applicationCredentialSecret`, PROM_SECRETS.openstackApplicationCredentialSecret);
    opt(out, 'all_tenants', c.allTenants);
    opt(out, 'refresh_interval', c.refreshInterval);
    opt(out, 'port', c.port);
    opt(out, 'availability', c.availability);
    return http.tls(ctx, out, c, field);
  },
});
