/**
 * What the editor tests share: the Dockerfile they open, the code blocks of docs/editors.md they run, a sandbox per
 * run (its own HOME and XDG dirs, so no user config takes part), running an editor that writes its findings as JSON,
 * and the reference answers of the project's own LSP client for the same text.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyTextEdits, hoverText, LspClient } from '../lsp/lspClient';

export { SERVER } from '../lsp/lspClient';

export const TEXT = 'FROM debian:bookworm\nRUN apt-get install -y nginx\nCMD ["nginx", "-g", "daemon off;"]\n';
/** The RUN keyword: line 1 (0-based), inside "RUN". */
export const HOVER_AT = { line: 1, character: 1 };
/** The rule whose finding (and, where the test applies one, quick fix) the runs follow: apt-get install with no apt-get update in its RUN. */
export const RULE = 'DG113';

/**
 * Whether an editor is there: `versionArgs` must make it print its version on the first line of stdout. A missing
 * editor fails the tests with the install command (`npm test` installs them: scripts/ci/apt-install.sh); a test that
 * skipped itself would hide that the editor was never tried.
 */
export function editor(command: string, versionArgs: string[], debianPackages: string, env?: NodeJS.ProcessEnv) {
  const r = spawnSync(command, versionArgs, { encoding: 'utf8', env: env ?? process.env, timeout: 30_000 });
  const version = r.status === 0 ? r.stdout.split('\n')[0].trim() : undefined;
  const missing = `${command} not found, or without what these tests need: apt-get install ${debianPackages} / ${command} 명령이 없거나 테스트에 필요한 패키지가 없습니다. Debian 패키지를 설치하세요: apt-get install ${debianPackages}`;
  return { version, missing };
}

const DOC = path.resolve(__dirname, '../../docs/editors.md');

/**
 * The first code block of one language after a heading of docs/editors.md, with some of its lines swapped; each
 * swapped line must be there exactly once, so the page and the test cannot drift apart silently.
 */
export function docBlock(heading: string, lang: string, swaps: [from: string, to: string][]): string {
  const md = fs.readFileSync(DOC, 'utf8');
  const at = md.indexOf(heading);
  assert.ok(at >= 0, `${DOC}: no "${heading}" section`);
  const block = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(md.slice(at));
  assert.ok(block, `${DOC}: no ${lang} block after "${heading}"`);
  let text = block[1];
  for (const [from, to] of swaps) {
    assert.equal(text.split(from).length, 2, `${DOC}: the ${lang} block after "${heading}" must hold \`${from}\` once`);
    text = text.replace(from, to);
  }
  return text;
}

const sandboxes: string[] = [];

/** A temp dir with project/Dockerfile (TEXT) and an environment whose HOME and XDG dirs point inside it. */
export function sandbox(prefix: string) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  sandboxes.push(root);
  const dir = (name: string) => {
    const d = path.join(root, name);
    fs.mkdirSync(d, { recursive: true });
    return d;
  };
  const project = dir('project');
  fs.writeFileSync(path.join(project, 'Dockerfile'), TEXT);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir('home'),
    XDG_CONFIG_HOME: dir('config'),
    XDG_DATA_HOME: dir('data'),
    XDG_STATE_HOME: dir('state'),
    XDG_CACHE_HOME: dir('cache'),
    XDG_RUNTIME_DIR: dir('run'),
    LANG: 'C.UTF-8',
    DFG_OUT: path.join(root, 'result.json'),
    DFG_RULE: RULE,
  };
  return { root, project, env };
}

export function removeSandboxes() {
  for (const d of sandboxes.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/**
 * Runs an editor that writes its findings to $DFG_OUT as JSON and exits. `logs` names files worth showing when it
 * fails (the editor's LSP log). A result with an `error` field (the harness caught one) fails with it.
 */
export async function runEditor<T>(command: string, args: string[], box: ReturnType<typeof sandbox>, logs: string[] = []): Promise<T> {
  const proc = spawn(command, args, { cwd: box.project, env: box.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const timer = setTimeout(() => proc.kill('SIGKILL'), 40_000);
  const code = await new Promise<number | null>((r) => proc.on('exit', (c) => r(c)));
  clearTimeout(timer);
  const context = () =>
    [`${command} exit ${code}; output:\n${output.slice(-4000)}`, ...logs.map((l) => `${l}:\n${fs.existsSync(l) ? fs.readFileSync(l, 'utf8').slice(-4000) : '(none)'}`)].join('\n');
  const out = box.env.DFG_OUT!;
  assert.ok(fs.existsSync(out), `${command} wrote no result (${context()})`);
  const result = JSON.parse(fs.readFileSync(out, 'utf8')) as T & { error?: string };
  assert.equal(result.error, undefined, `the editor-side harness failed: ${result.error} (${context()})`);
  assert.equal(code, 0, context());
  return result;
}

export type Reference = Awaited<ReturnType<typeof reference>>;

/** What the project's own LSP client gets for TEXT in one language: the expected answers. */
export async function reference(language: 'ko' | 'en') {
  const c = new LspClient();
  try {
    await c.initialize({ language });
    const uri = 'file:///reference/Dockerfile';
    const diagnostics = await c.openAndWait(uri, TEXT);
    const hover = hoverText(await c.hover(uri, HOVER_AT.line, HOVER_AT.character));
    const finding = diagnostics.find((d) => d.code === RULE);
    assert.ok(finding, `the reference server reports no ${RULE}`);
    const actions = (await c.request('textDocument/codeAction', { textDocument: { uri }, range: finding.range, context: { diagnostics: [finding] } })) as any[];
    const preferred = actions.find((a) => a.isPreferred);
    assert.ok(preferred, `the reference server offers no preferred fix for ${RULE}`);
    return {
      diagnostics: diagnostics as any[],
      hover,
      actionTitles: actions.map((a) => a.title as string),
      preferred: preferred.title as string,
      fixedText: applyTextEdits(TEXT, preferred.edit.changes[uri]),
    };
  } finally {
    await c.shutdownHealthy();
  }
}
