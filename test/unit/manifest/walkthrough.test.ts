// The walkthrough "도커파일 가이드 시작하기 / Get started with Dockerfile Guide" as package.json contributes it:
// 6–8 steps, every string through package.nls*.json (Korean in the .ko file), step media per language through a
// `%key%` path (VS Code localizes every string of the manifest, media paths included: extensionNls.ts walks the
// whole manifest), each step completing on one of the extension's context keys — and only on it (a step without
// completionEvents would complete on a click of its own button, gettingStartedService.ts).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { contextKey, MILESTONES, WALKTHROUGH_ID } from '../../../client/src/walkthrough/keys';

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const nls: Record<'en' | 'ko', Record<string, string>> = {
  en: JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')),
  ko: JSON.parse(fs.readFileSync(path.join(root, 'package.nls.ko.json'), 'utf8')),
};
const HANGUL = /[\uac00-\ud7a3]/;
/** The concept pages of issue 20 (docs/concepts/<slug>.{ko,en}.md). */
const SLUGS = ['container-vs-vm', 'image-vs-container', 'layers-and-cache', 'build-context', 'pid1-and-signals', 'shell-vs-exec', 'ports', 'volumes', 'web-stack', 'tls-self-signed', 'nginx-autoindex'];
/** VS Code's own commands the steps' buttons use. */
const VSCODE_COMMANDS = ['workbench.action.quickOpen', 'workbench.actions.view.problems'];

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string; svg?: string; altText?: string };
  completionEvents?: string[];
}
const walkthroughs = manifest.contributes.walkthroughs as Array<{ id: string; title: string; description: string; steps: Step[] }>;
const wt = walkthroughs?.find((w) => w.id === WALKTHROUGH_ID);

function text(lang: 'en' | 'ko', ref: string): string {
  const key = /^%(.+)%$/.exec(ref)?.[1];
  assert.ok(key, `${ref} is not a %key% reference`);
  const value = nls[lang][key];
  assert.equal(typeof value, 'string', `${key} is missing from ${lang === 'en' ? 'package.nls.json' : 'package.nls.ko.json'}`);
  return value;
}

const contributed = new Set<string>((manifest.contributes.commands as Array<{ command: string }>).map((c) => c.command));
const viewFocus = new Set<string>(Object.values(manifest.contributes.views as Record<string, Array<{ id: string }>>).flatMap((vs) => vs.map((v) => `${v.id}.focus`)));

describe('walkthrough in package.json', () => {
  it('is contributed with 6–8 steps and its titles in Korean and English', () => {
    assert.ok(wt, `a walkthrough with the id ${WALKTHROUGH_ID}`);
    assert.ok(wt.steps.length >= 6 && wt.steps.length <= 8, `${wt.steps.length} steps`);
    assert.equal(text('ko', wt.title), '도커파일 가이드 시작하기');
    assert.equal(text('en', wt.title), 'Get started with Dockerfile Guide');
    for (const ref of [wt.description, ...wt.steps.flatMap((s) => [s.title, s.description])]) {
      assert.ok(HANGUL.test(text('ko', ref)), `${ref} in Korean: ${text('ko', ref)}`);
      assert.ok(!HANGUL.test(text('en', ref)), `${ref} in English: ${text('en', ref)}`);
    }
    assert.equal(new Set(wt.steps.map((s) => s.id)).size, wt.steps.length, 'step ids are unique');
  });

  it('every step completes on one milestone of the extension, in the walkthrough order, each used once', () => {
    const events = wt!.steps.map((s) => s.completionEvents ?? []);
    for (const [i, e] of events.entries()) assert.equal(e.length, 1, `step ${wt!.steps[i].id}: ${JSON.stringify(e)}`);
    assert.deepEqual(
      events.map((e) => e[0]),
      MILESTONES.map((m) => `onContext:${contextKey(m)}`),
    );
  });

  it('every milestone is reached somewhere in the client (a key nothing sets would leave its step open forever)', () => {
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.ts')) sources.push(fs.readFileSync(p, 'utf8'));
      }
    };
    walk(path.join(root, 'client/src'));
    const all = sources.join('\n');
    for (const m of MILESTONES) assert.ok(all.includes(`reached('${m}')`), `nothing calls reached('${m}')`);
  });

  it('each step has Markdown media per language, and the file exists in that language', () => {
    for (const s of wt!.steps) {
      assert.ok(s.media.markdown, `step ${s.id} has Markdown media`);
      const files = { en: text('en', s.media.markdown!), ko: text('ko', s.media.markdown!) };
      assert.notEqual(files.en, files.ko, `step ${s.id}: one media file per language`);
      for (const lang of ['en', 'ko'] as const) {
        const file = path.join(root, files[lang]);
        assert.ok(fs.existsSync(file), `${files[lang]} exists`);
        const md = fs.readFileSync(file, 'utf8');
        assert.match(md, /^# \S/, `${files[lang]} starts with a title`);
        assert.equal(HANGUL.test(md), lang === 'ko', `${files[lang]} is in ${lang === 'ko' ? 'Korean' : 'English'}`);
      }
    }
  });

  it('the buttons and links run commands that exist, and concept links name a concept page', () => {
    for (const s of wt!.steps) {
      for (const lang of ['en', 'ko'] as const) {
        const d = text(lang, s.description);
        const links = [...d.matchAll(/\]\(command:([^)?]+)(?:\?([^)]*))?\)/g)].map((m) => ({ id: m[1], arg: m[2] }));
        assert.ok(links.length > 0, `step ${s.id} (${lang}) has a command link`);
        // VS Code renders a link alone on its line as a button: every step has at least one.
        assert.ok(d.split('\n').some((l) => /^\[[^\]]+\]\(command:[^)]+\)$/.test(l.trim())), `step ${s.id} (${lang}) has a button`);
        for (const { id, arg } of links) {
          if (id === 'dockerfileGuide.openConcept') {
            const args = JSON.parse(decodeURIComponent(arg ?? ''));
            assert.ok(Array.isArray(args) && SLUGS.includes(args[0]), `step ${s.id}: concept ${arg}`);
            continue;
          }
          assert.ok(contributed.has(id) || viewFocus.has(id) || VSCODE_COMMANDS.includes(id), `step ${s.id} (${lang}): unknown command ${id}`);
        }
        // Both languages offer the same buttons and links, in the same order.
        const other = text(lang === 'en' ? 'ko' : 'en', s.description);
        assert.deepEqual(
          links.map((l) => `${l.id}?${l.arg ?? ''}`),
          [...other.matchAll(/\]\(command:([^)?]+)(?:\?([^)]*))?\)/g)].map((m) => `${m[1]}?${m[2] ?? ''}`),
          `step ${s.id}: the same links in both languages`,
        );
      }
    }
  });
});
