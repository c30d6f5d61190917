/**
 * The schema checks every monitoring.coreos.com object passes before anything
 * is rendered: every served version checked alike.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { warningResult } from '../src/krm/results.js';
import { renderYaml } from './support/harness.js';

const ref = (kind: string, name: string, apiVersion = 'monitoring.coreos.com/v1') => ({ apiVersion, kind, name, namespace: 'monitoring' });

test('AlertmanagerConfig v1beta1 gets the checks v1alpha1 gets: a matcher value of the wrong type is refused in both', () => {
  const amc = (apiVersion: string) => `
apiVersion: ${apiVersion}
kind: AlertmanagerConfig
metadata: {name: team, namespace: monitoring}
spec:
  route:
    receiver: team
    matchers: [{name: urgent, value: y}]
  receivers: [{name: team}]
`;
  for (const apiVersion of ['monitoring.coreos.com/v1alpha1', 'monitoring.coreos.com/v1beta1']) {
    const out = renderYaml(amc(apiVersion));
    assert.equal(
      out.results,
      [warningResult('spec.route.matchers[0].value must be of type string, not boolean true; the object is left out', ref('AlertmanagerConfig', 'team', apiVersion), 'spec.route.matchers[0].value')],
      apiVersion,
    );
  }
});

test.run();
