/**
 * The layer matrix: who sets what, and who wins. Every gateway-relevant variable and settings key
 * (rows) against every source Claude Code consulted (columns, highest precedence first, the shell
 * last), each cell the value that source sets and what became of it (docs/behavior.md#which-value-wins).
 * Pure: built from an {@link EffectiveConfig}, masked unless secrets are asked for.
 */
import { describeSource, explain } from '../explain';
import { createRedactor, maskValue, redactConfig, secretValuesOf } from '../redact';
import { MODELLED_KEYS } from '../schema';
import type {
  EffectiveConfig,
  LayerCell,
  LayerColumn,
  LayerMatrix,
  LayerMatrixOptions,
  LayerNote,
  LayerRow,
  PendingTrustValue,
  SourceInfo,
  SourceRef,
} from '../types';
import { isGatewayVariable } from '../variables';

/** A source's identity: its scope, channel and file. */
type Place = Pick<SourceRef, 'origin' | 'path'> & { scope: SourceRef['scope'] | 'global-config' };

function placeKey(p: Place): string {
  return `${p.scope}\u0000${p.origin ?? ''}\u0000${p.path ?? ''}`;
}

function label(p: Place): string {
  return p.scope === 'global-config' ? '~/.claude.json' : describeSource({ scope: p.scope, ...(p.origin ? { origin: p.origin } : {}) });
}

function columnOf(s: SourceInfo): LayerColumn {
  // The server-managed settings are fetched by Claude Code, not read here: "missing" would claim a lookup not made.
  const remote = s.origin === 'remote' && s.status === 'missing';
  return {
    scope: s.scope,
    ...(s.origin ? { origin: s.origin } : {}),
    ...(s.path ? { path: s.path } : {}),
    status: s.status,
    ...(remote ? { reason: 'fetched by Claude Code from the server; not read here' } : s.reason && s.status !== 'loaded' ? { reason: s.reason } : {}),
    label: label(s),
  };
}

/** A cell before columns are numbered. */
interface PlacedCell extends Omit<LayerCell, 'column'> {
  place: Place;
}

interface PlacedRow extends Omit<LayerRow, 'cells' | 'winner'> {
  cells: PlacedCell[];
  winnerPlace?: Place;
}

const TRUST_REASON = 'waits for the workspace-trust dialog (interactive sessions)';

function pendingCells(pending: readonly PendingTrustValue[], name: string, taken: ReadonlySet<string>, show: boolean): PlacedCell[] {
  return pending
    .filter((p) => p.name === name && !taken.has(placeKey(p.source)))
    .map((p) => ({
      place: p.source,
      value: show || p.kind !== 'env' ? p.value : maskValue(p.name, p.value),
      state: 'pending-trust' as const,
      reason: TRUST_REASON,
    }));
}

/**
 * One row: the winner, what `explain` says lost (each `lost` state: overridden, or merged for keys
 * that combine levels), and the values only waiting for trust. `winner` absent: only pending values.
 */
function row(
  config: EffectiveConfig,
  kind: LayerRow['kind'],
  name: string,
  winner: { source: SourceRef; secret: boolean; lost: 'overridden' | 'merged' } | undefined,
  show: boolean,
): PlacedRow {
  const pending = config.pendingTrust.filter((p) => (kind === 'env' ? p.kind === 'env' : p.kind === 'apiKeyHelper'));
  if (!winner) {
    const what = kind === 'env' ? 'env' : 'apiKeyHelper';
    return {
      kind,
      name,
      rule: `project and local ${what} wait for the workspace-trust dialog`,
      secret: false,
      cells: pendingCells(pending, name, new Set(), show),
    };
  }
  const e = explain(config, name, { showSecrets: show });
  const pendingHere = new Set(pending.filter((p) => p.name === name).map((p) => placeKey(p.source)));
  const cells: PlacedCell[] = [
    { place: winner.source, value: e.value ?? '', state: 'winner' },
    ...e.overridden.map((o) => ({
      place: o.source,
      value: o.value,
      state: pendingHere.has(placeKey(o.source)) ? ('pending-trust' as const) : winner.lost,
      reason: o.reason,
    })),
  ];
  cells.push(...pendingCells(pending, name, new Set(cells.map((c) => placeKey(c.place))), show));
  return { kind, name, ...(e.value !== undefined ? { value: e.value } : {}), winnerPlace: winner.source, rule: e.rule, secret: winner.secret, cells };
}

function variableRow(config: EffectiveConfig, name: string, show: boolean): PlacedRow {
  const v = Object.hasOwn(config.env, name) ? config.env[name] : undefined;
  return row(config, 'env', name, v ? { source: v.source, secret: v.secret, lost: 'overridden' } : undefined, show);
}

function settingRow(config: EffectiveConfig, name: string, show: boolean): PlacedRow {
  const k = Object.hasOwn(config.keys, name) ? config.keys[name] : undefined;
  const merged = k?.merge === 'concat' || k?.merge === 'deep';
  return row(config, 'setting', name, k ? { source: k.source, secret: false, lost: merged ? 'merged' : 'overridden' } : undefined, show);
}

/** The arguments a diagnostic names a variable or key with. */
function namedIn(args: Readonly<Record<string, unknown>> | undefined): string[] {
  if (!args) return [];
  return ['variable', 'key', 'name'].map((a) => args[a]).filter((x): x is string => typeof x === 'string');
}

/**
 * Who sets what, and who wins, as data: the rows and columns {@link renderReport} draws. Values are
 * masked (credential variables whole, URLs and header lines in part, any known credential anywhere)
 * unless `showSecrets`.
 */
export function layerMatrix(config: EffectiveConfig, options: LayerMatrixOptions = {}): LayerMatrix {
  const show = options.showSecrets === true;
  const all = options.all === true;
  const view = show ? config : redactConfig(config);

  const variableNames = new Set(
    Object.keys(view.env).filter((n) => {
      const v = view.env[n];
      return all || isGatewayVariable(n) || (v !== undefined && (v.source.scope !== 'shell' || v.overridden.some((o) => o.source.scope !== 'shell')));
    }),
  );
  for (const p of view.pendingTrust) if (p.kind === 'env') variableNames.add(p.name);
  const keyNames = new Set(Object.keys(view.keys).filter((k) => k !== 'env' && (all || MODELLED_KEYS.includes(k))));
  for (const p of view.pendingTrust) if (p.kind === 'apiKeyHelper') keyNames.add(p.name);

  const placed: PlacedRow[] = [
    ...[...variableNames].sort().map((n) => variableRow(view, n, show)),
    ...[...keyNames].sort().map((n) => settingRow(view, n, show)),
  ];

  // Columns: the sources present, in precedence order; any place a value names that no source lists;
  // the shell last.
  const columns: LayerColumn[] = [];
  const consulted: LayerColumn[] = [];
  const index = new Map<string, number>();
  for (const s of view.sources) {
    if (s.status === 'missing' || s.scope === 'global-config') consulted.push(columnOf(s));
    else {
      index.set(placeKey(s), columns.length);
      columns.push(columnOf(s));
    }
  }
  const extra = (p: Place): void => {
    if (index.has(placeKey(p)) || p.scope === 'shell') return;
    index.set(placeKey(p), columns.length);
    columns.push({ scope: p.scope, ...(p.origin ? { origin: p.origin } : {}), ...(p.path ? { path: p.path } : {}), status: 'loaded', label: label(p) });
  };
  for (const r of placed) for (const c of r.cells) extra(c.place);
  const shell: Place = { scope: 'shell' };
  index.set(placeKey(shell), columns.length);
  columns.push({ scope: 'shell', status: 'environment', label: label(shell) });

  const at = (p: Place): number => index.get(placeKey(p)) ?? columns.length - 1;
  const rows: LayerRow[] = placed.map(({ cells, winnerPlace, ...r }) => ({
    ...r,
    ...(winnerPlace ? { winner: at(winnerPlace) } : {}),
    cells: cells.map(({ place, ...c }) => ({ column: at(place), ...c })).sort((a, b) => a.column - b.column),
  }));

  const notes: LayerNote[] = view.diagnostics.map((d) => {
    const names = namedIn(d.args);
    const row = rows.findIndex((r) => names.includes(r.name));
    const column = d.path === undefined ? -1 : columns.findIndex((c) => c.path === d.path);
    return { diagnostic: d, ...(row >= 0 ? { row } : {}), ...(column >= 0 ? { column } : {}) };
  });

  const matrix: LayerMatrix = { columns, consulted, rows, notes };
  // A second line of defence: every known credential of the configuration, wherever it appears.
  return show ? matrix : createRedactor(secretValuesOf(config)).value(matrix);
}
