/**
 * What organisations push to every machine (docs/behavior.md#managed-sources, docs/behavior.md#rollout; the formats
 * follow Anthropic's examples, https://github.com/anthropics/claude-code/tree/main/examples/mdm): `managed-settings.json` and
 * drop-ins with their per-OS paths, a macOS configuration profile for `com.anthropic.claudecode`,
 * a Windows `.reg` file for `HKLM\SOFTWARE\Policies\ClaudeCode` (value `Settings`, single-line JSON)
 * and the PowerShell that writes the file or the registry value.
 */
import { ConfigError } from '../errors';
import type { Diagnostic, GeneratedConfig, Platform } from '../types';
import { isSecretVariable } from '../variables';
import { checkDropInName, MANAGED_DIRS } from '../locations';
import { powershellQuote } from './shell';
import { toSettingsObject } from './settings-patch';
import { v5 } from 'uuid';
import { diagnostic } from '../catalogue';

/** The kind of managed-settings file to generate (JSON file, drop-in, plist, mobileconfig, registry file, PowerShell script, …). */
export type ManagedArtifactKind = 'managed-settings' | 'drop-in' | 'plist' | 'mobileconfig' | 'reg' | 'powershell-registry' | 'powershell-file';

/** One generated managed-settings file. */
export interface ManagedArtifact {
  /** What kind of file it is. */
  kind: ManagedArtifactKind;
  /** The operating system it is for. */
  platform: Platform;
  /** A file name for the artifact. */
  fileName: string;
  /** Where it goes on the target machine, for files Claude Code reads directly. */
  installPath?: string;
  /** The file's text. */
  content: string;
  /** How to deploy it, in a sentence or two. */
  deploy: string;
}

/** Options for the managed-settings generators. */
export interface ManagedArtifactOptions {
  /** Which platforms. @default ['linux', 'darwin', 'win32'] */
  platforms?: Platform[];
  /** Also emit a drop-in `managed-settings.d/<name>` (a visible .json name, such as `10-gateway.json`). */
  dropInName?: string;
  /** `PayloadOrganization` of the profile. @default 'Example Organization' */
  organization?: string;
  /** Stable UUIDs for the profile (outer, inner); derived from the identifier when not given. */
  profileUuids?: [string, string];
}

/** The settings object managed settings carry: the settings keys and the `env` block (the same object as toSettingsObject). */
export function managedSettingsObject(value: GeneratedConfig): Record<string, unknown> {
  return toSettingsObject(value);
}

/** Characters XML 1.0 cannot hold at all, not even as a character reference. */
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function xmlEscape(s: string): string {
  if (XML_FORBIDDEN_RE.test(s))
    throw new ConfigError('INVALID_OPTIONS', `a plist cannot hold ${JSON.stringify(s)}: it has a control character XML does not allow`);
  // CR, NEL and U+2028 as character references: XML parsers normalise them to LF when written raw.
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\r\u0085\u2028]/g, (c) => `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`);
}

/** JSON to plist XML: objects are dicts, lists arrays, and `env` values stay strings, as in Anthropic's plist example. */
function plistValue(v: unknown, indent: string): string {
  if (typeof v === 'string') return `${indent}<string>${xmlEscape(v)}</string>`;
  if (typeof v === 'boolean') return `${indent}<${v}/>`;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new ConfigError('INVALID_OPTIONS', 'a plist cannot hold NaN or Infinity');
    return Number.isInteger(v) ? `${indent}<integer>${v}</integer>` : `${indent}<real>${v}</real>`;
  }
  if (Array.isArray(v))
    return v.length === 0 ? `${indent}<array/>` : [`${indent}<array>`, ...v.map((x) => plistValue(x, `${indent}\t`)), `${indent}</array>`].join('\n');
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v);
    if (entries.length === 0) return `${indent}<dict/>`;
    return [
      `${indent}<dict>`,
      ...entries.flatMap(([k, x]) => [`${indent}\t<key>${xmlEscape(k)}</key>`, plistValue(x, `${indent}\t`)]),
      `${indent}</dict>`,
    ].join('\n');
  }
  throw new ConfigError('INVALID_OPTIONS', 'a plist cannot hold null: leave the key out');
}

function plistDocument(root: unknown): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    plistValue(root, ''),
    '</plist>',
    '',
  ].join('\n');
}

/** A stable name-based UUID (RFC 9562 version 5, SHA-1 in the DNS namespace), uppercase as profiles write it. */
export function nameUuid(name: string): string {
  return v5(name, v5.DNS).toUpperCase();
}

const PROFILE_ID = 'com.anthropic.claudecode.profile';
const DOMAIN = 'com.anthropic.claudecode';

function mobileconfig(settings: Record<string, unknown>, organization: string, uuids: [string, string]): string {
  const [outer, inner] = uuids;
  return plistDocument({
    PayloadContent: [
      {
        PayloadContent: { [DOMAIN]: { Forced: [{ mcx_preference_settings: settings }] } },
        PayloadDisplayName: 'Claude Code',
        PayloadIdentifier: `${PROFILE_ID}.${inner}`,
        PayloadType: 'com.apple.ManagedClient.preferences',
        PayloadUUID: inner,
        PayloadVersion: 1,
      },
    ],
    PayloadDescription: 'Configures managed settings for Claude Code.',
    PayloadDisplayName: 'Claude Code Managed Settings',
    PayloadIdentifier: PROFILE_ID,
    PayloadOrganization: organization,
    PayloadScope: 'System',
    PayloadType: 'Configuration',
    PayloadUUID: outer,
    PayloadVersion: 1,
  });
}

/** Single-line JSON with every non-ASCII character escaped, so the .reg file and the registry stay ASCII. */
export function singleLineJson(settings: Record<string, unknown>): string {
  return JSON.stringify(settings).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A `.reg` string value: backslashes and double quotes escaped. */
function regString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function regFile(json: string): string {
  return ['Windows Registry Editor Version 5.00', '', '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\ClaudeCode]', `"Settings"=${regString(json)}`, ''].join('\r\n');
}

function psRegistry(json: string): string {
  return [
    '# Writes Claude Code managed settings to HKLM\\SOFTWARE\\Policies\\ClaudeCode (value Settings, REG_SZ).',
    '# Run as an administrator (Intune: run as SYSTEM, 64-bit PowerShell).',
    "$ErrorActionPreference = 'Stop'",
    "$key = 'HKLM:\\SOFTWARE\\Policies\\ClaudeCode'",
    'New-Item -Path $key -Force | Out-Null',
    `New-ItemProperty -Path $key -Name 'Settings' -PropertyType String -Value ${powershellQuote(json)} -Force | Out-Null`,
    'Write-Output "Wrote $key\\Settings"',
    '',
  ].join('\r\n');
}

function psFile(pretty: string, fileName: string): string {
  if (/^'@/m.test(pretty)) throw new ConfigError('INVALID_OPTIONS', "the settings contain a line starting with '@, which a PowerShell here-string cannot hold");
  return [
    `# Writes Claude Code managed settings to C:\\Program Files\\ClaudeCode\\${fileName} (UTF-8 without BOM).`,
    '# Run as an administrator (Intune: run as SYSTEM, 64-bit PowerShell).',
    "$ErrorActionPreference = 'Stop'",
    '# ProgramW6432 is the 64-bit Program Files even from a 32-bit host; Claude Code never reads Program Files (x86).',
    "$dir = Join-Path $env:ProgramW6432 'ClaudeCode'",
    ...(fileName === 'managed-settings.json' ? [] : ["$dir = Join-Path $dir 'managed-settings.d'"]),
    'New-Item -ItemType Directory -Path $dir -Force | Out-Null',
    `$path = Join-Path $dir ${powershellQuote(fileName)}`,
    "$json = @'",
    pretty.replace(/\n$/, ''),
    "'@",
    '[System.IO.File]::WriteAllText($path, $json + "`n", (New-Object System.Text.UTF8Encoding $false))',
    'Write-Output "Wrote $path"',
    '',
  ].join('\r\n');
}

/**
 * Every managed artifact for the configuration. Managed files are readable by every user of the
 * machine: `managedArtifactWarnings` says when a credential would be pushed in one.
 */
export function toManagedArtifacts(value: GeneratedConfig, options: ManagedArtifactOptions = {}): ManagedArtifact[] {
  const settings = managedSettingsObject(value);
  const pretty = `${JSON.stringify(settings, null, 2)}\n`;
  const platforms = options.platforms ?? ['linux', 'darwin', 'win32'];
  const dropIn = options.dropInName;
  if (dropIn !== undefined) checkDropInName(dropIn);
  const out: ManagedArtifact[] = [];
  for (const platform of platforms) {
    const dir = platform === 'darwin' ? MANAGED_DIRS.darwin : platform === 'win32' ? MANAGED_DIRS.win32 : MANAGED_DIRS.linux;
    const sep = platform === 'win32' ? '\\' : '/';
    const fileDeploy =
      platform === 'win32'
        ? 'Copy as an administrator (or run the PowerShell artifact); UTF-8 without BOM; writable only by Administrators and SYSTEM.'
        : 'Install as root: directory 0755, file 0644 root:root, UTF-8 without BOM; replace atomically (write a temp file in the same directory, then rename).';
    out.push({
      kind: 'managed-settings',
      platform,
      fileName: 'managed-settings.json',
      installPath: `${dir}${sep}managed-settings.json`,
      content: pretty,
      deploy: fileDeploy,
    });
    if (dropIn) {
      out.push({
        kind: 'drop-in',
        platform,
        fileName: dropIn,
        installPath: `${dir}${sep}managed-settings.d${sep}${dropIn}`,
        content: pretty,
        deploy: `${fileDeploy} Drop-ins merge alphabetically after managed-settings.json (Claude Code 2.1.83+).`,
      });
    }
    if (platform === 'darwin') {
      const uuids = options.profileUuids ?? [nameUuid(`${PROFILE_ID}:outer`), nameUuid(`${PROFILE_ID}:inner`)];
      out.push({
        kind: 'plist',
        platform,
        fileName: `${DOMAIN}.plist`,
        content: plistDocument(settings),
        deploy: `Upload as Custom Settings for the preference domain ${DOMAIN} (Jamf, Kandji); /status then shows "Enterprise managed settings (plist)".`,
      });
      out.push({
        kind: 'mobileconfig',
        platform,
        fileName: `${DOMAIN}.mobileconfig`,
        content: mobileconfig(settings, options.organization ?? 'Example Organization', uuids),
        deploy: 'Push as a device-level configuration profile from your MDM (or install it by hand to test); sign it if your MDM requires.',
      });
    }
    if (platform === 'win32') {
      const json = singleLineJson(settings);
      out.push({
        kind: 'reg',
        platform,
        fileName: 'claude-code-policy.reg',
        content: regFile(json),
        deploy:
          'Import as an administrator (reg import claude-code-policy.reg) or through Group Policy preferences; /status then shows "Enterprise managed settings (HKLM)".',
      });
      out.push({
        kind: 'powershell-registry',
        platform,
        fileName: 'Set-ClaudeCodeRegistryPolicy.ps1',
        content: psRegistry(json),
        deploy: 'Run as SYSTEM in 64-bit PowerShell (Intune platform script).',
      });
      out.push({
        kind: 'powershell-file',
        platform,
        fileName: 'Set-ClaudeCodePolicy.ps1',
        content: psFile(pretty, 'managed-settings.json'),
        deploy: 'Run as SYSTEM in 64-bit PowerShell (Intune platform script); writes C:\\Program Files\\ClaudeCode\\managed-settings.json.',
      });
    }
  }
  return out;
}

/** Warnings about pushing this configuration as managed policy (a helper, not a shared token: docs/behavior.md#rollout). */
export function managedArtifactWarnings(value: GeneratedConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  const secrets = Object.entries(value.env)
    .filter(([n, v]) => isSecretVariable(n, v))
    .map(([n]) => n);
  if (secrets.length > 0) {
    out.push(diagnostic('generate-not-expressible', { kind: 'managed-secrets', variables: secrets }));
  }
  // An Anthropic-format gateway configuration distributes exactly one credential source.
  const credentials = ['ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_API_KEY'].filter((n) => Object.hasOwn(value.env, n));
  if (typeof value.settings['apiKeyHelper'] === 'string') credentials.push('apiKeyHelper');
  if (value.provider === 'anthropic' && credentials.length !== 1) {
    out.push(diagnostic('generate-not-expressible', { kind: 'managed-credentials', credentials }));
  }
  out.push(diagnostic('generate-not-expressible', { kind: 'managed-reach' }));
  return out;
}
