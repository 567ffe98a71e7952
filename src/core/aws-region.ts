/**
 * The AWS region as Claude Code resolves it for Bedrock and Claude Platform on AWS (docs/behavior.md#aws-region):
 * `AWS_REGION` → `AWS_DEFAULT_REGION` → the active profile's region (the credentials file, then the
 * config file) → `us-east-1`. A malformed value (one holding `/`, `.` or a space) counts as unset.
 * Pure: the Node side reads the files and hands their text (or the profile region) in.
 */

/** The step of the chain that decided the region. */
export type AwsRegionSource = 'AWS_REGION' | 'AWS_DEFAULT_REGION' | 'profile' | 'default';

export interface AwsRegion {
  region: string;
  from: AwsRegionSource;
}

/** The variables the chain reads (values as resolved; empty or missing means unset). */
export interface AwsRegionEnv {
  AWS_REGION?: string | undefined;
  AWS_DEFAULT_REGION?: string | undefined;
}

export const DEFAULT_AWS_REGION = 'us-east-1';

/** A value Claude Code accepts as a region: not empty, and no `/`, `.` or whitespace. */
export function isValidAwsRegion(value: string | undefined): value is string {
  return value !== undefined && value !== '' && !/[/.\s]/.test(value);
}

/** The region and the step that decided it. */
export function resolveAwsRegion(env: AwsRegionEnv, profileRegion?: string): AwsRegion {
  if (isValidAwsRegion(env.AWS_REGION)) return { region: env.AWS_REGION, from: 'AWS_REGION' };
  if (isValidAwsRegion(env.AWS_DEFAULT_REGION)) return { region: env.AWS_DEFAULT_REGION, from: 'AWS_DEFAULT_REGION' };
  if (isValidAwsRegion(profileRegion)) return { region: profileRegion, from: 'profile' };
  return { region: DEFAULT_AWS_REGION, from: 'default' };
}

/** True when one of the variables decides, so the AWS files need not be read. */
export function envDecidesAwsRegion(env: AwsRegionEnv): boolean {
  return isValidAwsRegion(env.AWS_REGION) || isValidAwsRegion(env.AWS_DEFAULT_REGION);
}

/**
 * A small INI reader in the AWS shared-file dialect: `[section]` headers, `key = value` lines,
 * `#` and `;` comments (whole lines, or after whitespace), and indented sub-properties under a key
 * with an empty value (skipped). Later duplicates win. Never throws.
 */
export function parseAwsIni(text: string): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = Object.create(null) as Record<string, Record<string, string>>;
  let section: Record<string, string> | undefined;
  let nestedUnder = false;
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = (raw.split(/(?:^|\s)[;#]/)[0] ?? '').trim();
    if (line === '') continue;
    const header = /^\[([^\]]*)\]$/.exec(line);
    if (header) {
      const name = (header[1] ?? '').trim().replace(/\s+/g, ' ');
      section = out[name] ??= Object.create(null) as Record<string, string>;
      nestedUnder = false;
      continue;
    }
    if (nestedUnder && /^\s/.test(raw)) continue;
    const eq = line.indexOf('=');
    if (eq <= 0 || section === undefined) {
      nestedUnder = false;
      continue;
    }
    const key = line.slice(0, eq).trim().toLowerCase();
    const value = line.slice(eq + 1).trim();
    nestedUnder = value === '';
    if (!nestedUnder) section[key] = value;
  }
  return out;
}

/** The profile Claude Code uses: `AWS_PROFILE`, else `default`. */
export function activeAwsProfile(awsProfile: string | undefined): string {
  return awsProfile !== undefined && awsProfile.trim() !== '' ? awsProfile.trim() : 'default';
}

/**
 * The active profile's region from the text of the credentials file and of the config file (either
 * may be missing): the credentials file's `[NAME]` first, then the config file's `[profile NAME]`
 * (`[default]` or `[profile default]` for the default profile). Malformed values are skipped.
 */
export function awsProfileRegion(profile: string, credentialsText: string | undefined, configText: string | undefined): string | undefined {
  const candidates: (string | undefined)[] = [];
  if (credentialsText !== undefined) candidates.push(parseAwsIni(credentialsText)[profile]?.['region']);
  if (configText !== undefined) {
    const config = parseAwsIni(configText);
    candidates.push(config[`profile ${profile}`]?.['region']);
    if (profile === 'default') candidates.push(config['default']?.['region']);
  }
  return candidates.find(isValidAwsRegion);
}
