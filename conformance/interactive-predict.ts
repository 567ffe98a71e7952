/**
 * The library's prediction for an interactive vector (`layout.interactive`): which dialogs Claude
 * Code shows (workspace trust, then the API-key approval), and the configuration after the vector's
 * answers, from which conformance/predict.ts builds the request sent after them.
 *
 * Trust comes from `EffectiveConfig.trust` (the library's lookup in `~/.claude.json`); an accepted
 * dialog resolves again with `trusted: true`. The API-key question is shown when a credential header
 * carries ANTHROPIC_API_KEY with `approval: 'pending'`; an answer adds the key's last 20 characters
 * to `customApiKeyResponses.approved` or `.rejected`, as Claude Code saves it, and resolves again.
 */
import { resolveEffectiveConfig } from '../src/resolve-entry';
import { layout, type LayoutSpec } from '../src/testing';
import type { EffectiveConfig } from '../src/core/types';
import type { InteractiveResult, InteractiveStep } from './interactive';

export interface InteractivePrediction {
  /** The dialogs the library says are shown, in order: `trust`, `api-key`. */
  dialogs: string[];
  /**
   * Where the run ends without an inference request: the dialog answered "No, exit" or not answered
   * by any step, or `login` when after the answers no credential header is filled (the session
   * says "Not logged in" and sends nothing when the prompt is typed; vector interactive-api-key-reject).
   */
  stopsAt?: string;
  /**
   * What the answers leave in `~/.claude.json`: the directories trusted (`projects[…].hasTrustDialogAccepted: true`;
   * an accepted dialog saves `EffectiveConfig.trust.key`, except in the home directory, where trust
   * lasts for the session), and `customApiKeyResponses` when the API-key question was answered.
   * Paths written `<project>` and `<home>`.
   */
  saved: { trusted: string[]; apiKeyResponses?: { approved: string[]; rejected: string[] } };
}

function parseGlobal(globalConfig: LayoutSpec['globalConfig']): Record<string, unknown> {
  if (typeof globalConfig === 'string') {
    try {
      const v = JSON.parse(globalConfig) as unknown;
      return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return globalConfig ?? {};
}

function trustedEntries(globalConfig: LayoutSpec['globalConfig']): string[] {
  const projects = parseGlobal(globalConfig)['projects'];
  if (projects === null || typeof projects !== 'object') return [];
  return Object.entries(projects as Record<string, { hasTrustDialogAccepted?: unknown } | null>)
    .filter(([, v]) => v?.hasTrustDialogAccepted === true)
    .map(([k]) => k);
}

function withApiKeyResponse(globalConfig: LayoutSpec['globalConfig'], list: 'approved' | 'rejected', tail: string): Record<string, unknown> {
  const g = structuredClone(parseGlobal(globalConfig));
  const r = (g['customApiKeyResponses'] ?? {}) as Record<string, unknown>;
  const approved = Array.isArray(r['approved']) ? (r['approved'] as unknown[]).filter((x) => x !== tail) : [];
  const rejected = Array.isArray(r['rejected']) ? (r['rejected'] as unknown[]).filter((x) => x !== tail) : [];
  (list === 'approved' ? approved : rejected).push(tail);
  g['customApiKeyResponses'] = { approved, rejected };
  return g;
}

/**
 * Resolves an interactive layout as the dialogs are answered. `spec` is the layout as
 * conformance/predict.ts builds it; the returned spec is the one after the answers (for running the
 * helper), and `config` the configuration the request after the answers is built from.
 */
export async function answerDialogs(
  steps: readonly InteractiveStep[],
  spec: LayoutSpec,
  bare: boolean,
): Promise<{ spec: LayoutSpec; config: EffectiveConfig; prediction: InteractivePrediction }> {
  const answer = (prefix: string): string | undefined => steps.find((s) => s.answer?.startsWith(prefix) === true)?.answer;
  const resolve = (s: LayoutSpec): Promise<EffectiveConfig> => {
    const options = layout(s);
    return resolveEffectiveConfig(bare ? { ...options, bare: true } : options);
  };
  let current: LayoutSpec = { ...spec, interactive: true };
  let config = await resolve(current);
  const home = spec.homeDir ?? '/home/user';
  const norm = (dir: string): string => dir.split(`${home}/project`).join('<project>').split(home).join('<home>');
  const trusted = new Set(trustedEntries(spec.globalConfig).map(norm));
  let answeredKey = false;
  const saved = (): InteractivePrediction['saved'] => {
    const out: InteractivePrediction['saved'] = { trusted: [...trusted].sort() };
    const r = answeredKey ? (parseGlobal(current.globalConfig)['customApiKeyResponses'] as { approved: string[]; rejected: string[] } | undefined) : undefined;
    if (r !== undefined) out.apiKeyResponses = r;
    return out;
  };
  const dialogs: string[] = [];
  if (!config.trust.trusted) {
    dialogs.push('trust');
    if (answer('trust-') !== 'trust-accept') return { spec: current, config, prediction: { dialogs, stopsAt: 'trust', saved: saved() } };
    if (config.trust.key !== undefined && config.trust.key !== home) trusted.add(norm(config.trust.key));
    current = { ...current, trusted: true };
    config = await resolve(current);
  }
  const pending = config.credentialHeaders.some((h) => h.kind === 'api-key' && h.approval === 'pending');
  const key = config.env['ANTHROPIC_API_KEY']?.value;
  if (pending && key !== undefined) {
    dialogs.push('api-key');
    const a = answer('api-key-');
    if (a === undefined) return { spec: current, config, prediction: { dialogs, stopsAt: 'api-key', saved: saved() } };
    answeredKey = true;
    current = { ...current, globalConfig: withApiKeyResponse(current.globalConfig, a === 'api-key-approve' ? 'approved' : 'rejected', key.slice(-20)) };
    config = await resolve(current);
  }
  // The library's rule for an interactive session with nothing to put in a credential header: the
  // login screen, no refusal (src/core/startup.ts, notLoggedIn).
  if (config.provider === 'anthropic' && config.credentialHeaders.length === 0)
    return { spec: current, config, prediction: { dialogs, stopsAt: 'login', saved: saved() } };
  return { spec: current, config, prediction: { dialogs, saved: saved() } };
}

/**
 * The differences in the dialogs: the ones the binary showed (every screen captured is matched
 * against DIALOG_PATTERNS in conformance/interactive.ts) against the ones the library predicts, and
 * whether the run went on to an inference request.
 */
export function compareInteractive(p: InteractivePrediction, run: InteractiveResult, sentInference: boolean, predictsRequest: boolean): string[] {
  const diffs: string[] = [];
  for (const d of ['trust', 'api-key']) {
    const shown = run.dialogs.includes(d);
    const want = p.dialogs.includes(d);
    if (shown !== want) diffs.push(`interactive: binary ${shown ? 'showed' : 'did not show'} the ${d} dialog, library predicts ${want ? 'it' : 'none'}`);
  }
  const missing = run.steps.find((s) => s.outcome === 'missing');
  if (missing !== undefined) diffs.push(`interactive: a step's text never showed: ${JSON.stringify(missing.expect)}`);
  if (!predictsRequest && sentInference)
    diffs.push(
      `interactive: binary sent an inference request, library predicts none (${p.stopsAt === 'login' ? 'no credential: not logged in' : p.stopsAt !== undefined ? `the run ends at the ${p.stopsAt} dialog` : 'Claude Code does not start'})`,
    );
  if (predictsRequest && !sentInference) diffs.push('interactive: binary sent no inference request after the answers, library predicts one');
  if (run.saved !== undefined) {
    const savedTrust = Object.entries(run.saved.trust)
      .filter(([, v]) => v === true)
      .map(([k]) => k)
      .sort();
    if (JSON.stringify(savedTrust) !== JSON.stringify(p.saved.trusted))
      diffs.push(`interactive: ~/.claude.json trusts ${JSON.stringify(savedTrust)} after the run, library predicts ${JSON.stringify(p.saved.trusted)}`);
    if (p.saved.apiKeyResponses !== undefined && JSON.stringify(run.saved.customApiKeyResponses) !== JSON.stringify(p.saved.apiKeyResponses)) {
      diffs.push(
        `interactive: customApiKeyResponses ${JSON.stringify(run.saved.customApiKeyResponses)} after the run, library predicts ${JSON.stringify(p.saved.apiKeyResponses)}`,
      );
    }
  }
  return diffs;
}
