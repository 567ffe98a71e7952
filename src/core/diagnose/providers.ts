/** Provider blocks that cannot work (§5.5-§5.7). Several switches at once are reported by the resolver (provider-multiple). */
import type { Diagnostic, EffectiveConfig } from '../types';
import { truth } from '../variables';
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
  // §5.5: GCLOUD_PROJECT, GOOGLE_CLOUD_PROJECT (and the credentials file's project) override ANTHROPIC_VERTEX_PROJECT_ID.
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
  return out;
}
