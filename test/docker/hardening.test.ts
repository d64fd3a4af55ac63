// Issue 8 for the sidebar: shell metacharacters reach the engine and terminals only as literal
// API parameters or argv elements; removals ask a question that names what goes and bulk actions
// report per item; Restricted Mode refuses every command that builds, runs, execs or changes;
// nothing the extension itself logs carries a secret-looking ENV/ARG value.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ts from 'typescript';
import { containerAction, inspectContainer, inspectImage, removeContainer, runImage } from '../../client/src/docker/actions';
import { buildFailureText, buildImage } from '../../common/src/engine/build';
import { runEach } from '../../client/src/docker/bulk';
import { EngineError } from '../../common/src/engine/errors';
import { LogFollower } from '../../client/src/docker/logs';
import { isSecretName, REDACTED, redactArgs, redactEnv, redactMap, redactText } from '../../common/src/engine/redact';
import { buildCommandLine, execShellCommandLine, previewLine, runCommandLine, validateContainerName } from '../../client/src/docker/runSpec';
import { bulkReport, MAX_NAMES, nameList, removalConfirmation } from '../../client/src/sidebar/confirm';
import { containerTree } from '../../client/src/sidebar/containerItems';
import { RESTRICTED, TRUSTED_COMMANDS, trustRefusal } from '../../client/src/session/trust';
import { cleanup, mainClients, runId, setupMainEngine, sleep, startTestContainer, TEST_IMAGE, TEST_LABEL, until } from './helpers';

const RUN = runId();
const clients = mainClients();
const root = path.resolve(__dirname, '../..');
const PWN = `dfg-pwned-${RUN}`;
const MARKER = path.join(os.tmpdir(), PWN);
/** Strings a shell would execute; each would create MARKER if it ever reached one. */
const EVIL = [
  `a;touch ${MARKER}`,
  `$(touch ${MARKER})`,
  `\`touch ${MARKER}\``,
  `'"; touch ${MARKER}; echo "'`,
  `x && touch ${MARKER} || touch ${MARKER}`,
  `| touch ${MARKER} #`,
  `with spaces and 'single' "double" quotes\\ and $HOME`,
];
/** For path components (no slash): touches PWN relative to whatever directory a shell would run in. */
const EVIL_COMPONENT = `$(touch ${PWN}) \`touch ${PWN}\`; it's "x" & y`;

function noMarker(dirs: string[]): void {
  assert.equal(fs.existsSync(MARKER), false, `${MARKER} was created: something ran a shell`);
  for (const d of dirs) assert.equal(fs.existsSync(path.join(d, PWN)), false, `${PWN} appeared in ${d}`);
}

/** What a POSIX shell makes of a previewed line, with `docker` replaced by an argv dumper. */
function shellArgv(line: string, cwd: string): string[] {
  const out = execFileSync('sh', ['-c', 'docker() { printf "%s\\0" docker "$@"; }; eval "$1"', 'sh', line], { cwd, encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

describe('shell metacharacters stay literal (main engine)', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-meta-'));
  before(() => {
    setupMainEngine();
    fs.rmSync(MARKER, { force: true });
  });
  after(async () => {
    await cleanup(clients, RUN);
    fs.rmSync(tmp, { recursive: true, force: true });
    noMarker([process.cwd(), tmp, os.tmpdir(), root]);
  });

  it('a hostile container name is refused by our check and by the engine, creating nothing', async () => {
    for (const name of EVIL) {
      assert.ok(validateContainerName(name), `our check refuses ${name}`);
      await assert.rejects(runImage(clients, { image: TEST_IMAGE, name, labels: { [TEST_LABEL]: RUN } }), (e: unknown) => {
        assert.ok(e instanceof EngineError && e.kind === 'engine' && e.statusCode === 400, String(e));
        return true;
      });
    }
    const left = await clients.api.listContainers({ all: true, filters: { label: [`${TEST_LABEL}=${RUN}`] } });
    assert.deepEqual(left, []);
    noMarker([process.cwd()]);
  });

  it('labels, a compose project and output full of metacharacters go through every action literally', async () => {
    const labels: Record<string, string> = { 'com.docker.compose.project': EVIL[1] };
    EVIL.forEach((v, i) => (labels[`evil.${i} key $(touch ${MARKER})`] = v));
    const name = `dfg-meta-${RUN}`;
    const id = await startTestContainer(clients, RUN, {
      name,
      labels,
      // The container prints the hostile strings; in the container a shell may expand nothing here.
      cmd: ['sh', '-c', 'for a in "$@"; do echo "$a"; done; sleep 300', 'sh', ...EVIL],
    });
    // The tree: the compose group is named by the label, verbatim; the container by its name.
    const [group] = containerTree(await clients.api.listContainers({ all: true, filters: { id: [id] } }), 'en');
    assert.equal(group.kind, 'group');
    assert.equal(group.label, EVIL[1]);
    assert.equal(group.kind === 'group' && group.children[0].name, name);
    // Inspect returns the labels exactly as given.
    const info = await inspectContainer(clients, id);
    for (const [k, v] of Object.entries(labels)) assert.equal(info.Config.Labels[k], v, k);
    // Logs show the strings as lines of text.
    const lines: string[] = [];
    const f = new LogFollower(clients, id, { line: (_s, t) => lines.push(t), info: () => undefined });
    await f.start();
    await until(() => lines.length >= EVIL.length, 5000);
    assert.deepEqual(lines.slice(0, EVIL.length), EVIL);
    f.dispose();
    // Stop and start by id.
    await containerAction(clients, id, 'stop');
    assert.equal((await inspectContainer(clients, id)).State.Status, 'exited');
    await containerAction(clients, id, 'start');
    assert.equal((await inspectContainer(clients, id)).State.Status, 'running');
    // The shell terminal gets an argv whose program is docker, never a shell with a command string.
    const argv = execShellCommandLine(id, 'sh');
    assert.deepEqual(argv, ['docker', 'exec', '-it', id, 'sh']);
    // The same argv runs as an array (no TTY in a test: -i instead of -it); what is typed stays in the container.
    const out = execFileSync(argv[0], ['-H', 'unix:///var/run/docker.sock', argv[1], '-i', ...argv.slice(3)], {
      input: `echo "$0:${EVIL[0]}"\nexit\n`,
      encoding: 'utf8',
    });
    assert.equal(out.trim(), `sh:${EVIL[0]}`);
    // Remove by id; the container is gone.
    await removeContainer(clients, id, true);
    await assert.rejects(inspectContainer(clients, id), (e: unknown) => e instanceof EngineError && e.kind === 'notFound');
    noMarker([process.cwd(), tmp]);
  });

  it('the run preview and the build log line are argv a shell reads back unchanged', () => {
    // Image, name and ports are validated before this, but the quoting must not rely on that.
    for (const s of [...EVIL, EVIL_COMPONENT, '', '-', 'ünïcödé 한글']) {
      const argv = runCommandLine(s, { name: s, ports: [{ containerPort: 80, hostPort: 8080, protocol: 'tcp' }] });
      assert.deepEqual(shellArgv(previewLine(argv), tmp), argv, s);
      const b = buildCommandLine({ tag: s, dockerfile: path.join(tmp, s.replace(/\//g, '_')), contextDir: tmp });
      assert.deepEqual(shellArgv(previewLine(b), tmp), b, s);
    }
    noMarker([process.cwd(), tmp]);
  });

  it('a build from a folder and Dockerfile named with metacharacters works and logs a safe line', async () => {
    const ctx = path.join(tmp, EVIL_COMPONENT);
    fs.mkdirSync(ctx);
    const dockerfile = path.join(ctx, `Dockerfile.${EVIL_COMPONENT}`);
    fs.writeFileSync(dockerfile, `FROM ${TEST_IMAGE}\nLABEL ${TEST_LABEL}=${RUN} evil="${EVIL[1]}"\n`);
    const tag = `dfg-test/meta:${RUN}`;
    const r = await buildImage(clients, { contextDir: ctx, dockerfile, tag });
    assert.ok(r.ok, r.error);
    assert.equal((await inspectImage(clients, tag)).Config.Labels.evil, EVIL[1]);
    const line = previewLine(buildCommandLine({ tag, dockerfile, contextDir: ctx }));
    assert.deepEqual(shellArgv(line, ctx), ['docker', 'build', '-t', tag, '-f', dockerfile, ctx]);
    noMarker([process.cwd(), tmp, ctx]);
  });
});

describe('destructive actions name what they delete, bulk actions report per item', () => {
  before(() => setupMainEngine());
  after(() => cleanup(clients, RUN));

  it('the question names the object, and the count and every name for several, in both languages', () => {
    assert.deepEqual(removalConfirmation('container', ['web'], 'en'), {
      message: 'Remove the container web?',
      detail: 'Data outside volumes is lost.',
      button: 'Remove',
    });
    assert.deepEqual(removalConfirmation('container', ['web'], 'ko'), {
      message: 'web 컨테이너를 삭제할까요?',
      detail: '볼륨 밖에 있는 데이터는 사라집니다.',
      button: '삭제',
    });
    const three = removalConfirmation('container', ['web', 'db', 'cache'], 'en', { running: ['db'] });
    assert.equal(three.message, 'Remove 3 containers (web, db, cache)?');
    assert.equal(three.detail, 'db still running: stopped and removed by force. Data outside volumes is lost.');
    const threeKo = removalConfirmation('container', ['web', 'db', 'cache'], 'ko', { running: ['db'] });
    assert.equal(threeKo.message, '컨테이너 3개를 삭제할까요? (web, db, cache)');
    assert.match(threeKo.detail, /^실행 중인 컨테이너\(db\)는 강제로 멈춘 뒤 삭제합니다\(force\)/);
    assert.equal(removalConfirmation('image', ['app:1', 'app:2'], 'en').message, 'Remove 2 images (app:1, app:2)?');
    assert.equal(removalConfirmation('image', ['app:1'], 'ko').message, 'app:1 이미지를 삭제할까요?');
    assert.equal(removalConfirmation('dangling', ['0123456789ab', 'ba9876543210'], 'ko').message, '태그 없는(dangling) 이미지 2개를 삭제할까요? (0123456789ab, ba9876543210)');
    // Many: the count is exact, the first names are shown and the rest counted.
    const many = Array.from({ length: MAX_NAMES + 4 }, (_, i) => `c${i}`);
    const q = removalConfirmation('container', many, 'en');
    assert.equal(q.message, `Remove ${many.length} containers (${many.slice(0, MAX_NAMES).join(', ')} and 4 more)?`);
    assert.equal(nameList(many, 'ko'), `${many.slice(0, MAX_NAMES).join(', ')} 외 4개`);
    // Names are shown as they are, metacharacters included.
    assert.equal(removalConfirmation('image', [EVIL[1]], 'en').message, `Remove the image ${EVIL[1]}?`);
  });

  it('removing three containers when one vanished: two removed, one reported with its reason', async () => {
    const ids = await Promise.all(['a', 'b', 'c'].map((n) => startTestContainer(clients, RUN, { name: `dfg-bulk-${n}-${RUN}` })));
    const targets = ids.map((id, i) => ({ id, name: `dfg-bulk-${'abc'[i]}-${RUN}` }));
    // Someone else removes c between the list and the click.
    await clients.api.getContainer(ids[2]).remove({ force: true });
    const results = await runEach(targets, (t) => removeContainer(clients, t.id, true));
    assert.deepEqual(results.map((r) => r.ok), [true, true, false]);
    assert.equal(results[2].error?.kind, 'notFound');
    for (const id of ids.slice(0, 2)) await assert.rejects(inspectContainer(clients, id), (e: unknown) => e instanceof EngineError && e.kind === 'notFound');
    const named = results.map((r) => ({ name: r.item.name, ok: r.ok, error: r.error }));
    const en = bulkReport('remove', 'container', named, 'en');
    assert.equal(en.level, 'warning');
    assert.equal(en.message, `Removed 2 of 3 containers; 1 failed: dfg-bulk-c-${RUN}`);
    assert.match(en.detail ?? '', new RegExp(`^dfg-bulk-c-${RUN}: The object no longer exists: `));
    const ko = bulkReport('remove', 'container', named, 'ko');
    assert.equal(ko.message, `컨테이너 3개 중 2개를 삭제했습니다. 1개는 실패했습니다: dfg-bulk-c-${RUN}`);
    assert.match(ko.detail ?? '', new RegExp(`^dfg-bulk-c-${RUN}: 대상이 더 이상 없습니다: `));
  });

  it('all done, one failed, all failed: the report fits each case', async () => {
    const id = await startTestContainer(clients, RUN);
    const gone = 'f'.repeat(64);
    const ok = await runEach([{ id, name: 'one' }], (t) => containerAction(clients, t.id, 'stop'));
    assert.deepEqual(bulkReport('stop', 'container', ok.map((r) => ({ name: r.item.name, ok: r.ok, error: r.error })), 'en'), {
      level: 'info',
      message: 'Stopped the container one',
    });
    const bad = await runEach([{ id: gone, name: 'ghost' }], (t) => containerAction(clients, t.id, 'start'));
    const one = bulkReport('start', 'container', bad.map((r) => ({ name: r.item.name, ok: r.ok, error: r.error })), 'ko');
    assert.equal(one.level, 'error');
    assert.match(one.message, /^ghost 컨테이너를 시작하지 못했습니다: 대상이 더 이상 없습니다/);
    const two = await runEach([{ id: gone, name: 'g1' }, { id: gone.replace(/f/g, 'e'), name: 'g2' }], (t) => removeContainer(clients, t.id, false));
    const all = bulkReport('remove', 'container', two.map((r) => ({ name: r.item.name, ok: r.ok, error: r.error })), 'en');
    assert.equal(all.message, 'Could not remove any of the 2 containers: g1, g2');
    assert.equal(all.detail?.split('\n').length, 2);
  });
});

describe('Restricted Mode (workspace trust)', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const commands: Array<{ command: string; enablement?: string }> = pkg.contributes.commands;
  const READ_ONLY = [
    'refresh',
    'retry',
    'howToStart',
    'container.logs',
    'container.inspect',
    'container.openInBrowser',
    'container.copyId',
    'image.inspect',
    'image.showDangling',
    'image.hideDangling',
    'snapshot',
    // An image's layers: reading its history and export, opening the Dockerfile line.
    'layers.openLine',
    'layers.retry',
    // Networks and volumes: reading them; the Containers view's filter only changes what is shown.
    'network.inspect',
    'volume.inspect',
    'container.filter',
    'container.clearFilter',
  ].map((c) => `dockerfileGuide.docker.${c}`);

  it('refuses build, run, exec and every change in an untrusted workspace, in both languages', () => {
    for (const c of TRUSTED_COMMANDS) {
      assert.equal(trustRefusal(c, true, 'en'), undefined, c);
      assert.equal(trustRefusal(c, false, 'en'), RESTRICTED.en, c);
      assert.equal(trustRefusal(c, false, 'ko'), RESTRICTED.ko, c);
    }
    assert.match(RESTRICTED.ko, /제한 모드/);
    for (const must of ['buildImage', 'buildAndRun', 'image.run', 'image.runInteractive', 'container.shell', 'container.remove', 'image.pruneDangling', 'network.remove', 'network.prune', 'volume.remove', 'volume.prune']) {
      assert.ok(TRUSTED_COMMANDS.includes(`dockerfileGuide.docker.${must}`), must);
    }
    for (const c of READ_ONLY) assert.equal(trustRefusal(c, false, 'en'), undefined, `${c} is read-only`);
    // Reading a rule's description (the shipped docs/rules.md) changes nothing: open in Restricted Mode too.
    assert.equal(trustRefusal('dockerfileGuide.showRule', false, 'en'), undefined);
    const showRule = commands.find((c) => c.command === 'dockerfileGuide.showRule');
    assert.ok(showRule, 'showRule is in the manifest');
    assert.equal(showRule.enablement, undefined, 'showRule is never disabled');
  });

  it('every Docker command of the manifest is classified, and the trusted ones are disabled untrusted', () => {
    const docker = commands.map((c) => c.command).filter((c) => c.startsWith('dockerfileGuide.docker.'));
    assert.deepEqual(docker.filter((c) => !TRUSTED_COMMANDS.includes(c) && !READ_ONLY.includes(c)), [], 'unclassified commands');
    const trusted = commands.filter((x) => TRUSTED_COMMANDS.includes(x.command));
    assert.equal(trusted.length, TRUSTED_COMMANDS.length, 'every trusted command is declared in the manifest');
    for (const c of trusted) assert.equal(c.enablement, 'isWorkspaceTrusted', `${c.command} enablement`);
    let menuEntries = 0;
    for (const [menu, entries] of Object.entries(pkg.contributes.menus as Record<string, Array<{ command: string; when?: string }>>)) {
      for (const e of entries.filter((x) => TRUSTED_COMMANDS.includes(x.command))) {
        assert.match(e.when ?? '', /\bisWorkspaceTrusted\b/, `${menu}: ${e.command}`);
        menuEntries++;
      }
    }
    assert.ok(menuEntries >= 10, `${menuEntries} menu entries of trusted commands checked`);
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('dockerfileGuide.docker.host'));
  });

  it('each trusted command is registered in a file that checks trust with that id', () => {
    const files = ['client/src/sidebar/commands', 'client/src/editor', 'client/src/editor/doctor'].flatMap((d) =>
      fs
        .readdirSync(path.join(root, d))
        .filter((f) => f.endsWith('.ts'))
        .map((f) => ({ f, text: fs.readFileSync(path.join(root, d, f), 'utf8') })),
    );
    for (const c of TRUSTED_COMMANDS) {
      const verb = /container\.(start|stop|restart|pause|unpause)$/.test(c);
      const owner = files.find(({ text }) =>
        verb ? text.includes('`dockerfileGuide.docker.container.${verb}`') : text.includes(`'${c}'`),
      );
      assert.ok(owner, `${c} is registered somewhere`);
      // The id reaches requireTrust: passed literally, through the verb template, or the
      // `command` parameter of a shared helper (buildImage).
      assert.match(owner.text, /requireTrust\(ctx, ('dockerfileGuide\.(docker|doctor)\.[\w.]+'|command|`dockerfileGuide\.docker\.container\.\$\{verb\}`)\)/, `${owner.f} checks trust for ${c}`);
      if (!verb && !owner.text.includes(`requireTrust(ctx, '${c}')`)) {
        assert.ok(new RegExp(`build\\(ctx, arg, '${c.replace(/\./g, '\\.')}'\\)`).test(owner.text), `${c} passes its own id`);
      }
    }
  });
});

describe('no secrets in what the extension logs', () => {
  before(() => setupMainEngine());
  after(() => cleanup(clients, RUN));

  it('secret-looking names lose their values; other values stay', () => {
    for (const n of ['DB_PASSWORD', 'passwd_hint', 'PASS', 'client_secret', 'GITHUB_TOKEN', 'SSH_KEY', 'aws_credentials', 'API-KEY', 'apikey', 'BASIC_AUTH']) assert.ok(isSecretName(n), n);
    for (const n of ['PATH', 'HOME', 'NODE_ENV', 'PORT', 'USER']) assert.ok(!isSecretName(n), n);
    assert.deepEqual(redactEnv(['PATH=/bin', 'DB_PASSWORD=hunter2', 'EMPTY', 'TOKEN=a=b']), ['PATH=/bin', 'DB_PASSWORD=***', 'EMPTY', 'TOKEN=***']);
    assert.deepEqual(redactMap({ version: '1', 'api.key': 'k' }), { version: '1', 'api.key': REDACTED });
    assert.deepEqual(
      redactArgs(['docker', 'build', '--build-arg', 'NPM_TOKEN=abc', '--build-arg=VERSION=2', '-e', 'SECRET=x', '--password', 'pw', '--api-key=k', '-t', 'app:1', '.']),
      ['docker', 'build', '--build-arg', 'NPM_TOKEN=***', '--build-arg=VERSION=2', '-e', 'SECRET=***', '--password', '***', '--api-key=***', '-t', 'app:1', '.'],
    );
    assert.equal(
      redactText('Step 3/5 : ENV DB_PASSWORD="hunter 2" MODE=prod'),
      'Step 3/5 : ENV DB_PASSWORD=*** MODE=prod',
    );
    assert.equal(redactText('Step 2/5 : ENV API_KEY abc123'), 'Step 2/5 : ENV API_KEY ***');
    assert.equal(redactText("ARG GH_TOKEN='t0k'"), 'ARG GH_TOKEN=***');
    assert.equal(redactText('curl --token s3cr3t -o out'), 'curl --token *** -o out');
    assert.equal(previewLine(['docker', 'build', '--build-arg', 'TOKEN=$(x)', '.']), "docker build --build-arg 'TOKEN=***' .");
  });

  it('a real build with secrets in ENV/ARG: step texts and the failure we report hide them', async () => {
    const ctx = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-secret-'));
    try {
      fs.writeFileSync(
        path.join(ctx, 'Dockerfile'),
        `FROM ${TEST_IMAGE}\nARG API_KEY=ak-123456\nENV DB_PASSWORD=hunter2-secret MODE=prod\nLABEL ${TEST_LABEL}=${RUN}\nRUN GITHUB_TOKEN=ghp-s3cr3t false\n`,
      );
      const steps: string[] = [];
      const r = await buildImage(clients, { contextDir: ctx, dockerfile: path.join(ctx, 'Dockerfile'), tag: `dfg-test/secret:${RUN}`, onStep: (_n, _t, text) => steps.push(text) });
      assert.equal(r.ok, false);
      assert.equal(r.failedStep, 5);
      // The raw engine text does carry them (it is the user's own build output) …
      assert.ok(steps.join('\n').includes('hunter2-secret') && (r.error ?? '').includes('ghp-s3cr3t'), 'the engine echoes the values');
      // … what the extension shows from it (progress text, failure message, diagnostic) does not.
      const shown = [...steps.map(redactText), buildFailureText(r, 'en'), buildFailureText(r, 'ko')].join('\n');
      for (const secret of ['ak-123456', 'hunter2-secret', 'ghp-s3cr3t']) assert.ok(!shown.includes(secret), `${secret} leaked: ${shown}`);
      assert.match(shown, /MODE=prod/);
      assert.match(buildFailureText(r, 'en'), /GITHUB_TOKEN=\*\*\* false/);
    } finally {
      fs.rmSync(ctx, { recursive: true, force: true });
    }
  });

  it('every line the sidebar code writes to an output channel is redacted, translated or engine output', () => {
    const allowed = [/previewLine\(/, /^redactText\(/, /l10n\.t\(/, /^l$/, /^failure$/, /^line\(msg, lang\)$/, /^stream === 'stderr' \? `\[stderr\] \$\{text\}` : text$/];
    const seen: string[] = [];
    for (const d of ['client/src/sidebar', 'client/src/sidebar/commands', 'client/src/session', 'client/src/editor', 'client/src/docker']) {
      for (const f of fs.readdirSync(path.join(root, d)).filter((x) => x.endsWith('.ts') && !/^(explain|newStack)/.test(x))) {
        const file = path.join(root, d, f);
        const src = fs.readFileSync(file, 'utf8');
        assert.doesNotMatch(src, /\bconsole\.(log|info|warn|error|debug)\(/, `${f} logs to the console`);
        const sf = ts.createSourceFile(file, src, ts.ScriptTarget.ES2022, true);
        const visit = (n: ts.Node): void => {
          if (ts.isCallExpression(n) && /\.(appendLine|append|replace)$/.test(n.expression.getText(sf)) && /out|channel/.test(n.expression.getText(sf))) {
            const arg = n.arguments[0]?.getText(sf) ?? '';
            seen.push(arg);
            assert.ok(allowed.some((re) => re.test(arg)), `${f}: ${n.getText(sf).slice(0, 100)}`);
          }
          n.forEachChild(visit);
        };
        visit(sf);
      }
    }
    assert.ok(seen.length >= 6, `found ${seen.length} output writes`);
  });
});

// Keep the event loop free of our timers at the end (the follower above is disposed).
after(async () => {
  await sleep(10);
});
