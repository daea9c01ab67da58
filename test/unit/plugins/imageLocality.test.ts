import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import type { Pod } from '../../../server/src/engine/api';
import { ImageLocality, normalizedImageName } from '../../../server/src/engine/plugins/imageLocality';
import { makeNode, makePod } from '../builders';
import type { ScoreCase } from '../harness';
import { assertScore } from './pluginAsserts';

const FILE = 'imagelocality/image_locality_test.go';
const S = `${FILE} TestImageLocalityPriority`;
const MB = 1024 * 1024;

const pod = (containers: string[], init: string[] = []): Pod => {
  const b = makePod();
  for (const image of containers) b.image(image);
  const p = b.build();
  if (init.length) p.spec.initContainers = init.map((image, i) => ({ name: `init${i}`, image }));
  return p;
};

type Images = { names: string[]; sizeBytes: number }[];
const img = (sizeMB: number, ...names: string[]) => ({ names, sizeBytes: sizeMB * MB });
const node403002000: Images = [img(40, 'gcr.io/40:latest', 'gcr.io/40:v1', 'gcr.io/40:v1'), img(300, 'gcr.io/300:latest', 'gcr.io/300:v1'), img(2000, 'gcr.io/2000:latest')];
const node25010: Images = [img(250, 'gcr.io/250:latest'), img(10, 'gcr.io/10:latest', 'gcr.io/10:v1')];
const node60040900: Images = [img(600, 'gcr.io/600:latest'), img(40, 'gcr.io/40:latest'), img(900, 'gcr.io/900:latest')];
const node300600900: Images = [img(300, 'gcr.io/300:latest'), img(600, 'gcr.io/600:latest'), img(900, 'gcr.io/900:latest')];
const node400030: Images = [img(4000, 'gcr.io/4000:latest'), img(30, 'gcr.io/30:latest')];
const node203040: Images = [img(20, 'gcr.io/20:latest'), img(30, 'gcr.io/30:latest'), img(40, 'gcr.io/40:latest')];
const imageNode = (name: string, images: Images | null) => {
  const b = makeNode(name);
  if (images) b.images(images);
  return b.build();
};

const testMinMax = pod(['gcr.io/10', 'gcr.io/4000']);
const table: ScoreCase[] = [
  {
    name: 'two images spread on two nodes, prefer the larger image one',
    source: S,
    pod: pod(['gcr.io/40', 'gcr.io/250']),
    nodes: [imageNode('node1', node403002000), imageNode('node2', node25010)],
    want: { node1: 0, node2: 5 },
  },
  {
    name: 'two images on one node, prefer this node',
    source: S,
    pod: pod(['gcr.io/40', 'gcr.io/300']),
    nodes: [imageNode('node1', node403002000), imageNode('node2', node25010)],
    want: { node1: 7, node2: 0 },
  },
  {
    name: 'if exceed limit, use limit',
    source: S,
    pod: testMinMax,
    nodes: [imageNode('node1', node400030), imageNode('node2', node25010)],
    want: { node1: 100, node2: 0 },
  },
  {
    name: 'if exceed limit, use limit (with node which has no images present)',
    source: S,
    pod: testMinMax,
    nodes: [imageNode('node1', node400030), imageNode('node2', node25010), imageNode('node3', null)],
    want: { node1: 66, node2: 0, node3: 0 },
  },
  {
    name: 'pod with multiple large images, node2 is preferred',
    source: S,
    pod: pod(['gcr.io/300', 'gcr.io/600', 'gcr.io/900']),
    nodes: [imageNode('node1', node60040900), imageNode('node2', node300600900), imageNode('node3', null)],
    want: { node1: 32, node2: 36, node3: 0 },
  },
  {
    name: 'pod with multiple small images',
    source: S,
    pod: pod(['gcr.io/30', 'gcr.io/40']),
    nodes: [imageNode('node1', node203040), imageNode('node2', node400030)],
    want: { node1: 1, node2: 0 },
  },
  {
    name: 'include InitContainers: two images spread on two nodes, prefer the larger image one',
    source: S,
    pod: pod(['gcr.io/30'], ['gcr.io/300']),
    nodes: [imageNode('node1', node403002000), imageNode('node2', node203040)],
    want: { node1: 6, node2: 0 },
  },
];

const digest = (s: string) => `sha256:${createHash('sha256').update(s).digest('hex')}`;
const names: [string, string, string][] = [
  ['add :latest postfix 1', 'root', 'root:latest'],
  ['add :latest postfix 2', 'gcr.io:5000/root', 'gcr.io:5000/root:latest'],
  ['keep it as is 1', 'root:tag', 'root:tag'],
  ['keep it as is 2', `root@${digest('root')}`, `root@${digest('root')}`],
];

describe('ImageLocality', () => {
  describe('upstream TestImageLocalityPriority', () => {
    for (const c of table) it(c.name, () => assertScore(ImageLocality, c));
  });
  describe(`upstream ${FILE} TestNormalizedImageName`, () => {
    for (const [name, input, output] of names) it(name, () => assert.equal(normalizedImageName(input), output));
  });
  describe('kube-spread', () => {
    it('nodes without status.images score 0 everywhere', () =>
      assertScore(ImageLocality, {
        name: 'no images',
        source: 'kube-spread',
        pod: pod(['nginx']),
        nodes: [imageNode('a', null), imageNode('b', null)],
        want: { a: 0, b: 0 },
      }));
    it('the spread counts every node of the cluster, not only the feasible ones', () =>
      assertScore(ImageLocality, {
        name: 'spread over all nodes',
        source: 'kube-spread (Score uses the snapshot node count)',
        pod: pod(['big']),
        // 900 MiB on 2 of 3 nodes: int(900 MiB * 2/3) = 600 MiB -> 100*(600-23)/(1000-23) = 59.
        nodes: [imageNode('a', [img(900, 'big:latest')]), imageNode('b', [img(900, 'big:latest')]), imageNode('c', null)],
        feasible: ['a'],
        want: { a: 59 },
      }));
  });
});
