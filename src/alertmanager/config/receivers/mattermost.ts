import { dropBefore, fail, type Doc } from '../context.js';
import { httpShape, sanitizeHttp } from '../http.js';
import { listOf, shape, type FieldType } from '../schema.js';
import type { ReceiverType } from './receiver-type.js';
import { nonEmpty } from '../../../core/objects.js';

const field = shape([['title', 's'], ['value', 's'], ['short', 'b']]);
const attachmentFields: ReadonlyArray<readonly [string, FieldType]> = [
  ['fallback', 's'],
  ['color', 's'],
  ['pretext', 's'],
  ['text', 's'],
  ['author_name', 's'],
  ['author_link', 's'],
  ['author_icon', 's'],
  ['title', 's'],
  ['title_link', 's'],
  ['fields', listOf(field)],
  ['thumb_url', 's'],
  ['footer', 's'],
  ['footer_icon', 's'],
  ['image_url', 's'],
];

const SINCE_0_32 = ['fallback', 'color', 'pretext', 'author_name', 'author_link', 'author_icon', 'title', 'title_link', 'thumb_url', 'footer', 'footer_icon', 'image_url', 'fields'];

/** Mattermost: only a base configuration can hold it (the AlertmanagerConfig CRD has no Mattermost receiver). */
export const mattermost: ReceiverType = {
  yamlKey: 'mattermost_configs',
  shape: shape([
    ['send_resolved', 'b?'],
    ['webhook_url', 's'],
    ['webhook_url_file', 's'],
    ['channel', 's'],
    ['username', 's'],
    ['text', 's'],
    ['icon_url', 's'],
    ['icon_emoji', 's'],
    ['attachments', listOf(shape(attachmentFields))],
    ['props', shape([['card', 's?']])],
    ['priority', shape([['priority', 's'], ['requested_ack', 'b?'], ['persistent_notifications', 'b?']])],
    ...attachmentFields.filter(([k]) => k !== 'text'),
    ['http_config', httpShape],
  ]),
  sanitize(ctx, out, where) {
    if (!ctx.gate.since('0.30.0').ok) fail('invalid syntax in receivers config; mattermost integration is available in Alertmanager >= 0.30.0', where);
    const before32 = !ctx.gate.since('0.32.0').ok;
    if (!nonEmpty(out.webhook_url) && !nonEmpty(out.webhook_url_file) && before32) fail("one of 'webhook_url' or 'webhook_url_file' must be configured", where);
    if (nonEmpty(out.webhook_url) && nonEmpty(out.webhook_url_file)) delete out.webhook_url_file;
    for (const k of SINCE_0_32) dropBefore(ctx, out, k, '0.32.0', where);
    sanitizeHttp(ctx, out.http_config as Doc | undefined, where);
  },
};
