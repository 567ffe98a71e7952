/**
 * The data of a conformance vector, as shipped in `conformance/vectors/*.json` and described in
 * conformance/FORMAT.md: a layout of a scratch machine and, per Claude Code version, what the real
 * binary did with it. The harness (conformance/vector.ts, conformance/interactive.ts) writes the
 * same shapes; test/conformance/package-entry.test.ts fails to typecheck when the two drift apart.
 */

/** A settings file: an object (written as 2-space JSON) or raw text (a broken file). */
export type VectorSettingsContent = Record<string, unknown> | string;

/** One answer of an interactive vector: wait for `expect` on the screen, then answer. */
export interface ConformanceInteractiveStep {
  /** A regular expression (case-insensitive) the screen must match before the step answers. */
  expect: string;
  /** tmux key names sent in order (`Enter`, `Down`, `Escape`, `C-c`, ...). */
  send?: string[];
  /** Literal text typed (before `send`). */
  text?: string;
  /** Move the menu highlight (`❯`) to the line holding this text, check it, then press Enter. */
  choose?: string;
  /** Skip this step when a later step's text or the ready input box shows first (a dialog that may or may not appear). */
  optional?: boolean;
  /** What the answer means, for a prediction. */
  answer?: 'trust-accept' | 'trust-exit' | 'api-key-approve' | 'api-key-reject';
}

/** `layout.interactive`: the interactive program run in a pseudo-terminal, answered step by step. */
export interface ConformanceInteractiveSpec {
  /** The dialogs to wait for and answer, in order. */
  steps?: ConformanceInteractiveStep[];
  /** Typed once the input box is ready, after the steps; the run ends when its request arrived (or the bound). */
  prompt?: string;
}

/**
 * The scratch machine of a vector. The home directory is a scratch `HOME`, the project directory
 * `<home>/project`; `claude` starts in the project directory, or in `cwd`. Every URL is written
 * `{{gateway}}/<layer>` (`GATEWAY_PLACEHOLDER`).
 */
export interface ConformanceLayout {
  /**
   * The shell environment `claude` is started with, on top of the harness's fixed variables
   * (`HARNESS_ENV`); `null` removes one of those.
   */
  env?: Record<string, string | null>;
  /** `~/.claude/settings.json`. */
  user?: VectorSettingsContent;
  /** `<start dir>/.claude/settings.json`. */
  project?: VectorSettingsContent;
  /** `.claude/settings.local.json` at the git root (with `git`), else in the start directory. */
  local?: VectorSettingsContent;
  /** `/etc/claude-code/managed-settings.json`. */
  managedFile?: VectorSettingsContent;
  /** `/etc/claude-code/managed-settings.d/<name>`. */
  dropIns?: Record<string, VectorSettingsContent>;
  /** `~/.claude.json` (`{{home}}`, `HOME_PLACEHOLDER`, in its strings and keys is the scratch home). */
  globalConfig?: Record<string, unknown> | string;
  /** `--settings`: inline JSON (an object or raw text), or a file written to `~/flag-settings.json`. */
  settingsFlag?:
    | {
        /** Passed as JSON text on the command line. */
        inline: VectorSettingsContent;
      }
    | {
        /** Written to a file whose path is passed. */
        file: VectorSettingsContent;
      };
  /** `git init` in the project directory. */
  git?: boolean;
  /** With `git`: a linked worktree of the project repository at `~/<worktree>` (start there with `cwd: "~/<worktree>"`). */
  worktree?: string;
  /** The start directory, relative to the project directory (made if missing); `~` is the home directory itself. @default '.' */
  cwd?: string;
  /** More command-line arguments after `-p "say hi" --output-format json`. */
  flags?: string[];
  /** Extra files: `~/…` in the home, `./…` in the project directory; `.sh` files are executable. */
  files?: Record<string, string>;
  /** Run the interactive program (no `-p`) in a pseudo-terminal and answer these steps. */
  interactive?: ConformanceInteractiveSpec;
}

/** One request the recording gateway received. */
export interface RecordedRequest {
  /** HTTP method (`POST`, `GET`). */
  method: string;
  /** Path and query as received (the layer prefix shows which base URL won). */
  path: string;
  /** Credential headers, planted custom headers and the other headers that are not per-run noise (names lowercased). */
  headers: Record<string, string>;
  /** The `model` field of the body, when it has one. */
  model?: string;
}

/** What one step of an interactive vector found. */
export interface RecordedInteractiveStep {
  /** The step's `expect` pattern. */
  expect: string;
  /** `seen`: its text showed and it answered; `skipped`: an optional step whose next step's text showed first; `missing`: neither before the bound. */
  outcome: 'seen' | 'skipped' | 'missing';
  /** The screen when it matched (trimmed, blank lines dropped, scratch paths written `<home>`, `<project>`). */
  screen: string;
  /** How many requests the gateway had received when the text showed (before the answer). */
  requestsBefore: number;
}

/** What an interactive run saw. */
export interface RecordedInteractiveResult {
  /** What each step saw, in order. */
  steps: RecordedInteractiveStep[];
  /** Dialogs seen on any screen captured: `trust`, `api-key`. */
  dialogs: string[];
  /** Whether the prompt was typed, and how many requests had arrived before it. */
  prompt?: {
    /** True when the prompt was typed. */
    typed: boolean;
    /** Requests the gateway had received before it was typed. */
    requestsBefore: number;
  };
  /** The last screen. */
  finalScreen: string;
  /** The exit status when the program ended by itself (`null`: ended by the harness, the time bound or a signal). */
  exitCode: number | null;
  /** The signal that ended it, when one did. */
  signal?: number;
  /** True when the run hit its time bound before it ended. */
  timedOut: boolean;
  /** What the answers saved in `~/.claude.json`: each `projects` entry's `hasTrustDialogAccepted`, and `customApiKeyResponses`. */
  saved?: {
    /** Each `projects` entry's `hasTrustDialogAccepted`, by project path. */
    trust: Record<string, unknown>;
    /** The saved `customApiKeyResponses`, when present. */
    customApiKeyResponses?: unknown;
  };
  /** Every distinct screen captured (debugging; not kept in vectors). */
  trace?: {
    /** Requests received when the screen was captured. */
    requests: number;
    /** The screen's text. */
    screen: string;
  }[];
}

/** What the binary of one version did with a vector's layout. */
export interface RecordedRun {
  /** Whether Claude Code went as far as sending a request (other than the `HEAD /api/hello` probe). */
  started: boolean;
  /** Its exit status (`null`: ended by the time bound, or an interactive run). */
  exitCode: number | null;
  /** Its stderr (normalised) when it stopped before sending anything. */
  refusal?: string;
  /** Every request the gateway received, in order. */
  requests: RecordedRequest[];
  /** An interactive vector: what each step saw, the dialogs shown, the last screen. */
  interactive?: RecordedInteractiveResult;
  /** When this was recorded (ISO 8601). */
  recordedAt: string;
  /** In Linux namespaces, or with a scratch `HOME` only. */
  mode: 'namespaces' | 'scratch-home';
}

/** A conformance vector: one JSON file `conformance/vectors/<id>.json`. */
export interface ConformanceVector {
  /** `[a-z0-9-]+`, the file name without `.json`. */
  id: string;
  /** What the vector shows, in words. */
  description: string;
  /** Free-form labels (`credential`, `base-url`, `managed`, ...). */
  tags?: string[];
  /** The files, variables and flags the run starts from. */
  layout: ConformanceLayout;
  /** Per Claude Code version (`"2.1.332"`), what the binary did. */
  recorded: Record<string, RecordedRun>;
}

/**
 * A known difference between this library and the binary (conformance/expected-differences.json):
 * for one vector and version, the differences the harness finds, in its words, and why.
 */
export interface KnownDifference {
  /** The vector's id. */
  vector: string;
  /** The Claude Code version the difference was seen with. */
  version: string;
  /** Why the library still differs: the piece of the model to correct. */
  reason: string;
  /** The differences exactly as the harness words them. */
  differences: string[];
  /** The binary does not do the same on every run here: each difference may or may not appear. */
  unstable?: boolean;
}

/** Options of `compareRequest`. */
export interface CompareRequestOptions {
  /**
   * The URL of the gateway the actual request went to: written `{{gateway}}` in the actual
   * request's path and header values before comparing, as the recordings write it.
   */
  gatewayUrl?: string;
  /**
   * `configuration` (the default): the method, the base path, the credential headers, every
   * other header except the ones Claude Code sends on its own (`anthropic-beta`,
   * `anthropic-version`, `user-agent`, `x-app`) and per-run noise, and the model.
   * `all`: also the whole path with its query and Claude Code's own headers.
   */
  scope?: 'configuration' | 'all';
}
