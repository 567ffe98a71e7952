/**
 * Claude Code's model catalog, as each release carries it inside its executable: the id every
 * provider asks for a model by, the Vertex region variable of each model, and the providers' own
 * alias targets. Read from the releases 2.1.236 to 2.1.332 with `node --import tsx
 * conformance/catalog.ts --table` (every change lands between two neighbouring published releases, so
 * each `since` is exact) and checked against the binary by the provider-model-* vectors
 * (docs/behavior.md#provider-model-ids). Releases before 2.1.236 are given 2.1.236's table.
 */
import type { Provider } from './types';

/** One model of the catalog: its catalog name, family, the first release that carries it, and its id per provider (`null`: not offered there). */
export interface CatalogModel {
  /** The catalog's own name (`claude-sonnet-4-5`); the Anthropic API's id is `ids.anthropic`. */
  id: string;
  family: string;
  since: string;
  ids: Readonly<Record<Provider, string | null>>;
  /** The variable that sets this model's Vertex region. */
  vertexRegionVariable?: string;
}

/** Every model of the catalogs, in the order of the first release that carries it. */
export const MODEL_CATALOG: readonly CatalogModel[] = [
  {
    id: 'claude-3-5-haiku',
    family: 'haiku',
    since: '2.1.236',
    ids: {
      anthropic: 'claude-3-5-haiku-20241022',
      bedrock: 'us.anthropic.claude-3-5-haiku-20241022-v1:0',
      vertex: 'claude-3-5-haiku@20241022',
      foundry: 'claude-3-5-haiku',
      mantle: null,
      'anthropic-aws': 'claude-3-5-haiku-20241022',
    },
    vertexRegionVariable: 'VERTEX_REGION_CLAUDE_3_5_HAIKU',
  },
  {
    id: 'claude-haiku-4-5',
    family: 'haiku',
    since: '2.1.236',
    ids: {
      anthropic: 'claude-haiku-4-5-20251001',
      bedrock: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
      vertex: 'claude-haiku-4-5@20251001',
      foundry: 'claude-haiku-4-5',
      mantle: 'anthropic.claude-haiku-4-5',
      'anthropic-aws': 'claude-haiku-4-5-20251001',
    },
    vertexRegionVariable: 'VERTEX_REGION_CLAUDE_HAIKU_4_5',
  },
  {
    id: 'claude-3-5-sonnet',
    family: 'sonnet',
    since: '2.1.236',
    ids: {
      anthropic: 'claude-3-5-sonnet-20241022',
      bedrock: 'us.anthropic.claude-3-5-sonnet-20241022-v2:0',
      vertex: 'claude-3-5-sonnet-v2@20241022',
      foundry: 'claude-3-5-sonnet',
      mantle: null,
      'anthropic-aws': 'claude-3-5-sonnet-20241022',
    },
    vertexRegionVariable: 'VERTEX_REGION_CLAUDE_3_5_SONNET',
  },
  {
    id: 'claude-3-7-sonnet',
    family: 'sonnet',
    since: '2.1.236',
    ids: {
      anthropic: 'claude-3-7-sonnet-20250219',
      bedrock: 'us.anthropic.claude-3-7-sonnet-20250219-v1:0',
      vertex: 'claude-3-7-sonnet@20250219',
      foundry: 'claude-3-7-sonnet',
      mantle: null,
      'anthropic-aws': 'claude-3-7-sonnet-20250219',
    },
    vertexRegionVariable: 'VERTEX_REGION_CLAUDE_3_7_SONNET',
  },
  {
    id: 'claude-sonnet-4-0',
    family: 'sonnet',
    since: '2.1.236',
    ids: {
      anthropic: 'claude-sonnet-4-20250514',
      bedrock: 'us.anthropic.claude-sonnet-4-20250514-v1:0',
      vertex: 'claude-sonnet-4@20250514',
      foundry: 'claude-sonnet-4',
      mantle: null,
      'anthropic-aws': 'claude-sonnet-4-20250514',
    },
    vertexRegionVariable: 'VERTEX_REGION_CLAUDE_4_0_SONNET',
  },
  {
    id: 'claude-sonnet-4-5',
    family: 'sonnet',
    since: '2.1.236',
    ids: {
      anthropic: 'claude-sonnet-4-5-20250929',
      bedrock: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      vertex: 'claude-sonnet-4-5@20250929',
      foundry: 'claude-sonnet-4-5',
      mantle: null,
      'anthropic-aws': 'claude-sonnet-4-5-20250929',
    },
    vertexRegionVariable: 'VERTEX_REGION_CLAUDE_4_5_SONNET',
  },
  {
    id: 'claude-sonnet-4-6',
    family: 'sonnet',
    since: '2.1.236',
    ids: {
      anthropic: 'claude-sonnet-4-6',
      bedrock: 'us.anthropic.claude-sonnet-4-6',
      vertex: 'claude-sonnet-4-6',
      foundry: 'claude-sonnet-4-6',
      mantle: null,
      'anthropic-aws': 'claude-sonnet-4-6',
    },
    vertexRegionVariable: 'VERTEX_REGION_CLAUDE_4_6_SONNET',
  },
  {
    id: 'claude-sonnet-5',
    family: 'sonnet',
    since: '2.1.236',
    ids: {
      anthropic: 'claude-sonnet-5',
      bedrock: 'us.anthropic.claude-sonnet-5',
      vertex: 'claude-sonnet-5',
      foundry: 'claude-sonnet-5',
      mantle: 'anthropic.claude-sonnet-5',
      'anthropic-aws': 'claude-sonnet-5',
    },
    vertexRegionVariable: 'VERTEX_REGION_CLAUDE_5_SONNET',
  },
  {
    id: 'claude-opus-4-0',
    family: 'opus',
    since: '2.1.236',
    ids: {
      anthropic: 'claude-opus-4-20250514',
      bedrock: 'us.anthropic.claude-opus-4-20250514-v1:0',
      vertex: 'claude-opus-4@20250514',
      foundry: 'claude-opus-4',
      mantle: null,
      'anthropic-aws': 'claude-opus-4-20250514',
    },
    vertexRegionVariable: 'VERTEX_REGION_CLAUDE_4_0_OPUS',
  },
  {
    id: 'claude-opus-4-1',
    family: 'opus',
    since: '2.1.236',
    ids: {
      anthropic: 'claude-opus-4-1-20250805',
      bedrock: 'us.anthropic.claude-opus-4-1-20250805-v1:0',
      vertex: 'claude-opus-4-1@20250805',
      foundry: 'claude-opus-4-1',
      mantle: null,
      'anthropic-aws': 'claude-opus-4-1-20250805',
    },
    vertexRegionVariable: 'VERTEX_REGION_CLAUDE_4_1_OPUS',
  },
  {
    id: 'claude-opus-4-5',
    family: 'opus',
    since: '2.1.236',
    ids: {
      anthropic: 'claude-opus-4-5-20251101',
      bedrock: 'us.anthropic.claude-opus-4-5-20251101-v1:0',
      vertex: 'claude-opus-4-5@20251101',
      foundry: 'claude-opus-4-5',
      mantle: null,
      'anthropic-aws': 'claude-opus-4-5-20251101',
    },
    vertexRegionVariable: 'VERTEX_REGION_CLAUDE_4_5_OPUS',
  },
  {
    id: 'claude-opus-4-6',
    family: 'opus',
    since: '2.1.236',
    ids: {
      anthropic: 'claude-opus-4-6',
      bedrock: 'us.anthropic.claude-opus-4-6-v1',
      vertex: 'claude-opus-4-6',
      foundry: 'claude-opus-4-6',
      mantle: null,
      'anthropic-aws': 'claude-opus-4-6',
    },
    vertexRegionVariable: 'VERTEX_REGION_CLAUDE_4_6_OPUS',
  },
  {
    id: 'claude-opus-4-7',
    family: 'opus',
    since: '2.1.236',
    ids: {
      anthropic: 'claude-opus-4-7',
      bedrock: 'us.anthropic.claude-opus-4-7',
      vertex: 'claude-opus-4-7',
      foundry: 'claude-opus-4-7',
      mantle: 'anthropic.claude-opus-4-7',
      'anthropic-aws': 'claude-opus-4-7',
    },
    vertexRegionVariable: 'VERTEX_REGION_CLAUDE_4_7_OPUS',
  },
  {
    id: 'claude-opus-4-8',
    family: 'opus',
    since: '2.1.236',
    ids: {
      anthropic: 'claude-opus-4-8',
      bedrock: 'us.anthropic.claude-opus-4-8',
      vertex: 'claude-opus-4-8',
      foundry: 'claude-opus-4-8',
      mantle: 'anthropic.claude-opus-4-8',
      'anthropic-aws': 'claude-opus-4-8',
    },
    vertexRegionVariable: 'VERTEX_REGION_CLAUDE_4_8_OPUS',
  },
  {
    id: 'claude-opus-5',
    family: 'opus',
    since: '2.1.236',
    ids: {
      anthropic: 'claude-opus-5',
      bedrock: 'us.anthropic.claude-opus-5',
      vertex: 'claude-opus-5',
      foundry: 'claude-opus-5',
      mantle: 'anthropic.claude-opus-5',
      'anthropic-aws': 'claude-opus-5',
    },
    vertexRegionVariable: 'VERTEX_REGION_CLAUDE_5_OPUS',
  },
  {
    id: 'claude-fable-5',
    family: 'fable',
    since: '2.1.236',
    ids: {
      anthropic: 'claude-fable-5',
      bedrock: 'us.anthropic.claude-fable-5',
      vertex: 'claude-fable-5',
      foundry: 'claude-fable-5',
      mantle: 'anthropic.claude-fable-5',
      'anthropic-aws': 'claude-fable-5',
    },
    vertexRegionVariable: 'VERTEX_REGION_CLAUDE_FABLE_5',
  },
  {
    id: 'claude-mythos-5',
    family: 'mythos',
    since: '2.1.236',
    ids: { anthropic: 'claude-mythos-5', bedrock: null, vertex: null, foundry: null, mantle: null, 'anthropic-aws': null },
  },
  {
    id: 'claude-fable-5-1',
    family: 'fable',
    since: '2.1.257',
    ids: {
      anthropic: 'claude-fable-5-1',
      bedrock: 'us.anthropic.claude-fable-5-1',
      vertex: 'claude-fable-5-1',
      foundry: 'claude-fable-5-1',
      mantle: 'anthropic.claude-fable-5-1',
      'anthropic-aws': 'claude-fable-5-1',
    },
    vertexRegionVariable: 'VERTEX_REGION_CLAUDE_FABLE_5_1',
  },
  {
    id: 'claude-mythos-5-1',
    family: 'mythos',
    since: '2.1.257',
    ids: { anthropic: 'claude-mythos-5-1', bedrock: null, vertex: null, foundry: null, mantle: null, 'anthropic-aws': null },
  },
  {
    id: 'claude-opus-5-5',
    family: 'opus',
    since: '2.1.280',
    ids: {
      anthropic: 'claude-opus-5-5',
      bedrock: 'us.anthropic.claude-opus-5-5',
      vertex: 'claude-opus-5-5',
      foundry: 'claude-opus-5-5',
      mantle: 'anthropic.claude-opus-5-5',
      'anthropic-aws': 'claude-opus-5-5',
    },
    vertexRegionVariable: 'VERTEX_REGION_CLAUDE_5_5_OPUS',
  },
  {
    id: 'claude-sonnet-5-5',
    family: 'sonnet',
    since: '2.1.284',
    ids: {
      anthropic: 'claude-sonnet-5-5',
      bedrock: 'us.anthropic.claude-sonnet-5-5',
      vertex: 'claude-sonnet-5-5',
      foundry: 'claude-sonnet-5-5',
      mantle: 'anthropic.claude-sonnet-5-5',
      'anthropic-aws': 'claude-sonnet-5-5',
    },
    vertexRegionVariable: 'VERTEX_REGION_CLAUDE_5_5_SONNET',
  },
  {
    id: 'claude-haiku-5-5',
    family: 'haiku',
    since: '2.1.293',
    ids: {
      anthropic: 'claude-haiku-5-5',
      bedrock: 'us.anthropic.claude-haiku-5-5',
      vertex: 'claude-haiku-5-5',
      foundry: 'claude-haiku-5-5',
      mantle: 'anthropic.claude-haiku-5-5',
      'anthropic-aws': 'claude-haiku-5-5',
    },
    vertexRegionVariable: 'VERTEX_REGION_CLAUDE_HAIKU_5_5',
  },
  {
    id: 'claude-fable-5-2',
    family: 'fable',
    since: '2.1.321',
    ids: {
      anthropic: 'claude-fable-5-2',
      bedrock: 'us.anthropic.claude-fable-5-2',
      vertex: 'claude-fable-5-2',
      foundry: 'claude-fable-5-2',
      mantle: 'anthropic.claude-fable-5-2',
      'anthropic-aws': 'claude-fable-5-2',
    },
    vertexRegionVariable: 'VERTEX_REGION_CLAUDE_FABLE_5_2',
  },
  {
    id: 'claude-mythos-5-2',
    family: 'mythos',
    since: '2.1.321',
    ids: { anthropic: 'claude-mythos-5-2', bedrock: null, vertex: null, foundry: null, mantle: null, 'anthropic-aws': null },
  },
];

/**
 * A provider's own target for an alias family, newest first (`since`: the first release that uses it);
 * an empty id: none, the first-party target (BUILT_IN_MODEL_TARGETS) applies. Catalog names.
 */
export const PROVIDER_ALIAS_TARGETS: Readonly<Record<string, Readonly<Partial<Record<Provider, readonly { since: string; id: string }[]>>>>> = {
  opus: {
    bedrock: [
      { since: '2.1.280', id: 'claude-opus-5-5' },
      { since: '2.1.236', id: 'claude-opus-5' },
    ],
    vertex: [
      { since: '2.1.280', id: 'claude-opus-5-5' },
      { since: '2.1.236', id: 'claude-opus-5' },
    ],
    foundry: [
      { since: '2.1.332', id: 'claude-opus-5-5' },
      { since: '2.1.236', id: 'claude-opus-4-6' },
    ],
    mantle: [
      { since: '2.1.280', id: 'claude-opus-5-5' },
      { since: '2.1.236', id: 'claude-opus-5' },
    ],
    'anthropic-aws': [
      { since: '2.1.280', id: 'claude-opus-5-5' },
      { since: '2.1.236', id: 'claude-opus-5' },
    ],
  },
  sonnet: {
    bedrock: [{ since: '2.1.236', id: 'claude-sonnet-4-5' }],
    vertex: [
      { since: '2.1.332', id: 'claude-sonnet-5-5' },
      { since: '2.1.236', id: 'claude-sonnet-4-5' },
    ],
    foundry: [
      { since: '2.1.332', id: 'claude-sonnet-5-5' },
      { since: '2.1.236', id: 'claude-sonnet-4-5' },
    ],
    mantle: [
      { since: '2.1.332', id: 'claude-sonnet-5' },
      { since: '2.1.236', id: 'claude-sonnet-4-5' },
    ],
    'anthropic-aws': [{ since: '2.1.236', id: 'claude-sonnet-4-6' }],
  },
  haiku: {
    bedrock: [
      { since: '2.1.293', id: 'claude-haiku-4-5' },
      { since: '2.1.236', id: '' },
    ],
    vertex: [
      { since: '2.1.293', id: 'claude-haiku-4-5' },
      { since: '2.1.236', id: '' },
    ],
    foundry: [
      { since: '2.1.293', id: 'claude-haiku-4-5' },
      { since: '2.1.236', id: '' },
    ],
    mantle: [
      { since: '2.1.293', id: 'claude-haiku-4-5' },
      { since: '2.1.236', id: '' },
    ],
    'anthropic-aws': [
      { since: '2.1.293', id: 'claude-haiku-4-5' },
      { since: '2.1.236', id: '' },
    ],
  },
  fable: {},
};
