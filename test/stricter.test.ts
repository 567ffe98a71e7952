/**
 * "stricter lower value wins": keys where a lower level's stricter value beats managed precedence.
 */
import { describe, expect, it } from 'vitest';
import { explain, resolveEffectiveConfig, type EffectiveConfig } from '../src/index';
import { layout, type LayoutSpec } from '../src/testing';

function resolve(spec: LayoutSpec): Promise<EffectiveConfig> {
  return resolveEffectiveConfig(layout({ interactive: false, git: true, ...spec }));
}

describe('stricter values', () => {
  it('disableClaudeAiConnectors true from the user file beats managed false', async () => {
    const c = await resolve({ managedFile: { disableClaudeAiConnectors: false }, user: { disableClaudeAiConnectors: true } });
    expect(c.settings['disableClaudeAiConnectors']).toBe(true);
    expect(c.keys['disableClaudeAiConnectors']).toMatchObject({ value: true, merge: 'stricter-wins', source: { scope: 'user' } });
    const e = explain(c, 'disableClaudeAiConnectors');
    expect(e.rule).toContain('true from any level wins');
    expect(e.overridden).toEqual([expect.objectContaining({ value: 'false', reason: 'the stricter value wins' })]);
  });

  it('isolatePeerMachines true from the project file beats user false', async () => {
    const c = await resolve({ user: { isolatePeerMachines: false }, project: { isolatePeerMachines: true } });
    expect(c.settings['isolatePeerMachines']).toBe(true);
  });

  it('remoteControlAtStartup false from project/local beats managed true; true there is ignored', async () => {
    const off = await resolve({ managedFile: { remoteControlAtStartup: true }, local: { remoteControlAtStartup: false } });
    expect(off.settings['remoteControlAtStartup']).toBe(false);
    expect(off.keys['remoteControlAtStartup']?.source.scope).toBe('local');
    const ignored = await resolve({ user: { remoteControlAtStartup: false }, project: { remoteControlAtStartup: true } });
    expect(ignored.settings['remoteControlAtStartup']).toBe(false);
    expect(ignored.keys['remoteControlAtStartup']?.source.scope).toBe('user');
    const only = await resolve({ project: { remoteControlAtStartup: true } });
    expect(only.settings['remoteControlAtStartup']).toBeUndefined();
    expect(only.keys['remoteControlAtStartup']).toBeUndefined();
  });

  it('crossSessionInbound: project or local may only make it stricter (accept < hold < refuse)', async () => {
    expect((await resolve({ managedFile: { crossSessionInbound: 'accept' }, project: { crossSessionInbound: 'hold' } })).settings['crossSessionInbound']).toBe(
      'hold',
    );
    expect((await resolve({ user: { crossSessionInbound: 'refuse' }, local: { crossSessionInbound: 'accept' } })).settings['crossSessionInbound']).toBe(
      'refuse',
    );
    expect((await resolve({ user: { crossSessionInbound: 'hold' }, local: { crossSessionInbound: 'refuse' } })).settings['crossSessionInbound']).toBe('refuse');
  });

  it('useAutoModeDuringPlan / syncClaudeAiSkills false from user or local beats managed true; the shared project file cannot', async () => {
    for (const key of ['useAutoModeDuringPlan', 'syncClaudeAiSkills']) {
      expect((await resolve({ managedFile: { [key]: true }, user: { [key]: false } })).settings[key], key).toBe(false);
      expect((await resolve({ managedFile: { [key]: true }, local: { [key]: false } })).settings[key], key).toBe(false);
      const project = await resolve({ managedFile: { [key]: true }, project: { [key]: false } });
      expect(project.settings[key], key).toBe(true);
    }
  });

  it('other keys keep ordinary precedence (managed beats user)', async () => {
    const c = await resolve({ managedFile: { model: 'opus' }, user: { model: 'haiku' } });
    expect(c.keys['model']).toMatchObject({ value: 'opus', merge: 'replace' });
  });
});
