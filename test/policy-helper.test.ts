/**
 * PolicyHelper: read only from plist, HKLM or the managed file, run only when that source is the
 * selected one (2.1.136+); the managedSettings it prints become the only managed settings of the
 * session. The resolver never runs it: its output comes in as `managed.policyHelperOutput`.
 */
import { describe, expect, it } from 'vitest';
import { resolveEffectiveConfig, type EffectiveConfig } from '../src/index';
import { layout, type LayoutSpec } from '../src/testing';

function resolve(spec: LayoutSpec): Promise<EffectiveConfig> {
  return resolveEffectiveConfig(layout({ interactive: false, ...spec }));
}

const HELPER = { path: '/usr/local/bin/claude-policy' };
const OUTPUT = { env: { ANTHROPIC_BASE_URL: 'https://helper-gw.example.com' }, model: 'opus' };

describe('policyHelper output', () => {
  it('the output replaces every managed source, the one that named the helper included, and env is not merged across sources', async () => {
    const c = await resolve({
      platform: 'darwin',
      managed: { plist: { policyHelper: HELPER, env: { CLAUDE_CODE_ENABLE_TELEMETRY: '1' } }, policyHelperOutput: OUTPUT },
      managedFile: { env: { ANTHROPIC_BASE_URL: 'https://file-gw.example.com', DISABLE_TELEMETRY: '1' } },
    });
    expect(c.managedOrigin).toBe('helper');
    expect(c.baseUrl?.value).toBe('https://helper-gw.example.com');
    expect(c.baseUrl?.source).toMatchObject({ scope: 'managed', origin: 'helper' });
    // Neither the plist's own env nor the file's (lower admin source) fills gaps.
    expect(c.env['CLAUDE_CODE_ENABLE_TELEMETRY']).toBeUndefined();
    expect(c.env['DISABLE_TELEMETRY']).toBeUndefined();
    expect(c.settings['model']).toBe('opus');
    expect(c.settings['policyHelper']).toBeUndefined();
    const plist = c.sources.find((s) => s.origin === 'plist');
    expect(plist).toMatchObject({ status: 'ignored' });
    expect(plist?.reason).toContain('policyHelper');
    expect(c.sources.find((s) => s.origin === 'helper')).toMatchObject({ status: 'loaded' });
  });

  it('without the output, the selected source applies and an info says the helper runs at startup', async () => {
    const c = await resolve({ managedFile: { policyHelper: HELPER, env: { ANTHROPIC_BASE_URL: 'https://file-gw.example.com' } } });
    expect(c.managedOrigin).toBe('file');
    expect(c.baseUrl?.value).toBe('https://file-gw.example.com');
    const d = c.diagnostics.filter((x) => x.code === 'managed-policy-helper');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'info', args: { helper: '/usr/local/bin/claude-policy' } });
  });

  it('a helper named by a source that is not selected (a lower file under HKLM) does not run', async () => {
    const c = await resolve({
      platform: 'win32',
      managed: { hklm: { env: { ANTHROPIC_BASE_URL: 'https://hklm-gw.example.com' } }, policyHelperOutput: OUTPUT },
      managedFile: { policyHelper: { path: 'C:\\policy\\helper.exe' } },
    });
    expect(c.managedOrigin).toBe('HKLM');
    expect(c.baseUrl?.value).toBe('https://hklm-gw.example.com');
    expect(c.diagnostics.some((d) => d.code === 'managed-policy-helper')).toBe(false);
  });

  it('server-managed settings that deliver policy block the helper (it is not consulted)', async () => {
    const c = await resolve({
      managed: { remote: { model: 'sonnet' }, policyHelperOutput: OUTPUT },
      managedFile: { policyHelper: HELPER },
    });
    expect(c.managedOrigin).toBe('remote');
    expect(c.settings['model']).toBe('sonnet');
  });

  it('policyHelper is not honoured from HKCU', async () => {
    const c = await resolve({ platform: 'win32', managed: { hkcu: { policyHelper: { path: 'C:\\p.exe' }, model: 'haiku' }, policyHelperOutput: OUTPUT } });
    expect(c.managedOrigin).toBe('HKCU');
    expect(c.settings['model']).toBe('haiku');
  });

  it('before 2.1.136 there is no policyHelper: the output is not used', async () => {
    const spec: LayoutSpec = { managed: { policyHelperOutput: OUTPUT }, managedFile: { policyHelper: HELPER, model: 'sonnet' } };
    expect((await resolve({ ...spec, claudeCodeVersion: '2.1.135' })).managedOrigin).toBe('file');
    expect((await resolve({ ...spec, claudeCodeVersion: '2.1.136' })).managedOrigin).toBe('helper');
  });

  it('the output is strict: an invalid entry is an error (Claude Code refuses to start)', async () => {
    const c = await resolve({ managed: { policyHelperOutput: { availableModels: 'opus', model: 'opus' } }, managedFile: { policyHelper: HELPER } });
    const errors = c.diagnostics.filter((d) => d.code === 'managed-policy-helper' && d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.args).toMatchObject({ invalidEntries: 1 });
  });

  it('policyHelperOutput must be an object (misuse throws INVALID_OPTIONS)', async () => {
    await expect(resolveEffectiveConfig({ ...layout({}), managed: { policyHelperOutput: '{}' as unknown as Record<string, unknown> } })).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
    });
  });
});
