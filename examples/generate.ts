/**
 * `npm run example:generate`: every output of the generators for one gateway configuration, as the
 * README shows them. Credentials are redacted in what is printed.
 */
import {
  apiKeyHelperScript,
  gatewayConfig,
  providerConfig,
  toAgentSdk,
  toGitHubActionsStep,
  toManagedArtifacts,
  toSettingsPatch,
  toShell,
  toVerifyCommand,
  toVsCodeSettings,
} from '../src/index';

const gw = gatewayConfig({
  baseUrl: 'https://llm-gateway.example.com',
  credential: { kind: 'auth-token', value: 'sk-gw-0123456789' },
  customHeaders: { 'X-Tenant': 'acme' },
  modelDiscovery: true,
});
const show = (title: string, text: string): void => console.log(`### ${title}\n\n${text.trimEnd()}\n`);

show('settings patch (planEdit on an existing file)', toSettingsPatch(gw, '{\n  "model": "sonnet"\n}\n').text.replace(/sk-gw-\w+/, '<redacted>'));
show('bash', toShell(gw, 'bash', { redact: true }));
show('PowerShell', toShell(gw, 'powershell', { redact: true }));
show('VS Code settings.json', toVsCodeSettings(gw, '{\n  // editor\n  "editor.tabSize": 2\n}\n', { redact: true }).text);
show('GitHub Actions step', toGitHubActionsStep(gw).yaml);
show('Agent SDK (TypeScript)', toAgentSdk(gw, 'typescript', { redact: true }).code);
show('Agent SDK (Python)', toAgentSdk(gw, 'python', { redact: true }).code);
show('verification (curl)', toVerifyCommand(gw, 'bash'));
show(
  'apiKeyHelper script (vault, sh)',
  apiKeyHelperScript({ source: { from: 'vault', secretPath: 'secret/llm-gateway/claude-code' }, tokenLifetimeMs: 3_600_000 }).script,
);
show('Bedrock through the gateway (bash)', toShell(providerConfig('bedrock', { gatewayUrl: 'https://llm-gateway.example.com/bedrock' })));
const helperGw = gatewayConfig({
  baseUrl: 'https://llm-gateway.example.com',
  credential: { kind: 'api-key-helper', command: '/usr/local/bin/get-gateway-key' },
});
for (const a of toManagedArtifacts(helperGw, { platforms: ['win32'] }).filter((x) => x.kind === 'reg'))
  show(`managed policy: ${a.fileName}`, a.content.replace(/\r\n/g, '\n'));
