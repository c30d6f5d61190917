import { httpShape, tlsShape } from './http.js';
import { RECEIVER_TYPES } from './receivers/index.js';
import { listOf, shape, type FieldType, type Shape } from './schema.js';

/** The whole configuration file, as the operator's types write it. */

export const globalShape = shape([
  ['resolve_timeout', 'd?'],
  ['http_config', httpShape],
  ['smtp_from', 's'],
  ['smtp_hello', 's'],
  ['smtp_smarthost', 'hp'],
  ['smtp_auth_username', 's'],
  ['smtp_auth_password', 's'],
  ['smtp_auth_password_file', 's'],
  ['smtp_auth_secret', 's'],
  ['smtp_auth_secret_file', 's'],
  ['smtp_auth_identity', 's'],
  ['smtp_require_tls', 'b?'],
  ['smtp_tls_config', tlsShape],
  ['smtp_force_implicit_tls', 'b?'],
  ['slack_api_url', 'u?'],
  ['slack_api_url_file', 's'],
  ['pagerduty_url', 'u?'],
  ['hipchat_api_url', 'u?'],
  ['hipchat_auth_token', 's'],
  ['opsgenie_api_url', 'u?'],
  ['opsgenie_api_key', 's'],
  ['opsgenie_api_key_file', 's'],
  ['wechat_api_url', 'u?'],
  ['wechat_api_secret', 's'],
  ['wechat_api_corp_id', 's'],
  ['victorops_api_url', 'u?'],
  ['victorops_api_key', 's'],
  ['victorops_api_key_file', 's'],
  ['telegram_api_url', 'u?'],
  ['telegram_bot_token', 's'],
  ['telegram_bot_token_file', 's'],
  ['webex_api_url', 'u?'],
  ['jira_api_url', 'u?'],
  ['rocketchat_api_url', 'u?'],
  ['rocketchat_token', 's'],
  ['rocketchat_token_file', 's'],
  ['rocketchat_token_id', 's'],
  ['rocketchat_token_id_file', 's'],
  ['slack_app_token', 's'],
  ['slack_app_token_file', 's'],
  ['slack_app_url', 'u?'],
  ['wechat_api_secret_file', 's'],
  ['mattermost_webhook_url', 'u?'],
  ['mattermost_webhook_url_file', 's'],
]);


export const routeShape: Shape = shape([
  ['receiver', 's'],
  ['group_by', 'ss'],
  ['match', 'm'],
  ['match_re', 'm'],
  ['matchers', 'ss'],
  ['continue', 'b'],
  // Routes nest: the child list is read when a route is written, after the shape exists.
  ['routes', { get list(): FieldType { return routeShape; } }],
  ['group_wait', 's'],
  ['group_interval', 's'],
  ['repeat_interval', 's'],
  ['mute_time_intervals', 'ss'],
  ['active_time_intervals', 'ss'],
]);


export const inhibitShape = shape([
  ['target_match', 'm'],
  ['target_match_re', 'm'],
  ['target_matchers', 'ss'],
  ['source_match', 'm'],
  ['source_match_re', 'm'],
  ['source_matchers', 'ss'],
  ['equal', 'ss'],
]);

export const receiverShape = shape([['name', 's!'], ...RECEIVER_TYPES.map((t) => [t.yamlKey, listOf(t.shape)] as const)]);

export const configShape = shape([
  ['global', globalShape],
  ['route', routeShape],
  ['inhibit_rules', listOf(inhibitShape)],
  ['receivers', listOf(receiverShape)],
  ['mute_time_intervals', listOf('ti')],
  ['time_intervals', listOf('ti')],
  ['templates', 'ss!'],
]);
