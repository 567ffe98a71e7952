/** Diagnostic catalogue: writing settings. Each code's arguments, severity, message, fix and documentation row. */
import type { Catalogue, Unconverted } from './entry';

/** The arguments of each write diagnostic's message. */
export interface WriteArgs {
  'write-shadowed': Unconverted;
  'write-shell-wins': Unconverted;
  'write-waits-for-trust': Unconverted;
  'write-outranked-after-trust': Unconverted;
  'write-credential-outranked': Unconverted;
  'write-provider-active': Unconverted;
  'write-unset-still-set': Unconverted;
  'write-git-ignore-added': Unconverted;
  'write-git-weak-check': Unconverted;
  'write-credential-file-readable': Unconverted;
  'write-duplicate-key': Unconverted;
  'write-mode-tightened': Unconverted;
  'write-lock-recovered': Unconverted;
  'write-concurrent-change-kept': Unconverted;
  'write-jsonc-converted': Unconverted;
}

/** Writing settings. */
export const WRITE: Catalogue<WriteArgs> = {
  'write-shadowed': {
    severity: 'warning',
    doc: { meaning: "A higher source sets the same thing: the write has no effect", fix: "Change it where it wins" },
  },
  'write-shell-wins': {
    severity: 'warning',
    doc: { meaning: "Before Claude Code 2.0.1 the shell environment beats settings `env`, and the shell sets the written variable: the write has no effect", fix: "Unset it in the shell, or upgrade to 2.0.1 or later" },
  },
  'write-waits-for-trust': {
    severity: 'warning',
    doc: { meaning: "The written project or local `env` variable (or `apiKeyHelper`) waits for workspace trust: an interactive session applies it only after the trust dialog is accepted (`claude -p` at once)", fix: "Accept the trust dialog in that folder, or write it to user settings" },
  },
  'write-outranked-after-trust': {
    severity: 'warning',
    doc: { meaning: "A project or local file that waits for workspace trust sets the same thing: the write applies only until the trust dialog is accepted (and not in `claude -p`)", fix: "Remove it from that file, or change it there" },
  },
  'write-credential-outranked': {
    severity: 'warning',
    doc: { meaning: "The written credential is sent in no header: another credential fills each header it could fill (a credential sent in the other header is not warned)", fix: "Remove the credential sent instead, or leave this one out" },
  },
  'write-provider-active': {
    severity: 'warning',
    doc: { meaning: "A cloud provider switch (`CLAUDE_CODE_USE_*`) is on, and the provider does not use the written `ANTHROPIC_BASE_URL` or credential", fix: "Unset the switch, or configure the provider's own endpoint (or its skip-auth switch, when that gets the credential sent)" },
  },
  'write-unset-still-set': {
    severity: 'warning',
    doc: { meaning: "A removed variable or `apiKeyHelper` is still set by another source (the shell, another settings file), so Claude Code keeps using it", fix: "Remove it there too, if it should be gone" },
  },
  'write-git-ignore-added': {
    severity: 'info',
    doc: { meaning: "An ignore rule was added before writing a credential", fix: "Commit the `.gitignore` change" },
  },
  'write-git-weak-check': {
    severity: 'warning',
    doc: { meaning: "git was not found: the ignore check was weaker", fix: "Install git" },
  },
  'write-credential-file-readable': {
    severity: 'warning',
    doc: { meaning: "A file holding a credential is readable by others", fix: "`chmod 600`" },
  },
  'write-duplicate-key': {
    severity: 'warning',
    doc: { meaning: "A key on the edited path appears twice in its object; the write changed the last copy, the one Claude Code reads (an unset removes every copy)", fix: "Remove the earlier copy" },
  },
  'write-mode-tightened': {
    severity: 'info',
    doc: { meaning: "The file now holds a credential, so its mode was narrowed to `0600`", fix: "Nothing to do" },
  },
  'write-lock-recovered': {
    severity: 'info',
    doc: { meaning: "A writer that stopped while writing this file (its process gone) left its lock; this write took it over at once", fix: "Nothing to do" },
  },
  'write-concurrent-change-kept': {
    severity: 'info',
    doc: { meaning: "Another program wrote the file while this write was under way; what it wrote into the file our rename replaced was carried over", fix: "Nothing to do (the message names the keys)" },
  },
  'write-jsonc-converted': {
    severity: 'warning',
    doc: { meaning: "A JSONC file was rewritten as strict JSON (comments gone)", fix: "Nothing: Claude Code reads it now" },
  },
};
