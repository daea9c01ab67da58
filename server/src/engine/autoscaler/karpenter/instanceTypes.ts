// Instance types for a NodeClaim (nodeclaim.go filterInstanceTypesByRequirements, compatible, fits and
// InstanceTypeFilterError's messages), and the offering the cloud provider launches at the end. The
// launch is the cloud provider's (not in kubernetes-sigs/karpenter): the model takes the capacity type
// in the order reserved, spot, on-demand among the compatible available offerings (as the AWS
// provider does) and then the cheapest offering; equal prices are reported as ties.

import type { KarpenterInstanceType } from '../types';
import { CAPACITY_TYPE, HOSTNAME, instanceTypeReqs, ZONE } from './domains';
import { fits, type Res, resList } from './podData';
import { Req, Reqs } from './requirements';

export interface IT {
  it: KarpenterInstanceType;
  reqs: Reqs;
  capacity: Res;
}

export function prepareInstanceTypes(its: readonly KarpenterInstanceType[]): IT[] {
  return its.map((it) => ({ it, reqs: instanceTypeReqs(it), capacity: resList(it.capacity) }));
}

const offeringReqs = (o: KarpenterInstanceType['offerings'][number]) => Reqs.from(Req.of(ZONE, 'In', [o.zone]), Req.of(CAPACITY_TYPE, 'In', [o.capacityType]));

function memString(v: number): string {
  const bytes = v / 1000;
  for (const [unit, f] of [['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) if (bytes >= f && bytes % f === 0) return `${bytes / f}${unit}`;
  return `${Math.round(bytes)}`;
}

/** resources.String of a request: {"cpu":"1500m","memory":"1Gi","pods":"2"}. */
export function resourcesString(r: Res): string {
  const show = (k: string, v: number) => (k === 'cpu' ? (v % 1000 === 0 ? `${v / 1000}` : `${v}m`) : k === 'memory' || k === 'ephemeral-storage' ? memString(v) : `${Math.round(v / 1000)}`);
  return `{${[...r.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `"${k}":"${show(k, v)}"`).join(',')}}`;
}

function reqsString(r: Reqs): string {
  return r.values().filter((x) => x.key !== HOSTNAME).map((x) => x.toString()).sort().join(', ');
}

function filterError(f: Record<'req' | 'fit' | 'off' | 'reqFit' | 'reqOff' | 'fitOff', boolean>, reqs: Reqs, podRequests: Res): string {
  const tail = `, requirements=${reqsString(reqs)}, resources=${resourcesString(podRequests)}`;
  let head: string;
  if (!f.req && !f.fit && !f.off) head = 'no instance type met the scheduling requirements or had enough resources or had a required offering';
  else if (!f.req && !f.fit) head = 'no instance type met the scheduling requirements or had enough resources';
  else if (!f.req && !f.off) head = 'no instance type met the scheduling requirements or had a required offering';
  else if (!f.fit && !f.off) head = 'no instance type had enough resources or had a required offering';
  else if (!f.req) head = 'no instance type met all requirements';
  else if (!f.fit) head = 'no instance type has enough resources';
  else if (!f.off) head = 'no instance type has the required offering';
  else if (f.reqFit) head = 'no instance type which met the scheduling requirements and had enough resources, had a required offering';
  else if (f.fitOff) head = 'no instance type which had enough resources and the required offering met the scheduling requirements';
  else if (f.reqOff) head = 'no instance type which met the scheduling requirements and the required offering had the required resources';
  else head = 'no instance type met the requirements/resources/offering tuple';
  return head + tail;
}

/** The instance types compatible with `reqs`, with an available compatible offering, that hold `total`. */
export function filterInstanceTypes(its: readonly IT[], reqs: Reqs, podRequests: Res, total: Res): IT[] | string {
  const f = { req: false, fit: false, off: false, reqFit: false, reqOff: false, fitOff: false };
  const out: IT[] = [];
  for (const t of its) {
    const compat = t.reqs.intersects(reqs) === undefined;
    const hasOffering = t.it.offerings.some((o) => o.available && reqs.compatible(offeringReqs(o), true) === undefined);
    const itFits = hasOffering && fits(total, t.capacity);
    f.req ||= compat;
    f.fit ||= itFits;
    f.off ||= hasOffering;
    f.reqFit ||= compat && itFits && !hasOffering;
    f.reqOff ||= compat && hasOffering && !itFits;
    f.fitOff ||= itFits && hasOffering && !compat;
    if (compat && itFits && hasOffering) out.push(t);
  }
  return out.length ? out : filterError(f, reqs, podRequests);
}

export interface Launch {
  it: KarpenterInstanceType;
  zone: string;
  capacityType: string;
  price: number;
  /** Other (instance type, zone) pairs at the same price. */
  equal: string[];
}

/** The offering launched for a NodeClaim's final requirements and instance type options. */
export function chooseLaunch(options: readonly IT[], reqs: Reqs): Launch | undefined {
  const offers = options.flatMap((t) => t.it.offerings.filter((o) => o.available && reqs.compatible(offeringReqs(o), true) === undefined).map((o) => ({ t, o })));
  const ct = ['reserved', 'spot', 'on-demand'].find((c) => offers.some((x) => x.o.capacityType === c)) ?? offers[0]?.o.capacityType;
  const pick = offers.filter((x) => x.o.capacityType === ct).sort((a, b) => a.o.price - b.o.price || (a.t.it.name < b.t.it.name ? -1 : a.t.it.name > b.t.it.name ? 1 : 0) || (a.o.zone < b.o.zone ? -1 : 1));
  if (!pick.length) return undefined;
  const best = pick[0];
  const equal = pick.slice(1).filter((x) => x.o.price === best.o.price).map((x) => `${x.t.it.name} in ${x.o.zone}`);
  return { it: best.t.it, zone: best.o.zone, capacityType: best.o.capacityType, price: best.o.price, equal };
}
