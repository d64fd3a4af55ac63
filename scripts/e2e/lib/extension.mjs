// Installs the built extension into a code-server extensions folder the way a .vsix install lays it out:
// <extensions>/<publisher>.<name>-<version>/ holding exactly the files .vscodeignore lets into a package.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './env.mjs';

function globToRegExp(glob) {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** .vscodeignore rules in order: a later `!pattern` re-includes what an earlier pattern excluded. */
function packageFilter(root) {
  const file = path.join(root, '.vscodeignore');
  const rules = fs.existsSync(file)
    ? fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => {
          const negate = l.startsWith('!');
          const pat = (negate ? l.slice(1) : l).replace(/^\//, '').replace(/\/$/, '/**');
          return { negate, re: globToRegExp(pat) };
        })
    : [];
  return (rel) => {
    let included = true;
    for (const r of rules) if (r.re.test(rel)) included = r.negate;
    return included;
  };
}

function listFiles(root, dir = '', out = []) {
  for (const ent of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${ent.name}` : ent.name;
    if (ent.isDirectory()) {
      if (ent.name === 'node_modules' || ent.name.startsWith('.')) continue;
      listFiles(root, rel, out);
    } else if (ent.isFile()) out.push(rel);
  }
  return out;
}

export function extensionManifest(root = ROOT) {
  return JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
}

/** Copies the packaged files into `extensionsDir`, replacing any earlier copy; returns the install folder. */
export function installExtensionCopy(extensionsDir, root = ROOT) {
  const pj = extensionManifest(root);
  const id = `${pj.publisher}.${pj.name}`.toLowerCase();
  fs.mkdirSync(extensionsDir, { recursive: true });
  for (const ent of fs.readdirSync(extensionsDir)) {
    if (ent.toLowerCase().startsWith(`${id}-`)) fs.rmSync(path.join(extensionsDir, ent), { recursive: true, force: true });
  }
  const dest = path.join(extensionsDir, `${id}-${pj.version}`);
  const keep = packageFilter(root);
  const files = listFiles(root).filter(keep);
  if (!files.includes(pj.main.replace(/^\.\//, ''))) {
    throw new Error(`${pj.main} is missing: run \`npm run build\` first`);
  }
  for (const rel of files) {
    fs.mkdirSync(path.join(dest, path.dirname(rel)), { recursive: true });
    fs.copyFileSync(path.join(root, rel), path.join(dest, rel));
  }
  registerInProfile(extensionsDir, id, pj.version);
  return { dest, id, files: files.length };
}

/**
 * Records an extension folder in the extensions folder's index (extensions.json), as
 * `--install-extension` does, and takes it off the `.obsolete` list. VS Code marks folders that are
 * missing from the index as removed on start, and an old entry would point at a stale copy.
 */
export function registerInProfile(extensionsDir, id, version) {
  const folder = `${id}-${version}`;
  const index = path.join(extensionsDir, 'extensions.json');
  let entries = [];
  try {
    entries = JSON.parse(fs.readFileSync(index, 'utf8'));
    if (!Array.isArray(entries)) entries = [];
  } catch {
    entries = [];
  }
  entries = entries.filter((e) => String(e?.identifier?.id ?? '').toLowerCase() !== id);
  entries.push({
    identifier: { id },
    version,
    location: { $mid: 1, path: path.join(extensionsDir, folder), scheme: 'file' },
    relativeLocation: folder,
    metadata: { installedTimestamp: Date.now(), source: 'vsix' },
  });
  fs.writeFileSync(index, JSON.stringify(entries));
  const obsolete = path.join(extensionsDir, '.obsolete');
  if (fs.existsSync(obsolete)) {
    try {
      const marks = JSON.parse(fs.readFileSync(obsolete, 'utf8'));
      for (const k of Object.keys(marks)) if (k.toLowerCase().startsWith(`${id}-`)) delete marks[k];
      if (Object.keys(marks).length) fs.writeFileSync(obsolete, JSON.stringify(marks));
      else fs.rmSync(obsolete);
    } catch {
      fs.rmSync(obsolete, { force: true });
    }
  }
}
