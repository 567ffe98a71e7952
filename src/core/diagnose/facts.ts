/** What the doctor knows beyond the resolved configuration: facts only IO can learn, gathered by the Node side. */
export interface DiagnoseFacts {
  /** Git's view of settings files that hold a credential, by path. */
  git?: Record<string, { inRepository: boolean; tracked: boolean; ignored: boolean }>;
  /** Whether the apiKeyHelper's program exists and may be run. */
  helper?: { program: string; found: boolean; executable: boolean };
}

/** Options for `diagnose()`. */
export interface DiagnoseOptions {
  /** Facts about the machine (git state, helper program) that the pure checks cannot find themselves. */
  facts?: DiagnoseFacts;
  /** Also report the information rules (features a gateway turns off, other surfaces). @default true */
  information?: boolean;
}
