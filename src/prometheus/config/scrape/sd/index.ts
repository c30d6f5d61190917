/**
 * The service-discovery mechanisms of a ScrapeConfig, in the order the
 * operator writes them into the scrape job. Adding a mechanism is adding a
 * module that exports one `sdMechanism({...})` and one line here.
 */
import { azureSd } from './azure.js';
import { consulSd } from './consul.js';
import { digitalOceanSd } from './digitalocean.js';
import { dnsSd } from './dns.js';
import { dockerSd } from './docker.js';
import { dockerSwarmSd } from './dockerswarm.js';
import { ec2Sd } from './ec2.js';
import { eurekaSd } from './eureka.js';
import { fileSd } from './file.js';
import { gceSd } from './gce.js';
import { hetznerSd } from './hetzner.js';
import { httpSd } from './http-sd.js';
import { ionosSd } from './ionos.js';
import { kubernetesSd } from './kubernetes.js';
import { kumaSd } from './kuma.js';
import { lightSailSd } from './lightsail.js';
import { linodeSd } from './linode.js';
import { nomadSd } from './nomad.js';
import { openstackSd } from './openstack.js';
import { ovhCloudSd } from './ovhcloud.js';
import { puppetDbSd } from './puppetdb.js';
import { scalewaySd } from './scaleway.js';
import { staticConfigs } from './static.js';
import type { SdRegistration } from './types.js';

export type { ScrapeConfigSpec, SdRegistration } from './types.js';

export const SD_MECHANISMS: readonly SdRegistration[] = [
  staticConfigs,
  fileSd,
  httpSd,
  kubernetesSd,
  consulSd,
  dnsSd,
  ec2Sd,
  azureSd,
  gceSd,
  openstackSd,
  digitalOceanSd,
  kumaSd,
  eurekaSd,
  dockerSd,
  linodeSd,
  hetznerSd,
  nomadSd,
  dockerSwarmSd,
  puppetDbSd,
  lightSailSd,
  ovhCloudSd,
  scalewaySd,
  ionosSd,
];
