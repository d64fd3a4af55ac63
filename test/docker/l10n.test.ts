// Every user-visible string of the sidebar exists in English and Korean: vscode.l10n.t() keys have a
// Korean entry in l10n/bundle.l10n.ko.json, the manifest's %keys% exist in both nls files, and the
// engine layer's {ko, en} tables have real Korean in every entry.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const root = path.resolve(__dirname, '../..');
const mine = ['client/src/sidebar', 'client/src/sidebar/commands', 'client/src/session', 'client/src/editor', 'client/src/editor/doctor', 'client/src/editor/layers', 'client/src/docker'];

function sources(): Array<{ file: string; sf: ts.SourceFile }> {
  const out: Array<{ file: string; sf: ts.SourceFile }> = [];
  for (const d of mine) {
    for (const f of fs.readdirSync(path.join(root, d))) {
      // explain* and newStack* belong to other parts of the extension.
      if (!f.endsWith('.ts') || /^(explain|newStack)/.test(f)) continue;
      const file = path.join(root, d, f);
      out.push({ file, sf: ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true) });
    }
  }
  return out;
}

function visit(node: ts.Node, fn: (n: ts.Node) => void): void {
  fn(node);
  node.forEachChild((c) => visit(c, fn));
}

describe('sidebar strings in both languages', () => {
  it('every vscode.l10n.t key has a Korean translation', () => {
    const ko = JSON.parse(fs.readFileSync(path.join(root, 'l10n/bundle.l10n.ko.json'), 'utf8')) as Record<string, string>;
    const keys: string[] = [];
    for (const { sf } of sources()) {
      visit(sf, (n) => {
        if (ts.isCallExpression(n) && n.expression.getText(sf).endsWith('l10n.t')) {
          const a = n.arguments[0];
          assert.ok(a && ts.isStringLiteralLike(a), `${sf.fileName}: l10n.t needs a literal key (${n.getText(sf).slice(0, 60)})`);
          keys.push(a.text);
        }
      });
    }
    // A floor against a broken scan (51 keys until the "Could not …"/build-failure sentences became {ko, en} pairs).
    assert.ok(keys.length > 40, `found ${keys.length} keys`);
    const missing = keys.filter((k) => !ko[k] || !/[가-힣]/.test(ko[k]));
    assert.deepEqual(missing, [], 'keys without Korean');
    for (const k of keys) {
      const holes = (s: string) => (s.match(/\{\d+\}/g) ?? []).sort().join();
      assert.equal(holes(ko[k]), holes(k), `placeholders differ for "${k}"`);
    }
  });

  it('every {ko, en} pair of the engine layer and views has both, Korean in Hangul', () => {
    let pairs = 0;
    for (const { sf } of sources()) {
      visit(sf, (n) => {
        if (!ts.isObjectLiteralExpression(n)) return;
        const names = n.properties.map((p) => (p.name && ts.isIdentifier(p.name) ? p.name.text : ''));
        if (names.length !== 2 || !names.includes('ko') || !names.includes('en')) return;
        const get = (k: string) => {
          const p = n.properties.find((x) => x.name && ts.isIdentifier(x.name) && x.name.text === k) as ts.PropertyAssignment;
          return ts.isStringLiteralLike(p.initializer) ? p.initializer.text : undefined;
        };
        const [ko, en] = [get('ko'), get('en')];
        if (ko === undefined || en === undefined) return;
        pairs++;
        assert.ok(en.trim(), `${sf.fileName}: empty English`);
        // ID, dead, … are the same word in both; everything longer must be Korean.
        if (en.length > 4) assert.match(ko, /[가-힣]/, `${sf.fileName}: "${ko}" is not Korean`);
        assert.equal((ko.match(/\{\d+\}/g) ?? []).sort().join(), (en.match(/\{\d+\}/g) ?? []).sort().join(), `${sf.fileName}: placeholders of "${en}"`);
      });
    }
    assert.ok(pairs > 40, `found ${pairs} pairs`);
  });

  it('every manifest %key% of the sidebar exists in package.nls.json and package.nls.ko.json', () => {
    const pkgText = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const en = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const ko = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.ko.json'), 'utf8')) as Record<string, string>;
    const keys = [...pkgText.matchAll(/"%((?:docker|config\.docker)[^%"]*)%"/g)].map((m) => m[1]);
    assert.ok(keys.length >= 25, `found ${keys.length}`);
    for (const k of keys) {
      assert.ok(en[k], `package.nls.json lacks ${k}`);
      // "Docker" is the one word the Korean UI keeps in English (docs/glossary.ko.md).
      assert.match(ko[k] ?? '', /[가-힣]|^Docker$/, `package.nls.ko.json lacks Korean for ${k}`);
    }
    const pkg = JSON.parse(pkgText);
    const container = pkg.contributes.viewsContainers.activitybar.find((v: { id: string }) => v.id === 'dockerfileGuide-docker');
    assert.equal(en[container.title.slice(1, -1)], 'Docker');
    assert.equal(ko[container.title.slice(1, -1)], 'Docker');
    assert.ok(fs.existsSync(path.join(root, container.icon)), 'activity bar icon exists');
    // Every command used in a menu is declared.
    const declared = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));
    for (const items of Object.values(pkg.contributes.menus) as Array<Array<{ command: string }>>) {
      for (const it of items) if (it.command.startsWith('dockerfileGuide.docker.')) assert.ok(declared.has(it.command), it.command);
    }
  });

  it('the empty Containers view says what to do, in both languages, with links to commands that exist', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const en = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const ko = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.ko.json'), 'utf8')) as Record<string, string>;
    const welcome = pkg.contributes.viewsWelcome.find((w: { view: string }) => w.view === 'dockerfileGuide.containers');
    assert.ok(welcome, 'a viewsWelcome for the Containers view');
    const key = welcome.contents.slice(1, -1);
    const links = (t: string) => [...t.matchAll(/\]\(command:([\w.]+)\)/g)].map((m) => m[1]);
    assert.deepEqual(links(en[key]), ['dockerfileGuide.docker.buildImage', 'dockerfileGuide.docker.image.run', 'dockerfileGuide.docker.howToStart']);
    assert.deepEqual(links(ko[key]), links(en[key]), 'the same actions in Korean');
    assert.match(ko[key], /Dockerfile에서 이미지를 빌드/);
    const declared = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));
    for (const c of links(en[key])) assert.ok(declared.has(c), c);
  });

  it('every command the sidebar registers is declared in the manifest, and vice versa', () => {
    const registered = new Set<string>();
    for (const { sf } of sources()) {
      for (const m of sf.text.matchAll(/registerCommand\(\s*[`'](dockerfileGuide\.docker\.[A-Za-z.]+)[`']/g)) registered.add(m[1]);
    }
    // Registered through a template literal and through constants:
    for (const v of ['start', 'stop', 'restart', 'pause', 'unpause']) registered.add(`dockerfileGuide.docker.container.${v}`);
    for (const c of ['retry', 'howToStart']) registered.add(`dockerfileGuide.docker.${c}`);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const declared = new Set<string>(
      pkg.contributes.commands.map((c: { command: string }) => c.command).filter((c: string) => c.startsWith('dockerfileGuide.docker.')),
    );
    assert.deepEqual([...registered].filter((c) => !declared.has(c)), [], 'registered but not declared');
    assert.deepEqual([...declared].filter((c) => !registered.has(c)), [], 'declared but never registered');
  });
});
