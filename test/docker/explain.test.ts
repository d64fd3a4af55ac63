// The engine is the judge: build real images from Dockerfiles that cover the CMD × ENTRYPOINT table, SHELL, JSON that
// is not JSON, stage inheritance and resets; compare our model with `docker image inspect`, then run containers that
// print their own PID 1 argv (/proc/1/cmdline) and compare with what we say `docker run` executes.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ParsedDocument } from '../../server/src/service/document';
import { argvWithEntrypoint, argvWithRunArgs, effectiveCommand, imageConfig } from '../../server/src/service/effectiveCommand';
import { EngineImages, useEngineImages, type BaseImageConfig } from '../../server/src/service/baseImages';
import { inspectImageConfig } from '../../common/src/engine/inspect';
import { runExplain } from '../../server/src/cli/explain';
import { MAIN_SOCKET, TEST_IMAGE, TEST_LABEL, mainEndpoint, runId, setupMainEngine, sh } from './helpers';
import { builders } from '../engine/builders';

const HOST = `unix://${MAIN_SOCKET}`;
const PRINT = 'cat /proc/1/cmdline; echo';

interface Case {
  name: string;
  dockerfile: string;
  /** Run arguments to try; [] is `docker run IMAGE`. Omitted: the config is compared but nothing is run. */
  runs?: string[][];
  /** Also run `docker run --entrypoint sh IMAGE -c PRINT`. */
  entrypointOverride?: boolean;
  /** A stage target (default: the last stage). */
  target?: string;
}

const B = TEST_IMAGE;
const CASES: Case[] = [
  { name: 'no CMD, no ENTRYPOINT: the base image CMD', dockerfile: `FROM ${B}\nRUN true\n`, runs: [['sh', '-c', PRINT]], entrypointOverride: true },
  { name: 'CMD exec', dockerfile: `FROM ${B}\nCMD ["sh", "-c", "${PRINT}", "c0", "c 1"]\n`, runs: [[], ['sh', '-c', PRINT, 'r0']] },
  { name: 'CMD shell', dockerfile: `FROM ${B}\nCMD ${PRINT}\n`, runs: [[]], entrypointOverride: true },
  { name: 'ENTRYPOINT exec, no CMD (inherited CMD reset)', dockerfile: `FROM ${B}\nENTRYPOINT ["sh", "-c", "${PRINT}", "e0"]\n`, runs: [[], ['a1', 'a 2']] },
  { name: 'ENTRYPOINT exec + CMD exec', dockerfile: `FROM ${B}\nENTRYPOINT ["sh", "-c", "${PRINT}", "e0"]\nCMD ["c1", "c 2"]\n`, runs: [[], ['r1']], entrypointOverride: true },
  { name: 'ENTRYPOINT exec + CMD shell', dockerfile: `FROM ${B}\nENTRYPOINT ["sh", "-c", "${PRINT}", "e0"]\nCMD echo from cmd\n`, runs: [[], ['r1', 'r2']] },
  { name: 'ENTRYPOINT shell, no CMD', dockerfile: `FROM ${B}\nENTRYPOINT ${PRINT}\n`, runs: [[], ['ignored']] },
  { name: 'ENTRYPOINT shell + CMD exec', dockerfile: `FROM ${B}\nENTRYPOINT ${PRINT}\nCMD ["c1", "c2"]\n`, runs: [[], ['r1']] },
  { name: 'ENTRYPOINT shell + CMD shell', dockerfile: `FROM ${B}\nENTRYPOINT ${PRINT}\nCMD echo c\n`, runs: [[]] },
  { name: 'CMD before ENTRYPOINT in the same stage is kept', dockerfile: `FROM ${B}\nCMD ["c-before"]\nENTRYPOINT ["sh", "-c", "${PRINT}", "e0"]\n`, runs: [[]] },
  {
    name: 'FROM <stage>: ENTRYPOINT resets the CMD of the parent stage',
    dockerfile: `FROM ${B} AS a\nCMD ["echo", "base"]\nFROM a\nENTRYPOINT ["sh", "-c", "${PRINT}", "e0"]\n`,
    runs: [[]],
  },
  {
    name: 'FROM <stage>: CMD and ENTRYPOINT inherited from the parent stage',
    dockerfile: `FROM ${B} AS a\nENTRYPOINT ["sh", "-c", "${PRINT}", "e0"]\nCMD ["c1"]\nFROM a AS b\nRUN true\n`,
    runs: [[], ['r1']],
  },
  {
    name: 'FROM <stage>: shell-form ENTRYPOINT in the child resets the parent CMD',
    dockerfile: `FROM ${B} AS a\nENTRYPOINT ["echo", "ep"]\nCMD ["x"]\nFROM a AS b\nENTRYPOINT ${PRINT}\n`,
    runs: [[]],
  },
  { name: 'SHELL wraps later shell-form CMD', dockerfile: `FROM ${B}\nCMD echo one\nSHELL ["/bin/sh", "-ec"]\nCMD ${PRINT}\n`, runs: [[]] },
  { name: 'SHELL is inherited through FROM <stage>', dockerfile: `FROM ${B} AS a\nSHELL ["/bin/sh", "-ec"]\nFROM a AS b\nCMD ${PRINT}\n`, runs: [[]] },
  { name: 'JSON in single quotes is shell form', dockerfile: `FROM ${B}\nCMD ['echo', 'hi']\n` },
  { name: 'several CMD and ENTRYPOINT: the last ones win', dockerfile: `FROM ${B}\nCMD ["a"]\nENTRYPOINT ["x"]\nCMD b\nENTRYPOINT ["sh", "-c", "${PRINT}", "e0"]\nCMD ["c"]\n`, runs: [[]] },
  { name: 'shell form over continuation lines', dockerfile: `FROM ${B}\nCMD   cat   /proc/1/cmdline \\\n    ;   \\\n  echo\n`, runs: [[]] },
  { name: 'comment lines inside a continuation are dropped', dockerfile: `FROM ${B}\nCMD cat /proc/1/cmdline \\\n# a comment in the middle\n    ; echo\n`, runs: [[]] },
  { name: 'a tab after the keyword, exec form with odd spacing', dockerfile: `FROM ${B}\nENTRYPOINT\t[ "sh" ,"-c",\t"${PRINT}" , "e0" ]\nCMD\t[]\n`, runs: [[], ['r1']] },
  { name: 'the escape directive changes the continuation character', dockerfile: `# escape=\`\nFROM ${B}\nCMD cat /proc/1/cmdline \`\n  ; echo\n`, runs: [[]] },
  { name: 'ARG and ENV are not expanded in CMD at build time', dockerfile: `FROM ${B}\nARG X=build\nENV Y=env\nCMD ["echo", "$X", "\${Y}"]\n` },
  { name: 'ENTRYPOINT [] and CMD []', dockerfile: `FROM ${B}\nENTRYPOINT []\nCMD []\n` },
  { name: 'a --target stage that is not the last', dockerfile: `FROM ${B} AS first\nCMD ["sh", "-c", "${PRINT}", "first"]\nFROM ${B}\nCMD ["last"]\n`, target: 'first', runs: [[]] },
];

/** The engine stores `[]` for some empty lists and null for others; both run the same. */
function norm(a: string[] | null | undefined): string[] | null {
  return a && a.length > 0 ? a : null;
}

function inspectConfig(image: string): { Entrypoint: string[] | null; Cmd: string[] | null; Shell: string[] | null } {
  const out = sh('docker', ['-H', HOST, 'image', 'inspect', '--format', '{{json .Config}}', image]);
  const c = JSON.parse(out) as { Entrypoint?: string[] | null; Cmd?: string[] | null; Shell?: string[] | null };
  return { Entrypoint: c.Entrypoint ?? null, Cmd: c.Cmd ?? null, Shell: c.Shell ?? null };
}

/** Runs a container and returns PID 1's argv as the container itself printed it. */
function runArgv(image: string, args: string[], entrypoint?: string): string[] {
  const flags = ['-H', HOST, 'run', '--rm', '--network', 'none', '--label', TEST_LABEL];
  if (entrypoint !== undefined) flags.push('--entrypoint', entrypoint);
  const r = spawnSync('docker', [...flags, image, ...args], { encoding: 'utf8', timeout: 60000 });
  assert.equal(r.status, 0, `docker run failed: ${r.stderr}`);
  const parts = r.stdout.replace(/\n$/, '').split('\0');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

describe('effective CMD/ENTRYPOINT against the real engine', () => {
  const id = runId();
  const tags: string[] = [];
  let ctx: string;
  let base: BaseImageConfig;
  before(() => {
    setupMainEngine();
    ctx = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-explain-'));
    // What the client sends for a local base image: its inspected config.
    const c = inspectConfig(TEST_IMAGE);
    base = { entrypoint: c.Entrypoint, cmd: c.Cmd, shell: c.Shell, source: 'engine' };
  });

  it('the probe reads the same config over the socket as `docker image inspect`', async () => {
    const c = inspectConfig(TEST_IMAGE);
    assert.deepEqual(await inspectImageConfig(TEST_IMAGE, { endpoint: mainEndpoint() }), { entrypoint: c.Entrypoint, cmd: c.Cmd, shell: c.Shell });
    assert.equal(await inspectImageConfig('dfg-test/does-not-exist:0', { endpoint: mainEndpoint() }), null);
  });

  it('engine results reach the model through the client payload, and the CLI reads the engine itself', async () => {
    const file = path.join(ctx, 'Dockerfile.cli');
    fs.writeFileSync(file, `FROM ${TEST_IMAGE}\nRUN true\n`);
    const doc = new ParsedDocument(`file://${file}`, 1, fs.readFileSync(file, 'utf8'));
    assert.equal(effectiveCommand(doc, doc.stages[0]).argv, null, 'unknown before the engine answered');
    const c = (await inspectImageConfig(TEST_IMAGE, { endpoint: mainEndpoint() }))!;
    // What `docker run` runs is the image's ENTRYPOINT followed by its CMD, whatever this image's config says
    // (an image without either runs nothing: []).
    const runs = [...(c.entrypoint ?? []), ...(c.cmd ?? [])];
    // The server's host keeps the client's payloads in a store it gives the service (lsp/server.ts).
    const engine = new EngineImages();
    useEngineImages(engine);
    try {
      assert.ok(engine.apply({ image: TEST_IMAGE, ...c }));
      assert.deepEqual(effectiveCommand(doc, doc.stages[0]).argv, runs);
      assert.ok(engine.apply({ image: TEST_IMAGE, entrypoint: null, cmd: null, missing: true }));
      assert.equal(effectiveCommand(doc, doc.stages[0]).argv, null, 'forgotten once the engine says the image is gone');
    } finally {
      useEngineImages(undefined);
    }
    const out: string[] = [];
    const code = await runExplain([file, '--format', 'json'], { out: (x) => out.push(x), err: () => undefined }, 'en');
    assert.equal(code, 0);
    const j = JSON.parse(out.join('\n'));
    assert.deepEqual(j.argv, runs);
    assert.equal(j.cmdOrigin.source, 'engine');
  });
  after(() => {
    for (const t of tags) spawnSync('docker', ['-H', HOST, 'image', 'rm', '-f', t], { stdio: 'ignore' });
    if (ctx) fs.rmSync(ctx, { recursive: true, force: true });
  });

  for (const builder of builders()) {
    describe(builder.name, () => {
      CASES.forEach((c, i) => {
        it(c.name, () => {
          const tag = `dfg-explain-${id}-${builder.name}-${i}`.toLowerCase();
          const file = path.join(ctx, `Dockerfile.${i}`);
          fs.writeFileSync(file, c.dockerfile);
          const args = ['-H', HOST, 'build', '-q', '-f', file, '-t', tag, '--label', `${TEST_LABEL}=${id}`];
          if (c.target) args.push('--target', c.target);
          execFileSync(builder.cli, [...args, ctx], { env: { ...process.env, ...builder.env }, stdio: ['ignore', 'ignore', 'pipe'] });
          tags.push(tag);

          const doc = new ParsedDocument(`file://${file}`, 1, c.dockerfile);
          const stage = c.target ? doc.stageByName(c.target)! : doc.stages[doc.stages.length - 1];
          const ec = effectiveCommand(doc, stage, base);
          const ours = imageConfig(ec);
          assert.ok(ours, 'the model knows the config');
          const engine = inspectConfig(tag);
          assert.deepEqual(
            { Entrypoint: norm(ours.Entrypoint), Cmd: norm(ours.Cmd) },
            { Entrypoint: norm(engine.Entrypoint), Cmd: norm(engine.Cmd) },
            'our ENTRYPOINT/CMD = the engine Config',
          );
          // Exactly, not only up to empty lists, whenever the engine stored something.
          if (engine.Entrypoint && engine.Entrypoint.length) assert.deepEqual(ours.Entrypoint, engine.Entrypoint);
          if (engine.Cmd && engine.Cmd.length) assert.deepEqual(ours.Cmd, engine.Cmd);
          if (engine.Shell) assert.deepEqual(ec.shell.argv, engine.Shell, 'SHELL');

          for (const runArgs of c.runs ?? []) {
            const ran = runArgv(tag, runArgs);
            assert.deepEqual(ran, argvWithRunArgs(ec, runArgs), `docker run ${runArgs.join(' ')}`);
          }
          if (c.entrypointOverride) {
            const ran = runArgv(tag, ['-c', PRINT], 'sh');
            assert.deepEqual(ran, argvWithEntrypoint('sh', ['-c', PRINT]), 'docker run --entrypoint sh');
          }
        });
      });
    });
  }
});
