/** `ANTHROPIC_BASE_URL` that Claude Code cannot use as meant (docs/behavior.md#api-formats, docs/behavior.md#base-url-forms). */
import type { Diagnostic, EffectiveConfig } from '../types';
import { PROVIDER_BASE_URL } from '../variables';
import { MESSAGES_PATH, requestUrl } from '../request-url';
import { at, shownUrl } from './util';
import { inspectBaseUrl } from '../base-url';

function describeScope(scope: string): string {
  return scope === 'shell' ? 'the shell' : scope === 'cli' ? '--settings' : `${scope} settings`;
}

/** What the request turns into (vector base-form-query), for the Messages-format base URLs. */
function swallowedExample(name: string, base: string): string {
  if (!MESSAGES_FORMAT.has(name)) return '';
  const url = requestUrl(base, MESSAGES_PATH);
  return url === undefined ? '' : `, so the gateway receives POST ${shownUrl(url.pathname + url.search)} instead of …/v1/messages`;
}

/**
 * The base URLs Claude Code appends `/v1/messages` to (the Anthropic Messages format, docs/behavior.md#api-formats). Bedrock
 * (`/model/{model}/invoke`) and Vertex (`/projects/…:rawPredict`) append other paths, and a Vertex
 * gateway route may end in `/v1` (LiteLLM's `…/vertex_ai/v1`).
 */
const MESSAGES_FORMAT = new Set(['ANTHROPIC_BASE_URL', 'ANTHROPIC_FOUNDRY_BASE_URL', 'ANTHROPIC_AWS_BASE_URL', 'ANTHROPIC_BEDROCK_MANTLE_BASE_URL']);

export function baseUrlRules(config: EffectiveConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const name of new Set(Object.values(PROVIDER_BASE_URL))) {
    const v = Object.hasOwn(config.env, name) ? config.env[name] : undefined;
    if (!v) continue;
    if (v.value === '') {
      // An empty value wins like any other and means "no base URL" (vector base-form-empty-in-user).
      const hidden = v.overridden.find((o) => o.value !== '');
      if (hidden) {
        out.push(
          at(v, {
            code: 'doctor-base-url-empty',
            severity: 'warning',
            message: `${name} is empty in ${describeScope(v.source.scope)} and overrides the one from ${describeScope(hidden.source.scope)} (${shownUrl(hidden.value)}): Claude Code uses no base URL${name === 'ANTHROPIC_BASE_URL' ? ' and goes to api.anthropic.com' : ''}`,
            fix: `Remove the empty ${name} from ${describeScope(v.source.scope)}`,
            ...(v.source.scope !== 'shell' && v.source.scope !== 'managed' ? { fixEdit: { scope: v.source.scope, ops: [{ op: 'unset' as const, path: ['env', name] }] } } : {}),
          }),
        );
      }
      continue;
    }
    const { findings } = inspectBaseUrl(v.value, { messagesFormat: MESSAGES_FORMAT.has(name) });
    const first = findings[0];
    if (first?.kind === 'not-absolute' || first?.kind === 'scheme') {
      out.push(at(v, { code: 'doctor-base-url-not-absolute', severity: 'error', message: `${name} is ${JSON.stringify(shownUrl(v.value))}, not an absolute http(s) URL`, fix: `Write it as https://host[:port][/path]` }));
      continue;
    }
    const insecure = findings.find((f) => f.kind === 'insecure');
    if (insecure) {
      out.push(at(v, { code: 'doctor-base-url-insecure', severity: 'warning', message: `${name} sends the credential over plain http to ${insecure.url.hostname}`, fix: `Use https://${insecure.url.host}` }));
    }
    const v1 = findings.find((f) => f.kind === 'v1');
    if (v1) {
      const fixed = v1.fixed;
      out.push(
        at(v, {
          code: 'doctor-base-url-v1',
          severity: 'error',
          message: `${name} ends in /v1, and Claude Code appends /v1/messages: requests go to …/v1/v1/messages`,
          fix: `Set ${name}=${shownUrl(fixed)}`,
          ...(v.source.scope !== 'shell' && v.source.scope !== 'managed' ? { fixEdit: { scope: v.source.scope, ops: [{ op: 'set' as const, path: ['env', name], value: fixed }] } } : {}),
        }),
      );
    }
    if (findings.some((f) => f.kind === 'query')) {
      out.push(at(v, { code: 'doctor-base-url-query', severity: 'error', message: `${name} carries a query or fragment; Claude Code appends its paths after it${swallowedExample(name, v.value)}`, fix: 'Remove the ?… or #… part; send tenant data in ANTHROPIC_CUSTOM_HEADERS' }));
    }
  }
  return out;
}
