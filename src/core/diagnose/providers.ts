/** Provider blocks that cannot work, and what a provider leaves unused (docs/behavior.md#cloud-providers-through-a-gateway). Several switches at once are reported by the resolver (provider-multiple). */
import type { Diagnostic, EffectiveConfig, Provider } from '../types';
import { PROVIDER_BASE_URL, PROVIDER_SWITCHES, truth } from '../variables';
import { describeSource } from '../explain';
import { at, value } from './util';

export function providerRules(config: EffectiveConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  const env = config.env;
  if (config.provider === 'anthropic-aws' && !value(env, 'ANTHROPIC_AWS_WORKSPACE_ID')) {
    out.push(at(env['CLAUDE_CODE_USE_ANTHROPIC_AWS'], { code: 'doctor-provider-incomplete', severity: 'error', message: 'Claude Platform on AWS needs ANTHROPIC_AWS_WORKSPACE_ID (sent as anthropic-workspace-id)', fix: 'Set ANTHROPIC_AWS_WORKSPACE_ID=wrkspc_…' }));
  }
  if (config.provider === 'vertex' && !value(env, 'ANTHROPIC_VERTEX_PROJECT_ID') && !value(env, 'GCLOUD_PROJECT') && !value(env, 'GOOGLE_CLOUD_PROJECT') && !value(env, 'GOOGLE_APPLICATION_CREDENTIALS')) {
    out.push(at(env['CLAUDE_CODE_USE_VERTEX'], { code: 'doctor-provider-incomplete', severity: 'warning', message: 'Vertex has no project: none of ANTHROPIC_VERTEX_PROJECT_ID, GCLOUD_PROJECT, GOOGLE_CLOUD_PROJECT or a credentials file names one (gcloud config may still)', fix: 'Set ANTHROPIC_VERTEX_PROJECT_ID' }));
  }
  if (config.provider === 'foundry' && !value(env, 'ANTHROPIC_FOUNDRY_BASE_URL') && !value(env, 'ANTHROPIC_FOUNDRY_RESOURCE')) {
    out.push(at(env['CLAUDE_CODE_USE_FOUNDRY'], { code: 'doctor-provider-incomplete', severity: 'error', message: 'Foundry needs ANTHROPIC_FOUNDRY_RESOURCE or ANTHROPIC_FOUNDRY_BASE_URL', fix: 'Set ANTHROPIC_FOUNDRY_RESOURCE=<resource name>' }));
  }
  // GCLOUD_PROJECT, GOOGLE_CLOUD_PROJECT (and the credentials file's project) override ANTHROPIC_VERTEX_PROJECT_ID.
  const project = value(env, 'ANTHROPIC_VERTEX_PROJECT_ID');
  const overrideName = ['GCLOUD_PROJECT', 'GOOGLE_CLOUD_PROJECT'].find((n) => value(env, n) !== undefined && value(env, n) !== project);
  if (config.provider === 'vertex' && project !== undefined && overrideName !== undefined) {
    out.push(
      at(env['ANTHROPIC_VERTEX_PROJECT_ID'], {
        code: 'doctor-vertex-project-overridden',
        severity: 'warning',
        message: `ANTHROPIC_VERTEX_PROJECT_ID is "${project}", but ${overrideName}="${value(env, overrideName)}" overrides it: requests go to that project`,
        fix: `Unset ${overrideName}, or make the two agree`,
      }),
    );
  }
  const skip = env['CLAUDE_CODE_SKIP_FOUNDRY_AUTH'];
  if (config.provider === 'foundry' && skip && truth(skip.name, skip.value) === 'on' && (value(env, 'ANTHROPIC_FOUNDRY_API_KEY') || value(env, 'ANTHROPIC_FOUNDRY_AUTH_TOKEN'))) {
    out.push(at(skip, { code: 'doctor-foundry-skip-ignored', severity: 'warning', message: 'CLAUDE_CODE_SKIP_FOUNDRY_AUTH is ignored while ANTHROPIC_FOUNDRY_API_KEY or ANTHROPIC_FOUNDRY_AUTH_TOKEN is set: the key is sent', fix: 'Unset one of them' }));
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
  const endpoints = (Object.keys(PROVIDER_BASE_URL) as Provider[]).filter((q) => !config.providers.includes(q) && value(env, PROVIDER_BASE_URL[q]) !== undefined);
  for (const q of endpoints) {
    const name = PROVIDER_BASE_URL[q];
    out.push(
      at(env[name], {
        code: 'doctor-provider-ignores-variable',
        severity: 'warning',
        message: `${name} is not used: ${by}, which sends its requests to ${config.baseUrl ? `${config.baseUrl.name}` : `its own endpoint (${own} is not set)`}`,
        fix: `Unset ${switchVar} if Claude Code should use ${name}; to reach ${config.providerLabel} through a gateway, set ${own} instead`,
      }),
    );
  }
  const sent = new Set(config.credentialHeaders.flatMap((h) => (h.variable ? [h.variable] : [])));
  for (const name of ['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY']) {
    if (value(env, name) === undefined || sent.has(name)) continue;
    out.push(
      at(env[name], {
        code: 'doctor-provider-ignores-variable',
        severity: 'warning',
        message: `${name} is not sent: ${by}, which authenticates in its own way`,
        fix: `Unset ${switchVar} if Claude Code should use the Anthropic API or the gateway at ANTHROPIC_BASE_URL; otherwise remove ${name}`,
      }),
    );
  }
  return out;
}
