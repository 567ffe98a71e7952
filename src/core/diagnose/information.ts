/** What a user needs to know about other surfaces and features (docs/behavior.md#vs-code, docs/behavior.md#other-surfaces). */
import type { Diagnostic, EffectiveConfig } from '../types';
import { isFirstPartyHost } from '../discovery';
import { hasFeature } from '../versions';

export function informationRules(config: EffectiveConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  const k = config.credential.kind;
  const gatewayCredential = k === 'auth-token' || k === 'api-key' || k === 'api-key-helper';
  const gatewayUrl = config.provider === 'anthropic' && config.baseUrl !== undefined && !isFirstPartyHost(config.baseUrl.value);
  const credentialDisables = gatewayCredential && hasFeature(config.claudeCodeVersion, 'credentialDisablesRemoteControl');
  const urlDisables = gatewayUrl && hasFeature(config.claudeCodeVersion, 'baseUrlDisablesRemoteControl');
  if (credentialDisables || urlDisables || config.provider !== 'anthropic') {
    out.push({
      code: 'doctor-gateway-disables-features',
      severity: 'info',
      message: `Remote Control${credentialDisables ? ', voice dictation, /schedule and claude.ai connectors are' : ' is'} unavailable with ${credentialDisables ? config.credential.variable ?? k : urlDisables ? 'a non-Anthropic ANTHROPIC_BASE_URL' : 'a cloud provider'}`,
      fix: credentialDisables
        ? `Unset the gateway credential${urlDisables ? ' (and ANTHROPIC_BASE_URL for Remote Control)' : ''} to use them`
        : urlDisables
          ? 'Unset ANTHROPIC_BASE_URL (or point it at api.anthropic.com) to use Remote Control'
          : 'Unset the provider to use Remote Control',
    });
  }
  if (gatewayUrl || gatewayCredential) {
    out.push({
      code: 'doctor-vscode-needs-settings',
      severity: 'info',
      message: 'The VS Code extension checks credentials before launch from claudeCode.environmentVariables only; ~/.claude/settings.json env reaches the CLI but not that check',
      fix: 'Add the gateway variables to claudeCode.environmentVariables in VS Code user settings (toVsCodeSettings(configFromEffective(config)) prints them)',
    });
    out.push({
      code: 'doctor-desktop-ignores-base-url',
      severity: 'info',
      message: 'The Claude desktop app ignores ANTHROPIC_BASE_URL and settings.json for routing; it has its own third-party inference configuration',
      fix: 'Configure the gateway in the desktop app (Developer → Configure Third-Party Inference, or its MDM keys)',
    });
  }
  return out;
}
