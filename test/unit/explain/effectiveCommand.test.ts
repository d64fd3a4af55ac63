import { strict as assert } from 'node:assert';
import { describe, it, beforeEach } from 'node:test';
import { ParsedDocument } from '../../../server/src/service/document';
import {
  argvWithEntrypoint,
  argvWithRunArgs,
  effectiveCommand,
  imageConfig,
  resolveImage,
  shellStaysPid1,
  tableCell,
  type EffectiveCommand,
} from '../../../server/src/service/effectiveCommand';
import { EngineImages, useEngineImages, type BaseImageConfig } from '../../../server/src/service/baseImages';

let n = 0;
function parse(text: string): ParsedDocument {
  return new ParsedDocument(`file:///t${n++}/Dockerfile`, 1, text);
}
function last(text: string, base?: BaseImageConfig): EffectiveCommand {
  const doc = parse(text);
  return effectiveCommand(doc, doc.stages[doc.stages.length - 1], base);
}
/** A base image with nothing set, as `FROM scratch` or an injected empty config. */
const EMPTY: BaseImageConfig = { entrypoint: null, cmd: null, source: 'engine' };

describe('effectiveCommand: the Docker table (3 CMD forms × 3 ENTRYPOINT forms)', () => {
  const cmds = {
    none: { line: '', stored: null as string[] | null },
    exec: { line: 'CMD ["exec_cmd", "p1_cmd"]', stored: ['exec_cmd', 'p1_cmd'] },
    shell: { line: 'CMD exec_cmd p1_cmd', stored: ['/bin/sh', '-c', 'exec_cmd p1_cmd'] },
  };
  const eps = {
    none: { line: '', stored: null as string[] | null },
    exec: { line: 'ENTRYPOINT ["exec_entry", "p1_entry"]', stored: ['exec_entry', 'p1_entry'] },
    shell: { line: 'ENTRYPOINT exec_entry p1_entry', stored: ['/bin/sh', '-c', 'exec_entry p1_entry'] },
  };
  for (const [ck, c] of Object.entries(cmds)) {
    for (const [ek, e] of Object.entries(eps)) {
      it(`CMD ${ck} × ENTRYPOINT ${ek}`, () => {
        const ec = last(['FROM scratch', e.line, c.line].filter(Boolean).join('\n') + '\n');
        assert.deepEqual(imageConfig(ec), { Entrypoint: e.stored, Cmd: c.stored });
        const expected = [...(e.stored ?? []), ...(c.stored ?? [])];
        assert.deepEqual(ec.argv, expected);
        assert.deepEqual(tableCell(ec), { entrypoint: ek, cmd: ck });
        assert.equal(ec.origins.length, expected.length);
        // The shell wrapper is PID 1 exactly when the first part is shell form.
        assert.equal(ec.shellForm, ek === 'shell' || (ek === 'none' && ck === 'shell'));
        // Run arguments replace CMD and keep ENTRYPOINT.
        assert.deepEqual(argvWithRunArgs(ec, ['a1', 'a2']), [...(e.stored ?? []), 'a1', 'a2']);
      });
    }
  }
  it('ENTRYPOINT after CMD in the same stage keeps that CMD', () => {
    const ec = last('FROM scratch\nCMD ["b"]\nENTRYPOINT ["a"]\n');
    assert.deepEqual(ec.argv, ['a', 'b']);
    assert.equal(ec.cmdReset, undefined);
  });
  it('--entrypoint replaces ENTRYPOINT and drops CMD', () => {
    assert.deepEqual(argvWithEntrypoint('sh'), ['sh']);
    assert.deepEqual(argvWithEntrypoint('sh', ['-c', 'id']), ['sh', '-c', 'id']);
  });
});

describe('effectiveCommand: shell form, SHELL and JSON', () => {
  it('SHELL changes the wrapper of later shell-form instructions only', () => {
    const ec = last('FROM scratch\nCMD echo a\nSHELL ["/bin/bash", "-euo", "pipefail", "-c"]\nENTRYPOINT run.sh\n');
    assert.deepEqual(ec.entrypoint!.argv, ['/bin/bash', '-euo', 'pipefail', '-c', 'run.sh']);
    assert.deepEqual(ec.cmd!.argv, ['/bin/sh', '-c', 'echo a']);
    assert.equal(ec.shell.origin.kind, 'line');
  });
  it('SHELL is inherited through FROM <stage>', () => {
    const ec = last('FROM scratch AS a\nSHELL ["/bin/sh", "-ec"]\nFROM a\nCMD echo hey\n');
    assert.deepEqual(ec.cmd!.argv, ['/bin/sh', '-ec', 'echo hey']);
    assert.equal(ec.shell.origin.kind, 'parent');
  });
  it('the base image SHELL wraps shell form', () => {
    const ec = last('FROM x\nCMD dir\n', { entrypoint: null, cmd: null, shell: ['cmd', '/S', '/C'], source: 'engine' });
    assert.deepEqual(ec.argv, ['cmd', '/S', '/C', 'dir']);
  });
  it('single quotes are not JSON: shell form, as Docker does', () => {
    const ec = last("FROM scratch\nCMD ['echo','hi']\n");
    assert.equal(ec.cmd!.form, 'shell');
    assert.deepEqual(ec.argv, ['/bin/sh', '-c', "['echo','hi']"]);
  });
  it('a trailing comma or a number is not JSON either', () => {
    assert.equal(last('FROM scratch\nCMD ["a",]\n').cmd!.form, 'shell');
    assert.equal(last('FROM scratch\nCMD ["a", 1]\n').cmd!.form, 'shell');
  });
  it('exec form spread over continuation lines', () => {
    const ec = last('FROM scratch\nENTRYPOINT ["echo", \\\n  "x"]\nCMD [ "y" ]\n');
    assert.deepEqual(ec.argv, ['echo', 'x', 'y']);
  });
  it('shell-form text joins continuations and keeps $VAR for the shell', () => {
    const ec = last('FROM scratch\nCMD   echo a \\\n    b   \\\n  "$HOME"\n');
    assert.deepEqual(ec.argv, ['/bin/sh', '-c', 'echo a     b     "$HOME"']);
  });
  it('exec at the start of shell form hands PID 1 over', () => {
    assert.equal(shellStaysPid1(last('FROM scratch\nCMD exec nginx -g "daemon off;"\n')), false);
    assert.equal(shellStaysPid1(last('FROM scratch\nCMD service mysql start && nginx -g "daemon off;"\n')), true);
    assert.equal(shellStaysPid1(last('FROM scratch\nCMD ["nginx"]\n')), false);
  });
  it('CMD [] and ENTRYPOINT [] store nothing to run', () => {
    const ec = last('FROM nginx\nENTRYPOINT []\nCMD []\n');
    assert.equal(ec.entrypoint, null);
    assert.equal(ec.cmd, null);
    assert.deepEqual(ec.argv, []);
  });
});

describe('effectiveCommand: inheritance and resets', () => {
  it('ENTRYPOINT resets the CMD inherited from the base image', () => {
    const ec = last('FROM debian:bookworm\nENTRYPOINT ["/start.sh"]\n');
    assert.equal(ec.cmd, null);
    assert.deepEqual(ec.argv, ['/start.sh']);
    assert.deepEqual(ec.cmdReset?.cleared.argv, ['bash']);
    assert.equal(ec.cmdReset?.by.keyword, 'ENTRYPOINT');
  });
  it('ENTRYPOINT resets the CMD inherited from a parent stage', () => {
    const doc = parse('FROM scratch AS a\nCMD ["echo", "base"]\nFROM a\nENTRYPOINT ["echo", "ep"]\n');
    const ec = effectiveCommand(doc, doc.stages[1]);
    assert.deepEqual(ec.argv, ['echo', 'ep']);
    assert.equal(ec.cmdReset?.cleared.origin.kind, 'parent');
    assert.equal(ec.cmdReset?.cleared.origin.instr?.startLine, 1);
  });
  it('a shell-form ENTRYPOINT in a child stage resets the CMD too', () => {
    const ec = last('FROM scratch AS a\nENTRYPOINT ["echo","ep"]\nCMD ["x"]\nFROM a AS b\nENTRYPOINT echo e2\n');
    assert.deepEqual(imageConfig(ec), { Entrypoint: ['/bin/sh', '-c', 'echo e2'], Cmd: null });
  });
  it('a child stage inherits ENTRYPOINT and CMD with their lines', () => {
    const doc = parse('FROM nginx:1.27 AS web\nCMD ["nginx", "-g", "daemon off;"]\nFROM web\nRUN true\n');
    const ec = effectiveCommand(doc, doc.stages[1]);
    assert.deepEqual(ec.argv, ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']);
    assert.equal(ec.entrypoint!.origin.kind, 'base');
    assert.equal(ec.cmd!.origin.kind, 'parent');
    assert.equal(ec.cmd!.origin.stage?.name, 'web');
    assert.deepEqual(
      ec.origins.map((o) => o.part + ':' + o.kind),
      ['entrypoint:base', 'cmd:parent', 'cmd:parent', 'cmd:parent'],
    );
  });
  it('a CMD in a child stage keeps the inherited ENTRYPOINT', () => {
    const ec = last('FROM scratch AS a\nENTRYPOINT ["/e.sh"]\nCMD ["x"]\nFROM a\nCMD ["y", "z"]\n');
    assert.deepEqual(ec.argv, ['/e.sh', 'y', 'z']);
    assert.equal(ec.entrypoint!.origin.kind, 'parent');
    assert.equal(ec.cmd!.origin.kind, 'line');
  });
  it('the last of several CMD wins; earlier ones are listed as overridden', () => {
    const ec = last('FROM scratch\nCMD ["a"]\nCMD b\nENTRYPOINT ["e1"]\nENTRYPOINT ["e2"]\nCMD ["c"]\n');
    assert.deepEqual(ec.argv, ['e2', 'c']);
    assert.deepEqual(ec.overridden.map((i) => i.startLine).sort(), [1, 2, 3]);
    assert.deepEqual(ec.effectiveInstrs.map((i) => i.startLine).sort(), [4, 5]);
  });
  it('stages are independent unless built FROM one another', () => {
    const doc = parse('FROM scratch AS a\nCMD ["a"]\nFROM busybox\nRUN true\n');
    assert.deepEqual(effectiveCommand(doc, doc.stages[1]).argv, ['sh']);
  });
  it('memoises per document and stage', () => {
    const doc = parse('FROM scratch\nCMD ["a"]\n');
    assert.equal(effectiveCommand(doc, doc.stages[0]), effectiveCommand(doc, doc.stages[0]));
  });
});

describe('effectiveCommand: base image defaults', () => {
  // A fresh store of engine answers per test, installed as a host would (createLanguageService({ engineImages })).
  let engine = new EngineImages();
  beforeEach(() => useEngineImages((engine = new EngineImages())));
  it('from the table: the ft_server base', () => {
    const ec = last('FROM debian:buster\nRUN apt-get update\n');
    assert.deepEqual(ec.argv, ['bash']);
    assert.equal(ec.cmd!.origin.kind, 'base');
    assert.equal(ec.cmd!.origin.source, 'table');
  });
  it('from the table: php-fpm keeps its ENTRYPOINT under a new CMD', () => {
    const ec = last('FROM php:8.3-fpm\nCMD ["php-fpm", "-F"]\n');
    assert.deepEqual(ec.argv, ['docker-php-entrypoint', 'php-fpm', '-F']);
  });
  it('unknown base: the argv is unknown unless the stage sets ENTRYPOINT', () => {
    const a = last('FROM example.com/team/app:1\nCMD ["serve"]\n');
    assert.equal(a.argv, null);
    assert.equal(a.entrypoint!.origin.kind, 'unknown');
    assert.deepEqual(tableCell(a), { entrypoint: 'unknown', cmd: 'exec' });
    assert.equal(argvWithRunArgs(a, ['x']), null);
    const b = last('FROM example.com/team/app:1\nENTRYPOINT ["/run"]\n');
    assert.deepEqual(b.argv, ['/run']);
  });
  it('an injected inspect result wins over the table', () => {
    const ec = last('FROM nginx\nRUN true\n', { entrypoint: ['/custom'], cmd: ['x'], source: 'engine' });
    assert.deepEqual(ec.argv, ['/custom', 'x']);
    assert.equal(ec.entrypoint!.origin.source, 'engine');
  });
  it('the engine cache wins over the table, and a change invalidates the memo', () => {
    const doc = parse('FROM nginx:latest\nRUN true\n');
    assert.deepEqual(effectiveCommand(doc, doc.stages[0]).argv, ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']);
    engine.set('docker.io/library/nginx', { entrypoint: null, cmd: ['nginx-debug'] });
    const ec = effectiveCommand(doc, doc.stages[0]);
    assert.deepEqual(ec.argv, ['nginx-debug']);
    assert.equal(ec.cmd!.origin.source, 'engine');
  });
  it('global ARG defaults are substituted in FROM', () => {
    const doc = parse('ARG PHP=8.3\nFROM php:${PHP}-apache\nRUN true\n');
    assert.equal(resolveImage(doc, doc.stages[0]), 'php:8.3-apache');
    assert.deepEqual(effectiveCommand(doc, doc.stages[0]).argv, ['docker-php-entrypoint', 'apache2-foreground']);
    const doc2 = parse('FROM $NOPE\nRUN true\n');
    assert.equal(resolveImage(doc2, doc2.stages[0]), null);
    assert.equal(effectiveCommand(doc2, doc2.stages[0]).argv, null);
  });
  it('a base image CMD stored as [sh, -c, text] reads as shell form', () => {
    const ec = last('FROM mine\nRUN true\n', { entrypoint: null, cmd: ['/bin/sh', '-c', 'service nginx start && sleep infinity'], source: 'engine' });
    assert.equal(ec.cmd!.form, 'shell');
    assert.equal(ec.shellForm, true);
    assert.equal(shellStaysPid1(ec), true);
    const exec = last('FROM mine\nRUN true\n', { entrypoint: null, cmd: ['sh', '-c', 'a', 'b'], source: 'engine' });
    assert.equal(exec.cmd!.form, 'exec');
  });
  it('an empty injected base behaves like scratch', () => {
    assert.deepEqual(last('FROM x\nRUN true\n', EMPTY).argv, []);
  });
});
