// The command palette in both languages (issue 18, item 3). VS Code's palette shows "Category: Title",
// keeps the commands whose label the typed text matches as a prefix or a contiguous substring (or
// word by word), and, for commands not used recently, sorts the survivors with label.localeCompare
// (code-server's workbench.js, AbstractCommandsQuickAccessProvider). So typing a command's exact
// title picks it only if no longer title that contains it sorts ahead of it. "이미지 빌드…" lost to
// "이미지 빌드 후 실행…" because ICU collates the space before "…".
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const nls: Record<'en' | 'ko', Record<string, string>> = {
  en: JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')),
  ko: JSON.parse(fs.readFileSync(path.join(root, 'package.nls.ko.json'), 'utf8')),
};

interface Cmd {
  command: string;
  title: string;
  category?: string;
}
const hidden = new Set<string>(
  (manifest.contributes.menus.commandPalette as Array<{ command: string; when: string }>).filter((m) => m.when === 'false').map((m) => m.command),
);
const commands = (manifest.contributes.commands as Cmd[]).filter((c) => !hidden.has(c.command));

function text(lang: 'en' | 'ko', ref: string): string {
  const key = /^%(.+)%$/.exec(ref)?.[1];
  if (!key) return ref;
  const v = nls[lang][key] ?? nls.en[key];
  assert.ok(v, `no nls entry for ${key}`);
  return v;
}
const label = (lang: 'en' | 'ko', c: Cmd) => (c.category ? `${text(lang, c.category)}: ${text(lang, c.title)}` : text(lang, c.title));

describe('command palette titles', () => {
  it('in Korean, every category and title is Korean, and the extension is found by "도커파일"', () => {
    for (const c of commands) {
      assert.match(text('ko', c.title), /[가-힣]/, `${c.command}: title`);
      // "Docker" is a name Korean developers keep (the glossary bans "도커"); every other category is Korean.
      if (c.category && text('ko', c.category) !== 'Docker') assert.match(text('ko', c.category), /[가-힣]/, `${c.command}: category`);
    }
    assert.ok(commands.some((c) => label('ko', c).startsWith('도커파일 가이드: ')));
    assert.ok(commands.some((c) => label('ko', c).startsWith('Docker: ')));
  });

  for (const lang of ['ko', 'en'] as const) {
    it(`${lang}: typing a command's exact title (with or without "…") puts that command first`, () => {
      const labels = commands.map((c) => ({ id: c.command, label: label(lang, c) }));
      for (const a of labels) {
        for (const typed of new Set([a.label, a.label.replace(/…$/, '')])) {
          const t = typed.toLowerCase();
          const matched = labels.filter((b) => b.label.toLowerCase().includes(t)).sort((x, y) => x.label.localeCompare(y.label));
          assert.equal(matched[0]?.id, a.id, `typing ${JSON.stringify(typed)} shows ${matched.map((m) => JSON.stringify(m.label)).join(', ')} in this order`);
        }
      }
    });
  }
});
