/** What a user needs to know about other surfaces and features (docs/behavior.md#vs-code, docs/behavior.md#other-surfaces). */
import type { Diagnostic, EffectiveConfig } from '../types';
import { isFirstPartyHost } from '../discovery';
import { hasFeature } from '../versions';
import { diagnostic } from '../catalogue';

export function informationRules(config: EffectiveConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  const k = config.credential.kind;
  const gatewayCredential = k === 'auth-token' || k === 'api-key' || k === 'api-key-helper';
  const gatewayUrl = config.provider === 'anthropic' && config.baseUrl !== undefined && !isFirstPartyHost(config.baseUrl.value);
  const credentialDisables = gatewayCredential && hasFeature(config.claudeCodeVersion, 'credentialDisablesRemoteControl');
  const urlDisables = gatewayUrl && hasFeature(config.claudeCodeVersion, 'baseUrlDisablesRemoteControl');
  if (credentialDisables || urlDisables || config.provider !== 'anthropic') {
    out.push(
      diagnostic('doctor-gateway-disables-features', {
        credentialVariable: credentialDisables ? (config.credential.variable ?? k) : undefined,
        baseUrl: urlDisables,
      }),
    );
  }
  if (gatewayUrl || gatewayCredential) {
    out.push(diagnostic('doctor-vscode-needs-settings', {}), diagnostic('doctor-desktop-ignores-base-url', {}));
  }
  return out;
}
