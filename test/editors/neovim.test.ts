/**
 * The language server in another editor (issue 19): a headless Neovim (Debian's `neovim`, 0.7.x) starts
 * `node dist/server.js --stdio` with the plain 0.7 API (vim.lsp.start_client + vim.lsp.buf_attach_client: the
 * Neovim 0.7 block of docs/editors.md, read from the page), opens a Dockerfile, and writes what Neovim itself got
 * (its vim.diagnostic list, a hover, a code action it applied to the buffer) as JSON. Nothing here talks to the server for Neovim: what is compared
 * went through Neovim's own LSP client, with Neovim's capabilities, position encoding and handlers.
 *
 * Each run is compared with the project's reference client (test/lsp/lspClient.ts) on the same text and language,
 * so the test holds whatever the rules say; the Korean runs must also read Korean, and the English control run must
 * not, so the language really comes from what Neovim sent (init_options, or settings through the documented on_init).
 *
 * A missing nvim fails the tests with the apt-get command that installs it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HANGUL, hoverText } from '../lsp/lspClient';
import { docBlock, editor, HOVER_AT, reference, Reference, removeSandboxes, RULE, runEditor, sandbox, SERVER } from './harness';

const NVIM = process.env.DFG_NVIM || 'nvim';
const nvim = editor(NVIM, ['--version'], 'neovim');

/**
 * The user's part of the config is the Neovim 0.7 block of docs/editors.md itself, so the page shows what runs here.
 * Three of its lines are swapped for each run: the command (this checkout's dist/server.js under this node), and the
 * language options (from DFG_CLIENT: init_options and settings, JSON), so one block serves every run.
 */
function documentedConfig(): string {
  const lua = docBlock('### Neovim 0.7', 'lua', [
    ["cmd = { 'dockerfile-guide-server', '--stdio' },", "cmd = { os.getenv('DFG_NODE'), os.getenv('DFG_SERVER'), '--stdio' },"],
    ["init_options = { language = 'ko' },", 'init_options = client_opts.init_options,'],
    ["settings = { dockerfileGuide = { language = 'ko' } },", 'settings = client_opts.settings or {},'],
  ]);
  return `local client_opts = vim.json.decode(os.getenv('DFG_CLIENT'))\n${lua}`;
}

/**
 * The harness, after the user's part in the same chunk (it reaches its locals `config` and `client_id`): it records
 * what Neovim received and quits. Its handlers go into `config` before any FileType event starts the client.
 */
const HARNESS_LUA = String.raw`
local publications, errors_logged = {}, {}
config.handlers = {
  ['textDocument/publishDiagnostics'] = function(err, result, ctx, cfg)
    table.insert(publications, result)
    return vim.lsp.handlers['textDocument/publishDiagnostics'](err, result, ctx, cfg)
  end,
  ['window/logMessage'] = function(err, result, ctx, cfg)
    if result.type == 1 then table.insert(errors_logged, result.message) end
  end,
}

local function has_rule(diags, rule)
  for _, d in ipairs(diags) do
    if d.code == rule then return true end
  end
  return false
end

local function record()
  local out = { version = vim.version(), errors_logged = errors_logged }
  local buf = vim.api.nvim_get_current_buf()
  out.filetype = vim.bo[buf].filetype
  out.attached = client_id ~= nil and vim.lsp.buf_is_attached(buf, client_id)
  local rule = os.getenv('DFG_RULE')
  local position = vim.json.decode(os.getenv('DFG_POSITION'))

  out.diagnostics_arrived = vim.wait(15000, function() return has_rule(vim.diagnostic.get(buf), rule) end, 20)
  out.diagnostics = vim.diagnostic.get(buf)
  -- Every publication so far, raw LSP: a Korean run must never have shown English first.
  out.publications = vim.deepcopy(publications)

  local uri = vim.uri_from_bufnr(buf)
  local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover', { textDocument = { uri = uri }, position = position }, 10000)
  out.hover = hover and hover[client_id] and hover[client_id].result

  -- The code actions for the rule's finding, asked as Neovim's own code_action does (the LSP diagnostics of the
  -- last publication as context), and the preferred one applied to the buffer through Neovim's workspace-edit code.
  local lsp_diag
  for _, d in ipairs(publications[#publications].diagnostics) do
    if d.code == rule then lsp_diag = d end
  end
  local actions = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
    textDocument = { uri = uri }, range = lsp_diag.range, context = { diagnostics = { lsp_diag } },
  }, 10000)
  out.actions = actions and actions[client_id] and actions[client_id].result or {}
  for _, a in ipairs(out.actions) do
    if a.isPreferred then
      out.applied = a.title
      vim.lsp.util.apply_workspace_edit(a.edit, vim.lsp.get_client_by_id(client_id).offset_encoding)
    end
  end
  out.text_after_fix = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
  -- The edit reached the server as didChange: the finding goes away.
  out.fixed = vim.wait(15000, function() return not has_rule(vim.diagnostic.get(buf), rule) end, 20)
  out.diagnostics_after_fix = vim.diagnostic.get(buf)
  return out
end

vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    local ok, out = xpcall(record, debug.traceback)
    if not ok then out = { error = out, errors_logged = errors_logged } end
    local f = assert(io.open(os.getenv('DFG_OUT'), 'w'))
    f:write(vim.fn.json_encode(out))
    f:close()
    vim.cmd('qa!')
  end,
})
`;

interface NvimDiagnostic {
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
  message: string;
  code: string;
  source: string;
}
interface NvimResult {
  error?: string;
  version: { major: number; minor: number; patch: number };
  filetype: string;
  attached: boolean;
  diagnostics_arrived: boolean;
  diagnostics: NvimDiagnostic[];
  publications: { uri: string; diagnostics: { code: string; message: string }[] }[];
  hover: unknown;
  actions: { title: string; isPreferred?: boolean }[];
  applied?: string;
  text_after_fix: string;
  fixed: boolean;
  diagnostics_after_fix: NvimDiagnostic[];
  errors_logged: string[];
}

/** Runs headless Neovim on the sandbox's Dockerfile with the documented config and the harness. */
async function runNeovim(client: { init_options?: unknown; settings?: unknown }): Promise<NvimResult> {
  const box = sandbox('dfg-nvim-');
  const config = path.join(box.root, 'init.lua');
  fs.writeFileSync(config, `${documentedConfig()}\n${HARNESS_LUA}`);
  Object.assign(box.env, {
    DFG_CLIENT: JSON.stringify(client),
    DFG_NODE: process.execPath,
    DFG_SERVER: SERVER,
    DFG_POSITION: JSON.stringify(HOVER_AT),
  });
  // Neovim 0.7 writes the server's stderr and its own LSP errors to stdpath('cache')/lsp.log.
  const lspLog = path.join(box.env.XDG_CACHE_HOME!, 'nvim', 'lsp.log');
  const result = await runEditor<NvimResult>(NVIM, ['--headless', '--clean', '-u', config, 'Dockerfile'], box, [lspLog]);
  assert.deepEqual(result.errors_logged, [], 'the server logged errors');
  return result;
}

/** Diagnostics as comparable rows: Neovim's (0-based lines, byte columns: TEXT is ASCII) and LSP's. */
const rowsOfNvim = (ds: NvimDiagnostic[]) => ds.map((d) => `${d.lnum}:${d.col}-${d.end_lnum}:${d.end_col} ${d.severity} ${d.code} ${d.message}`).sort();
const rowsOfLsp = (ds: any[]) =>
  ds.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${d.code} ${d.message}`).sort();

describe('Neovim (headless, vim.lsp.start_client)', () => {
  const refs: Partial<Record<'ko' | 'en', Reference>> = {};

  before(async () => {
    assert.ok(nvim.version, nvim.missing);
    assert.ok(fs.existsSync(SERVER), `${SERVER} is missing: run npm run build / 먼저 npm run build를 실행하세요`);
    console.log(`using ${nvim.version}`);
    [refs.ko, refs.en] = await Promise.all([reference('ko'), reference('en')]);
  });
  after(removeSandboxes);

  /** The checks every run shares: what Neovim got equals what the reference client got in that language. */
  function sameAsReference(r: NvimResult, lang: 'ko' | 'en') {
    const ref = refs[lang]!;
    assert.equal(r.filetype, 'dockerfile', 'Neovim did not detect the Dockerfile filetype');
    assert.ok(r.attached, 'the client is not attached to the buffer');
    assert.ok(r.diagnostics_arrived, `no ${RULE} diagnostic reached Neovim in 15 s`);
    assert.deepEqual(rowsOfNvim(r.diagnostics), rowsOfLsp(ref.diagnostics));
    assert.ok(r.diagnostics.every((d) => d.source === 'dockerfile-guide'));
    assert.equal(hoverText(r.hover), ref.hover);
    assert.deepEqual(r.actions.map((a) => a.title), ref.actionTitles);
    assert.equal(r.applied, ref.preferred);
    assert.equal(r.text_after_fix, ref.fixedText);
    assert.ok(r.fixed, `${RULE} stayed after Neovim applied the fix (the edit did not reach the server)`);
  }

  function korean(r: NvimResult) {
    const finding = r.diagnostics.find((d) => d.code === RULE)!;
    assert.match(finding.message, HANGUL, `the ${RULE} message is not Korean: ${finding.message}`);
    assert.match(hoverText(r.hover), /^\*\*RUN\*\*/);
    assert.match(hoverText(r.hover), HANGUL, 'the RUN hover is not Korean');
    assert.match(r.applied!, HANGUL);
    // Not one publication in English before the settings arrived.
    for (const p of r.publications) for (const d of p.diagnostics) assert.match(d.message, HANGUL, `an English diagnostic reached Neovim: ${d.message}`);
  }

  test('Korean through init_options { language = "ko" }: diagnostics, RUN hover and quick fix', async () => {
    const r = await runNeovim({ init_options: { language: 'ko' } });
    assert.equal(`${r.version.major}.${r.version.minor}`, nvim.version!.replace(/^NVIM v(\d+\.\d+).*/, '$1'));
    sameAsReference(r, 'ko');
    korean(r);
  });

  test('Korean through settings { dockerfileGuide = { language = "ko" } } alone (the documented on_init sends them with didChangeConfiguration)', async () => {
    const r = await runNeovim({ settings: { dockerfileGuide: { language: 'ko' } } });
    sameAsReference(r, 'ko');
    korean(r);
  });

  test('control: init_options { language = "en" } gives English, so the Korean above came from what Neovim sent', async () => {
    const r = await runNeovim({ init_options: { language: 'en' } });
    sameAsReference(r, 'en');
    assert.doesNotMatch(r.diagnostics.find((d) => d.code === RULE)!.message, HANGUL);
    assert.doesNotMatch(hoverText(r.hover), HANGUL);
  });
});
