/** Diagnostic catalogue: the doctor. Each code's arguments, severity, message, fix and documentation row. */
import type { Catalogue, Unconverted } from './entry';
import { whereSet } from './words';

/** The arguments of each doctor diagnostic's message. */
export interface DoctorArgs {
  'doctor-credential-conflict': Unconverted;
  'doctor-login-outranked': Unconverted;
  'doctor-no-credential': Unconverted;
  'doctor-base-url-not-absolute': { variable: string; value: string };
  'doctor-base-url-insecure': { variable: string; hostname: string; host: string };
  'doctor-base-url-v1': { variable: string; fixed: string };
  'doctor-base-url-query': { variable: string; receivedPath?: string | undefined };
  /** `scope` where the empty value is set, `hiddenScope` and `hiddenUrl` the value it hides. */
  'doctor-base-url-empty': { variable: string; scope: string; hiddenScope: string; hiddenUrl: string };
  'doctor-credential-waits-for-trust': Unconverted;
  'doctor-credential-after-trust': Unconverted;
  'doctor-credential-in-project-file': Unconverted;
  'doctor-credential-in-tracked-file': Unconverted;
  'doctor-credential-not-ignored': Unconverted;
  'doctor-vertex-project-overridden': Unconverted;
  'doctor-provider-incomplete': Unconverted;
  'doctor-foundry-skip-ignored': Unconverted;
  'doctor-provider-ignores-variable': Unconverted;
  'doctor-auto-compact-window': Unconverted;
  'doctor-deprecated-variable': Unconverted;
  'doctor-capabilities-behind-gateway': Unconverted;
  'doctor-discovery-cannot-run': Unconverted;
  'doctor-helper-missing': Unconverted;
  'doctor-helper-not-executable': Unconverted;
  'doctor-gateway-disables-features': Unconverted;
  'doctor-vscode-needs-settings': Unconverted;
  'doctor-desktop-ignores-base-url': Unconverted;
}

/** The doctor. */
export const DOCTOR: Catalogue<DoctorArgs> = {
  'doctor-credential-conflict': {
    severity: 'warning',
    doc: { meaning: "Two gateway credentials at once: both are sent, each in its header (or one is sent in neither) (\"auth may not work as expected\")", fix: "Unset one" },
  },
  'doctor-login-outranked': {
    severity: 'info',
    doc: { meaning: "A saved claude.ai login is present but the gateway credential wins", fix: "`/logout`, or unset the variable" },
  },
  'doctor-no-credential': {
    severity: 'error',
    doc: { meaning: "`ANTHROPIC_BASE_URL` is set but no credential reaches Claude Code (login screen)", fix: "Set `ANTHROPIC_AUTH_TOKEN`/`ANTHROPIC_API_KEY`/`apiKeyHelper`" },
  },
  'doctor-base-url-not-absolute': {
    severity: 'error',
    message: (a) => `${a.variable} is ${JSON.stringify(a.value)}, not an absolute http(s) URL`,
    fix: () => 'Write it as https://host[:port][/path]',
    doc: { meaning: "A base URL is not an absolute http(s) URL", fix: "`https://host[:port][/path]`" },
  },
  'doctor-base-url-insecure': {
    severity: 'warning',
    message: (a) => `${a.variable} sends the credential over plain http to ${a.hostname}`,
    fix: (a) => `Use https://${a.host}`,
    doc: { meaning: "Plain http to a non-local host", fix: "Use https" },
  },
  'doctor-base-url-v1': {
    severity: 'error',
    message: (a) => `${a.variable} ends in /v1, and Claude Code appends /v1/messages: requests go to …/v1/v1/messages`,
    fix: (a) => `Set ${a.variable}=${a.fixed}`,
    doc: { meaning: "The base URL ends in `/v1` (requests go to `/v1/v1/messages`)", fix: "Drop `/v1` (a `fixEdit` does it)" },
  },
  'doctor-base-url-query': {
    severity: 'error',
    message: (a) => `${a.variable} carries a query or fragment; Claude Code appends its paths after it${a.receivedPath === undefined ? '' : `, so the gateway receives POST ${a.receivedPath} instead of …/v1/messages`}`,
    fix: () => 'Remove the ?… or #… part; send tenant data in ANTHROPIC_CUSTOM_HEADERS',
    doc: { meaning: "The base URL carries a query or fragment: Claude Code appends `/v1/messages?beta=true` inside the query (`/query?tenant=a%2Fv1%2Fmessages%3Fbeta%3Dtrue`)", fix: "Remove it; use custom headers" },
  },
  'doctor-base-url-empty': {
    severity: 'warning',
    message: (a) => `${a.variable} is empty in ${whereSet(a.scope)} and overrides the one from ${whereSet(a.hiddenScope)} (${a.hiddenUrl}): Claude Code uses no base URL${a.variable === 'ANTHROPIC_BASE_URL' ? ' and goes to api.anthropic.com' : ''}`,
    fix: (a) => `Remove the empty ${a.variable} from ${whereSet(a.scope)}`,
    doc: { meaning: "An empty base URL variable in a higher source overrides a real one below it: Claude Code uses no base URL (the default API host)", fix: "Remove the empty value" },
  },
  'doctor-credential-waits-for-trust': {
    severity: 'warning',
    doc: { meaning: "The gateway URL or credential is only in project/local env, which waits for trust, and no other credential resolves: the first run shows the login screen", fix: "Move it to user settings or the shell" },
  },
  'doctor-credential-after-trust': {
    severity: 'info',
    doc: { meaning: "A credential already resolves, and project/local env adds a gateway URL or credential that applies only after the trust dialog is accepted", fix: "See the configuration after trust with `--trusted`; remove them from the repository's settings if it should not choose them" },
  },
  'doctor-credential-in-project-file': {
    severity: 'error',
    doc: { meaning: "A credential in the shared, committed project file", fix: "Move it to local/user settings and rotate it (`fixEdit` unsets it)" },
  },
  'doctor-credential-in-tracked-file': {
    severity: 'error',
    doc: { meaning: "A credential in a file git tracks", fix: "`git rm --cached`, ignore, rotate" },
  },
  'doctor-credential-not-ignored': {
    severity: 'warning',
    doc: { meaning: "A credential in a file git would add", fix: "Ignore it (`ensureGitIgnored`)" },
  },
  'doctor-vertex-project-overridden': {
    severity: 'warning',
    doc: { meaning: "`GCLOUD_PROJECT` or `GOOGLE_CLOUD_PROJECT` names another project than `ANTHROPIC_VERTEX_PROJECT_ID`, and overrides it ([providers](behavior.md#providers))", fix: "Unset the override or make them agree" },
  },
  'doctor-provider-incomplete': {
    severity: 'error',
    doc: { severity: "error / warning", meaning: "A provider block misses what it needs (CPA workspace id, Vertex project, Foundry resource)", fix: "Set the missing variable" },
  },
  'doctor-foundry-skip-ignored': {
    severity: 'warning',
    doc: { meaning: "`CLAUDE_CODE_SKIP_FOUNDRY_AUTH` beside a Foundry key is ignored", fix: "Unset one" },
  },
  'doctor-provider-ignores-variable': {
    severity: 'warning',
    doc: { meaning: "A cloud provider's switch is on, so `ANTHROPIC_BASE_URL` (or another provider's endpoint) or an Anthropic credential is set but not used", fix: "Unset the switch to use the gateway; to reach the provider through a gateway, set its own base-URL variable" },
  },
  'doctor-auto-compact-window': {
    severity: 'warning',
    doc: { severity: "warning / info", meaning: "`CLAUDE_CODE_AUTO_COMPACT_WINDOW` not plain digits, or clamped", fix: "Digits in 100000–1000000" },
  },
  'doctor-deprecated-variable': {
    severity: 'warning',
    doc: { meaning: "`ANTHROPIC_SMALL_FAST_MODEL` is deprecated", fix: "`ANTHROPIC_DEFAULT_HAIKU_MODEL`" },
  },
  'doctor-capabilities-behind-gateway': {
    severity: 'warning',
    doc: { meaning: "`*_SUPPORTED_CAPABILITIES` do nothing behind `ANTHROPIC_BASE_URL`", fix: "Remove them" },
  },
  'doctor-discovery-cannot-run': {
    severity: 'warning',
    doc: { meaning: "Model discovery is on but cannot run (provider, nonessential traffic off, no base URL)", fix: "Fix what stops it or remove the switch" },
  },
  'doctor-helper-missing': {
    severity: 'error',
    doc: { meaning: "The apiKeyHelper program does not exist", fix: "Install it or fix the path" },
  },
  'doctor-helper-not-executable': {
    severity: 'error',
    doc: { meaning: "The apiKeyHelper program is not executable", fix: "`chmod +x`" },
  },
  'doctor-gateway-disables-features': {
    severity: 'info',
    doc: { meaning: "Remote Control, voice, `/schedule`, connectors are off with a gateway credential", fix: "Unset the credential (and base URL) to use them" },
  },
  'doctor-vscode-needs-settings': {
    severity: 'info',
    doc: { meaning: "The VS Code extension checks only `claudeCode.environmentVariables` before launch", fix: "`toVsCodeSettings`" },
  },
  'doctor-desktop-ignores-base-url': {
    severity: 'info',
    doc: { meaning: "Claude Desktop ignores `ANTHROPIC_BASE_URL`", fix: "Configure its third-party inference" },
  },
};
