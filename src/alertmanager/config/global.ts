import type { AlertmanagerGlobalConfig } from '../../api/alertmanager-config.js';
import { checkedSecret, dropBefore, fail, putSecret, type AmConfigContext, type Doc } from './context.js';
import { AM_SECRETS } from './secret-settings.js';
import { normalizeDuration } from '../../core/duration.js';
import { checkHttpConfigRefs, convertHttpConfig, convertTlsConfig, sanitizeHttp, validateHttpConfig } from './http.js';
import { checkSecretUrl, checkUrl } from './url.js';
import { nonEmpty } from '../../core/objects.js';

/**
 * `spec.alertmanagerConfiguration.global` of the Alertmanager → the `global`
 * section; and the version gating of a `global` section from any source.
 */

/** A URL as the operator parses it; `source` names where it was read, never the value. */
function urlOf(value: string, what: string, field: string, source?: string): string {
  if (/[\x00-\x1f\x7f ]/.test(value) || value.startsWith(':')) fail(`parse ${what}${source ? ` (${source})` : ''}: invalid URL`, field);
  return value;
}

/** The operator's checks of the global configuration (before it converts it). */
export function checkGlobal(ctx: AmConfigContext, g: AlertmanagerGlobalConfig | undefined, path: string): void {
  if (!g) return;
  validateHttpConfig(g.httpConfig, `${path}.httpConfig`);
  for (const [key, name] of [['telegram', 'telegram'], ['jira', 'jira'], ['victorops', 'victorops'], ['rocketChat', 'rocketChat'], ['webex', 'webex'], ['wechat', 'wechat']] as const) {
    const url = g[key]?.apiURL;
    const p = url ? checkUrl(String(url)) : undefined;
    if (p) fail(`${name}: invalid 'apiURL': ${p}`, `${path}.${key}.apiURL`);
  }
  const current = `${ctx.version.major}.${ctx.version.minor}.${ctx.version.patch}`;
  const need = (ok: boolean, msg: string, field: string) => {
    if (!ok) fail(`${msg} - current ${current}`, field);
  };
  if (g.smtp?.forceImplicitTLS != null) need(ctx.gate.since('0.31.0').ok, "'forceImplicitTLS' integration requires Alertmanager >= 0.31.0", `${path}.smtp.forceImplicitTLS`);
  if (g.telegram) need(ctx.gate.since('0.24.0').ok, "'telegram' integration requires Alertmanager >= 0.24.0", `${path}.telegram`);
  if (g.jira) need(ctx.gate.since('0.28.0').ok, "'jira' integration requires Alertmanager >= 0.28.0", `${path}.jira`);
  if (g.victorops?.apiKey) checkedSecret(ctx, g.victorops.apiKey, `${path}.victorops.apiKey`, AM_SECRETS.globalVictoropsApiKey);
  if (g.rocketChat) {
    need(ctx.gate.since('0.28.0').ok, "'rocketChat' integration requires Alertmanager >= 0.28.0", `${path}.rocketChat`);
    if (g.rocketChat.token) checkedSecret(ctx, g.rocketChat.token, `${path}.rocketChat.token`, AM_SECRETS.globalRocketchatToken);
    if (g.rocketChat.tokenID) checkedSecret(ctx, g.rocketChat.tokenID, `${path}.rocketChat.tokenID`, AM_SECRETS.globalRocketchatTokenId);
  }
  if (g.webex) need(ctx.gate.since('0.25.0').ok, "'webex' integration requires Alertmanager >= 0.25.0", `${path}.webex`);
  if (g.wechat?.apiSecret) checkedSecret(ctx, g.wechat.apiSecret, `${path}.wechat.apiSecret`, AM_SECRETS.globalWechatApiSecret);
  if (g.mattermost) {
    need(ctx.gate.since('0.32.0').ok, "'mattermost' global parameters require Alertmanager >= 0.32.0", `${path}.mattermost`);
    if (g.mattermost.webhookURL) {
      const url = checkedSecret(ctx, g.mattermost.webhookURL, `${path}.mattermost.webhookURL`, AM_SECRETS.globalMattermostWebhookUrl);
      const p = url === undefined ? undefined : checkSecretUrl(url.trim());
      if (p) fail(`failed to validate Mattermost Webhook URL (${ctx.store.secretSource(g.mattermost.webhookURL)}): ${p}`, `${path}.mattermost.webhookURL`);
    }
  }
}

export function convertGlobal(ctx: AmConfigContext, g: AlertmanagerGlobalConfig | undefined, path: string): Doc | undefined {
  if (!g) return undefined;
  const out: Doc = {};
  const s = g.smtp;
  if (s) {
    if (s.from != null) out.smtp_from = s.from;
    if (s.hello != null) out.smtp_hello = s.hello;
    if (s.authUsername != null) out.smtp_auth_username = s.authUsername;
    if (s.authIdentity != null) out.smtp_auth_identity = s.authIdentity;
    if (s.forceImplicitTLS != null) out.smtp_force_implicit_tls = s.forceImplicitTLS;
    out.smtp_require_tls = s.requireTLS;
    if (s.smartHost) out.smtp_smarthost = s.smartHost.host || s.smartHost.port ? `${hostForJoin(String(s.smartHost.host ?? ''))}:${s.smartHost.port ?? ''}` : '';
    if (s.tlsConfig) out.smtp_tls_config = convertTlsConfig(ctx, s.tlsConfig, `${path}.smtp.tlsConfig`);
    if (s.authPassword) putSecret(ctx, out, s.authPassword, `${path}.smtp.authPassword`, AM_SECRETS.globalSmtpAuthPassword);
    if (s.authSecret) putSecret(ctx, out, s.authSecret, `${path}.smtp.authSecret`, AM_SECRETS.globalSmtpAuthSecret);
  }
  if (g.httpConfig) {
    checkHttpConfigRefs(ctx, g.httpConfig, `${path}.httpConfig`);
    out.http_config = convertHttpConfig(ctx, g.httpConfig, `${path}.httpConfig`);
  }
  if (g.resolveTimeout) out.resolve_timeout = normalizeDuration(String(g.resolveTimeout)) ?? fail(`parse resolve timeout: not a valid duration string: "${g.resolveTimeout}"`, `${path}.resolveTimeout`);
  if (g.slackApiUrl) {
    // A URL read from a file (option secrets) is checked by Alertmanager when it reads it.
    const url = putSecret(ctx, out, g.slackApiUrl, `${path}.slackApiUrl`, AM_SECRETS.globalSlackApiUrl);
    if (url !== undefined) out.slack_api_url = urlOf(url, 'slack API URL', `${path}.slackApiUrl`, ctx.store.secretSource(g.slackApiUrl));
  }
  if (g.opsGenieApiUrl) {
    const url = putSecret(ctx, out, g.opsGenieApiUrl, `${path}.opsGenieApiUrl`, AM_SECRETS.globalOpsGenieApiUrl);
    if (url !== undefined) out.opsgenie_api_url = urlOf(url, 'OpsGenie API URL', `${path}.opsGenieApiUrl`, ctx.store.secretSource(g.opsGenieApiUrl));
  }
  if (g.opsGenieApiKey) putSecret(ctx, out, g.opsGenieApiKey, `${path}.opsGenieApiKey`, AM_SECRETS.globalOpsGenieApiKey);
  if (g.pagerdutyUrl) out.pagerduty_url = urlOf(String(g.pagerdutyUrl), 'Pagerduty URL', `${path}.pagerdutyUrl`);
  if (g.telegram?.apiURL) out.telegram_api_url = urlOf(String(g.telegram.apiURL), 'Telegram API URL', `${path}.telegram.apiURL`);
  if (g.jira?.apiURL) out.jira_api_url = urlOf(String(g.jira.apiURL), 'Jira API URL', `${path}.jira.apiURL`);
  if (g.rocketChat) {
    if (g.rocketChat.apiURL) out.rocketchat_api_url = urlOf(String(g.rocketChat.apiURL), 'Rocket Chat API URL', `${path}.rocketChat.apiURL`);
    if (g.rocketChat.token) putSecret(ctx, out, g.rocketChat.token, `${path}.rocketChat.token`, AM_SECRETS.globalRocketchatToken);
    if (g.rocketChat.tokenID) putSecret(ctx, out, g.rocketChat.tokenID, `${path}.rocketChat.tokenID`, AM_SECRETS.globalRocketchatTokenId);
  }
  if (g.webex?.apiURL) out.webex_api_url = urlOf(String(g.webex.apiURL), 'Webex API URL', `${path}.webex.apiURL`);
  if (g.wechat) {
    if (g.wechat.apiURL) out.wechat_api_url = urlOf(String(g.wechat.apiURL), 'wechat API URL', `${path}.wechat.apiURL`);
    if (g.wechat.apiSecret) putSecret(ctx, out, g.wechat.apiSecret, `${path}.wechat.apiSecret`, AM_SECRETS.globalWechatApiSecret);
    if (g.wechat.apiCorpID != null) out.wechat_api_corp_id = g.wechat.apiCorpID;
  }
  if (g.victorops) {
    if (g.victorops.apiURL) out.victorops_api_url = urlOf(String(g.victorops.apiURL), 'VictorOps API URL', `${path}.victorops.apiURL`);
    if (g.victorops.apiKey) putSecret(ctx, out, g.victorops.apiKey, `${path}.victorops.apiKey`, AM_SECRETS.globalVictoropsApiKey);
  }
  if (g.mattermost?.webhookURL) {
    const url = putSecret(ctx, out, g.mattermost.webhookURL, `${path}.mattermost.webhookURL`, AM_SECRETS.globalMattermostWebhookUrl);
    if (url !== undefined) out.mattermost_webhook_url = urlOf(url, 'Webhook URL', `${path}.mattermost.webhookURL`);
  }
  return out;
}

function hostForJoin(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Version gating of a `global` section, as the operator applies it to every configuration. */
export function sanitizeGlobal(ctx: AmConfigContext, g: Doc | undefined): void {
  if (!g) return;
  const where = 'global';
  sanitizeHttp(ctx, g.http_config as Doc | undefined, where);
  dropBefore(ctx, g, 'smtp_tls_config', '0.28.0', where);
  if (nonEmpty(g.slack_api_url_file)) {
    if (nonEmpty(g.slack_api_url)) delete g.slack_api_url_file;
    dropBefore(ctx, g, 'slack_api_url_file', '0.22.0', where);
  }
  for (const k of ['slack_app_token', 'slack_app_token_file', 'slack_app_url']) dropBefore(ctx, g, k, '0.30.0', where);
  if (nonEmpty(g.slack_app_token) && nonEmpty(g.slack_app_token_file)) delete g.slack_app_token_file;
  if ((nonEmpty(g.slack_app_token) || nonEmpty(g.slack_app_token_file)) && (nonEmpty(g.slack_api_url) || nonEmpty(g.slack_api_url_file))) {
    if (nonEmpty(g.slack_api_url) && nonEmpty(g.slack_app_url) && g.slack_api_url !== g.slack_app_url) {
      fail('at most one of slack_app_token/slack_app_token_file & slack_api_url/slack_api_url_file must be configured (unless slack_api_url matches slack_app_url)', where);
    }
  }
  const exclusive = (key: string, file: string, min?: string) => {
    if (min) dropBefore(ctx, g, file, min, where);
    if (nonEmpty(g[key]) && nonEmpty(g[file])) delete g[file];
  };
  dropBefore(ctx, g, 'opsgenie_api_key_file', '0.24.0', where);
  exclusive('smtp_auth_password', 'smtp_auth_password_file', '0.25.0');
  exclusive('victorops_api_key', 'victorops_api_key_file', '0.25.0');
  exclusive('wechat_api_secret', 'wechat_api_secret_file', '0.31.0');
  dropBefore(ctx, g, 'telegram_bot_token', '0.31.0', where);
  exclusive('telegram_bot_token', 'telegram_bot_token_file', '0.31.0');
  exclusive('smtp_auth_secret', 'smtp_auth_secret_file', '0.31.0');
  if (g.smtp_force_implicit_tls != null && !ctx.gate.since('0.31.0').at(where).check('smtp_force_implicit_tls')) delete g.smtp_force_implicit_tls;
  dropBefore(ctx, g, 'mattermost_webhook_url', '0.32.0', where);
  exclusive('mattermost_webhook_url', 'mattermost_webhook_url_file', '0.32.0');
}
