/**
 * Files the image build puts in a web folder, as far as the Dockerfile shows them: what COPY/ADD bring from the build
 * context, the page Debian's nginx package creates, and the WordPress or phpMyAdmin a RUN unpacks and moves. Only
 * what is sure is recorded (a file whose place is unclear is left out), so a rule asking "is index.php there?"
 * hears "yes" only when it is.
 */
import type { Instr, Stage } from '../../service/document';
import type { SimpleCommand } from '../../service/shell/parser';
import { aptGetInvocations } from '../helpers/apt';
import { baseName, resolvePath } from '../helpers/paths';
import { runShells } from '../helpers/shell';
import { stageChain } from '../helpers/stages';
import type { RuleContext } from '../types';

/**
 * Where a file comes from. `debian`: nginx-common's postinst copies /usr/share/nginx/html/index.html to
 * /var/www/html/index.nginx-debian.html when that file is missing. `wordpress`/`phpmyadmin`: the top folder of their
 * release archives holds index.php.
 */
export interface Origin {
  kind: 'debian' | 'copy' | 'wordpress' | 'phpmyadmin';
  instr: Instr;
  /** For `copy`: the build-context file. */
  file?: string;
}

export const DEBIAN_PAGE = '/var/www/html/index.nginx-debian.html';

export interface WebFiles {
  /** The origin of a file at `dir/name`, or null when the build is not known to put one there. */
  at(dir: string, name: string): Origin | null;
  /**
   * Text that runs or is read when the container starts, besides the RUNs followed here: CMD, ENTRYPOINT and every
   * readable file copied from the build context (start scripts among them).
   */
  startTexts: string[];
  /** Every RUN's text (for `ln -s` of a site, which this module does not follow as files). */
  runTexts: string[];
  /** Something copied could not be read and may be a script (or another stage's files): it could do anything. */
  unknown: boolean;
}

/** Archive names of WordPress (wordpress.org/latest.tar.gz, wordpress-6.4.tar.gz) and phpMyAdmin releases. */
const WORDPRESS_ARCHIVE = /^(latest|wordpress(-[\d.]+)?)(-[A-Za-z_]+)?\.(tar\.gz|tgz|tar|zip)$/;
const PHPMYADMIN_ARCHIVE = /^(phpMyAdmin-[\w.+-]+?)\.(tar\.gz|tgz|tar\.xz|tar\.bz2|tar|zip)$/;
/** Debian's nginx packages; each depends on nginx-common, whose postinst makes the page. */
const NGINX_PACKAGE = /^nginx(-common|-core|-full|-light|-extras)?$/;
/** Copied files that are data, not scripts: an unreadable one (left out of a checkout) does not make `unknown`. */
const DATA_FILE = /\.(tar\.gz|tgz|tar|zip|gz|xz|bz2|sql|pem|key|crt|cert|csr|png|jpe?g|gif|ico|svg|html?|php|css|js|json|conf|cnf|txt|md|ini|list|phar|deb)$/i;

const MAX_FILES = 5000;
const MAX_TEXTS = 200;
const MAX_SIZE = 256 * 1024;

/** The web files the stage's build leaves (following the stages it is built FROM). */
export function webFiles(ctx: RuleContext, stage: Stage): WebFiles {
  const files = new Map<string, Origin>();
  const trees = new Map<string, Origin>();
  const dirs = new Set<string>(['/']);
  const startTexts: string[] = [];
  const runTexts: string[] = [];
  let unknown = false;
  const shells = new Map(runShells(ctx.doc).map((r) => [r.instr, r.shell]));
  const mentionsWordPress = /wordpress/i.test(ctx.doc.text);

  const addDir = (p: string): void => {
    for (let d = p; d !== '/' && !dirs.has(d); d = d.slice(0, d.lastIndexOf('/')) || '/') dirs.add(d);
  };
  const under = (k: string, p: string): boolean => k === p || k.startsWith(p === '/' ? '/' : `${p}/`);
  /** Moves (or copies) what is at `src` and under it to `to`. */
  const relocate = (src: string, to: string, keep: boolean, contentsOnly: boolean): void => {
    for (const m of [files, trees] as Map<string, Origin>[]) {
      for (const [k, v] of [...m]) {
        if (!under(k, src) || (contentsOnly && k === src && m === files)) continue;
        if (!keep) m.delete(k);
        m.set(to + k.slice(src.length), v);
      }
    }
    for (const k of [...dirs]) {
      if (!under(k, src)) continue;
      if (!keep && k !== src) dirs.delete(k);
      addDir(to + k.slice(src.length));
    }
    if (!keep && !contentsOnly) dirs.delete(src);
  };
  const remove = (p: string, contentsOnly: boolean): void => {
    for (const m of [files, trees] as Map<string, Origin>[]) for (const k of [...m.keys()]) if (under(k, p) && !(contentsOnly && k === p && m === files)) m.delete(k);
    for (const k of [...dirs]) if (under(k, p) && (k !== p || !contentsOnly)) dirs.delete(k);
  };
  const addTree = (root: string, kind: 'wordpress' | 'phpmyadmin', instr: Instr): void => {
    trees.set(root, { kind, instr });
    addDir(root);
  };
  /** Where a release archive's index.php lands when it is unpacked into `into` with --strip-components=`strip`. */
  const unpack = (archive: string, into: string, strip: number, instr: Instr): void => {
    const name = baseName(archive);
    const wp = WORDPRESS_ARCHIVE.test(name) && (name.startsWith('wordpress') || mentionsWordPress);
    const pma = PHPMYADMIN_ARCHIVE.exec(name);
    if ((!wp && !pma) || strip > 1) return;
    const top = wp ? 'wordpress' : pma![1];
    addTree(strip === 1 ? into : resolvePath(into, top), wp ? 'wordpress' : 'phpmyadmin', instr);
  };
  const readText = (path: string): void => {
    if (startTexts.length >= MAX_TEXTS) return;
    const text = ctx.readContextFile?.(path) ?? null;
    if (text !== null && text.length <= MAX_SIZE) startTexts.push(text);
  };
  let count = 0;
  /** A build-context folder's files land under `dest`. */
  const copyFolder = (src: string, dest: string, instr: Instr, depth: number): void => {
    const entries = ctx.contextEntries?.(src) ?? null;
    if (!entries) return;
    addDir(dest);
    for (const e of entries) {
      if (++count > MAX_FILES) return;
      const from = src ? `${src}/${e.name}` : e.name;
      const to = resolvePath(dest, e.name);
      if (e.dir) {
        if (depth < 8) copyFolder(from, to, instr, depth + 1);
      } else {
        files.set(to, { kind: 'copy', instr, file: from });
        readText(from);
      }
    }
  };

  // WORKDIR carries over from a stage to the stages built FROM it, as the chain is walked root first.
  let cwd = '/';
  for (const s of stageChain(stage)) {
    for (const ins of s.instructions) {
      if (ins.keyword === 'WORKDIR') {
        const v = ins.argsContent().trim().replace(/^["']|["']$/g, '');
        if (v && !v.includes('$')) {
          cwd = resolvePath(cwd, v);
          addDir(cwd);
        }
      } else if (ins.keyword === 'CMD' || ins.keyword === 'ENTRYPOINT') {
        startTexts.push(instrText(ins));
      } else if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
        copyInstr(ins, cwd);
      } else if (ins.keyword === 'RUN') {
        runTexts.push(instrText(ins));
        const shell = shells.get(ins);
        if (shell) runCommands(shell.all, cwd, ins);
      }
    }
  }

  function copyInstr(ins: Instr, cwd: string): void {
    const json = ins.jsonStrings();
    const heredocs = ins.heredocs();
    const args = (json ?? (heredocs.length ? ins.args().filter((a) => a.range.start.line === heredocs[0].startRange.start.line) : ins.args())).map((a) => a.value);
    if (args.length < 2) return;
    const destRaw = args[args.length - 1];
    if (destRaw.includes('$')) {
      unknown = true;
      return;
    }
    const dest = resolvePath(cwd, destRaw);
    const srcs = args.slice(0, -1);
    if (ins.flag('from')) {
      unknown = true;
      return;
    }
    if (heredocs.length) {
      startTexts.push(instrText(ins));
      const toDir = destRaw.endsWith('/') || dirs.has(dest);
      for (const h of heredocs) files.set(toDir ? resolvePath(dest, h.name) : dest, { kind: 'copy', instr: ins });
      return;
    }
    for (const src of srcs) {
      if (/^[a-z]+:\/\//i.test(src) || /[*?[$]/.test(src)) {
        if (!/^[a-z]+:\/\//i.test(src)) unknown = true;
        continue;
      }
      const path = resolvePath('/', src).slice(1);
      const name = baseName(path);
      // ADD unpacks a local tar archive into the destination folder.
      if (ins.keyword === 'ADD' && /\.(tar(\.gz|\.xz|\.bz2)?|tgz)$/.test(name)) {
        addDir(dest);
        unpack(name, dest, 0, ins);
        continue;
      }
      if (ctx.contextEntries?.(path)) {
        copyFolder(path, dest, ins, 0);
        continue;
      }
      const toDir = destRaw.endsWith('/') || srcs.length > 1 || dirs.has(dest);
      if (ctx.readContextFile?.(path) != null) {
        if (toDir) addDir(dest);
        files.set(toDir ? resolvePath(dest, name) : dest, { kind: 'copy', instr: ins, file: path });
        readText(path);
      } else if (!DATA_FILE.test(name)) {
        unknown = true;
      }
    }
  }

  function runCommands(cmds: SimpleCommand[], start: string, ins: Instr): void {
    let cwd: string | null = start;
    for (const inv of aptGetInvocations(cmds)) {
      if (inv.subcommand?.value !== 'install') continue;
      if (inv.packages.some((p) => NGINX_PACKAGE.test(p.value.replace(/[=:].*$/, '')))) {
        // Made at install time (postinst), before anything later in the build: recorded at this RUN.
        addDir('/var/www/html');
        if (!files.has(DEBIAN_PAGE)) files.set(DEBIAN_PAGE, { kind: 'debian', instr: ins });
      }
    }
    for (const c of cmds) {
      const words = c.words.map((w) => w.value);
      const operands = words.slice(1).filter((w) => !w.startsWith('-'));
      const at = (p: string): string | null => (p.includes('$') || p.includes('`') ? null : p.startsWith('/') ? resolvePath('/', p) : cwd === null ? null : resolvePath(cwd, p));
      switch (c.name) {
        case 'cd': {
          const to = operands[0];
          cwd = to === undefined ? null : at(to);
          break;
        }
        case 'mkdir':
          for (const o of operands) {
            const p = at(o);
            if (p) addDir(p);
          }
          break;
        case 'rm':
        case 'rmdir':
          for (const o of operands) removeOperand(o, at);
          break;
        case 'mv':
        case 'cp':
          moveCommand(c.name, words, operands, at);
          break;
        case 'tar':
          tarCommand(words, at, ins);
          break;
        case 'unzip': {
          const zip = operands[0];
          const d = words.indexOf('-d');
          const into = d > 0 && words[d + 1] ? at(words[d + 1]) : at('.');
          if (zip && into) {
            addDir(into);
            unpack(zip, into, 0, ins);
          }
          break;
        }
        case 'wp':
        case 'wp-cli.phar':
        case 'php': {
          // `wp core download [--path=P]` puts WordPress's files (index.php among them) in P or the current folder.
          const k = words.indexOf('core');
          if (k < 0 || words[k + 1] !== 'download') break;
          const pathArg = words.find((w) => w.startsWith('--path='));
          const into = pathArg ? at(pathArg.slice('--path='.length)) : at('.');
          if (into) addTree(into, 'wordpress', ins);
          break;
        }
      }
    }
  }

  function removeOperand(o: string, at: (p: string) => string | null): void {
    const glob = /\/\*$/.test(o);
    const p = at(glob ? o.slice(0, -2) || '/' : o);
    if (!p) return;
    if (glob) remove(p, true);
    else if (/[*?[]/.test(baseName(p))) {
      // `rm /var/www/html/index*`: the files of that folder whose name the pattern matches.
      const dir = p.slice(0, p.lastIndexOf('/')) || '/';
      const re = globRegex(baseName(p));
      for (const m of [files, trees] as Map<string, Origin>[]) for (const k of [...m.keys()]) if (k.startsWith(`${dir}/`) && re.test(k.slice(dir.length + 1).split('/')[0])) m.delete(k);
    } else remove(p, false);
  }

  function moveCommand(name: string, words: string[], operands: string[], at: (p: string) => string | null): void {
    if (operands.length < 2 || words.some((w) => w === '-t' || w.startsWith('--target-directory'))) return;
    const destRaw = operands[operands.length - 1];
    const dest = at(destRaw);
    if (!dest) return;
    const keep = name === 'cp';
    for (const srcRaw of operands.slice(0, -1)) {
      // `mv wordpress/* /var/www/html/`, `cp -r wordpress/. /var/www/html`: the folder's content lands in dest.
      const contents = /\/(\*|\.)$/.test(srcRaw);
      const src = at(contents ? srcRaw.replace(/\/(\*|\.)$/, '') || '/' : srcRaw);
      if (!src || src === dest) continue;
      if (contents) {
        relocate(src, dest, keep, true);
        continue;
      }
      if (/[*?[]/.test(baseName(src))) {
        // `mv phpMyAdmin-* /var/www/html/phpmyadmin`: a release folder whose name the pattern matches.
        const dir = src.slice(0, src.lastIndexOf('/')) || '/';
        const re = globRegex(baseName(src));
        const hits = [...trees.keys()].filter((k) => k.startsWith(`${dir}/`) && !k.slice(dir.length + 1).includes('/') && re.test(k.slice(dir.length + 1)));
        if (hits.length === 1 && operands.length === 2) moveOne(hits[0], dest, destRaw, keep);
        continue;
      }
      moveOne(src, dest, destRaw, keep);
    }
  }

  /**
   * `mv SRC DEST`: into DEST when it is a folder that exists, else SRC is renamed DEST. Whether DEST exists is known
   * only for folders this module saw made; a trailing `/` on an unknown DEST leaves the result unknown.
   */
  function moveOne(src: string, dest: string, destRaw: string, keep: boolean): void {
    if (dirs.has(dest)) relocate(src, resolvePath(dest, baseName(src)), keep, false);
    else if (!destRaw.endsWith('/')) relocate(src, dest, keep, false);
    else if (!keep) remove(src, false);
  }

  function tarCommand(words: string[], at: (p: string) => string | null, ins: Instr): void {
    const opts = words.slice(1);
    // The first word may be a bundle without a dash (`tar xzf file`).
    const bundles = opts.filter((w, i) => (w.startsWith('-') && !w.startsWith('--')) || (i === 0 && /^[a-zA-Z]+$/.test(w)));
    const extract = bundles.some((b) => b.includes('x')) || opts.includes('--extract') || opts.includes('--get');
    if (!extract) return;
    let file: string | null = null;
    let into: string | null = at('.');
    let strip = 0;
    for (let i = 0; i < opts.length; i++) {
      const w = opts[i];
      if (w.startsWith('--file=')) file = w.slice(7);
      else if (w === '--file') file = opts[i + 1] ?? null;
      else if (w.startsWith('--directory=')) into = at(w.slice(12));
      else if (w === '-C' || w === '--directory') into = at(opts[i + 1] ?? '');
      else if (w.startsWith('--strip-components=')) strip = Number(w.slice(19));
      else if (w === '--strip-components') strip = Number(opts[i + 1]);
      else if (bundles.includes(w) && w.replace(/^-/, '').includes('f')) {
        // In a bundle, `f` takes the next word (`-xzvf file`, `xf file`).
        const rest = w.slice(w.indexOf('f') + 1);
        file = rest || (opts[i + 1] ?? null);
      }
    }
    if (!file || !into || !Number.isInteger(strip)) return;
    addDir(into);
    unpack(file, into, strip, ins);
  }

  return {
    at(dir, name) {
      const f = files.get(resolvePath(dir, name));
      if (f) return f;
      if (name === 'index.php') return trees.get(resolvePath('/', dir)) ?? null;
      return null;
    },
    startTexts,
    runTexts,
    unknown,
  };
}

function globRegex(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

function instrText(ins: Instr): string {
  return ins.doc.getText({ start: { line: ins.startLine, character: 0 }, end: { line: ins.endLine + 1, character: 0 } });
}

/**
 * Whether text run at container start may remove or move `path`: a command (rm, unlink, find, or the sources of mv
 * and rsync) that names its file name, its folder (or a folder above, up to two levels) alone or with `/*`, or `*`.
 * Moving something into the folder (`mv wordpress/ /var/www/html/`) removes nothing.
 */
export function mayRemoveAtStart(texts: string[], path: string): boolean {
  const name = baseName(path);
  const folders: string[] = [];
  for (let d = path.slice(0, path.lastIndexOf('/')); d.split('/').length > 2; d = d.slice(0, d.lastIndexOf('/'))) folders.push(d);
  const folderRes = folders.map((d) => new RegExp(`^["']?${d.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/\\*|/)?["']?$`));
  const bases = new Set(folders.map(baseName));
  // Relative names too (`cd /var/www/html && rm -rf *`, `rm -rf html`): where the script stands is not followed.
  const names = (w: string) => w.includes(name) || folderRes.some((re) => re.test(w)) || /^["']?(\.\/)?\*["']?$/.test(w) || bases.has(w.replace(/^["']|\/?["']?$/g, ''));
  for (const t of texts) {
    // Commands are read roughly, segment by segment of each line: this runs on any text a COPY brings.
    for (const segment of t.split(/\n|&&|\|\||;|\|/)) {
      const words = segment.trim().split(/\s+/);
      const k = words.findIndex((w) => /^(rm|unlink|find|mv|rsync)$/.test(baseName(w)));
      if (k < 0) continue;
      const operands = words.slice(k + 1).filter((w) => !w.startsWith('-'));
      const removed = /^(mv|rsync)$/.test(baseName(words[k])) ? operands.slice(0, -1) : operands;
      if (removed.some(names)) return true;
    }
  }
  return false;
}
