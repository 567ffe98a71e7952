/** Diagnostic catalogue: generating configuration. Each code's arguments, severity, message, fix and documentation row. */
import type { Catalogue, Unconverted } from './entry';

/** The arguments of each generate diagnostic's message. */
export interface GenerateArgs {
  'generate-insecure-url': Unconverted;
  'generate-not-expressible': Unconverted;
  'generate-helper-ttl': Unconverted;
  'generate-nothing-configured': Unconverted;
}

/** Generating configuration. */
export const GENERATE: Catalogue<GenerateArgs> = {
  'generate-insecure-url': {
    severity: 'warning',
    doc: { meaning: "Plain http to a non-local gateway", fix: "Use https" },
  },
  'generate-not-expressible': {
    severity: 'warning',
    doc: { severity: "warning / info", meaning: "Part of the configuration cannot be expressed in this output", fix: "Follow the message (e.g. put `apiKeyHelper` in settings)" },
  },
  'generate-helper-ttl': {
    severity: 'warning',
    doc: { meaning: "A helper TTL under a minute", fix: "Raise it" },
  },
  'generate-nothing-configured': {
    severity: 'warning',
    doc: { meaning: "`generate <format> current`: no settings file, `--settings` or managed policy sets anything, and the shell exports no `ANTHROPIC_*` / `CLAUDE_CODE_*` variable", fix: "Describe the configuration instead (`generate <format> gateway --base-url …`)" },
  },
};
