/**
 * The configuration as settings edits: operations for `planEdit` / `writeSettings` (so a generator
 * never clobbers a file) and an object for a `--settings` overlay.
 */
import type { GeneratedConfig } from '../types';
import { planEdit, type EditOp, type EditPlan } from '../edit';

/**
 * Set every variable and settings key; remove from this file the variables that must be absent
 * (a settings file cannot unset a shell variable: `toShell` does that).
 */
export function toSettingsOps(value: GeneratedConfig): EditOp[] {
  const ops: EditOp[] = [];
  for (const name of Object.keys(value.env).sort()) ops.push({ op: 'set', path: ['env', name], value: value.env[name] });
  for (const name of value.unset) ops.push({ op: 'unset', path: ['env', name] });
  for (const key of Object.keys(value.settings).sort()) ops.push({ op: 'set', path: [key], value: value.settings[key] });
  return ops;
}

/** The settings text with the configuration applied, by `planEdit` (minimal diff, strict JSON). */
export function toSettingsPatch(value: GeneratedConfig, existingText?: string): EditPlan {
  return planEdit(existingText, toSettingsOps(value));
}

/** The object for `writeSettingsOverlay` / `claude --settings`. */
export function toSettingsObject(value: GeneratedConfig): Record<string, unknown> {
  const out: Record<string, unknown> = { ...value.settings };
  if (Object.keys(value.env).length > 0) out['env'] = { ...value.env };
  return out;
}
