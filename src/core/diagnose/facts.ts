/** What the doctor knows beyond the resolved configuration: facts only IO can learn, gathered by the Node side. */
export interface DiagnoseFacts {
  /** Git's view of settings files that hold a credential, by path. */
  git?: Record<
    string,
    {
      /** True when the file is inside a git work tree. */
      inRepository: boolean;
      /** True when git tracks the file. */
      tracked: boolean;
      /** True when an ignore rule covers the file. */
      ignored: boolean;
    }
  >;
  /** The Claude Code variables the user's shell start-up files export (read, never run). */
  shellExports?: {
    /** The variable. */
    variable: string;
    /** The file, as a person writes it (`~/.zshrc`). */
    file: string;
    /** The line. */
    line: number;
    /** Only an interactive shell reads the file (`~/.zshrc`, `~/.bashrc`, `config.fish`, a PowerShell profile). */
    interactiveOnly: boolean;
  }[];
  /** The lines of the user's shell start-up files that have a tool set the variables (`eval "$(ccr activate)"`). */
  shellActivations?: {
    /** The command (`ccr activate`). */
    command: string;
    /** The `import` source that reads the tool (`claude-code-router`). */
    source: string;
    /** The file, as a person writes it (`~/.zshrc`). */
    file: string;
    /** The line. */
    line: number;
    /** Only an interactive shell reads the file. */
    interactiveOnly: boolean;
  }[];
  /** Whether the apiKeyHelper's program exists and may be run. */
  helper?: {
    /** The program the helper command starts. */
    program: string;
    /** True when the program was found. */
    found: boolean;
    /** True when it may be run. */
    executable: boolean;
  };
}

/** Options for `diagnose()`. */
export interface DiagnoseOptions {
  /** Facts about the machine (git state, helper program) that the pure checks cannot find themselves. */
  facts?: DiagnoseFacts;
  /** Also report the information rules (features a gateway turns off, other surfaces). @default true */
  information?: boolean;
}
