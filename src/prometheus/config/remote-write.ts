/** The `remote_write` section of a Prometheus server or agent. */
import { remoteWriteDocs, type RemoteWrite } from '../../promconfig/remote-write.js';
import type { ConfigContext, Doc } from './context.js';

/** `remote_write`, one entry per spec.remoteWrite item, when there is any. */
export function addRemoteWrite(ctx: ConfigContext, out: Doc): Doc {
  const list: readonly RemoteWrite[] = ctx.spec.remoteWrite ?? [];
  if (list.length === 0) return out;
  out.remote_write = remoteWriteDocs(ctx, list);
  return out;
}
