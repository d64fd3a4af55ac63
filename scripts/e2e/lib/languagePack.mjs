// Korean display language for code-server (`npm start -- --lang ko`, the UI smoke test).
//
// VS Code shows a display language only when a language pack extension for it is installed. The
// real one (MS-CEINTL.vscode-language-pack-ko) comes from the extension gallery; where the gallery
// cannot be reached (this project's CI and dev machines reach only npm and apt) we install a
// minimal local pack instead. It registers `ko` as a display language with no translations of its
// own, so VS Code runs in Korean: `vscode.env.language` is `ko`, and every extension that ships
// Korean strings (ours: package.nls.ko.json, l10n/bundle.l10n.ko.json) shows them, while VS Code's
// own menus stay English until the real pack is installed.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { TMP_ROOT } from './env.mjs';
import { registerInProfile } from './extension.mjs';

const REAL_PACK = 'ms-ceintl.vscode-language-pack-ko';
const LOCAL_PACK = 'dockerfile-guide.display-language-ko';

function findInstalled(extensionsDir, id) {
  if (!fs.existsSync(extensionsDir)) return undefined;
  return fs.readdirSync(extensionsDir).find((d) => d.toLowerCase().startsWith(`${id}-`));
}

/**
 * Writes <user-data>/languagepacks.json the way VS Code's language pack service does after installing a
 * pack; the server reads it to build the translated messages for the requested display language.
 */
function registerLanguagePack(userDataDir, id, version, translationsFile, label) {
  const file = path.join(userDataDir, 'languagepacks.json');
  let packs = {};
  try {
    packs = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    packs = {};
  }
  packs.ko = {
    hash: crypto.createHash('md5').update(id).update(version).digest('hex'),
    extensions: [{ extensionIdentifier: { id }, version }],
    translations: { vscode: translationsFile },
    label,
  };
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(packs));
}

function writeLocalPack(extensionsDir, userDataDir) {
  const dir = path.join(extensionsDir, `${LOCAL_PACK}-1.0.0`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'translations'), { recursive: true });
  const manifest = {
    name: 'display-language-ko',
    displayName: 'Korean display language (minimal)',
    description: 'Registers Korean as a VS Code display language so extensions show their Korean text; VS Code itself stays English.',
    publisher: 'dockerfile-guide',
    version: '1.0.0',
    engines: { vscode: '^1.80.0' },
    categories: ['Language Packs'],
    contributes: {
      localizations: [
        {
          languageId: 'ko',
          languageName: 'Korean',
          localizedLanguageName: '한국어',
          translations: [{ id: 'vscode', path: './translations/main.i18n.json' }],
        },
      ],
    },
  };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  fs.writeFileSync(path.join(dir, 'translations', 'main.i18n.json'), JSON.stringify({ version: '1.0.0', contents: {} }) + '\n');
  registerInProfile(extensionsDir, LOCAL_PACK, '1.0.0');
  registerLanguagePack(userDataDir, LOCAL_PACK, '1.0.0', path.join(dir, 'translations', 'main.i18n.json'), '한국어');
  return dir;
}

/**
 * Makes sure `extensionsDir` holds a Korean language pack. Tries the gallery once (a second at most when
 * it is unreachable), then falls back to the local minimal pack.
 * @returns {{ ok: boolean, kind: 'real' | 'local' | 'none', reason?: string }}
 */
export function installKoreanLanguagePack(extensionsDir, userDataDir, tools, { tryGallery = true } = {}) {
  if (findInstalled(extensionsDir, REAL_PACK)) return { ok: true, kind: 'real' };
  if (tryGallery) {
    fs.mkdirSync(TMP_ROOT, { recursive: true });
    const scratch = fs.mkdtempSync(path.join(TMP_ROOT, 'lp-'));
    try {
      const env = { ...process.env, TMPDIR: scratch, XDG_CONFIG_HOME: scratch, XDG_DATA_HOME: scratch, XDG_CACHE_HOME: scratch };
      delete env.EXTENSIONS_GALLERY;
      const r = spawnSync(
        tools.codeServer,
        ['--config', path.join(scratch, 'config.yaml'), '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', REAL_PACK],
        { env, encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      if (r.status === 0 && findInstalled(extensionsDir, REAL_PACK)) {
        fs.rmSync(path.join(extensionsDir, `${LOCAL_PACK}-1.0.0`), { recursive: true, force: true });
        return { ok: true, kind: 'real' };
      }
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  }
  try {
    writeLocalPack(extensionsDir, userDataDir);
    return { ok: true, kind: 'local', reason: 'the extension gallery is not reachable; using the minimal local pack' };
  } catch (e) {
    return { ok: false, kind: 'none', reason: e instanceof Error ? e.message : String(e) };
  }
}
