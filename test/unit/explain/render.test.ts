import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ParsedDocument } from '../../../server/src/service/document';
import { effectiveCommand } from '../../../server/src/service/effectiveCommand';
import { argvLine, explainHover, explainJson, explainMarkdown, pickStage, quoteArg, simpleWords } from '../../../server/src/service/explain';
import { codeLenses, codeLensTitle, EXPLAIN_COMMAND } from '../../../server/src/service/codeLens';
import { runExplain } from '../../../server/src/cli/explain';

const HANGUL = /[\uac00-\ud7a3]/;
let n = 0;
const parse = (text: string) => new ParsedDocument(`file:///r${n++}/Dockerfile`, 1, text);
const lastEc = (text: string) => {
  const doc = parse(text);
  return effectiveCommand(doc, doc.stages[doc.stages.length - 1]);
};

describe('argv rendering', () => {
  it('quotes like a person writes a command line', () => {
    assert.equal(argvLine(['nginx', '-g', 'daemon off;']), 'nginx -g "daemon off;"');
    assert.equal(quoteArg(''), '""');
    assert.equal(quoteArg('echo "$HOME"'), `'echo "$HOME"'`);
    assert.equal(quoteArg("it's $x"), `'it'\\''s $x'`);
  });
  it('splits simple commands and refuses shell syntax', () => {
    assert.deepEqual(simpleWords('nginx -g "daemon off;"'), ['nginx', '-g', 'daemon off;']);
    assert.equal(simpleWords('a && b'), null);
    assert.equal(simpleWords('echo $HOME'), null);
    assert.equal(simpleWords('echo "$HOME"'), null);
    assert.equal(simpleWords('A=1 run'), null);
    assert.deepEqual(simpleWords("php-fpm7.3 -F -R 'x y'"), ['php-fpm7.3', '-F', '-R', 'x y']);
  });
});

describe('code lens', () => {
  it('sits on the effective CMD of the final stage and names the argv', () => {
    const doc = parse('FROM debian:bookworm AS build\nCMD ["x"]\nFROM debian:bookworm\nCMD ["a"]\nCMD ["nginx", "-g", "daemon off;"]\n');
    const lenses = codeLenses(doc, 'en', true);
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].range.start.line, 4);
    assert.equal(lenses[0].command!.title, '▶ docker run → nginx -g "daemon off;"');
    assert.equal(lenses[0].command!.command, EXPLAIN_COMMAND);
    assert.deepEqual(lenses[0].command!.arguments, [doc.uri, 1]);
    assert.deepEqual(codeLenses(doc, 'en', false), []);
  });
  it('goes on FROM when everything is inherited, and warns about a shell PID 1', () => {
    const doc = parse('FROM nginx:1.27\nRUN true\n');
    const [lens] = codeLenses(doc, 'ko');
    assert.equal(lens.range.start.line, 0);
    assert.equal(lens.command!.title, '▶ docker run → /docker-entrypoint.sh nginx -g "daemon off;"');
    const shell = lastEc('FROM debian:buster\nCMD service nginx start && tail -f /dev/null\n');
    assert.match(codeLensTitle(shell, 'ko'), /셸이 PID 1/);
    assert.match(codeLensTitle(shell, 'en'), /shell is PID 1/);
  });
  it('is honest about unknown and empty commands', () => {
    assert.match(codeLensTitle(lastEc('FROM acme/app\nCMD ["x"]\n'), 'en'), /\? \(base image config unknown\)/);
    assert.match(codeLensTitle(lastEc('FROM scratch\nCOPY a /\n'), 'ko'), /실행할 명령 없음/);
  });
  it('is empty for a document without FROM', () => {
    assert.deepEqual(codeLenses(parse('# nothing\n'), 'en'), []);
  });
});

describe('explainMarkdown', () => {
  const ft = 'FROM debian:buster\nRUN apt-get update\nENTRYPOINT service mysql start && bash\nCMD tail -f /dev/null\n';
  it('Korean: title, three runs, origins, table with the current cell, PID 1 warning', () => {
    const ec = lastEc(ft);
    const md = explainMarkdown(ec, 'ko');
    assert.match(md, /이 컨테이너가 실제로 실행하는 명령/);
    assert.match(md, /`docker run IMAGE` → `\/bin\/sh -c "service mysql start && bash" \/bin\/sh -c "tail -f \/dev\/null"`/);
    assert.match(md, /`docker run IMAGE arg1 arg2` → `\/bin\/sh -c "service mysql start && bash" arg1 arg2`/);
    assert.match(md, /`docker run --entrypoint sh IMAGE` → `sh`/);
    assert.match(md, /\*\*▶ `\/bin\/sh -c "e1 e2" \/bin\/sh -c "c1 c2"`/);
    assert.match(md, /셸이 PID 1입니다/);
    assert.match(md, /SIGTERM/);
    assert.match(md, /docker stop/);
    assert.match(md, /\$0/);
    assert.equal((md.match(/▶/g) ?? []).length, 2, 'one marked cell plus the legend');
    assert.ok(!/What this container/.test(md));
  });
  it('English and both', () => {
    const ec = lastEc(ft);
    const en = explainMarkdown(ec, 'en');
    assert.match(en, /What this container actually runs/);
    assert.ok(!HANGUL.test(en), 'no Korean in English');
    const both = explainMarkdown(ec, 'both');
    assert.ok(both.indexOf('이 컨테이너가') < both.indexOf('What this container'));
  });
  it('suggests the exact exec form for a simple shell-form CMD', () => {
    const md = explainMarkdown(lastEc('FROM debian:buster\nCMD nginx -g "daemon off;"\n'), 'en');
    assert.match(md, /`CMD \["nginx", "-g", "daemon off;"\]`/);
  });
  it('no PID 1 warning for exec form or `exec` in shell form', () => {
    assert.ok(!/The shell is PID 1/.test(explainMarkdown(lastEc('FROM debian\nCMD ["nginx"]\n'), 'en')));
    assert.ok(!/The shell is PID 1/.test(explainMarkdown(lastEc('FROM debian\nCMD exec nginx -g "daemon off;"\n'), 'en')));
  });
  it('explains the reset of an inherited CMD and overridden instructions', () => {
    const doc = parse('FROM php:8.3-fpm\nCMD ["a"]\nCMD ["b"]\nFROM php:8.3-fpm\nENTRYPOINT ["/start.sh"]\n');
    const reset = explainMarkdown(effectiveCommand(doc, doc.stages[1]), 'ko');
    assert.match(reset, /5번 줄의 ENTRYPOINT가 베이스 이미지 `php:8\.3-fpm`에서 물려받은 CMD\(`\["php-fpm"\]`\)를 지웠습니다/);
    const hover = explainHover(doc, doc.stages[0].instructions[1], 'en')!;
    assert.match(hover, /This CMD has no effect: the CMD on line 3 replaces it/);
  });
  it('shows the origin of inherited parts', () => {
    const md = explainMarkdown(lastEc('FROM nginx:1.27 AS web\nCMD ["nginx", "-g", "daemon off;"]\nFROM web\n'), 'ko');
    assert.match(md, /\*\*ENTRYPOINT\*\* `\["\/docker-entrypoint.sh"\]` — 베이스 이미지 `nginx:1.27` \(공식 이미지 Dockerfile을 바탕으로 한 내장 표의 값\)/);
    assert.match(md, /\*\*CMD\*\* .* — 스테이지 `web`의 2번 줄 \(FROM으로 물려받음\)/);
  });
  it('says unknown honestly, with the guess if there is no ENTRYPOINT', () => {
    const md = explainMarkdown(lastEc('FROM acme/app:1\nCMD ["serve", "--port", "80"]\n'), 'en');
    assert.match(md, /`docker run IMAGE` → unknown/);
    assert.match(md, /If the base image has no ENTRYPOINT, `serve --port 80` runs/);
    assert.match(md, /\? /);
  });
  it('hover: CMD/ENTRYPOINT of any stage, FROM only of the final stage', () => {
    const doc = parse('FROM debian AS a\nCMD ["x"]\nFROM a\nRUN true\n');
    const [from0, cmd0] = doc.stages[0].instructions;
    const [from1, run1] = doc.stages[1].instructions;
    assert.match(explainHover(doc, cmd0, 'en')!, /this line/);
    assert.equal(explainHover(doc, from0, 'en'), null);
    assert.match(explainHover(doc, from1, 'en')!, /line 2 of stage `a`/);
    assert.equal(explainHover(doc, run1, 'en'), null);
  });
  it('pickStage by name, index or default', () => {
    const doc = parse('FROM debian AS Build\nFROM debian\n');
    assert.equal(pickStage(doc)!.index, 1);
    assert.equal(pickStage(doc, 'build')!.index, 0);
    assert.equal(pickStage(doc, '0')!.index, 0);
    assert.equal(pickStage(doc, 'nope'), undefined);
  });
});

describe('CLI explain', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-explain-cli-'));
  const file = path.join(dir, 'Dockerfile');
  fs.writeFileSync(file, 'FROM debian:buster AS base\nCMD ["bash"]\nFROM base AS web\nENTRYPOINT ["/start.sh"]\nCMD ["nginx", "-g", "daemon off;"]\n');
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runExplain(argv, { out: (s) => out.push(s), err: (s) => err.push(s) }, 'en');
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  it('JSON for the final stage', async () => {
    const r = await run(file, '--format', 'json', '--no-engine');
    assert.equal(r.code, 0);
    const j = JSON.parse(r.out);
    assert.equal(j.stage, 'web');
    assert.deepEqual(j.entrypoint, ['/start.sh']);
    assert.deepEqual(j.cmd, ['nginx', '-g', 'daemon off;']);
    assert.deepEqual(j.argv, ['/start.sh', 'nginx', '-g', 'daemon off;']);
    assert.deepEqual(j.origins.map((o: { part: string; line: number }) => `${o.part}@${o.line}`), ['entrypoint@4', 'cmd@5', 'cmd@5', 'cmd@5']);
    assert.deepEqual(j.runWithArgs, ['/start.sh', 'arg1', 'arg2']);
  });
  it('--stage and --lang', async () => {
    const r = await run(file, '--stage', 'base', '--lang', 'ko', '--no-engine');
    assert.equal(r.code, 0);
    assert.match(r.out, /이 컨테이너가 실제로 실행하는 명령/);
    assert.match(r.out, /`docker run IMAGE` → `bash`/);
  });
  it('usage errors exit 2', async () => {
    assert.equal((await run()).code, 2);
    assert.equal((await run(file, '--stage', 'nope')).code, 2);
    assert.equal((await run(path.join(dir, 'missing'))).code, 2);
    assert.equal((await run(file, '--format', 'xml')).code, 2);
    const r = await run(file, '--stage', 'nope', '--lang', 'ko');
    assert.match(r.err, /스테이지를 찾을 수 없습니다: nope \(있는 스테이지: base, web\)/);
  });
  it('explainJson marks unknown parts', () => {
    const j = explainJson(lastEc('FROM acme/app\nCMD ["x"]\n'));
    assert.deepEqual(j.unknown, ['entrypoint']);
    assert.equal(j.argv, null);
    assert.deepEqual(j.cmd, ['x']);
  });
});
