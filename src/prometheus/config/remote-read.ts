/** The `remote_read` section. */
import type { RemoteReadSpec } from '../../api/types.js';
import { notNil, sortedMap } from '../../core/objects.js';
import type { ConfigContext, Doc } from './context.js';
import { addAuthorization, addBasicAuth, addBearerToken, addOAuth2, addProxy, checkProxy, type OAuth2Spec, type ProxySpec } from '../../promconfig/http.js';
import { addTls } from '../../promconfig/tls.js';

type RemoteRead = RemoteReadSpec & ProxySpec;

function remoteReadDoc(ctx: ConfigContext, rr: RemoteRead, field: string): Doc {
  const { gate } = ctx;
  const g = gate.at(field);
  const out: Doc = { url: rr.url };
  if (notNil(rr.remoteTimeout)) out.remote_timeout = rr.remoteTimeout;
  if (rr.headers && Object.keys(rr.headers).length > 0) g.since('2.26.0').put(out, 'headers', sortedMap(rr.headers));
  if (rr.name) g.since('2.15.0').put(out, 'name', rr.name);
  if (rr.requiredMatchers && Object.keys(rr.requiredMatchers).length > 0) out.required_matchers = sortedMap(rr.requiredMatchers);
  if (rr.readRecent) out.read_recent = rr.readRecent;
  addBasicAuth(ctx, gate, out, rr.basicAuth, `${field}.basicAuth`);
  addBearerToken(ctx, out, rr, field);
  addOAuth2(ctx, gate, out, rr.oauth2 as OAuth2Spec | undefined, `${field}.oauth2`);
  addTls(ctx, gate, out, rr.tlsConfig, `${field}.tlsConfig`);
  addAuthorization(ctx, gate, out, rr.authorization, `${field}.authorization`);
  addProxy(ctx, gate, out, rr, field);
  if (notNil(rr.followRedirects)) g.since('2.26.0').put(out, 'follow_redirects', rr.followRedirects);
  if (notNil(rr.filterExternalLabels)) g.since('2.34.0').put(out, 'filter_external_labels', rr.filterExternalLabels);
  return out;
}

/** `remote_read`, one entry per spec.remoteRead item, when there is any. */
export function addRemoteRead(ctx: ConfigContext, out: Doc): Doc {
  const list = (ctx.spec.remoteRead ?? []) as readonly RemoteRead[];
  if (list.length === 0) return out;
  const docs: Doc[] = [];
  for (const [i, rr] of list.entries()) {
    const field = `spec.remoteRead[${i}]`;
    const problem = checkProxy(rr);
    if (problem) {
      ctx.fail(`remoteRead[${i}]: ${problem}`, field);
      continue;
    }
    docs.push(remoteReadDoc(ctx, rr, field));
  }
  out.remote_read = docs;
  return out;
}
