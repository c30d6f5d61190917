/** The `otlp` section: how OTLP metrics received by Prometheus are translated. */
import type { ConfigContext, Doc } from './context.js';
import { notNil } from '../../core/objects.js';

/** Checks the operator makes before writing `otlp`; returns the first problem. */
function checkOtlp(ctx: ConfigContext): string | undefined {
  const otlp = ctx.spec.otlp;
  if (!otlp) return undefined;
  const { gate } = ctx;
  const strategy = otlp.translationStrategy ?? '';
  if (!gate.since('2.55.0').ok) return 'OTLP configuration is only supported from Prometheus version 2.55.0';
  if (strategy === 'NoUTF8EscapingWithSuffixes' && ctx.spec.nameValidationScheme === 'Legacy') {
    return 'nameValidationScheme "Legacy" is not compatible with OTLP translation strategy "NoUTF8EscapingWithSuffixes"';
  }
  if (strategy === 'NoTranslation' && !gate.since('3.4.0').ok) return 'translation strategy "NoTranslation" is only supported from Prometheus version 3.4.0';
  if (strategy === 'UnderscoreEscapingWithoutSuffixes' && !gate.since('3.6.0').ok) {
    return 'translation strategy "UnderscoreEscapingWithoutSuffixes" is only supported from Prometheus version 3.6.0';
  }
  if (gate.since('3.5.0').ok) {
    const promoted = otlp.promoteResourceAttributes ?? [];
    if (promoted.length > 0 && otlp.promoteAllResourceAttributes === true) {
      return "'promoteAllResourceAttributes' cannot be set to 'true' simultaneously with 'promoteResourceAttributes'";
    }
    if ((otlp.ignoreResourceAttributes ?? []).length > 0 && otlp.promoteAllResourceAttributes !== true) {
      return "'ignoreResourceAttributes' can only be set when 'promoteAllResourceAttributes' is true";
    }
  }
  return undefined;
}

/** `otlp`, when spec.otlp sets anything the target version understands. */
export function addOtlp(ctx: ConfigContext, out: Doc): Doc {
  const otlp = ctx.spec.otlp;
  if (!otlp) return out;
  const problem = checkOtlp(ctx);
  if (problem) {
    ctx.fail(`failed to generate OTLP configuration: ${problem}`, 'spec.otlp');
    return out;
  }
  const g = ctx.gate.at('spec.otlp');
  const doc: Doc = {};
  if ((otlp.promoteResourceAttributes ?? []).length > 0) g.since('2.55.0').put(doc, 'promote_resource_attributes', [...(otlp.promoteResourceAttributes ?? [])]);
  if (notNil(otlp.translationStrategy)) g.since('3.0.0').put(doc, 'translation_strategy', otlp.translationStrategy);
  if (notNil(otlp.keepIdentifyingResourceAttributes)) g.since('3.1.0').put(doc, 'keep_identifying_resource_attributes', otlp.keepIdentifyingResourceAttributes);
  if (notNil(otlp.convertHistogramsToNHCB)) g.since('3.4.0').put(doc, 'convert_histograms_to_nhcb', otlp.convertHistogramsToNHCB);
  if (notNil(otlp.promoteAllResourceAttributes)) g.since('3.5.0').put(doc, 'promote_all_resource_attributes', otlp.promoteAllResourceAttributes);
  if ((otlp.ignoreResourceAttributes ?? []).length > 0) g.since('3.5.0').put(doc, 'ignore_resource_attributes', [...(otlp.ignoreResourceAttributes ?? [])]);
  if (notNil(otlp.promoteScopeMetadata)) g.since('3.6.0').put(doc, 'promote_scope_metadata', otlp.promoteScopeMetadata);
  if (notNil(otlp.labelNameUnderscoreSanitization)) g.since('3.8.0').put(doc, 'label_name_underscore_sanitization', otlp.labelNameUnderscoreSanitization);
  if (notNil(otlp.labelNamePreserveMultipleUnderscores)) {
    g.since('3.8.0').put(doc, 'label_name_preserve_multiple_underscores', otlp.labelNamePreserveMultipleUnderscores);
  }
  if (Object.keys(doc).length === 0) return out;
  out.otlp = doc;
  return out;
}
