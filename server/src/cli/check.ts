/**
 * `dockerfile-guide check`: the language server's diagnostics in a terminal or CI, from the same service code.
 * Text like a compiler (`file:line:col: severity code message`, the severity in the chosen language), JSON, or
 * SARIF 2.1.0 for code scanning.
 * Every file is checked even when one fails; exit 0 with no errors, 1 with any error, 2 for bad usage or a file
 * that could not be read.
 */
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { fillMsg, Lang, line, perLang, pick, plainLine } from '../../../common/src/i18n';
import { listInside, readInside } from '../host/contextFiles';
import { looksBinary } from '../service/binary';
import { checkDocument } from '../service/check';
import { ParsedDocument } from '../service/document';
import type { GuideDiagnostic, RuleContext, SeveritySetting } from '../rules/types';
import { ALL_RULES } from '../rules/registry';
import { oneOf, parseArgs, UsageError, usageErrorExit } from './args';
import { CLI, SEVERITY } from './messages';

const SEVERITY_NAME = ['', 'error', 'warning', 'info', 'hint'] as const;
const RULE_SEVERITIES = ['off', 'hint', 'info', 'warning', 'error'];

export interface CheckRow {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'info' | 'hint';
  code: string;
  message: string;
  source: string;
  /**
   * For one problem repeated on several RUNs (rules/grouping.ts), reported once: each place with its own message.
   * Absent otherwise.
   */
  related?: { line: number; column: number; message: string }[];
}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

/**
 * Checks one file's text; `file` is what the output names it. `readContext` and `listContext` read and list its
 * build context (absent for stdin).
 */
export function checkText(
  file: string,
  text: string,
  rules: Record<string, SeveritySetting>,
  lang: Lang,
  readContext?: (rel: string) => string | null,
  listContext?: RuleContext['contextEntries'],
): CheckRow[] {
  const doc = new ParsedDocument(pathToFileURL(path.resolve(file)).href, 1, text);
  return checkDocument(doc, { rules, readContextFile: readContext, contextEntries: listContext }).map((d) => ({
    file,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: SEVERITY_NAME[d.severity] as CheckRow['severity'],
    code: d.code,
    // The same plain text the Problems panel shows: a terminal renders no Markdown either.
    message: plainLine(d.message, lang),
    source: d.source,
    ...(d.related ? { related: d.related.map((r) => ({ line: r.range.start.line + 1, column: r.range.start.character + 1, message: plainLine(r.message, lang) })) } : {}),
  }));
}

export function runCheck(argv: string[], io: Io, defaultLang: Lang): number {
  let lang = defaultLang;
  try {
    const args = parseArgs(argv, ['lang', 'format', 'rule']);
    lang = oneOf(args, 'lang', ['ko', 'en', 'both'], defaultLang) as Lang;
    const format = oneOf(args, 'format', ['text', 'json', 'sarif'], 'text');
    const rules: Record<string, SeveritySetting> = {};
    for (const r of args.options.get('rule') ?? []) {
      const m = /^([A-Za-z0-9_-]+)=(\w+)$/.exec(r);
      if (!m || !RULE_SEVERITIES.includes(m[2])) throw new UsageError(fillMsg(CLI.badRule, r));
      rules[m[1]] = m[2] as SeveritySetting;
    }
    if (args.positionals.length === 0) throw new UsageError(CLI.noFiles);

    const rows: CheckRow[] = [];
    let unreadable = false;
    // A folder argument stands for the Dockerfiles under it (see findDockerfiles), checked like named files.
    const files: string[] = [];
    for (const arg of args.positionals) {
      let isDir = false;
      try {
        isDir = arg !== '-' && fs.statSync(arg).isDirectory();
      } catch {
        // Missing or unreadable: reported below when it is read, like any file.
      }
      if (!isDir) {
        files.push(arg);
        continue;
      }
      const found = findDockerfiles(arg, (dir, code) => {
        io.err(line(fillMsg(CLI.unreadable, dir, code), lang));
        unreadable = true;
      });
      if (found.length === 0) {
        io.err(line(fillMsg(CLI.noDockerfiles, arg), lang));
        unreadable = true;
      }
      files.push(...found);
    }
    for (const file of files) {
      let text: string;
      try {
        if (file === '-') text = fs.readFileSync(0, 'utf8');
        else {
          if (fs.statSync(file).isDirectory()) {
            io.err(line(fillMsg(CLI.isDirectory, file), lang));
            unreadable = true;
            continue;
          }
          text = fs.readFileSync(file, 'utf8');
        }
      } catch (e) {
        io.err(line(fillMsg(CLI.unreadable, file, (e as NodeJS.ErrnoException).code ?? String(e)), lang));
        unreadable = true;
        continue;
      }
      if (looksBinary(text)) {
        io.err(line(fillMsg(CLI.binary, file), lang));
        unreadable = true;
        continue;
      }
      try {
        const dir = file === '-' ? undefined : path.dirname(path.resolve(file));
        rows.push(
          ...checkText(file, text, rules, lang, dir ? (rel) => readInside(dir, rel) : undefined, dir ? (rel) => listInside(dir, rel) : undefined),
        );
      } catch (e) {
        // A crash on one file is reported and the others are still checked.
        io.err(line(fillMsg(CLI.crashed, file, String((e as Error).message ?? e)), lang));
        unreadable = true;
      }
    }

    if (format === 'json') io.out(JSON.stringify(rows, null, 2));
    else if (format === 'sarif') io.out(JSON.stringify(toSarif(rows, lang), null, 2));
    else {
      for (const r of rows) {
        io.out(`${r.file}:${r.line}:${r.column}: ${severityWord(r.severity, lang)} ${r.code} ${r.message}`);
        // A grouped finding whose places say different things (different packages): each place as `line:col:`,
        // indented and without the file name, so a tool reading `file:line:col:` lines still sees the finding once.
        // Places that all say the same are named by the message already.
        const notes = r.related ?? [];
        if (notes.some((n) => n.message !== notes[0].message)) for (const n of notes) io.out(`    ${n.line}:${n.column}: ${n.message}`);
      }
      const count = (s: string) => rows.filter((r) => r.severity === s).length;
      io.err(line(fillMsg(CLI.summary, files.length, count('error'), count('warning'), count('info'), count('hint')), lang));
    }
    if (unreadable) return 2;
    return rows.some((r) => r.severity === 'error') ? 1 : 0;
  } catch (e) {
    return usageErrorExit(e, (text) => io.err(text), lang);
  }
}

/**
 * The severity in the text format: one word, so `file:line:col: severity code message` stays one field each.
 * In `both`, `오류/error`; JSON and SARIF keep the English names, which are part of their schema.
 */
export function severityWord(severity: CheckRow['severity'], lang: Lang): string {
  const m = SEVERITY[severity];
  return perLang(lang, (l) => pick(m, l), '/');
}

/** File names the extension treats as Dockerfiles (package.json `languages`), for folder arguments. */
const DOCKERFILE_NAME = /^(?:(?:Dockerfile|Containerfile)(?:\..+)?|dockerfile|.+\.(?:dockerfile|Dockerfile))$/;
/** Folders a project's Dockerfiles are never in, and that can be huge. */
const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

/**
 * The Dockerfiles under a folder, sorted, recursively. Symlinks are listed when their name matches (a dangling one
 * is then reported as unreadable, like any file) but symlinked folders are not entered, so a link loop cannot make
 * the walk endless. A subfolder that cannot be listed is reported through `onError` and skipped.
 */
export function findDockerfiles(root: string, onError: (dir: string, code: string) => void): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      onError(dir, (e as NodeJS.ErrnoException).code ?? String(e));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name)) walk(p);
      } else if (DOCKERFILE_NAME.test(e.name)) out.push(p);
    }
  };
  walk(root);
  return out;
}

/** SARIF 2.1.0: one run, our rules as the tool's rule descriptors. */
export function toSarif(rows: CheckRow[], lang: Lang): unknown {
  const level = (s: CheckRow['severity']) => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');
  const ruleIds = [...new Set(rows.map((r) => r.code))];
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'dockerfile-guide',
            rules: ruleIds.map((id) => {
              const rule = ALL_RULES.find((r) => r.id === id);
              return {
                id,
                shortDescription: rule ? { text: line(rule.title, lang) } : undefined,
                fullDescription: rule ? { text: line(rule.why, lang) } : undefined,
                helpUri: rule?.url,
              };
            }),
          },
        },
        results: rows.map((r) => ({
          ruleId: r.code,
          ruleIndex: ruleIds.indexOf(r.code),
          level: level(r.severity),
          message: { text: r.message },
          relatedLocations: r.related?.map((n, id) => ({
            id,
            message: { text: n.message },
            physicalLocation: { artifactLocation: { uri: r.file.split(path.sep).join('/') }, region: { startLine: n.line, startColumn: n.column } },
          })),
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: r.file.split(path.sep).join('/') },
                region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
}
