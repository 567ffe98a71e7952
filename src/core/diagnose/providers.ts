/** Provider blocks that cannot work, and what a provider leaves unused (docs/behavior.md#cloud-providers-through-a-gateway). Several switches at once are reported by the resolver (provider-multiple). */
import type { Diagnostic, EffectiveConfig, Provider } from '../types';
import { PROVIDER_BASE_URL, PROVIDER_SWITCHES, truth } from '../variables';
import { describeSource } from '../explain';
import { at, value } from './util';
import { diagnostic } from '../catalogue';

export function providerRules(config: EffectiveConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  const env = config.env;
  if (config.provider === 'anthropic-aws' && !value(env, 'ANTHROPIC_AWS_WORKSPACE_ID')) {
    out.push(at(env['CLAUDE_CODE_USE_ANTHROPIC_AWS'], diagnostic('doctor-provider-incomplete', { missing: 'anthropic-aws-workspace' })));
  }
  if (
    config.provider === 'vertex' &&
    !value(env, 'ANTHROPIC_VERTEX_PROJECT_ID') &&
    !value(env, 'GCLOUD_PROJECT') &&
    !value(env, 'GOOGLE_CLOUD_PROJECT') &&
    !value(env, 'GOOGLE_APPLICATION_CREDENTIALS')
  ) {
    out.push(at(env['CLAUDE_CODE_USE_VERTEX'], diagnostic('doctor-provider-incomplete', { missing: 'vertex-project' })));
  }
  if (config.provider === 'foundry' && !value(env, 'ANTHROPIC_FOUNDRY_BASE_URL') && !value(env, 'ANTHROPIC_FOUNDRY_RESOURCE')) {
    out.push(at(env['CLAUDE_CODE_USE_FOUNDRY'], diagnostic('doctor-provider-incomplete', { missing: 'foundry-resource' })));
  }
  // GCLOUD_PROJECT, GOOGLE_CLOUD_PROJECT (and the credentials file's project) override ANTHROPIC_VERTEX_PROJECT_ID.
  const project = value(env, 'ANTHROPIC_VERTEX_PROJECT_ID');
  const overrideName = ['GCLOUD_PROJECT', 'GOOGLE_CLOUD_PROJECT'].find((n) => value(env, n) !== undefined && value(env, n) !== project);
  if (config.provider === 'vertex' && project !== undefined && overrideName !== undefined) {
    out.push(
      at(
        env['ANTHROPIC_VERTEX_PROJECT_ID'],
        diagnostic('doctor-vertex-project-overridden', { project, overriddenBy: overrideName, value: value(env, overrideName) ?? '' }),
      ),
    );
  }
  const skip = env['CLAUDE_CODE_SKIP_FOUNDRY_AUTH'];
  if (
    config.provider === 'foundry' &&
    skip &&
    truth(skip.name, skip.value) === 'on' &&
    (value(env, 'ANTHROPIC_FOUNDRY_API_KEY') || value(env, 'ANTHROPIC_FOUNDRY_AUTH_TOKEN'))
  ) {
    out.push(at(skip, diagnostic('doctor-foundry-skip-ignored', {})));
  }
  out.push(...unusedUnderProvider(config));
  return out;
}

/**
 * A gateway address or an Anthropic credential set while a cloud provider's switch is on: Claude Code
 * talks to the provider and leaves them unused (the same judgement as the writer's
 * `write-provider-active`, on the configuration as it is).
 */
function unusedUnderProvider(config: EffectiveConfig): Diagnostic[] {
  if (config.provider === 'anthropic') return [];
  const env = config.env;
  const provider = config.provider;
  const switchVar = PROVIDER_SWITCHES[provider];
  const switched = env[switchVar];
  const by = `${switchVar}${switched ? ` (from ${describeSource(switched.source)})` : ''} selects ${config.providerLabel}`;
  const own = PROVIDER_BASE_URL[provider];
  const out: Diagnostic[] = [];
  const endpoints = (Object.keys(PROVIDER_BASE_URL) as Provider[]).filter(
    (q) => !config.providers.includes(q) && value(env, PROVIDER_BASE_URL[q]) !== undefined,
  );
  for (const q of endpoints) {
    const name = PROVIDER_BASE_URL[q];
    const endpoint = config.baseUrl ? config.baseUrl.name : `its own endpoint (${own} is not set)`;
    out.push(
      at(
        env[name],
        diagnostic('doctor-provider-ignores-variable', {
          kind: 'endpoint',
          variable: name,
          selectedBy: by,
          switchVariable: switchVar,
          provider: config.providerLabel,
          ownBaseUrl: own,
          endpoint,
        }),
      ),
    );
  }
  const sent = new Set(config.credentialHeaders.flatMap((h) => (h.variable ? [h.variable] : [])));
  for (const name of ['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY']) {
    if (value(env, name) === undefined || sent.has(name)) continue;
    out.push(
      at(
        env[name],
        diagnostic('doctor-provider-ignores-variable', {
          kind: 'credential',
          variable: name,
          selectedBy: by,
          switchVariable: switchVar,
          provider: config.providerLabel,
          ownBaseUrl: own,
        }),
      ),
    );
  }
  return out;
}
