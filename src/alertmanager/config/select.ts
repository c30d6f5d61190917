import type { Alertmanager } from '../../api/types.js';
import type { AlertmanagerConfigSpec } from '../../api/alertmanager-config.js';
import { describeRef, refOf, type KubeObject } from '../../krm/types.js';
import type { RenderContext } from '../../context/render-context.js';
import { ownerObject } from '../../workload/owner.js';
import { ConfigError, type AmConfigContext } from './context.js';
import { toV1alpha1Spec } from './convert-v1beta1.js';
import { checkAlertmanagerConfig } from './validate.js';

/** An AlertmanagerConfig the Alertmanager selected and that passed the operator's checks, in v1alpha1 shape. */
export interface SelectedConfig {
  readonly object: KubeObject;
  readonly namespace: string;
  readonly name: string;
  readonly spec: AlertmanagerConfigSpec;
}

/**
 * AlertmanagerConfigs selected by `alertmanagerConfigSelector` and
 * `alertmanagerConfigNamespaceSelector` (as the selection stage recorded
 * them), sorted by namespace/name; the global
 * one (`alertmanagerConfiguration.name`) is skipped. Each is checked for the
 * target version; an invalid one is rejected (a warning naming the object and
 * field, or an error under `onInvalid: fail`). Undefined when a selector is invalid.
 */
export function selectAlertmanagerConfigs(
  am: Alertmanager,
  ctx: RenderContext,
  configCtx: (namespace: string) => AmConfigContext,
): SelectedConfig[] | undefined {
  const owner = ownerObject(am);
  const picked = ctx.selection.selected(owner, 'AlertmanagerConfig');
  if (!picked) return undefined;
  const globalName = am.spec?.alertmanagerConfiguration?.name;
  const accepted: SelectedConfig[] = [];
  for (const obj of picked) {
    const namespace = obj.metadata.namespace ?? 'default';
    if (globalName !== undefined && namespace === owner.metadata.namespace && obj.metadata.name === globalName) continue;
    const amcSpec = toV1alpha1Spec(obj);
    try {
      checkAlertmanagerConfig(configCtx(namespace), amcSpec);
      accepted.push({ object: obj, namespace, name: obj.metadata.name, spec: amcSpec });
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      const ref = refOf(obj);
      ctx.selection.leaveOut(owner, obj, e.message, e.field);
      ctx.report.reject(
        ctx.options.onInvalid,
        `${e.message}; it is left out of the configuration of ${describeRef(refOf(owner))}`,
        ref,
        e.field,
      );
    }
  }
  return accepted;
}
