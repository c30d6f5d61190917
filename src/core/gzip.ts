import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * Gzip with a fixed header: Node writes mtime 0 and no file name, so the same
 * text always gives the same bytes. Level 9 matches what a reader expects of a
 * config that is only written once per render.
 */
export function gzipText(text: string): Buffer {
  return gzipBytes(Buffer.from(text, 'utf8'));
}

export function gzipBytes(bytes: Buffer): Buffer {
  return gzipSync(bytes, { level: 9 });
}

export function gunzipText(data: Buffer): string {
  return gunzipSync(data).toString('utf8');
}
