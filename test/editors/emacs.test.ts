/**
 * The language server in Emacs through eglot (issue 19): `emacs --batch` (Debian's emacs-nox with elpa-eglot and
 * elpa-dockerfile-mode) loads the eglot block of docs/editors.md, read from the page, opens a Dockerfile in
 * dockerfile-mode, and writes what Emacs itself got (flymake's diagnostics, which eglot fills from the server, and a
 * hover at RUN) as JSON. Korean comes once through the block's :initializationOptions and once through the page's
 * .dir-locals.el (eglot-workspace-configuration) alone; a run with neither must be English.
 *
 * A missing emacs (or eglot, dockerfile-mode) fails the tests with the apt-get command that installs it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HANGUL } from '../lsp/lspClient';
import { docBlock, editor, HOVER_AT, reference, Reference, removeSandboxes, RULE, runEditor, sandbox, SERVER } from './harness';

const EMACS = process.env.DFG_EMACS || 'emacs';
// Emacs counts as there only with the two packages the page's config needs, loaded as the test loads them (no
// user init file: HOME is a fresh temp dir).
const probeHome = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-emacs-probe-'));
const emacs = editor(
  EMACS,
  ['--batch', '--eval', "(progn (package-initialize) (require 'eglot) (require 'dockerfile-mode) (princ (format \"GNU Emacs %s\\n\" emacs-version)))"],
  'emacs-nox elpa-eglot elpa-dockerfile-mode',
  { PATH: process.env.PATH, HOME: probeHome },
);
fs.rmSync(probeHome, { recursive: true, force: true });

const SECTION = '## Emacs with eglot';
const INIT_OPTIONS = ':initializationOptions (:language "ko")';

/** The page's eglot block, with this checkout's server (under this node) and the run's initialization options. */
function documentedConfig(initOptions: boolean): string {
  return docBlock(SECTION, 'elisp', [
    ['"dockerfile-guide-server" "--stdio"', `${JSON.stringify(process.execPath)} ${JSON.stringify(SERVER)} "--stdio"`],
    [INIT_OPTIONS, initOptions ? INIT_OPTIONS : ''],
  ]);
}

/** The page's .dir-locals.el: the second elisp block of the section, the one that starts with `((nil`. */
function documentedDirLocals(): string {
  const md = fs.readFileSync(path.resolve(__dirname, '../../docs/editors.md'), 'utf8');
  const section = md.slice(md.indexOf(SECTION));
  const block = /```elisp\n(\(\(nil[\s\S]*?)```/.exec(section);
  assert.ok(block, 'docs/editors.md: no .dir-locals.el block in the Emacs section');
  return block[1];
}

/**
 * Runs in `emacs --batch` after package-initialize (Debian's elpa packages). eglot-ensure waits for a command loop
 * (post-command-hook), which batch Emacs does not run, so the harness runs the hook itself; flymake likewise is
 * started by hand. Whatever fails lands in the result as `error`.
 */
function harness(userConfig: string): string {
  return String.raw`;;; -*- lexical-binding: t -*-
(package-initialize)
(require 'json)
(require 'seq)
(defun dfg-write (obj)
  (with-temp-file (getenv "DFG_OUT") (insert (json-encode obj))))
(condition-case err
    (progn
      (require 'eglot)
      (require 'dockerfile-mode)
;; ---------------------------------------------------------------- docs/editors.md
${userConfig}
;; ---------------------------------------------------------------- the harness
      (find-file (expand-file-name "Dockerfile"))
      (let ((n 0))
        (while (and (not (eglot-current-server)) (< n 150))
          (run-hooks 'post-command-hook)
          (accept-process-output nil 0.1)
          (setq n (1+ n))))
      (unless (eglot-current-server) (error "eglot did not connect in 15 s"))
      ;; Wait for the rule's finding in the run's language: eglot sends didOpen before the settings (its
      ;; eglot-connect-hook runs after it), so with settings alone an English publication may come first.
      (let ((n 0) (rule (getenv "DFG_RULE")) (korean (equal (getenv "DFG_WANT") "ko")) diags)
        (while (and (< n 150)
                    (not (seq-some (lambda (d)
                                     (let ((text (flymake-diagnostic-text d)))
                                       (and (string-match-p (regexp-quote rule) text)
                                            (eq korean (and (string-match-p "[가-힣]" text) t)))))
                                   diags)))
          (accept-process-output nil 0.1)
          (flymake-start)
          (setq diags (flymake-diagnostics) n (1+ n)))
        (goto-char (point-min))
        (forward-line ${HOVER_AT.line})
        (forward-char ${HOVER_AT.character})
        (let* ((server (eglot-current-server))
               (hover (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams))))
          (dfg-write (list :emacs emacs-version
                           :mode (symbol-name major-mode)
                           :diagnostics (vconcat (mapcar (lambda (d)
                                                           (list :line (line-number-at-pos (flymake-diagnostic-beg d))
                                                                 :text (flymake-diagnostic-text d)))
                                                         diags))
                           :hover (plist-get (plist-get hover :contents) :value)))
          (eglot-shutdown server))))
  (error (dfg-write (list :error (format "%S" err)))))
(kill-emacs 0)
`;
}

interface EmacsResult {
  emacs: string;
  mode: string;
  diagnostics: { line: number; text: string }[];
  hover: string;
}

async function runEmacs(opts: { initOptions: boolean; dirLocals: boolean; want: 'ko' | 'en' }): Promise<EmacsResult> {
  const box = sandbox('dfg-emacs-');
  box.env.DFG_WANT = opts.want;
  const script = path.join(box.root, 'check.el');
  fs.writeFileSync(script, harness(documentedConfig(opts.initOptions)));
  if (opts.dirLocals) fs.writeFileSync(path.join(box.project, '.dir-locals.el'), documentedDirLocals());
  // Without -Q: Debian's site-start puts the elpa-* packages where package-initialize finds them; HOME is the
  // sandbox's, so no user init file is read.
  return runEditor<EmacsResult>(EMACS, ['--batch', '-l', script], box);
}

describe('Emacs (batch, eglot)', () => {
  const refs: Partial<Record<'ko' | 'en', Reference>> = {};

  before(async () => {
    assert.ok(emacs.version, emacs.missing);
    assert.ok(fs.existsSync(SERVER), `${SERVER} is missing: run npm run build / 먼저 npm run build를 실행하세요`);
    console.log(`using ${emacs.version}`);
    [refs.ko, refs.en] = await Promise.all([reference('ko'), reference('en')]);
  });
  after(removeSandboxes);

  /** Every diagnostic of the reference reached flymake on its line (eglot's text adds the source and code), and no other; the hover is the reference's. */
  function sameAsReference(r: EmacsResult, lang: 'ko' | 'en') {
    const ref = refs[lang]!;
    assert.equal(r.mode, 'dockerfile-mode');
    const got = r.diagnostics.map((d) => `${d.line} ${d.text}`).sort();
    assert.equal(got.length, ref.diagnostics.length, `flymake has ${JSON.stringify(got)}`);
    for (const d of ref.diagnostics) {
      assert.ok(
        r.diagnostics.some((g) => g.line === d.range.start.line + 1 && g.text.includes(d.message) && g.text.includes(String(d.code))),
        `not in flymake on line ${d.range.start.line + 1}: ${d.code} ${d.message}\n(flymake has ${JSON.stringify(got)})`,
      );
    }
    assert.equal(r.hover, ref.hover);
  }

  function korean(r: EmacsResult) {
    const finding = r.diagnostics.find((d) => d.text.includes(RULE))!;
    assert.match(finding.text, HANGUL, `the ${RULE} diagnostic is not Korean: ${finding.text}`);
    assert.match(r.hover, /^\*\*RUN\*\*/);
    assert.match(r.hover, HANGUL, 'the RUN hover is not Korean');
  }

  test('Korean through :initializationOptions (:language "ko"): diagnostics in flymake and the RUN hover', async () => {
    const r = await runEmacs({ initOptions: true, dirLocals: false, want: 'ko' });
    sameAsReference(r, 'ko');
    korean(r);
  });

  test("Korean through .dir-locals.el's eglot-workspace-configuration (:dockerfileGuide (:language \"ko\")) alone", async () => {
    const r = await runEmacs({ initOptions: false, dirLocals: true, want: 'ko' });
    sameAsReference(r, 'ko');
    korean(r);
  });

  test('control: with neither the server speaks English, so the Korean above came from what eglot sent', async () => {
    const r = await runEmacs({ initOptions: false, dirLocals: false, want: 'en' });
    sameAsReference(r, 'en');
    assert.doesNotMatch(r.hover, HANGUL);
  });
});
