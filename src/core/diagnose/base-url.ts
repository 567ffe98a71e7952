/** `ANTHROPIC_BASE_URL` that Claude Code cannot use as meant (docs/behavior.md#api-formats, docs/behavior.md#base-url-forms). */
import type { Diagnostic, EffectiveConfig } from '../types';
import { PROVIDER_BASE_URL } from '../variables';
import { MESSAGES_PATH, requestUrl } from '../request-url';
import { at, shownUrl } from './util';
import { inspectBaseUrl } from '../base-url';
import { diagnostic } from '../catalogue';

/** The path the gateway receives instead of …/v1/messages (vector base-form-query), for the Messages-format base URLs. */
function receivedPath(name: string, base: string): string | undefined {
  if (!MESSAGES_FORMAT.has(name)) return undefined;
  const url = requestUrl(base, MESSAGES_PATH);
  return url === undefined ? undefined : shownUrl(url.pathname + url.search);
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
          at(
            v,
            diagnostic(
              'doctor-base-url-empty',
              { variable: name, scope: v.source.scope, hiddenScope: hidden.source.scope, hiddenUrl: shownUrl(hidden.value) },
              v.source.scope !== 'shell' && v.source.scope !== 'managed'
                ? { fixEdit: { scope: v.source.scope, ops: [{ op: 'unset' as const, path: ['env', name] }] } }
                : {},
            ),
          ),
        );
      }
      continue;
    }
    const { findings } = inspectBaseUrl(v.value, { messagesFormat: MESSAGES_FORMAT.has(name) });
    const first = findings[0];
    if (first?.kind === 'not-absolute' || first?.kind === 'scheme') {
      out.push(at(v, diagnostic('doctor-base-url-not-absolute', { variable: name, value: shownUrl(v.value) })));
      continue;
    }
    const insecure = findings.find((f) => f.kind === 'insecure');
    if (insecure) {
      out.push(at(v, diagnostic('doctor-base-url-insecure', { variable: name, hostname: insecure.url.hostname, host: insecure.url.host })));
    }
    const v1 = findings.find((f) => f.kind === 'v1');
    if (v1) {
      const fixed = v1.fixed;
      out.push(
        at(
          v,
          diagnostic(
            'doctor-base-url-v1',
            { variable: name, fixed: shownUrl(fixed) },
            v.source.scope !== 'shell' && v.source.scope !== 'managed'
              ? { fixEdit: { scope: v.source.scope, ops: [{ op: 'set' as const, path: ['env', name], value: fixed }] } }
              : {},
          ),
        ),
      );
    }
    if (findings.some((f) => f.kind === 'query')) {
      out.push(at(v, diagnostic('doctor-base-url-query', { variable: name, receivedPath: receivedPath(name, v.value) })));
    }
  }
  return out;
}
