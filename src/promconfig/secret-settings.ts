/**
 * Every setting of a Prometheus-format configuration whose value the
 * operator reads from a Secret, with the key of its file form and the first
 * Prometheus release that reads that key (from the Prometheus and
 * prometheus/common sources). A setting without `fileKey` is read only
 * inline: referencing it is an error that says what to use instead.
 * NamespaceAssets.secretSetting reads this table; no call site decides
 * whether a value is copied.
 */
import type { SecretSetting } from '../assets/namespace-assets.js';

const AWS_INSTEAD = 'use roleArn, profile or the AWS default credential chain (environment, IRSA), which need no key in the configuration, or add the Secret to the package (options secrets: auto and inline copy it)';
const WHOLE_YAML = 'Prometheus cannot include this list from a file; add the Secret to the package (options secrets: auto and inline copy it)';
const INLINE_ONLY = 'add the Secret to the package (options secrets: auto and inline copy it)';

export const PROM_SECRETS = {
  basicAuthUsername: { key: 'username', fileKey: 'username_file', fileSince: '2.49.0' },
  basicAuthPassword: { key: 'password', fileKey: 'password_file', fileSince: '2.3.0' },
  authorizationCredentials: { key: 'credentials', fileKey: 'credentials_file', fileSince: '2.26.0' },
  bearerToken: { key: 'bearer_token', fileKey: 'bearer_token_file' },
  oauth2ClientId: { key: 'client_id', instead: 'keep the client id in a ConfigMap (oauth2.clientId.configMap): it is not secret, and a ConfigMap is copied' },
  oauth2ClientSecret: { key: 'client_secret', fileKey: 'client_secret_file', fileSince: '2.27.0' },
  tlsCa: { key: 'ca_file', fileKey: 'ca_file' },
  tlsCert: { key: 'cert_file', fileKey: 'cert_file' },
  tlsKey: { key: 'key_file', fileKey: 'key_file' },
  proxyConnectHeader: { key: 'proxy_connect_header', instead: INLINE_ONLY },
  sigv4AccessKey: { key: 'access_key', instead: AWS_INSTEAD },
  sigv4SecretKey: { key: 'secret_key', instead: AWS_INSTEAD },
  azureAdClientSecret: { key: 'client_secret', instead: 'use managedIdentity, workloadIdentity or sdk, which need no secret in the configuration, or add the Secret to the package (options secrets: auto and inline copy it)' },
  consulToken: { key: 'token', instead: INLINE_ONLY },
  ec2AccessKey: { key: 'access_key', instead: AWS_INSTEAD },
  ec2SecretKey: { key: 'secret_key', instead: AWS_INSTEAD },
  lightsailAccessKey: { key: 'access_key', instead: AWS_INSTEAD },
  lightsailSecretKey: { key: 'secret_key', instead: AWS_INSTEAD },
  azureSdClientSecret: { key: 'client_secret', instead: 'use authenticationMethod ManagedIdentity, SDK or WorkloadIdentity, or add the Secret to the package (options secrets: auto and inline copy it)' },
  openstackPassword: { key: 'password', instead: INLINE_ONLY },
  openstackApplicationCredentialSecret: { key: 'application_credential_secret', instead: INLINE_ONLY },
  ovhcloudApplicationSecret: { key: 'application_secret', instead: INLINE_ONLY },
  ovhcloudConsumerKey: { key: 'consumer_key', instead: INLINE_ONLY },
  scalewaySecretKey: { key: 'secret_key', fileKey: 'secret_key_file', fileSince: '2.27.0' },
  additionalScrapeConfigs: { key: 'scrape_configs', instead: `${WHOLE_YAML}; or write the jobs as ScrapeConfig resources` },
  additionalAlertRelabelConfigs: { key: 'alert_relabel_configs', instead: WHOLE_YAML },
  additionalAlertManagerConfigs: { key: 'alertmanagers', instead: WHOLE_YAML },
} as const satisfies Readonly<Record<string, SecretSetting>>;
