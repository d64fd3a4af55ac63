import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ParsedDocument } from '../../server/src/service/document';
import { aptGetInvocations } from '../../server/src/rules/helpers/apt';
import { argv, lastForegroundCommand, simpleCommands } from '../../server/src/service/shell/commands';
import { instrShell, wordRange } from '../../server/src/service/shell/binding';

const names = (text: string) => simpleCommands(text).map((c) => c.name);

describe('shell model: commands and connectors', () => {
  it('splits on && || ; | & and newlines, keeping the connectors', () => {
    const cmds = simpleCommands('a 1 && b || c; d | e & f\ng');
    assert.deepEqual(cmds.map((c) => c.name), ['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    assert.deepEqual(cmds.map((c) => c.after), ['&&', '||', ';', '|', '&', '\n', null]);
    assert.deepEqual(cmds.map((c) => c.background), [false, false, false, true, true, false, false]);
    assert.equal(cmds[3].inPipeline, true);
    assert.equal(cmds[2].inPipeline, false);
  });

  it('keeps quoted operators inside words', () => {
    const cmds = simpleCommands(`echo "a && b" 'c; d' e\\;f`);
    assert.equal(cmds.length, 1);
    assert.deepEqual(argv(cmds[0]), ['echo', 'a && b', 'c; d', 'e;f']);
  });

  it('keeps $(...) and backticks whole', () => {
    const cmds = simpleCommands('X=$(ls | wc -l) echo `date; true` "$(a && b)"');
    assert.equal(cmds.length, 1);
    assert.equal(cmds[0].assignments[0].value, 'X=$(ls | wc -l)');
    assert.deepEqual(argv(cmds[0]), ['echo', '`date; true`', '$(a && b)']);
    assert.equal(cmds[0].words[2].dynamic, true);
  });

  it('strips wrappers: exec, sudo -u, env X=1, nohup', () => {
    const cmds = simpleCommands('exec sudo -u www-data env -i A=1 B=2 nohup nginx -g "daemon off;"');
    assert.equal(cmds[0].name, 'nginx');
    assert.deepEqual(cmds[0].wrappers, ['exec', 'sudo', 'env', 'nohup']);
    assert.deepEqual(cmds[0].assignments.map((w) => w.value), ['A=1', 'B=2']);
    assert.deepEqual(argv(cmds[0]), ['nginx', '-g', 'daemon off;']);
  });

  it('recurses into sh -c and bash -ec with mapped offsets', () => {
    const text = `bash -ec 'apt-get update && apt-get install -y x'`;
    const cmds = simpleCommands(text);
    assert.deepEqual(cmds.map((c) => c.name), ['bash', 'apt-get', 'apt-get']);
    const inner = cmds[2];
    assert.equal(inner.depth, 1);
    assert.equal(text.slice(inner.words[0].start, inner.words[0].end), 'apt-get');
    assert.equal(text.slice(inner.words[3].start, inner.words[3].end), 'x');
  });

  it('skips comments, compound keywords and function bodies', () => {
    const script = [
      '#!/bin/bash',
      'start() { service nginx start; }',
      'if [ -f /x ]; then',
      '  echo yes # trailing comment',
      'else echo no; fi',
      'for f in a b c; do touch $f; done',
      'case "$1" in',
      '  on) sed -i s/off/on/ x ;;',
      '  *) echo usage ;;',
      'esac',
      'while true; do sleep 1; done',
    ].join('\n');
    const cmds = simpleCommands(script);
    assert.deepEqual(cmds.map((c) => c.name), ['service', '[', 'echo', 'echo', 'touch', 'sed', 'echo', 'true', 'sleep']);
    assert.deepEqual(cmds[0].context, ['function']);
    const last = lastForegroundCommand(cmds)!;
    assert.equal(last.name, 'sleep');
    assert.equal(last.loopCondition, 'while true');
  });

  it('skips heredoc bodies in scripts', () => {
    const cmds = simpleCommands('mysql -u root <<EOF\nCREATE DATABASE wp;\nbash\nEOF\nnginx -g "daemon off;"\n');
    assert.deepEqual(cmds.map((c) => c.name), ['mysql', 'nginx']);
    assert.equal(cmds[0].redirects[0].op, '<<');
  });

  it('ignores redirections and IO numbers as arguments', () => {
    const c = simpleCommands('wget -q x > /dev/null 2>&1')[0];
    assert.deepEqual(argv(c), ['wget', '-q', 'x']);
    assert.deepEqual(c.redirects.map((r) => r.op), ['>', '>&']);
  });
});

describe('shell model: lastForegroundCommand', () => {
  it('skips a background list and follows `& wait`', () => {
    const last = lastForegroundCommand(simpleCommands('/bin/bash ./db.sh && sleep infinity & wait'))!;
    assert.equal(last.name, 'sleep');
    assert.deepEqual(argv(last), ['sleep', 'infinity']);
  });
  it('a trailing & leaves no foreground command', () => {
    assert.equal(lastForegroundCommand(simpleCommands('service mysql start && nginx &')), null);
  });
  it('ignores trailing assignments-only lines and follows sh -c', () => {
    const last = lastForegroundCommand(simpleCommands(`sh -c 'service nginx start && bash'`))!;
    assert.equal(last.name, 'bash');
    assert.equal(last.depth, 1);
  });
});

describe('shell model: apt-get', () => {
  const apt = (t: string) => aptGetInvocations(simpleCommands(t));
  it('finds subcommand, packages and -y in any position', () => {
    const [a, b, c, d] = apt('apt-get update && apt-get -qq install nginx && apt-get install --yes php && apt-get install curl -y');
    assert.equal(a.subcommand!.value, 'update');
    assert.equal(b.subcommand!.value, 'install');
    assert.deepEqual(b.packages.map((w) => w.value), ['nginx']);
    assert.equal(b.yes, true, '-qq implies -y');
    assert.equal(c.yes, true);
    assert.equal(d.yes, true, '-y after the package list');
    assert.deepEqual(d.packages.map((w) => w.value), ['curl']);
  });
  it('does not take -u or -q as yes; -o values are not packages', () => {
    const [a, b] = apt('apt-get upgrade -u && apt-get -q -o Dpkg::Options::=--force-confold install x');
    assert.equal(a.yes, false);
    assert.equal(b.yes, false);
    assert.deepEqual(b.packages.map((w) => w.value), ['x']);
  });
  it('accepts yes | apt-get and --no-install-recommends', () => {
    const [a] = apt('yes | apt-get install --no-install-recommends x');
    assert.equal(a.yes, true);
    assert.equal(a.noInstallRecommends, true);
  });
});

describe('shell model: instructions', () => {
  it('maps words across line continuations and skips comment lines inside them', () => {
    const text = 'FROM debian\nRUN apt-get update \\\n# a comment\n    && apt-get install -y \\\n      nginx\n';
    const doc = new ParsedDocument('file:///x/Dockerfile', 1, text);
    const sh = instrShell(doc.instructions[1])!;
    assert.deepEqual(sh.all.map((c) => c.name), ['apt-get', 'apt-get']);
    const nginx = sh.all[1].words[3];
    assert.equal(nginx.value, 'nginx');
    assert.deepEqual(wordRange(doc, nginx), { start: { line: 4, character: 6 }, end: { line: 4, character: 11 } });
  });

  it('reads the heredoc body of RUN <<EOF as the script', () => {
    const text = 'FROM debian\nRUN <<EOF\nset -eux\napt-get update\napt-get install -y nginx\nEOF\n';
    const doc = new ParsedDocument('file:///x/Dockerfile', 1, text);
    const sh = instrShell(doc.instructions[1])!;
    assert.equal(sh.fromHeredoc, true);
    assert.deepEqual(sh.all.map((c) => c.name), ['set', 'apt-get', 'apt-get']);
    assert.equal(wordRange(doc, sh.all[2].words[3]).start.line, 4);
  });

  it('parses exec-form ["sh", "-c", "..."] and returns null for other exec forms', () => {
    const text = 'FROM debian\nCMD ["sh", "-c", "service mysql start && nginx -g \\"daemon off;\\""]\nENTRYPOINT ["nginx"]\n';
    const doc = new ParsedDocument('file:///x/Dockerfile', 1, text);
    const sh = instrShell(doc.instructions[1])!;
    assert.deepEqual(sh.all.map((c) => c.name), ['service', 'nginx']);
    assert.deepEqual(argv(sh.all[1]), ['nginx', '-g', 'daemon off;']);
    assert.equal(doc.getText(wordRange(doc, sh.all[1].words[0])), 'nginx');
    assert.equal(instrShell(doc.instructions[2]), null);
  });

  it('keeps offsets right when an unchanged instruction moves', () => {
    const a = new ParsedDocument('file:///x/Dockerfile', 1, 'FROM debian\nRUN echo hi && apt-get install x\n');
    const w1 = instrShell(a.instructions[1])!.all[1].words[0];
    assert.equal(a.getText(wordRange(a, w1)), 'apt-get');
    const b = new ParsedDocument('file:///x/Dockerfile', 2, '# c\n\nFROM debian\nRUN echo hi && apt-get install x\n', a);
    const w2 = instrShell(b.instructions[1])!.all[1].words[0];
    assert.equal(b.getText(wordRange(b, w2)), 'apt-get');
  });
});

describe('shell model: Dockerfile quirks from the ft_server corpus', () => {
  it('treats a backslash followed by trailing blanks as a continuation, and tabs as separators', () => {
    const text = 'FROM debian\nRUN\t\tapt-get update && \\\t\n\tapt-get install -y nginx\n';
    const doc = new ParsedDocument('file:///x/Dockerfile', 1, text);
    const sh = instrShell(doc.instructions[1])!;
    assert.deepEqual(sh.all.map((c) => argv(c).join(' ')), ['apt-get update', 'apt-get install -y nginx']);
    assert.equal(wordRange(doc, sh.all[1].words[3]).start.line, 2);
  });
  it('reads set -eux; as its own command and keeps the rest', () => {
    assert.deepEqual(names('set -eux; apt-get update; apt-get install -y x'), ['set', 'apt-get', 'apt-get']);
  });
  it('honours the backtick escape directive', () => {
    const text = '# escape=`\nFROM debian\nRUN apt-get update && `\n    apt-get install -y nginx\n';
    const doc = new ParsedDocument('file:///x/Dockerfile', 1, text);
    const sh = instrShell(doc.instructions[1])!;
    assert.deepEqual(sh.all.map((c) => c.name), ['apt-get', 'apt-get']);
  });
  it('skips RUN flags before the command', () => {
    const doc = new ParsedDocument('file:///x/Dockerfile', 1, 'FROM debian\nRUN --mount=type=cache,target=/var/cache/apt --network=host apt-get update && apt-get install -y x\n');
    const sh = instrShell(doc.instructions[1])!;
    assert.deepEqual(sh.all.map((c) => c.name), ['apt-get', 'apt-get']);
    assert.equal(doc.getText(wordRange(doc, sh.all[0].words[0])), 'apt-get');
  });
  it('parses the quoted shell-form ENTRYPOINT "…" as one word', () => {
    const doc = new ParsedDocument('file:///x/Dockerfile', 1, 'FROM debian\nENTRYPOINT "/script.sh"\n');
    const sh = instrShell(doc.instructions[1])!;
    assert.deepEqual(argv(sh.all[0]), ['/script.sh']);
    assert.equal(sh.all[0].name, 'script.sh');
  });
  it('handles a function whose { is on the next line, and a run-time sh -c script', () => {
    const cmds = simpleCommands('on()\n{\n  sed -i x f\n}\noff ()\n{\n  sed -i y f\n}\nnginx -g "daemon off;"\n');
    assert.deepEqual(cmds.map((c) => [c.name, c.context.join('/')]), [['sed', 'function'], ['sed', 'function'], ['nginx', '']]);
    const curl = simpleCommands('sh -c "$(curl -fsSL https://x.org/tools/install.sh)" "" --unattended');
    assert.equal(curl.length, 1, 'the downloaded script is not parsed as shell text');
    assert.equal(simpleCommands('$CMD /a/b')[0].name, '$CMD');
  });
  it('does not split inside $(( )) arithmetic or ${var:-x;y}', () => {
    assert.deepEqual(names('echo $((1 + 2)) ${A:-a;b} && true'), ['echo', 'true']);
  });
});
