import { discord } from './discord.js';
import { email } from './email.js';
import { incidentio } from './incidentio.js';
import { jira } from './jira.js';
import { mattermost } from './mattermost.js';
import { msteams } from './msteams.js';
import { msteamsv2 } from './msteamsv2.js';
import { opsgenie } from './opsgenie.js';
import { pagerduty } from './pagerduty.js';
import { pushover } from './pushover.js';
import type { ReceiverType } from './receiver-type.js';
import { rocketchat } from './rocketchat.js';
import { slack } from './slack.js';
import { sns } from './sns.js';
import { telegram } from './telegram.js';
import { victorops } from './victorops.js';
import { webex } from './webex.js';
import { webhook } from './webhook.js';
import { wechat } from './wechat.js';

/** Every integration, in the order Alertmanager's receiver lists them (output order). */
export const RECEIVER_TYPES: readonly ReceiverType[] = [
  opsgenie,
  pagerduty,
  slack,
  webhook,
  wechat,
  email,
  pushover,
  victorops,
  sns,
  telegram,
  discord,
  webex,
  msteams,
  msteamsv2,
  jira,
  rocketchat,
  mattermost,
  incidentio,
];

export type { ReceiverType } from './receiver-type.js';
