/**
 * Diagnostics, hovers and quick fixes inside an nginx config file of the workspace (a site in sites-available, an
 * nginx.conf), not only on the Dockerfile line that copies it.
 *
 * Most of what is wrong with such a file depends on the image it lands in: which php-fpm the Dockerfile installs
 * (DG124), whether the build creates the certificate it names (DG127), whether an index file hides the listing
 * (DG128). So the file is checked through each Dockerfile that can COPY it (host/configLinks.ts finds them): the
 * config rules run on that Dockerfile with the editor's unsaved text standing in for the file, and their findings
 * that carry a place in this file (Finding.inFile) are shown here. A file that no Dockerfile copies into
 * /etc/nginx/ still gets the checks that need nothing else: misspelt directives (DG126) and `daemon` (DG104).
 */
import type { CodeAction, Diagnostic, DiagnosticSeverity, Position, Range } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fill, msg, plainLine, type Lang, type Msg } from '../../../common/src/i18n';
import { ruleSeverity, runRules, SEVERITY, type RuleOptions } from '../rules/engine';
import { ruleMarkdown } from '../rules/hover';
import { ruleById } from '../rules/registry';
import { nginxConfigs, daemonTypos } from '../rules/stack/nginxConfig';
import { directiveTypos } from '../rules/stack/nginxUnknownDirective';
import { SOURCE, UPSTREAM_RULE_DOCS, type FileSpan, type Rule, type RuleContext, type RuleDocLink } from '../rules/types';
import { withReplacement } from '../rules/stack/DG126-nginxUnknownDirective';
import { contains, type ParsedDocument } from './document';

/** The rules whose findings can sit in a copied nginx config file (they set Finding.inFile). */
const CONFIG_RULE_IDS = ['DG104', 'DG124', 'DG126', 'DG127', 'DG128'];

function configRules(): Rule[] {
  return CONFIG_RULE_IDS.map((id) => ruleById(id)).filter((r): r is Rule => !!r);
}

/** A Dockerfile that may copy the config file, parsed, with how its build context names the file. */
export interface LinkedDockerfile {
  doc: ParsedDocument;
  /** The config file's path relative to the Dockerfile's folder. */
  rel: string;
  readContextFile?: RuleContext['readContextFile'];
  contextEntries?: RuleContext['contextEntries'];
}

/** One finding in the config file, before it is rendered in the user's language. */
export interface ConfigDiagnostic {
  range: Range;
  severity: DiagnosticSeverity;
  code: string;
  message: Msg;
  /** The Dockerfile line that brings the file into the image (the COPY), when a Dockerfile does. */
  via?: { uri: string; range: Range; line: number; keyword: string };
  /** The quick fix, when one is safe: each edit with the text it replaces (it applies only while that is there). */
  fix?: { title: Msg; edits: { range: Range; newText: string; found: string }[] };
}

/** Offsets to positions over one text (its line starts are computed once, by TextDocument). */
function positions(text: string): (offset: number) => Position {
  const td = TextDocument.create('', 'nginx', 0, text);
  return (offset) => td.positionAt(offset);
}

/**
 * The rule messages name the file and line first (`srcs/default line 12: …`) because they are shown on the
 * Dockerfile; in the file itself that lead says nothing, so it is dropped.
 */
function withoutFileLead(m: Msg, rel: string): Msg {
  const lead = `\`${rel}\` `;
  const strip = (text: string) => {
    if (!text.startsWith(lead)) return text;
    const rest = text.slice(lead.length);
    const cut = rest.replace(/^(\d+번 줄|line \d+): /, '');
    return cut === rest ? text : cut;
  };
  return { ko: strip(m.ko), en: strip(m.en) };
}

export interface ConfigCheckOptions {
  rules?: RuleOptions['rules'];
  onRuleError?: RuleOptions['onRuleError'];
}

/** The findings in the config file `text` (at `uri`), through every Dockerfile that copies it, or on its own. */
export function configFileDiagnostics(text: string, linked: readonly LinkedDockerfile[], options: ConfigCheckOptions = {}): ConfigDiagnostic[] {
  const at = positions(text);
  const out: ConfigDiagnostic[] = [];
  const seen = new Set<string>();
  let copiedIntoNginx = false;
  const rules = configRules();
  for (const link of linked) {
    // The editor's text stands in for the file on disk, so the check follows typing before a save.
    const base = link.readContextFile;
    const readContextFile = (rel: string) => (rel === link.rel || rel === `./${link.rel}` ? text : (base?.(rel) ?? null));
    const ruleOptions: RuleOptions = { rules: options.rules, readContextFile, contextEntries: link.contextEntries, onRuleError: options.onRuleError };
    if (!nginxConfigs({ doc: link.doc, readContextFile, contextEntries: link.contextEntries }).some((c) => c.fileSpan(0, 0)?.path === link.rel)) continue;
    copiedIntoNginx = true;
    for (const d of runRules(link.doc, ruleOptions, rules)) {
      const span = d.inFile;
      if (!span || span.path !== link.rel) continue;
      // Two Dockerfiles copying the same file find the same thing: it is shown once, through the nearest.
      const key = `${d.code}@${span.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        range: { start: at(span.start), end: at(span.end) },
        severity: d.severity,
        code: d.code,
        message: withoutFileLead(d.message, link.rel),
        via: { uri: link.doc.uri, range: d.range, line: d.range.start.line + 1, keyword: link.doc.instructionAtLine(d.range.start.line)?.keyword ?? 'COPY' },
        fix: fixOf(span, text, at),
      });
    }
  }
  if (!copiedIntoNginx) out.push(...ownChecks(text, at, options));
  out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return out;
}

/** A rule's fix in the file, as ranges, each with the text it replaces when found. */
function fixOf(span: FileSpan | undefined, text: string, at: (offset: number) => Position): ConfigDiagnostic['fix'] {
  if (!span?.fix) return undefined;
  return { title: span.fix.title, edits: span.fix.edits.map((e) => ({ range: { start: at(e.start), end: at(e.end) }, newText: e.newText, found: text.slice(e.start, e.end) })) };
}

/** What the file shows by itself, with no Dockerfile to say where it lands: names nginx does not know. */
function ownChecks(text: string, at: (offset: number) => Position, options: ConfigCheckOptions): ConfigDiagnostic[] {
  const out: ConfigDiagnostic[] = [];
  const severityOf = (id: string): DiagnosticSeverity | null => {
    const rule = ruleById(id);
    const s = rule ? ruleSeverity(rule, { rules: options.rules }) : 'off';
    return s === 'off' ? null : SEVERITY[s];
  };
  const typo = severityOf('DG126');
  if (typo !== null) {
    for (const t of directiveTypos(text)) {
      const d = t.directive;
      out.push({
        range: { start: at(d.start), end: at(d.end) },
        severity: typo,
        code: 'DG126',
        message: msg(
          `\`${d.name}\` 지시어는 nginx에 없습니다(\`${t.meant}\` 지시어의 오타로 보입니다). nginx는 이 설정을 읽으면 시작하지 못하고 \`nginx: [emerg] unknown directive "${d.name}"\` 오류와 함께 종료 코드 1로 끝납니다`,
          `nginx has no \`${d.name}\` directive (a typo for \`${t.meant}\`?); reading this configuration, nginx does not start: \`nginx: [emerg] unknown directive "${d.name}"\`, exit code 1`,
        ),
        fix: fixOf(withReplacement({ path: '', start: d.start, end: d.end }, t.meant), text, at),
      });
    }
  }
  const daemon = severityOf('DG104');
  if (daemon !== null) {
    for (const d of daemonTypos(text)) {
      out.push({
        range: { start: at(d.start), end: at(d.end) },
        severity: daemon,
        code: 'DG104',
        message: msg(
          `\`daemon\`의 오타(\`${d.name}\`)가 있습니다. nginx는 이 설정을 읽으면 시작하지 못하고 \`nginx: [emerg] unknown directive "${d.name}"\` 오류와 함께 종료 코드 1로 끝납니다`,
          `\`${d.name}\` is a typo for \`daemon\`; reading this configuration, nginx does not start: \`nginx: [emerg] unknown directive "${d.name}"\`, exit code 1`,
        ),
        fix: fixOf(withReplacement({ path: '', start: d.start, end: d.end }, 'daemon'), text, at),
      });
    }
  }
  return out;
}

/** VS Code already prints the file and line in front of a related location's message. */
const VIA: Msg = { ko: '이 파일을 이미지에 넣는 {0}', en: 'the {0} that puts this file into the image' };

/**
 * Render for LSP in one language: the Dockerfile line that copies the file is a related location; the code links to
 * the rule's explanation where `docs` gives a link.
 */
export function toLspConfigDiagnostic(d: ConfigDiagnostic, lang: Lang, docs: RuleDocLink = UPSTREAM_RULE_DOCS): Diagnostic {
  const href = docs(d.code, ruleById(d.code)?.url);
  return {
    range: d.range,
    severity: d.severity,
    code: d.code,
    codeDescription: href ? { href } : undefined,
    source: SOURCE,
    message: plainLine(d.message, lang),
    relatedInformation: d.via
      ? [
          {
            location: { uri: d.via.uri, range: d.via.range },
            message: plainLine({ ko: fill(VIA.ko, [d.via.keyword]), en: fill(VIA.en, [d.via.keyword]) }, lang),
          },
        ]
      : undefined,
    // The fix travels in the diagnostic (the client sends it back with the code action request), rendered once.
    data: { rule: d.code, ...(d.fix ? { fix: { title: plainLine(d.fix.title, lang), edits: d.fix.edits } } : {}) },
  };
}

/** The hover over a finding in the config file: each rule's explanation, as on the Dockerfile. */
export function configFileHover(list: readonly ConfigDiagnostic[], pos: Position, lang: Lang, docs: RuleDocLink = UPSTREAM_RULE_DOCS): string | null {
  const ids = [...new Set(list.filter((d) => contains(d.range, pos)).map((d) => d.code))];
  const parts = ids.map((id) => ruleById(id)).filter((r): r is Rule => !!r).map((r) => ruleMarkdown(r, lang, docs));
  return parts.length ? parts.join('\n\n---\n\n') : null;
}

interface SentFix {
  title: string;
  edits: { range: Range; newText: string; found: string }[];
}

function isSentFix(x: unknown): x is SentFix {
  const f = x as SentFix | undefined;
  return !!f && typeof f.title === 'string' && Array.isArray(f.edits) && f.edits.every((e) => e && typeof e.newText === 'string' && typeof e.found === 'string' && !!e.range);
}

/** Quick fixes in the config file: each finding's safe fix, from the diagnostics the client sent back. */
/** The fix titles were rendered in the user's language with the diagnostics (toLspConfigDiagnostic). */
export function configFileCodeActions(uri: string, text: string, range: Range, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  let doc: TextDocument | null = null;
  for (const d of diagnostics) {
    const fix = (d.data as { fix?: unknown } | undefined)?.fix;
    if (!isSentFix(fix)) continue;
    if (!(contains(d.range, range.start) || contains(range, d.range.start))) continue;
    doc ??= TextDocument.create(uri, 'nginx', 0, text);
    // Each edit's text must still be what was found: a diagnostic left from before an edit gets no fix rather than a
    // wrong one.
    if (!fix.edits.every((e) => doc!.getText(e.range) === e.found)) continue;
    out.push({
      title: fix.title,
      kind: 'quickfix',
      diagnostics: [d],
      isPreferred: true,
      edit: { changes: { [uri]: fix.edits.map((e) => ({ range: e.range, newText: e.newText })) } },
    });
  }
  return out;
}

