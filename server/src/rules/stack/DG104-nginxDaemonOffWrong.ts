/**
 * DG104: `daemon off` misspelt, passed unquoted in shell form (`nginx -g daemon off;` gives nginx a stray `off`
 * argument and the shell eats the `;`), or without its `;` (nginx refuses an unterminated directive).
 *
 * A misspelling is any name one or two edits from `daemon` (`deamon`, `dameon`, `daemno`, `demon`, `daemonn`,
 * `Daemon`; see nginxConfig.isDaemonTypo), in a `-g` value or in nginx configuration the Dockerfile writes (echo/printf into
 * /etc/nginx/, a COPY heredoc, or a build-context file copied there). nginx does not daemonize then: it stops at
 * `[emerg] unknown directive "dameon"` with exit code 1.
 */
import type { Range } from 'vscode-languageserver-types';
import { msg } from '../../../../common/src/i18n';
import type { Finding, Rule } from '../types';
import type { ParsedDocument } from '../../service/document';
import { instrShell, wordRange } from '../../service/shell/binding';
import type { Word } from '../../service/shell/lexer';
import { daemonTypos, isDaemonTypo, nginxConfigs } from './nginxConfig';
import { withReplacement } from './DG126-nginxUnknownDirective';
import { edit } from '../helpers/edits';

const KINDS = ['RUN', 'CMD', 'ENTRYPOINT'];

export const DG104: Rule = {
  id: 'DG104',
  severity: 'warning',
  title: msg("nginx의 `daemon off;` 인자가 잘못되었습니다", "nginx's `daemon off;` argument is wrong"),
  why: msg(
    "nginx를 포그라운드로 실행하려면 `-g` 뒤에 `'daemon off;'` 전체를 하나의 인자로 넘겨야 합니다. `deamon`, `dameon`, `demon`처럼 철자가 조금이라도 틀리면(설정 파일 안에서도) nginx는 데몬이 되기는커녕 아예 시작하지 않습니다. `[emerg] unknown directive \"dameon\"` 오류를 내고 종료 코드 1로 끝납니다. 셸 형식에서 따옴표 없이 `nginx -g daemon off;`처럼 쓰면 셸이 `;`을 명령 구분자로 받아들이고 `off`는 별도 인자가 되어 nginx가 종료됩니다. `;`이 빠져도 nginx는 지시어가 끝나지 않았다며 거부합니다.",
    "To keep nginx in the foreground, pass `'daemon off;'` as one argument after `-g`. With any misspelling such as `deamon`, `dameon` or `demon` (in a config file too), nginx does not even get as far as daemonizing: it refuses to start with `[emerg] unknown directive \"dameon\"` and exits with code 1. Unquoted in shell form, `nginx -g daemon off;` lets the shell take `;` as a separator and hands nginx a stray `off` argument, so it exits. Without the `;`, nginx rejects the unterminated directive.",
  ),
  check(ctx) {
    const { doc } = ctx;
    const out: Finding[] = [];
    for (const ins of doc.instructions) {
      if (!KINDS.includes(ins.keyword)) continue;
      // RUN is by far the most common: look at its cached shell text first, and skip it unless nginx appears.
      if (ins.keyword === 'RUN') {
        const sh = instrShell(ins);
        if (!sh || !sh.source.text.includes('nginx')) continue;
      }
      const json = ins.jsonStrings();
      if (json) {
        // `["nginx", "-g", …]`, `["/start.sh", "nginx", "-g", …]`, or `CMD ["-g", …]` as the arguments of an nginx
        // ENTRYPOINT: a `-g` after an nginx word, or first.
        {
          let nginx = json[0]?.value === '-g';
          for (let k = 0; k + 1 < json.length; k++) {
            if (isNginx(json[k].value)) nginx = true;
            if (!nginx || json[k].value !== '-g') continue;
            const g = json[k + 1];
            const typos = daemonTypos(g.value);
            if (typos.length) {
              out.push({ range: g.range, message: typoMessage(g.value, typos[0].name), data: { replacement: jsonText(doc, g.range, fixTypos(g.value)) } });
            } else if (/^\s*daemon\s+off\s*$/.test(g.value)) {
              out.push({
                range: g.range,
                message: msg(`\`${g.value}\` 끝에 세미콜론(\`;\`)이 없어 nginx가 시작하지 않습니다`, `\`${g.value}\` lacks its \`;\`, so nginx will not start`),
                data: { replacement: jsonText(doc, g.range, 'daemon off;') },
              });
            }
          }
        }
        if (!instrShell(ins)) continue;
      }
      const sh = instrShell(ins);
      if (!sh) continue;
      for (const c of sh.all) {
        if (!isNginx(c.name)) continue;
        const ws = c.words;
        for (let k = 1; k < ws.length - 1; k++) {
          if (ws[k].value !== '-g') continue;
          const v = ws[k + 1];
          const next = ws[k + 2];
          const bare = v.value === 'daemon' || isDaemonTypo(v.value);
          if (bare && next && /^off;?$/.test(next.value)) {
            out.push({
              range: { start: wordRange(doc, v).start, end: rangeEndAfterSemicolon(doc, next) },
              message:
                v.value === 'daemon'
                  ? msg(
                      `\`-g ${v.value} ${next.value}\` 부분을 따옴표로 묶어야 합니다: 지금은 nginx가 \`off\`를 별도 인자로 받습니다`,
                      `Quote \`-g ${v.value} ${next.value}\`: as written, nginx gets \`off\` as a separate argument`,
                    )
                  : msg(
                      `\`-g ${v.value} ${next.value}\`: \`daemon\`의 오타(\`${v.value}\`)가 있고 따옴표도 없어서, nginx가 \`off\`를 별도 인자로 받습니다. nginx는 시작하지 못하고 종료 코드 1로 끝납니다`,
                      `\`-g ${v.value} ${next.value}\`: \`${v.value}\` is a typo for \`daemon\`, and unquoted, nginx gets \`off\` as a separate argument; nginx does not start and exits with code 1`,
                    ),
              data: { replacement: "'daemon off;'" },
            });
            continue;
          }
          const typos = daemonTypos(v.value);
          if (typos.length) {
            out.push({ range: wordRange(doc, v), message: typoMessage(v.value, typos[0].name), data: { replacement: `'${fixTypos(v.value)}'` } });
          } else if (/^\s*daemon\s+off\s*$/.test(v.value)) {
            out.push({
              range: wordRange(doc, v),
              message: msg(`\`${v.value}\` 끝에 세미콜론(\`;\`)이 없어 nginx가 시작하지 않습니다`, `\`${v.value}\` lacks its \`;\`, so nginx will not start`),
              data: { replacement: "'daemon off;'" },
            });
          }
        }
      }
    }
    // nginx configuration the Dockerfile writes: in the Dockerfile itself (fixable in place) or in a context file.
    for (const conf of nginxConfigs(ctx)) {
      for (const t of daemonTypos(conf.text)) {
        const at = conf.rangeOf(t.start, t.end);
        const exact = at ? nameRange(doc, at, t.name) : null;
        const fileLine = conf.file ? conf.lineOf(t.start) : 0;
        out.push({
          range: exact ?? at ?? conf.anchor,
          inFile: withReplacement(conf.fileSpan(t.start, t.end), 'daemon'),
          message: conf.file
            ? msg(
                `\`${conf.file}\` ${fileLine}번 줄: \`daemon\`의 오타(\`${t.name}\`)가 있습니다. 이 설정(\`${conf.dest}\`)을 읽는 nginx는 시작하지 못하고 \`[emerg] unknown directive "${t.name}"\` 오류와 함께 종료 코드 1로 끝납니다`,
                `\`${conf.file}\` line ${fileLine}: \`${t.name}\` is a typo for \`daemon\`; nginx reading this configuration (\`${conf.dest}\`) does not start: \`[emerg] unknown directive "${t.name}"\`, exit code 1`,
              )
            : msg(
                `\`daemon\`의 오타(\`${t.name}\`)가 있습니다. 이 설정(\`${conf.dest}\`)을 읽는 nginx는 시작하지 못하고 \`[emerg] unknown directive "${t.name}"\` 오류와 함께 종료 코드 1로 끝납니다`,
                `\`${t.name}\` is a typo for \`daemon\`; nginx reading this configuration (\`${conf.dest}\`) does not start: \`[emerg] unknown directive "${t.name}"\`, exit code 1`,
              ),
          data: exact ? { replacement: 'daemon' } : undefined,
        });
      }
    }
    out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    return out;
  },
  fix(_ctx, finding) {
    const r = finding.data?.replacement;
    if (typeof r !== 'string') return [];
    // The particle follows how the text ends when read: "daemon" (데몬) takes 으로, "…off;'" (오프) takes 로.
    return [{ title: msg(`${r}${r.endsWith('daemon') ? '으로' : '로'} 고치기`, `Change to ${r}`), edits: [edit(finding.range, r)], preferred: true }];
  },
};

function isNginx(name: string): boolean {
  return /(^|\/)nginx$/.test(name);
}

/** The message for a `-g` value with a misspelt `daemon`: what nginx really does with it. */
function typoMessage(value: string, name: string) {
  return msg(
    `\`${value}\`: \`daemon\`의 오타(\`${name}\`)가 있습니다. nginx는 데몬이 되기는커녕 아예 시작하지 못하고 \`[emerg] unknown directive "${name}"\` 오류와 함께 종료 코드 1로 끝납니다`,
    `\`${value}\`: \`${name}\` is a typo for \`daemon\`; nginx does not start at all: it stops with \`[emerg] unknown directive "${name}"\` and exit code 1`,
  );
}

/** `value` with every misspelt `daemon` directive spelt right. */
function fixTypos(value: string): string {
  let out = value;
  for (const t of daemonTypos(value).reverse()) out = out.slice(0, t.start) + 'daemon' + out.slice(t.end);
  return out;
}

/** Inside `range` (a word as written, quotes and all), the range of `name` itself; null when it is not there as written. */
function nameRange(doc: ParsedDocument, range: Range, name: string): Range | null {
  const text = doc.getText(range);
  // Preceded by a non-letter, or by a `\n`/`\t` escape of printf or `echo -e`.
  const re = new RegExp(`(^|[^A-Za-z_]|\\\\[nt])(${name})(?![A-Za-z_])`);
  const m = re.exec(text);
  if (!m) return null;
  const start = doc.offsetAt(range.start) + m.index + m[1].length;
  return { start: doc.positionAt(start), end: doc.positionAt(start + name.length) };
}


/** In `nginx -g daemon off;` the `;` is an operator right after `off`: include it in the replaced range. */
function rangeEndAfterSemicolon(doc: ParsedDocument, w: Word) {
  const end = doc.positionAt(w.end);
  if (w.value.endsWith(';')) return end;
  const lineText = doc.lineText(end.line);
  return lineText[end.character] === ';' ? { line: end.line, character: end.character + 1 } : end;
}

/** The JSON string as it must be written over `range` (which may or may not include the quotes). */
function jsonText(doc: ParsedDocument, range: Range, value: string): string {
  const q = JSON.stringify(value);
  return doc.getText(range).startsWith('"') ? q : q.slice(1, -1);
}
