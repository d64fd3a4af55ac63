/**
 * The contract of a diagnostic rule. One rule per file under rules/buildkit, rules/hadolint, rules/stack.
 * Rules read the cached parse (ParsedDocument); they never parse text again. Also the diagnostic they become, which
 * service/diagnostics.ts reports alongside dockerfile-utils' problems.
 */
import type { Diagnostic, DiagnosticSeverity, DiagnosticTag, Range, TextEdit } from 'vscode-languageserver-types';
import type { Msg } from '../../../common/src/i18n';
import type { ParsedDocument } from '../service/document';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

/** One name in a folder of the build context. */
export interface ContextEntry {
  name: string;
  /** A folder (or a link to one). */
  dir: boolean;
}

export interface RuleContext {
  doc: ParsedDocument;
  /**
   * Reads a file of the build context (the Dockerfile's folder), path relative to it; null when the file does not
   * exist or cannot be read; the function is absent when the document has no folder (untitled, stdin).
   */
  readContextFile?: (relPath: string) => string | null;
  /**
   * Lists a folder of the build context (`''` for the context itself), path relative to it: the names in it, or null
   * when there is no such folder (or it is outside the context). Absent when the document has no folder.
   */
  contextEntries?: (relDir: string) => readonly ContextEntry[] | null;
}

export interface Finding {
  range: Range;
  /** The message with the offending text filled in. */
  message: Msg;
  tags?: DiagnosticTag[];
  /** Anything fix() needs to rebuild its edit. Must be JSON-serialisable (it travels in Diagnostic.data). */
  data?: Record<string, unknown>;
  /**
   * The finding tells what the container will do at run time (it exits, ignores `docker stop`, …), which is never
   * below this severity, though the rule's other findings may be (a style rule whose finding here has a run-time
   * consequence). A severity the user or the project set for the rule still wins.
   */
  atLeast?: Severity;
  /**
   * The finding is a guess the rule cannot confirm from the Dockerfile alone (a variable the base image may well
   * define), so it is never shown above this severity, though the rule's other findings may be. A severity the user
   * or the project set for the rule still wins, as with `atLeast`. A finding sets one of the two, not both.
   */
  atMost?: Severity;
  /**
   * Where the finding is in a build-context file the Dockerfile copies (an nginx site config): the path relative to
   * the context and the offsets in that file's text. The diagnostic stays where `range` says in the Dockerfile; an
   * editor open on that file shows the same finding at these offsets (service/configFiles.ts).
   */
  inFile?: FileSpan;
}

/** A span of a build-context file: path relative to the context, offsets in its text. */
export interface FileSpan {
  path: string;
  start: number;
  end: number;
  /** The quick fix offered where that file is open, when one is safe. */
  fix?: FileFix;
}

/** A fix inside a build-context file: edits by offsets in its text. */
export interface FileFix {
  title: Msg;
  edits: { start: number; end: number; newText: string }[];
}

export interface Fix {
  title: Msg;
  edits: TextEdit[];
  /**
   * New files the fix creates in the build context (path relative to the Dockerfile's folder), with their text per
   * language (comments); the edit fails rather than overwrite a file that exists.
   */
  files?: { path: string; text: Msg }[];
  /** Edits of existing build-context files (path relative to the Dockerfile's folder), applied with the fix. */
  fileEdits?: { path: string; edits: TextEdit[] }[];
  /** The preferred fix is applied by "Fix all"/Ctrl+. first. */
  preferred?: boolean;
}

export interface Rule {
  /** Docker build-check name (`JSONArgsRecommended`), hadolint id (`DL3008`) or ours (`DG101`). */
  id: string;
  severity: SeveritySetting;
  title: Msg;
  /** One paragraph: why this matters, shown in the hover over the diagnostic. */
  why: Msg;
  /**
   * The rule's page elsewhere: Docker's build-check page or hadolint's wiki. Our own DG rules have none (a link to a
   * site that does not exist would be a placeholder): docs/rules.md explains every rule, and diagnostics and hovers
   * link to it where the client can open it (RuleDocLink, common/src/ruleDocs.ts); this page is the fallback.
   */
  url?: string;
  /**
   * The rule judges each instruction by itself: what it finds on an instruction depends on that instruction's own
   * text alone (its arguments, flags, heredocs, RUN shell), never on other instructions, stages, variables or build
   * context files, and its findings' `data` holds no positions. Such a rule runs per chunk and its findings are kept
   * with the chunk (localRules.ts). Claiming this for a rule that looks further makes its findings go stale.
   */
  local?: true;
  check(ctx: RuleContext): Finding[];
  fix?(ctx: RuleContext, finding: Finding): Fix[];
}

export const SOURCE = 'dockerfile-guide';

/**
 * The link to a rule's explanation that the client can open (common/src/ruleDocs.ts): the host decides; `upstream`
 * is the rule's own page elsewhere (Rule.url), if it has one. Undefined: no link.
 */
export type RuleDocLink = (ruleId: string, upstream: string | undefined) => string | undefined;

/** Without a host that knows better: the rule's upstream page where it has one (Docker's, hadolint's), else none. */
export const UPSTREAM_RULE_DOCS: RuleDocLink = (_id, upstream) => upstream;

/**
 * One diagnostic as the extension reports it, before it is rendered in the user's language: a rule's finding
 * (rules/engine.ts), a dockerfile-utils problem (service/diagnostics.ts) or the binary-file notice.
 */
export interface GuideDiagnostic {
  range: Range;
  severity: DiagnosticSeverity;
  /** Rule id (`DL3008`, `JSONArgsRecommended`, `DG101`) or dockerfile-utils message key (`instructionCasing`). */
  code: string;
  message: Msg;
  source: typeof SOURCE;
  tags?: Diagnostic['tags'];
  href?: string;
  data?: Record<string, unknown>;
  /** The finding's place in a copied config file (Finding.inFile). */
  inFile?: FileSpan;
  /**
   * A diagnostic that stands for the same finding repeated on several RUN instructions (rules/grouping.ts): each
   * member's place and own message, in the document the diagnostic belongs to (LSP relatedInformation).
   */
  related?: RelatedPlace[];
}

/** One place a grouped diagnostic points at. */
export interface RelatedPlace {
  range: Range;
  message: Msg;
}
