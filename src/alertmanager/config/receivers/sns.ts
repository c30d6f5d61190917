import { fail, type Doc, putSecret, checkedSecret } from '../context.js';
import { AM_SECRETS } from '../secret-settings.js';
import { checkHttpConfigRefs, checkHttpConfigVersion, convertHttpConfig, httpShape, sanitizeHttp, validateHttpConfig } from '../http.js';
import { shape } from '../schema.js';
import { checkTemplateUrl } from '../url.js';
import { crdReceiver, str } from './receiver-type.js';
import { nonEmpty } from '../../../core/objects.js';

export const sns = crdReceiver({
  crdKey: 'snsConfigs',
  yamlKey: 'sns_configs',
  shape: shape([
    ['send_resolved', 'b?'],
    ['http_config', httpShape],
    ['api_url', 's'],
    ['sigv4', shape([['region', 's'], ['access_key', 's'], ['secret_key', 's'], ['profile', 's'], ['role_arn', 's'], ['external_id', 's']], true)],
    ['topic_arn', 's'],
    ['phone_number', 's'],
    ['target_arn', 's'],
    ['subject', 's'],
    ['message', 's'],
    ['attributes', 'm'],
    ['use_aws_http_client', 'b'],
  ]),
  validate(c, path) {
    const set = [c.targetARN, c.topicARN, c.phoneNumber].map((v) => str(v) !== '');
    // The operator's check is a chain of inequalities: it passes when an odd number of them is set.
    if (!((set[0] !== set[1]) !== set[2])) fail("must provide one of 'targetARN', 'topicARN', or 'phoneNumber'", path);
    if (c.apiURL != null) {
      const p = checkTemplateUrl(String(c.apiURL));
      if (p) fail(`invalid 'apiURL': ${p}`, `${path}.apiURL`);
    }
    validateHttpConfig(c.httpConfig, `${path}.httpConfig`);
  },
  check(ctx, c, path) {
    if (c.useAWSHTTPClient != null && !ctx.gate.since('0.33.0').ok) fail("'useAWSHTTPClient' is available in Alertmanager >= 0.33.0 only", `${path}.useAWSHTTPClient`);
    checkHttpConfigVersion(ctx, c.httpConfig, `${path}.httpConfig`);
    if (c.sigv4?.accessKey) checkedSecret(ctx, c.sigv4.accessKey, `${path}.sigv4.accessKey`, AM_SECRETS.snsAccessKey);
    if (c.sigv4?.secretKey) checkedSecret(ctx, c.sigv4.secretKey, `${path}.sigv4.secretKey`, AM_SECRETS.snsSecretKey);
    checkHttpConfigRefs(ctx, c.httpConfig, `${path}.httpConfig`);
  },
  convert(ctx, c, path) {
    const out: Doc = {
      send_resolved: c.sendResolved,
      http_config: convertHttpConfig(ctx, c.httpConfig, `${path}.httpConfig`),
      api_url: str(c.apiURL),
      topic_arn: str(c.topicARN),
      phone_number: str(c.phoneNumber),
      target_arn: str(c.targetARN),
      subject: str(c.subject),
      message: str(c.message),
      attributes: c.attributes,
    };
    if (ctx.gate.since('0.33.0').ok && c.useAWSHTTPClient != null) out.use_aws_http_client = c.useAWSHTTPClient;
    if (c.sigv4) {
      const s = c.sigv4;
      const sig: Doc = { region: str(s.region), profile: str(s.profile), role_arn: str(s.roleArn) };
      if (ctx.gate.since('0.33.0').ok) sig.external_id = str(s.externalId);
      if (s.accessKey && s.secretKey) {
        putSecret(ctx, sig, s.accessKey, `${path}.sigv4.accessKey`, AM_SECRETS.snsAccessKey);
        putSecret(ctx, sig, s.secretKey, `${path}.sigv4.secretKey`, AM_SECRETS.snsSecretKey);
      }
      out.sigv4 = sig;
    }
    return out;
  },
  sanitize(ctx, out, where) {
    if (nonEmpty(out.api_url)) {
      const p = checkTemplateUrl(String(out.api_url));
      if (p) fail(`invalid 'api_url': ${p}`, where);
    }
    const sig = out.sigv4 as Doc | undefined;
    if (sig && nonEmpty(sig.external_id)) {
      if (!nonEmpty(sig.role_arn)) fail("'external_id' in sigv4 config requires 'role_arn' to be set", where);
      if (!ctx.gate.since('0.33.0').at(`${where}.sigv4`).check('external_id')) delete sig.external_id;
    }
    if (out.use_aws_http_client === true && !ctx.gate.since('0.33.0').at(where).check('use_aws_http_client')) delete out.use_aws_http_client;
    sanitizeHttp(ctx, out.http_config as Doc | undefined, where);
  },
});
