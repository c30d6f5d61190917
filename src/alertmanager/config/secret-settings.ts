/**
 * Every setting of the Alertmanager configuration whose value the operator
 * reads from a Secret, with the key of its file form and the first
 * Alertmanager release whose notifier reads that file (from the Alertmanager
 * sources, release by release). A setting without `fileKey` is read only
 * inline: referencing it is an error that says what to use instead.
 */
import type { SecretSetting } from '../../assets/namespace-assets.js';

const INLINE_ONLY = 'add the Secret to the package (options secrets: auto and inline copy it)';
const AWS_INSTEAD = `use roleArn, profile or the AWS default credential chain, which need no key in the configuration, or ${INLINE_ONLY}`;

export const AM_SECRETS = {
  basicAuthUsername: { key: 'username', fileKey: 'username_file', fileSince: '0.27.0' },
  basicAuthPassword: { key: 'password', fileKey: 'password_file' },
  authorizationCredentials: { key: 'credentials', fileKey: 'credentials_file', fileSince: '0.22.0' },
  bearerToken: { key: 'bearer_token', fileKey: 'bearer_token_file' },
  oauth2ClientId: { key: 'client_id', instead: 'keep the client id in a ConfigMap (oauth2.clientId.configMap): it is not secret, and a ConfigMap is copied' },
  oauth2ClientSecret: { key: 'client_secret', fileKey: 'client_secret_file', fileSince: '0.22.0' },
  proxyConnectHeader: { key: 'proxy_connect_header', instead: INLINE_ONLY },
  tlsCa: { key: 'ca_file', fileKey: 'ca_file' },
  tlsCert: { key: 'cert_file', fileKey: 'cert_file' },
  tlsKey: { key: 'key_file', fileKey: 'key_file' },
  slackApiUrl: { key: 'api_url', fileKey: 'api_url_file', fileSince: '0.22.0' },
  pagerdutyRoutingKey: { key: 'routing_key', fileKey: 'routing_key_file', fileSince: '0.25.0' },
  pagerdutyServiceKey: { key: 'service_key', fileKey: 'service_key_file', fileSince: '0.25.0' },
  opsgenieApiKey: { key: 'api_key', fileKey: 'api_key_file', fileSince: '0.24.0' },
  webhookUrl: { key: 'url', fileKey: 'url_file', fileSince: '0.26.0' },
  wechatApiSecret: { key: 'api_secret', fileKey: 'api_secret_file', fileSince: '0.31.0' },
  victoropsApiKey: { key: 'api_key', fileKey: 'api_key_file', fileSince: '0.25.0' },
  pushoverUserKey: { key: 'user_key', fileKey: 'user_key_file', fileSince: '0.26.0' },
  pushoverToken: { key: 'token', fileKey: 'token_file', fileSince: '0.26.0' },
  telegramBotToken: { key: 'bot_token', fileKey: 'bot_token_file', fileSince: '0.26.0' },
  discordWebhookUrl: { key: 'webhook_url', fileKey: 'webhook_url_file', fileSince: '0.27.0' },
  msteamsWebhookUrl: { key: 'webhook_url', fileKey: 'webhook_url_file', fileSince: '0.27.0' },
  msteamsv2WebhookUrl: { key: 'webhook_url', fileKey: 'webhook_url_file', fileSince: '0.28.0' },
  rocketchatToken: { key: 'token', fileKey: 'token_file', fileSince: '0.28.0' },
  rocketchatTokenId: { key: 'token_id', fileKey: 'token_id_file', fileSince: '0.28.0' },
  emailAuthPassword: { key: 'auth_password', fileKey: 'auth_password_file', fileSince: '0.25.0' },
  emailAuthSecret: { key: 'auth_secret', fileKey: 'auth_secret_file', fileSince: '0.31.0' },
  snsAccessKey: { key: 'access_key', instead: AWS_INSTEAD },
  snsSecretKey: { key: 'secret_key', instead: AWS_INSTEAD },
  globalSmtpAuthPassword: { key: 'smtp_auth_password', fileKey: 'smtp_auth_password_file', fileSince: '0.25.0' },
  globalSmtpAuthSecret: { key: 'smtp_auth_secret', fileKey: 'smtp_auth_secret_file', fileSince: '0.31.0' },
  globalSlackApiUrl: { key: 'slack_api_url', fileKey: 'slack_api_url_file', fileSince: '0.22.0' },
  globalOpsGenieApiUrl: { key: 'opsgenie_api_url', instead: `Alertmanager reads the OpsGenie API URL only inline (it is no secret: write it in the package); or ${INLINE_ONLY}` },
  globalOpsGenieApiKey: { key: 'opsgenie_api_key', fileKey: 'opsgenie_api_key_file', fileSince: '0.24.0' },
  globalWechatApiSecret: { key: 'wechat_api_secret', fileKey: 'wechat_api_secret_file', fileSince: '0.31.0' },
  globalVictoropsApiKey: { key: 'victorops_api_key', fileKey: 'victorops_api_key_file', fileSince: '0.25.0' },
  globalRocketchatToken: { key: 'rocketchat_token', fileKey: 'rocketchat_token_file', fileSince: '0.28.0' },
  globalRocketchatTokenId: { key: 'rocketchat_token_id', fileKey: 'rocketchat_token_id_file', fileSince: '0.28.0' },
  globalMattermostWebhookUrl: { key: 'mattermost_webhook_url', fileKey: 'mattermost_webhook_url_file', fileSince: '0.32.0' },
} as const satisfies Readonly<Record<string, SecretSetting>>;
