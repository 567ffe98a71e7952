/**
 * Generated commands and workflows never carry a credential that sits in a custom header or a URL:
 * the verification command reads the header from ANTHROPIC_CUSTOM_HEADERS when it runs, the GitHub
 * Actions step reads the variable from a repository secret.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { gatewayConfig, toGitHubActionsStep, toVerifyCommand } from '../src/index';
import { useGateway } from './helpers/gateway-server';

const SECRET = 'sk-helicone-secret-4242';

function bash(command: string, env: Record<string, string>): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', command], { env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', NO_PROXY: '*', ...env }, stdio: 'ignore' });
    child.on('close', (code) => resolve(code));
  });
}

describe('a credential in a custom header', () => {
  const gw = useGateway();

  it('the bash verification command reads it from ANTHROPIC_CUSTOM_HEADERS at run time: not in the command, sent to the gateway', async () => {
    const headers = `X-Route: eu\r\n  helicone-AUTH : Bearer ${SECRET}\r\nX-Other: 1`;
    const value = gatewayConfig({
      baseUrl: gw.url,
      credential: { kind: 'auth-token', value: 'tok-1' },
      customHeaders: { 'X-Route': 'eu', 'Helicone-Auth': `Bearer ${SECRET}` },
    });
    const command = toVerifyCommand(value, 'bash');
    expect(command).not.toContain(SECRET);
    expect(await bash(command, { ANTHROPIC_AUTH_TOKEN: 'tok-1', ANTHROPIC_CUSTOM_HEADERS: headers })).toBe(0);
    await expect.poll(() => gw.requests.length).toBe(1);
    expect(gw.requests[0]?.headers['helicone-auth']).toBe(`Bearer ${SECRET}`);
    expect(gw.requests[0]?.headers['x-route']).toBe('eu');
  });

  it('the PowerShell commands name the variable, never the value', () => {
    const value = gatewayConfig({
      baseUrl: gw.url,
      credential: { kind: 'api-key', value: 'k' },
      customHeaders: { 'cf-aig-authorization': `Bearer ${SECRET}` },
    });
    for (const stream of [false, true]) {
      const text = toVerifyCommand(value, 'powershell', { stream });
      expect(text).not.toContain(SECRET);
      expect(text).toContain('$env:ANTHROPIC_CUSTOM_HEADERS');
    }
  });

  it('the GitHub Actions step reads ANTHROPIC_CUSTOM_HEADERS and a base URL with a password from secrets of their names', () => {
    const made = gatewayConfig({
      baseUrl: 'https://gw.example.com',
      credential: { kind: 'auth-token', value: 'tok-2' },
      customHeaders: { 'Helicone-Auth': `Bearer ${SECRET}`, 'X-Route': 'eu' },
    });
    // gatewayConfig refuses a password in the URL; a configuration read from elsewhere may have one.
    const value = { ...made, env: { ...made.env, ANTHROPIC_BASE_URL: `https://dev:${SECRET}@gw.example.com` } };
    const r = toGitHubActionsStep(value);
    expect(r.yaml).not.toContain(SECRET);
    expect(r.secrets).toEqual(['GATEWAY_API_KEY', 'ANTHROPIC_BASE_URL', 'ANTHROPIC_CUSTOM_HEADERS']);
    expect((r.step['env'] as Record<string, string>)['ANTHROPIC_CUSTOM_HEADERS']).toBe('${{ secrets.ANTHROPIC_CUSTOM_HEADERS }}');
    // Nothing secret: the value stays in the file.
    const plain = toGitHubActionsStep(
      gatewayConfig({ baseUrl: 'https://gw.example.com', credential: { kind: 'auth-token', value: 't' }, customHeaders: { 'X-Route': 'eu' } }),
    );
    expect(plain.secrets).toEqual(['GATEWAY_API_KEY']);
    expect(plain.yaml).toContain('X-Route: eu');
  });
});
