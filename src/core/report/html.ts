/**
 * `renderReport(config)`: the layer matrix as one self-contained HTML page. No script, no external
 * asset, a Content-Security-Policy that lets the page load nothing; light and dark by
 * `prefers-color-scheme`; print-ready. Secrets are masked unless `showSecrets` (every text passes the
 * configuration's redactor before it is escaped).
 */
import { describeSource } from '../explain';
import { discoveryWords, humanDuration } from '../format';
import { describeSessionModel } from '../model';
import { messageBesidePath } from '../diagnostics';
import { createRedactor, maskValue, redactConfig, secretValuesOf } from '../redact';
import type { Diagnostic, EffectiveConfig, LayerCell, LayerColumn, LayerMatrix, LayerRow, ReportOptions, SourceRef } from '../types';
import { isCredentialHeaderName, maskSecret } from '../variables';
import { layerMatrix } from './matrix';
import { REPORT_CSS } from './style';

/** The `<meta name="generator">` every report carries: how the CLI knows a file is a report it may replace. */
export const REPORT_GENERATOR = 'claude-gateway-config report';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Escaped text with a break opportunity after each path separator. */
function breakable(escaped: string): string {
  return escaped.replace(/([/\\])/g, '$1<wbr>');
}

const STATUS_WORDS: Readonly<Record<LayerColumn['status'], string>> = {
  loaded: 'loaded',
  missing: 'not present',
  invalid: 'invalid: not applied',
  ignored: 'ignored',
  'pending-trust': 'env waits for trust',
  excluded: 'excluded',
  environment: 'environment',
};

const SHORT_SCOPE: Readonly<Record<LayerColumn['scope'], string>> = {
  managed: 'managed',
  cli: '--settings',
  local: 'local',
  project: 'project',
  user: 'user',
  shell: 'shell',
  'global-config': '~/.claude.json',
};

/** A source in a few words: `managed · drop-in`, `user`, `shell`. */
function shortLabel(s: Pick<SourceRef, 'origin'> & { scope: LayerColumn['scope'] }): string {
  return `${SHORT_SCOPE[s.scope]}${s.origin ? ` · ${s.origin}` : ''}`;
}

/** The last three parts of a path, enough to tell the files apart (the sources table has them whole). */
function shortPath(path: string): string {
  const parts = path.split(/[/\\]/);
  return parts.length > 4 ? `…/${parts.slice(-3).join('/')}` : path;
}

/** A column's values are not applied (the whole file is skipped). */
function columnOff(c: LayerColumn): boolean {
  return c.status === 'invalid' || c.status === 'ignored' || c.status === 'excluded';
}

interface Html {
  /** Text made safe: masked (unless secrets are shown), then escaped. */
  t(text: string): string;
}

function location(d: Diagnostic): string {
  return d.path ? `${d.path}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}` : '';
}

function noteBody(h: Html, d: Diagnostic, index: number): string {
  const where = location(d);
  return [
    `<span class="sev ${d.severity}">${h.t(d.severity)}</span>`,
    `<a href="#diag-${index}"><code>${h.t(d.code)}</code></a> `,
    h.t(where ? messageBesidePath(d) : d.message),
    where ? ` <span class="where">${h.t(where)}</span>` : '',
    d.fix ? `<span class="fix"><b>Fix:</b> ${h.t(d.fix)}</span>` : '',
  ].join('');
}

function cellHtml(h: Html, c: LayerCell): string {
  const value = `<code>${h.t(c.value)}</code>`;
  const why = c.reason ? `<span class="why">${h.t(c.reason)}</span>` : '';
  switch (c.state) {
    case 'winner':
      return `<span class="mark" title="the value in effect">✓</span>${value}`;
    case 'overridden':
      return `<del>${value}</del>${why}`;
    case 'merged':
      return `${value}<span class="why">merged into the value</span>`;
    case 'pending-trust':
      return `${value}${why}`;
  }
}

function rowHtml(h: Html, m: LayerMatrix, row: LayerRow, index: number): string {
  const id = `${row.kind}-${row.name}`;
  const cells = m.columns.map((col, i) => {
    const here = row.cells.filter((c) => c.column === i);
    if (here.length === 0) return `<td class="empty${columnOff(col) ? ' off' : ''}"></td>`;
    // The most telling state gives the cell its colour: the winner, then pending, merged, overridden.
    const state = (['winner', 'pending-trust', 'merged', 'overridden'] as const).find((s) => here.some((c) => c.state === s)) ?? 'overridden';
    return `<td class="cell ${state}${columnOff(col) ? ' off' : ''}" data-state="${state}">${here.map((c) => cellHtml(h, c)).join('<br>')}</td>`;
  });
  const secret = row.secret ? '<span class="secret" title="a credential: masked unless --show-secrets">credential</span>' : '';
  const notes = m.notes
    .map((n, k) => ({ n, k }))
    .filter(({ n }) => n.row === index)
    .map(({ n, k }) => `<tr class="note ${n.diagnostic.severity}"><td colspan="${m.columns.length + 1}">${noteBody(h, n.diagnostic, k)}</td></tr>`);
  return [
    `<tr id="${h.t(id)}" data-name="${h.t(row.name)}"><th scope="row"><code>${h.t(row.name).replace(/_/g, '_<wbr>')}</code>${secret}<span class="rule">${h.t(row.value === undefined ? `not set yet: ${row.rule}` : row.rule)}</span></th>${cells.join('')}</tr>`,
    ...notes,
  ].join('\n');
}

function columnHead(h: Html, m: LayerMatrix, col: LayerColumn, i: number): string {
  const codes = m.notes
    .map((n, k) => ({ n, k }))
    .filter(({ n }) => n.column === i && n.row === undefined)
    .map(
      ({ n, k }) =>
        `<a class="code" href="#diag-${k}"><span class="sev ${n.diagnostic.severity}">${h.t(n.diagnostic.severity)}</span>${h.t(n.diagnostic.code)}</a>`,
    );
  const badge = col.status === 'loaded' || col.status === 'environment' ? '' : `<span class="badge ${col.status}">${h.t(STATUS_WORDS[col.status])}</span>`;
  const title = ` title="${h.t(`${col.label}${col.reason ? `: ${col.reason}` : ''}`)}"`;
  return `<th scope="col" class="src"${title} data-status="${col.status}"><span class="n">${i + 1}</span>${h.t(shortLabel(col))}${col.path ? `<span class="path" title="${h.t(col.path)}">${breakable(h.t(shortPath(col.path)))}</span>` : ''}${badge}${codes.length > 0 ? `<br>${codes.join('<br>')}` : ''}</th>`;
}

const ROW_HEAD_PX = 250;
const MIN_COLUMN_PX = 120;

function matrixHtml(h: Html, m: LayerMatrix): string {
  const head = `<tr><th scope="col" class="corner">Variable or key<span class="rule">and the rule that decided</span></th>${m.columns.map((c, i) => columnHead(h, m, c, i)).join('')}</tr>`;
  const span = m.columns.length + 1;
  const group = (title: string, kind: LayerRow['kind']): string => {
    const rows = m.rows.map((r, i) => ({ r, i })).filter(({ r }) => r.kind === kind);
    if (rows.length === 0) return '';
    return `<tbody><tr class="group"><th colspan="${span}">${h.t(title)}</th></tr>\n${rows.map(({ r, i }) => rowHtml(h, m, r, i)).join('\n')}</tbody>`;
  };
  return [
    '<ul class="legend">',
    '<li><span class="k-win"></span>✓ the value in effect</li>',
    '<li><span></span><del>struck through</del>: overridden or not applied, with the rule</li>',
    '<li><span class="k-merged"></span>merged into the value</li>',
    '<li><span class="k-pending"></span>waits for workspace trust</li>',
    '<li><span class="k-off"></span>source not applied</li>',
    '<li>columns: highest precedence first (1 wins over 2)</li>',
    '</ul>',
    // Equal source columns; past what the screen holds, the table scrolls sideways inside its box.
    `<div class="scroll"><table class="matrix" style="min-width: ${ROW_HEAD_PX + m.columns.length * MIN_COLUMN_PX}px"><thead>${head}</thead>`,
    group('Environment variables', 'env'),
    group('Settings keys', 'setting'),
    '</table></div>',
  ].join('\n');
}

function glanceHtml(h: Html, config: EffectiveConfig, show: boolean): string {
  const item = (title: string, body: string): string => `<div><dt>${h.t(title)}</dt><dd>${body}</dd></div>`;
  const from = (text: string): string => `<span class="from">${h.t(text)}</span>`;
  const items: string[] = [];
  const providers = config.providers.length > 1 ? ` (switched on: ${config.providers.join(', ')})` : '';
  items.push(item('API provider', `${h.t(config.providerLabel)}${from(providers)}`));
  const base = config.baseUrl;
  items.push(
    item(
      'Base URL',
      base
        ? `<code>${h.t(show ? base.value : maskValue(base.name, base.value))}</code> ${from(`${base.name} · ${shortLabel(base.source)}`)}`
        : '<em>default endpoint</em>',
    ),
  );
  const headers = config.credentialHeaders.map(
    (c) => `<code>${h.t(c.header)}</code> ← ${h.t(c.variable ?? c.mechanism ?? c.kind)}${c.source ? ` ${from(shortLabel(c.source))}` : ''}`,
  );
  items.push(
    item(
      'Credential headers sent',
      config.credential.blocked
        ? `<strong>blocked</strong>: ${h.t(config.credential.blocked.reason)}`
        : headers.length > 0
          ? headers.join('<br>')
          : '<em>no credential header</em>',
    ),
  );
  if (config.apiKeyHelper)
    items.push(
      item(
        'apiKeyHelper',
        `<code>${h.t(config.apiKeyHelper.command)}</code> ${from(`${shortLabel(config.apiKeyHelper.source)} · every ${humanDuration(config.apiKeyHelper.ttlMs)}`)}`,
      ),
    );
  if (config.customHeaders.length > 0)
    items.push(
      item(
        'Custom headers',
        config.customHeaders
          .map((c) => `<code>${h.t(`${c.name}: ${!show && isCredentialHeaderName(c.name) ? maskSecret(c.value) : c.value}`)}</code>`)
          .join(', '),
      ),
    );
  if (Object.hasOwn(config, 'model')) items.push(item('Model', h.t(describeSessionModel(config.model))));
  items.push(item('Model discovery', h.t(discoveryWords(config))));
  items.push(item('Managed settings', h.t(config.managedOrigin ? `Enterprise managed settings (${config.managedOrigin})` : 'none')));
  items.push(
    item(
      'Workspace trust',
      `${h.t(config.trust.trusted ? 'trusted' : 'not trusted')}${config.trust.interactive ? '' : ' (non-interactive)'} ${from(config.trust.reason)}`,
    ),
  );
  return `<dl class="glance">${items.join('\n')}</dl>`;
}

function credentialHtml(h: Html, config: EffectiveConfig): string {
  if (config.credentialHeaders.length === 0)
    return `<p>${config.credential.blocked ? `Claude Code stops before sending a credential: ${h.t(config.credential.blocked.reason)}` : 'No credential header is sent.'}</p>`;
  const rows = config.credentialHeaders.map(
    (c) =>
      `<tr><td><code>${h.t(c.header === 'authorization' ? 'authorization: Bearer …' : 'x-api-key')}</code></td><td>${h.t(c.variable ?? c.mechanism ?? c.kind)}</td><td>${h.t(c.source ? describeSource(c.source) : '')}</td><td>${h.t(c.outranked.map((o) => o.variable ?? o.kind).join(', '))}</td></tr>`,
  );
  return `<div class="scroll"><table class="headers"><thead><tr><th>Header</th><th>Carries</th><th>From</th><th>Outranked (not sent in it)</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function diagnosticsHtml(h: Html, m: LayerMatrix): string {
  if (m.notes.length === 0) return '<p>No diagnostics.</p>';
  const items = m.notes.map(({ diagnostic: d }, k) => {
    const where = location(d);
    return `<li id="diag-${k}" class="${d.severity}"><span class="sev ${d.severity}">${h.t(d.severity)}</span><code>${h.t(d.code)}</code> ${h.t(where ? messageBesidePath(d) : d.message)}${where ? `<br><span class="where">${h.t(where)}</span>` : ''}${d.fix ? `<span class="fix"><b>Fix:</b> ${h.t(d.fix)}</span>` : ''}</li>`;
  });
  return `<ol class="diags">${items.join('\n')}</ol>`;
}

function sourcesHtml(h: Html, m: LayerMatrix): string {
  const row = (c: LayerColumn, n: string): string =>
    `<tr><td>${n}</td><td>${h.t(c.label)}</td><td>${c.path ? `<code>${breakable(h.t(c.path))}</code>` : ''}</td><td>${h.t(c.status === 'missing' && c.reason ? 'not checked' : STATUS_WORDS[c.status])}</td><td>${h.t(c.reason ?? '')}</td></tr>`;
  const rows = [...m.columns.map((c, i) => row(c, String(i + 1))), ...m.consulted.map((c) => row(c, ''))];
  return `<div class="scroll"><table class="sources"><thead><tr><th>#</th><th>Source</th><th>File</th><th>Status</th><th>Why</th></tr></thead><tbody>${rows.join('\n')}</tbody></table></div>`;
}

/**
 * The configuration as one self-contained HTML page: at a glance (provider, base URL, credential
 * headers, model, trust), the layer matrix (every gateway-relevant variable and settings key against
 * every source, the winner marked, overridden values struck through with the rule, pending-trust and
 * ignored sources shown as such, diagnostics with their fixes beside the rows and columns they
 * concern), the credential headers, the diagnostics and the sources consulted. No script and no
 * external asset; masked unless `showSecrets`.
 */
export function renderReport(config: EffectiveConfig, options: ReportOptions = {}): string {
  const show = options.showSecrets === true;
  const redactor = show ? undefined : createRedactor(secretValuesOf(config));
  const h: Html = { t: (text) => escapeHtml(redactor ? redactor.text(text) : text) };
  const view = show ? config : redactConfig(config);
  const m = layerMatrix(config, options);
  const title = `Claude Code configuration${options.cwd ? ` — ${options.cwd}` : ''}`;
  const sub = [
    `Claude Code ${config.claudeCodeVersion}${config.bare ? ' (--bare session)' : ''}`,
    ...(options.generatedAt ? [`made ${options.generatedAt}`] : []),
  ].join(' · ');
  const banners = [
    ...(config.startup ? [`<p class="banner error"><strong>Claude Code would stop at startup:</strong> ${h.t(config.startup.reason)}</p>`] : []),
    ...(show ? ['<p class="banner shown"><strong>Secrets are shown in this report.</strong> Do not share it.</p>'] : []),
  ];
  const counts = (['error', 'warning', 'info'] as const)
    .map((s) => [config.diagnostics.filter((d) => d.severity === s).length, s] as const)
    .map(([n, s]) => `${n} ${s === 'info' ? 'info' : n === 1 ? s : `${s}s`}`)
    .join(', ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; base-uri 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="${REPORT_GENERATOR}">
<title>${h.t(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>${h.t(title)}</h1>
<p class="sub">${h.t(sub)} · ${h.t(show ? 'secrets shown' : 'secrets masked')}</p>
${banners.join('\n')}
${glanceHtml(h, view, show)}
</header>
<main>
<section id="matrix">
<h2>Who sets what, and who wins</h2>
${matrixHtml(h, m)}
</section>
<section id="credential-headers">
<h2>Credential headers</h2>
${credentialHtml(h, view)}
</section>
<section id="diagnostics">
<h2>Diagnostics (${h.t(counts)})</h2>
${diagnosticsHtml(h, m)}
</section>
<section id="sources">
<h2>Sources consulted (highest precedence first)</h2>
${sourcesHtml(h, m)}
</section>
</main>
<footer>Made by claude-gateway-config. The rules behind each cell: docs/behavior.md in the claude-gateway-config package.</footer>
</body>
</html>
`;
}
