/**
 * Warnings for a planned write that cannot take effect, derived from the configuration as it will be
 * after the write: the edited file's text put in place of what was read, resolved again, and what each
 * written variable or key then resolves to compared with the file written. Precedence is never
 * re-implemented here; the resolver decides (docs/behavior.md#write-warnings).
 *
 * `write-shadowed` (a higher settings level sets the same thing) comes from `shadowWarnings`; these add
 * what it cannot see: the shell before 2.0.1 (`write-shell-wins`), a value that waits for workspace
 * trust (`write-waits-for-trust`), a higher value that waits for it (`write-outranked-after-trust`), a
 * credential another one keeps out of both headers (`write-credential-outranked`), a cloud provider
 * that does not use what was written (`write-provider-active`), another file of the same level that
 * wins (a later managed drop-in: `write-shadowed`), and the resolver's own findings that the file
 * cannot set a written variable or key (`env-ignored-*`, `settings-key-out-of-scope`).
 */
import type { Diagnostic, EffectiveConfig, Provider, SourceRef } from './types';
import type { EditOp } from './edit';
import type { Gathered, RawFile } from './gather';
import { samePath } from './gather';
import { pathApi } from './locations';
import { resolveGathered, type ResolveContext } from './resolve';
import { describeSource } from './explain';
import { hasFeature, VERSION_GATES } from './versions';
import { PROVIDER_BASE_URL, PROVIDER_SKIP_AUTH, PROVIDER_SWITCHES } from './variables';
import type { WriteScope } from './write-plan';
import { diagnostic } from './catalogue';

/** What {@link writeEffectWarnings} needs: what was read, the session, and the write. */
export interface WriteEffectInput {
  /** Every source as read before the write. */
  gathered: Gathered;
  /** The session the write is judged for (version, shell, trust, interactive). */
  context: ResolveContext;
  scope: WriteScope;
  /** The settings file written, as the resolver reads it (`settingsPathFor`). */
  path: string;
  /** The file's text after the write. */
  text: string;
  ops: readonly EditOp[];
}

/** The credentials of the Anthropic API and its gateways, which no cloud provider session sends as such. */
const FIRST_PARTY_CREDENTIALS: ReadonlySet<string> = new Set(['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY', 'apiKeyHelper', 'CLAUDE_CODE_OAUTH_TOKEN']);

const RANK: Readonly<Record<SourceRef['scope'], number>> = { managed: 5, cli: 4, local: 3, project: 2, user: 1, shell: 0 };

/** A file as read, holding `text`. */
function readFile(path: string, text: string): RawFile {
  return { path, status: 'ok', text, size: text.length };
}

/**
 * What was read, with the written file holding `text`: the file is found by its path among the
 * sources read (the user, project and local files, `--settings`, the managed file and its drop-ins);
 * a new drop-in is put in its place in name order, and a `--settings` file the session does not name
 * is taken as the session's `--settings` (the file only applies when passed).
 */
export function overlayWrite(g: Gathered, platform: ResolveContext['platform'], scope: WriteScope, path: string, text: string): Gathered {
  const p = pathApi(platform);
  const same = (other: string): boolean => samePath(p, platform, other, path);
  const out: Gathered = { ...g, managed: g.managed.map((m) => ({ ...m, dropIns: [...m.dropIns] })) };
  if (same(g.user.path)) out.user = readFile(g.user.path, text);
  if (same(g.project.path)) out.project = readFile(g.project.path, text);
  if (same(g.local.path)) out.local = readFile(g.local.path, text);
  if (g.localLeftover && same(g.localLeftover.path)) out.localLeftover = readFile(g.localLeftover.path, text);
  if (scope === 'cli') {
    out.cli =
      g.cli?.kind === 'file' && same(g.cli.file.path)
        ? { ...g.cli, file: readFile(g.cli.file.path, text) }
        : { kind: 'file', file: readFile(path, text), given: path };
  }
  for (const m of out.managed) {
    if (same(m.file.path)) m.file = readFile(m.file.path, text);
    if (scope !== 'managed-drop-in' || !samePath(p, platform, m.location.dropInDir, p.dirname(path))) continue;
    const at = m.dropIns.findIndex((f) => same(f.path));
    if (at >= 0) {
      m.dropIns[at] = readFile((m.dropIns[at] as RawFile).path, text);
    } else {
      // Plain string order of the names, as Claude Code reads them (docs/behavior.md#drop-in-names).
      m.dropIns.push(readFile(path, text));
      m.dropIns.sort((a, b) => {
        const x = p.basename(a.path);
        const y = p.basename(b.path);
        return x < y ? -1 : x > y ? 1 : 0;
      });
    }
  }
  return out;
}

/** The env variables and top-level keys the edit sets (a whole `env` object is one per variable). */
function writtenNames(ops: readonly EditOp[]): { env: string[]; keys: string[] } {
  const env: string[] = [];
  const keys: string[] = [];
  for (const op of ops) {
    if (op.op !== 'set') continue;
    const [first, second] = op.path;
    if (first === 'env' && op.path.length === 2 && typeof second === 'string') env.push(second);
    else if (first === 'env' && op.path.length === 1 && op.value !== null && typeof op.value === 'object' && !Array.isArray(op.value))
      env.push(...Object.keys(op.value));
    else if (typeof first === 'string' && op.path.length === 1) keys.push(first);
  }
  return { env: [...new Set(env)], keys: [...new Set(keys)] };
}

/** The env variables and the apiKeyHelper the edit removes. */
function removedNames(ops: readonly EditOp[]): { name: string; kind: 'env' | 'apiKeyHelper' }[] {
  const out: { name: string; kind: 'env' | 'apiKeyHelper' }[] = [];
  for (const op of ops) {
    if (op.op !== 'unset') continue;
    const [first, second] = op.path;
    if (first === 'env' && op.path.length === 2 && typeof second === 'string') out.push({ name: second, kind: 'env' });
    else if (first === 'apiKeyHelper' && op.path.length === 1) out.push({ name: 'apiKeyHelper', kind: 'apiKeyHelper' });
  }
  return out;
}

/** How a source is named in a message, with its file. */
function where(s: SourceRef | undefined): string {
  return s ? describeSource(s) : 'Claude Code itself';
}

/** What fills each credential header, in words: "authorization: ANTHROPIC_AUTH_TOKEN from user settings (…)". */
function headersInWords(config: EffectiveConfig): string {
  if (config.credentialHeaders.length === 0) return 'no credential header is sent';
  return config.credentialHeaders
    .map((h) => {
      const what =
        h.variable === 'apiKeyHelper'
          ? "the apiKeyHelper's output"
          : (h.variable ?? (h.mechanism ? `the provider's own credential (${h.mechanism})` : h.kind === 'login' ? 'the saved /login' : h.kind));
      return `${h.header} carries ${what}${h.variable ? ` from ${where(h.source)}` : ''}`;
    })
    .join(' and ');
}

/** Every credential named in an `outranked` list: present, and kept out of a header by another. */
function outrankedNames(config: EffectiveConfig): Set<string> {
  const out = new Set<string>();
  for (const o of config.credential.outranked) if (o.variable) out.add(o.variable);
  for (const h of config.credentialHeaders) for (const o of h.outranked) if (o.variable) out.add(o.variable);
  return out;
}

function sentNames(config: EffectiveConfig): Set<string> {
  return new Set(config.credentialHeaders.flatMap((h) => (h.variable ? [h.variable] : [])));
}

/** The name as the message says it: a variable, or the `apiKeyHelper` setting. */
function label(name: string): string {
  return name === 'apiKeyHelper' ? 'the apiKeyHelper setting' : name;
}

/** The resolver's findings that a file's variable or key has no effect there. */
const NO_EFFECT_HERE: ReadonlySet<Diagnostic['code']> = new Set([
  'env-ignored-in-scope',
  'env-ignored-everywhere',
  'env-ignored-host-managed',
  'settings-key-out-of-scope',
]);

const SIGNING: Readonly<Partial<Record<string, string>>> = {
  sigv4: 'AWS SigV4 signatures',
  'google-adc': 'Google application default credentials',
  'azure-default-chain': 'the Azure credential chain',
};

/** Where a value is set, for a fix: "in the shell environment", "in user settings (…)". */
function setIn(s: SourceRef | undefined): string {
  return s ? `in ${describeSource(s)}` : 'where it is set';
}

/**
 * Warnings for a write whose value will not be used, judged on the configuration after the write
 * (and, for a value that waits for workspace trust, on the configuration once the folder is trusted).
 * A variable or key a higher settings level sets is left to `write-shadowed`.
 *
 * @example
 * writeEffectWarnings({ gathered, context, scope: 'user', path, text, ops }); // [{ code: 'write-shell-wins', ... }]
 */
export function writeEffectWarnings(input: WriteEffectInput): Diagnostic[] {
  const { context, scope, path, ops } = input;
  const { platform, version } = context;
  const p = pathApi(platform);
  const written = writtenNames(ops);
  const names: { name: string; kind: 'env' | 'apiKeyHelper' }[] = written.env.map((name) => ({ name, kind: 'env' as const }));
  if (written.keys.includes('apiKeyHelper')) names.push({ name: 'apiKeyHelper', kind: 'apiKeyHelper' });
  const removed = removedNames(ops);
  if (names.length === 0 && written.keys.length === 0 && removed.length === 0) return [];
  const overlaid = overlayWrite(input.gathered, platform, scope, path, input.text);
  const after = resolveGathered(overlaid, context);
  // The same session once "Yes, I trust this folder" is chosen (docs/behavior.md#workspace-trust).
  let trustedView: EffectiveConfig | undefined;
  const onceTrusted = (): EffectiveConfig => (trustedView ??= resolveGathered(overlaid, { ...context, trusted: true }));
  const fromTarget = (s: SourceRef | undefined): boolean => s?.path !== undefined && samePath(p, platform, s.path, path);
  const myRank = RANK[scope === 'managed-drop-in' ? 'managed' : scope];
  const level = scope === 'managed-drop-in' ? 'managed' : scope;
  const trustDir = after.trust.key ?? context.cwd;
  const out: Diagnostic[] = [];
  const winnerIn = (config: EffectiveConfig, name: string, kind: 'env' | 'apiKeyHelper'): SourceRef | undefined =>
    kind === 'env' ? (Object.hasOwn(config.env, name) ? config.env[name]?.source : undefined) : config.apiKeyHelper?.source;

  // What the resolver itself says the written file cannot set (a variable no settings file may set, a
  // user-or-managed-only variable in a repository file, a host-managed provider, a key out of its scope).
  for (const d of after.diagnostics) {
    if (!NO_EFFECT_HERE.has(d.code) || d.path === undefined || !samePath(p, platform, d.path, path)) continue;
    const about = d.code === 'settings-key-out-of-scope' ? written.keys.includes(String(d.args?.['key'])) : written.env.includes(String(d.args?.['variable']));
    if (about) out.push({ ...d, path });
  }

  // A removal that leaves the value in place: another source still sets it.
  for (const { name, kind } of removed) {
    const still = winnerIn(after, name, kind);
    if (!still || fromTarget(still)) continue;
    out.push(
      diagnostic(
        'write-unset-still-set',
        { name: label(name), file: path, stillSetBy: describeSource(still), stillSetWhere: setIn(still), fromShell: still.scope === 'shell' },
        { path },
      ),
    );
  }

  for (const { name, kind } of names) {
    const pending = after.pendingTrust.filter((v) => v.kind === kind && v.name === name);
    const waits = pending.some((v) => fromTarget(v.source));
    const now = winnerIn(after, name, kind);
    if (waits) {
      out.push(
        diagnostic(
          'write-waits-for-trust',
          {
            setting: kind === 'env' ? `env.${name}` : 'apiKeyHelper',
            name: label(name),
            level,
            folder: trustDir,
            meanwhileFrom: now ? describeSource(now) : undefined,
          },
          { path },
        ),
      );
    }
    // Where the written value is judged: as the session is, or once trusted for a value that waits.
    const view = waits ? onceTrusted() : after;
    const winner = winnerIn(view, name, kind);
    if (!winner) continue;
    if (!fromTarget(winner)) {
      if (kind === 'env' && winner.scope === 'shell' && !hasFeature(version, 'settingsEnvBeatsShell')) {
        // VERSION_GATES.settingsEnvBeatsShell: before it the shell beat settings env.
        out.push(diagnostic('write-shell-wins', { variable: name, version, since: VERSION_GATES.settingsEnvBeatsShell }, { path }));
      } else if (waits && RANK[winner.scope] > myRank && after.pendingTrust.some((v) => v.kind === kind && v.name === name && v.source.path === winner.path)) {
        // A higher file that waits for trust too: write-shadowed did not see it.
        out.push(outrankedAfterTrust(name, winner, path, trustDir));
      } else if (!waits && winner.scope !== 'shell' && RANK[winner.scope] === myRank) {
        // Another file of the same level wins (a later managed drop-in over the managed file or an
        // earlier drop-in): shadowWarnings compares levels only and cannot see it.
        out.push(diagnostic('write-shadowed', { setting: label(name), winner: describeSource(winner), target: path }, { path }));
      }
      // Otherwise a higher settings level wins now: write-shadowed says so.
      continue;
    }
    if (!waits) {
      const higher = pending.find((v) => RANK[v.source.scope] > myRank);
      if (higher) out.push(outrankedAfterTrust(name, higher.source, path, trustDir));
    }
    const value = kind === 'apiKeyHelper' ? view.apiKeyHelper?.command : view.env[name]?.value;
    if (value === undefined || value.trim() === '') continue;
    const sent = sentNames(view);
    const outranked = outrankedNames(view);
    if (view.provider !== 'anthropic') {
      const warning = providerWarning(view, name, { ...input, context: waits ? { ...context, trusted: true } : context }, sent, outranked);
      if (warning) out.push(warning);
      continue;
    }
    if (sent.has(name) || !outranked.has(name)) continue;
    // The credentials that keep it out: those filling a header it could have filled, else every one sent.
    const over = view.credentialHeaders.filter((h) => h.variable && h.outranked.some((o) => o.variable === name));
    const winners = over.length > 0 ? over : view.credentialHeaders.filter((h) => h.variable);
    const seen = new Set<string>();
    const removals = winners
      .filter((h) => !seen.has(h.variable as string) && seen.add(h.variable as string))
      .map((h) => `${label(h.variable as string)} ${setIn(h.source)}`);
    out.push(diagnostic('write-credential-outranked', { name: label(name), headers: headersInWords(view), remove: removals }, { path }));
  }
  return out;
}

function outrankedAfterTrust(name: string, higher: SourceRef, path: string, trustDir: string): Diagnostic {
  return diagnostic(
    'write-outranked-after-trust',
    { name: label(name), higher: describeSource(higher), higherLevel: higher.scope, folder: trustDir },
    { path },
  );
}

/** A written endpoint or first-party credential that the active cloud provider does not use. */
function providerWarning(after: EffectiveConfig, name: string, input: WriteEffectInput, sent: Set<string>, outranked: Set<string>): Diagnostic | undefined {
  const p = after.provider as Exclude<Provider, 'anthropic'>;
  const switchVar = PROVIDER_SWITCHES[p];
  const switched = after.env[switchVar]?.source;
  const by = `${switchVar}${switched ? ` (from ${describeSource(switched)})` : ''} selects ${after.providerLabel}`;
  const endpointOf = (Object.keys(PROVIDER_BASE_URL) as Provider[]).find((q) => PROVIDER_BASE_URL[q] === name);
  if (endpointOf !== undefined) {
    if (after.providers.includes(endpointOf)) return undefined;
    const own = PROVIDER_BASE_URL[p];
    const instead = after.baseUrl ? `${after.baseUrl.name} (from ${describeSource(after.baseUrl.source)})` : `its own endpoint (${own} is not set)`;
    return diagnostic(
      'write-provider-active',
      {
        kind: 'endpoint',
        name,
        selectedBy: by,
        instead,
        switchVariable: switchVar,
        switchedWhere: setIn(switched),
        provider: after.providerLabel,
        ownBaseUrl: own,
      },
      { path: input.path },
    );
  }
  if (sent.has(name) || !(FIRST_PARTY_CREDENTIALS.has(name) || outranked.has(name))) return undefined;
  const skip = PROVIDER_SKIP_AUTH[p];
  // Whether the provider's skip switch would get it sent: asked of the resolver, never guessed.
  const skipped = sentWithSkip(input, name, skip);
  // How the provider authenticates: only provider credentials carry a mechanism.
  const mechanism = after.credential.kind === 'provider' ? after.credential.mechanism : undefined;
  const signing = mechanism ? SIGNING[mechanism] : undefined;
  return diagnostic(
    'write-provider-active',
    {
      kind: 'credential',
      name: label(name),
      selectedBy: by,
      instead: signing ? `it authenticates with ${signing} instead` : headersInWords(after),
      switchVariable: switchVar,
      switchedWhere: setIn(switched),
      provider: after.providerLabel,
      ownBaseUrl: PROVIDER_BASE_URL[p],
      skipSwitch: skipped ? skip : undefined,
    },
    { path: input.path },
  );
}

/** Whether `name` would be sent with the provider's skip-auth switch on in the shell (the write in place). */
function sentWithSkip(input: WriteEffectInput, name: string, skip: string): boolean {
  const { context } = input;
  const g = overlayWrite(input.gathered, context.platform, input.scope, input.path, input.text);
  const again = resolveGathered(g, { ...context, env: { ...context.env, [skip]: '1' } });
  return again.credentialHeaders.some((h) => h.variable === name);
}
