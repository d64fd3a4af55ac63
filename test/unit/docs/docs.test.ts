import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  APT_PACKAGES,
  DIRECTIVES,
  FLAGS,
  HEREDOC,
  INSTRUCTIONS,
  MOUNT_TYPES,
  PREDEFINED_ARGS,
  VALIDATOR_MESSAGES,
  aptPackageDoc,
  directiveDoc,
  flagDoc,
  instructionDoc,
  mountOptionDoc,
  mountTypeDoc,
  predefinedArgDoc,
  validatorMessage,
} from '../../../server/src/docs';
import type { Msg } from '../../../common/src/i18n';

const HANGUL = /[\u1100-\u11FF\u3130-\u318F\uAC00-\uD7A3]/;
const DOCS_LINK = /^https:\/\/docs\.docker\.com\/\S+$/;

const ALL_INSTRUCTIONS = [
  'FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY',
  'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL',
];

const REQUIRED_FLAGS: Record<string, string[]> = {
  FROM: ['platform'],
  RUN: ['mount', 'network', 'security'],
  COPY: ['from', 'chown', 'chmod', 'link', 'parents', 'exclude'],
  ADD: ['checksum', 'chown', 'chmod', 'link', 'keep-git-dir', 'exclude'],
  HEALTHCHECK: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
};

const REQUIRED_MOUNT_KEYS: Record<string, string[]> = {
  bind: ['target', 'destination', 'dst', 'source', 'from', 'rw', 'readwrite'],
  cache: ['id', 'target', 'ro', 'readonly', 'sharing', 'from', 'source', 'mode', 'uid', 'gid'],
  tmpfs: ['target', 'size'],
  secret: ['id', 'target', 'dst', 'env', 'required', 'mode', 'uid', 'gid'],
  ssh: ['id', 'target', 'required', 'mode', 'uid', 'gid'],
};

const REQUIRED_ARGS = [
  'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT',
  'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT',
  'HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy',
  'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy',
  'BUILDKIT_INLINE_CACHE', 'BUILDKIT_MULTI_PLATFORM', 'BUILDKIT_SANDBOX_HOSTNAME', 'BUILDKIT_SYNTAX',
  'BUILDKIT_CONTEXT_KEEP_GIT_DIR', 'SOURCE_DATE_EPOCH',
];

const REQUIRED_PACKAGES = [
  'nginx', 'mariadb-server', 'mariadb-client', 'php-fpm', 'php7.3-fpm', 'php-mysql', 'php7.3-mysql',
  'php-mbstring', 'php-xml', 'php-gd', 'php-curl', 'php-zip', 'php-intl', 'php-cli', 'openssl', 'wget',
  'curl', 'ca-certificates', 'unzip', 'gnupg', 'procps', 'default-mysql-server', 'wordpress', 'phpmyadmin',
];

function isMsg(v: unknown): v is Msg {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const keys = Object.keys(v).sort();
  return keys.length === 2 && keys[0] === 'en' && keys[1] === 'ko';
}

/** Every Msg reachable from `root`, with a path for error messages. */
function collectMsgs(root: unknown, at: string, out: { at: string; msg: Msg }[] = []): { at: string; msg: Msg }[] {
  if (isMsg(root)) {
    out.push({ at, msg: root });
  } else if (Array.isArray(root)) {
    root.forEach((v, i) => collectMsgs(v, `${at}[${i}]`, out));
  } else if (typeof root === 'object' && root !== null) {
    for (const [k, v] of Object.entries(root)) collectMsgs(v, `${at}.${k}`, out);
  }
  return out;
}

function collectLinks(root: unknown, out: string[] = []): string[] {
  if (Array.isArray(root)) root.forEach((v) => collectLinks(v, out));
  else if (typeof root === 'object' && root !== null) {
    for (const [k, v] of Object.entries(root)) {
      if (k === 'link' && typeof v === 'string') out.push(v);
      else collectLinks(v, out);
    }
  }
  return out;
}

const placeholders = (s: string): string[] => (s.match(/\$\{\d+\}/g) ?? []).slice().sort();

const ALL_DATA = {
  INSTRUCTIONS,
  FLAGS,
  MOUNT_TYPES,
  DIRECTIVES,
  PREDEFINED_ARGS,
  HEREDOC,
  APT_PACKAGES,
};

describe('docs: instructions', () => {
  it('documents all 18 instructions and nothing else', () => {
    assert.deepEqual(Object.keys(INSTRUCTIONS).sort(), [...ALL_INSTRUCTIONS].sort());
  });

  for (const kw of ALL_INSTRUCTIONS) {
    it(`${kw} is complete`, () => {
      const d = instructionDoc(kw);
      assert.ok(d, `${kw} missing`);
      assert.equal(d.keyword, kw);
      assert.ok(d.syntax.length > 0 && d.syntax.every((s) => s.trim().length > 0), `${kw}.syntax`);
      assert.ok(d.syntax.some((s) => s.startsWith(kw)), `${kw}.syntax should start with the keyword`);
      assert.ok(d.example.trim().length > 0, `${kw}.example`);
      assert.equal(d.link, `https://docs.docker.com/reference/dockerfile/#${kw === 'MAINTAINER' ? 'maintainer-deprecated' : kw.toLowerCase()}`);
    });
  }

  it('is case-insensitive for keywords and undefined when unknown', () => {
    assert.equal(instructionDoc('run')?.keyword, 'RUN');
    assert.equal(instructionDoc('Copy')?.keyword, 'COPY');
    assert.equal(instructionDoc('RUNN'), undefined);
    assert.equal(instructionDoc('toString'), undefined);
    assert.equal(instructionDoc(''), undefined);
  });

  it('explains shell vs exec form where both exist', () => {
    for (const kw of ['RUN', 'CMD', 'ENTRYPOINT']) {
      const d = INSTRUCTIONS[kw];
      assert.match(d.forms.en, /\/bin\/sh -c/, `${kw}.forms.en mentions /bin/sh -c`);
      assert.match(d.forms.en, /exec form/i, `${kw}.forms.en mentions the exec form`);
      assert.match(d.forms.ko, /exec 형식/, `${kw}.forms.ko mentions exec 형식`);
    }
    assert.match(INSTRUCTIONS.ENTRYPOINT.forms.en, /PID 1/);
    assert.match(INSTRUCTIONS.CMD.forms.ko, /PID 1/);
  });

  it('says which instructions create layers and which only change metadata', () => {
    for (const kw of ['RUN', 'COPY', 'ADD']) assert.match(INSTRUCTIONS[kw].layers.en, /creates one filesystem layer/);
    for (const kw of ['CMD', 'LABEL', 'EXPOSE', 'ENV', 'ENTRYPOINT', 'VOLUME', 'USER', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL', 'MAINTAINER']) {
      assert.match(INSTRUCTIONS[kw].layers.en, /metadata/, `${kw}.layers.en`);
      assert.match(INSTRUCTIONS[kw].layers.ko, /메타데이터/, `${kw}.layers.ko`);
    }
    assert.match(INSTRUCTIONS.COPY.layers.en, /checksum/);
    assert.match(INSTRUCTIONS.RUN.layers.en, /text/);
  });
});

describe('docs: flags', () => {
  for (const [kw, names] of Object.entries(REQUIRED_FLAGS)) {
    for (const name of names) {
      it(`${kw} --${name} is documented`, () => {
        const f = flagDoc(kw, name);
        assert.ok(f, `${kw} --${name} missing`);
        assert.equal(f.name, name);
        assert.ok(f.syntax.startsWith(`--${name}`), `${kw} --${name} syntax: ${f.syntax}`);
        assert.match(f.link, DOCS_LINK);
      });
    }
  }

  it('accepts --flag and --flag=value spellings and is undefined when unknown', () => {
    assert.equal(flagDoc('copy', '--from=build')?.name, 'from');
    assert.equal(flagDoc('RUN', '--mount')?.name, 'mount');
    assert.equal(flagDoc('RUN', '--nope'), undefined);
    assert.equal(flagDoc('NOPE', 'from'), undefined);
    assert.equal(flagDoc('CMD', 'from'), undefined);
  });

  it('lists RUN --network and --security values', () => {
    assert.deepEqual(flagDoc('RUN', 'network')?.values?.map((v) => v.value), ['default', 'none', 'host']);
    assert.deepEqual(flagDoc('RUN', 'security')?.values?.map((v) => v.value).sort(), ['insecure', 'sandbox']);
  });

  it('gives HEALTHCHECK defaults 30s/30s/0s/5s/3', () => {
    const defaults: Record<string, string> = { interval: '30s', timeout: '30s', 'start-period': '0s', 'start-interval': '5s', retries: '3' };
    for (const [name, def] of Object.entries(defaults)) {
      const f = flagDoc('HEALTHCHECK', name);
      assert.ok(f?.summary.en.includes(`Default \`${def}\``), `${name} en default ${def}`);
      assert.ok(f?.summary.ko.includes(`기본값은 \`${def}\``), `${name} ko default ${def}`);
    }
    assert.match(INSTRUCTIONS.HEALTHCHECK.forms.en, /--interval` \(default 30s\).*--timeout` \(30s\).*--start-period` \(0s\).*--start-interval` \(5s.*--retries` \(3\)/s);
  });

  it('marks newer-syntax flags', () => {
    for (const [kw, name] of [['COPY', 'parents'], ['COPY', 'exclude'], ['ADD', 'exclude'], ['ADD', 'unpack'], ['RUN', 'security']]) {
      assert.equal(flagDoc(kw, name)?.labs, true, `${kw} --${name} labs`);
    }
    assert.equal(flagDoc('COPY', 'from')?.labs, undefined);
    assert.equal(flagDoc('COPY', 'parents')?.since, '1.20');
    assert.equal(flagDoc('ADD', 'exclude')?.since, '1.19');
  });

  it('has no duplicate flag names per instruction', () => {
    for (const [kw, flags] of Object.entries(FLAGS)) {
      const names = flags.map((f) => f.name);
      assert.equal(new Set(names).size, names.length, kw);
      assert.ok(INSTRUCTIONS[kw], `${kw} is an instruction`);
    }
  });
});

describe('docs: mounts', () => {
  it('documents the five mount types', () => {
    assert.deepEqual(MOUNT_TYPES.map((m) => m.type).sort(), ['bind', 'cache', 'secret', 'ssh', 'tmpfs']);
  });

  for (const [type, keys] of Object.entries(REQUIRED_MOUNT_KEYS)) {
    it(`type=${type} documents ${keys.join(', ')}`, () => {
      const m = mountTypeDoc(type);
      assert.ok(m, type);
      assert.match(m.link, /^https:\/\/docs\.docker\.com\/reference\/dockerfile\/#run---mounttype/);
      assert.ok(m.example.includes(`type=${type}`), `${type} example uses type=${type}`);
      for (const key of keys) assert.ok(mountOptionDoc(type, key), `${type}.${key}`);
    });
  }

  it('resolves aliases and rejects keys of other types', () => {
    assert.equal(mountOptionDoc('bind', 'dst')?.key, 'target');
    assert.equal(mountOptionDoc('bind', 'readwrite')?.key, 'rw');
    assert.equal(mountOptionDoc('cache', 'readonly')?.key, 'ro');
    assert.equal(mountOptionDoc('CACHE', 'sharing=locked')?.key, 'sharing');
    assert.equal(mountOptionDoc('tmpfs', 'sharing'), undefined);
    assert.equal(mountOptionDoc('bind', 'mode'), undefined);
    assert.equal(mountOptionDoc('volume', 'target'), undefined);
    assert.equal(mountTypeDoc('volume'), undefined);
  });

  it('has no key or alias twice within a type', () => {
    for (const m of MOUNT_TYPES) {
      const all = m.options.flatMap((o) => [o.key, ...(o.aliases ?? [])]);
      assert.equal(new Set(all).size, all.length, m.type);
    }
  });
});

describe('docs: directives, predefined ARGs, heredoc, packages', () => {
  it('documents syntax, escape and check', () => {
    assert.deepEqual(DIRECTIVES.map((d) => d.name).sort(), ['check', 'escape', 'syntax']);
    for (const n of ['syntax', 'escape', 'check']) assert.equal(directiveDoc(n)?.name, n);
    assert.equal(directiveDoc('SYNTAX')?.name, 'syntax');
    assert.equal(directiveDoc('nope'), undefined);
    const check = directiveDoc('check')!;
    assert.match(check.details.en, /check=skip=/);
    assert.match(check.details.en, /check=error=true/);
  });

  it('documents every predefined ARG, case-sensitively', () => {
    for (const name of REQUIRED_ARGS) assert.equal(predefinedArgDoc(name)?.name, name, name);
    assert.equal(predefinedArgDoc('targetplatform'), undefined);
    assert.equal(predefinedArgDoc('Http_Proxy'), undefined);
    const names = PREDEFINED_ARGS.map((a) => a.name);
    assert.equal(new Set(names).size, names.length);
  });

  it('says TARGET*/BUILD* platform ARGs are global-only and need ARG in a stage', () => {
    for (const name of REQUIRED_ARGS.filter((n) => /^(TARGET|BUILD)(PLATFORM|OS|ARCH|VARIANT)$/.test(n))) {
      const a = predefinedArgDoc(name)!;
      assert.equal(a.kind, 'platform', name);
      assert.equal(a.globalOnly, true, name);
      assert.ok(a.summary.en.includes(`ARG ${name}`), `${name} en tells to declare ARG ${name}`);
      assert.ok(a.summary.ko.includes(`ARG ${name}`), `${name} ko tells to declare ARG ${name}`);
    }
    for (const name of ['HTTP_PROXY', 'no_proxy', 'SOURCE_DATE_EPOCH']) {
      assert.notEqual(predefinedArgDoc(name)!.globalOnly, true, name);
    }
  });

  it('covers heredoc essentials', () => {
    for (const text of [HEREDOC.en, HEREDOC.ko]) {
      for (const needle of ['<<-EOF', "<<'EOF'", 'RUN <<EOF bash', '1.4', "COPY <<'EOF' /etc/nginx/sites-available/default", '<<A cat > /a && <<B cat > /b']) {
        assert.ok(text.includes(needle), `heredoc mentions ${needle}`);
      }
    }
  });

  it('offers the stack packages', () => {
    for (const name of REQUIRED_PACKAGES) assert.ok(aptPackageDoc(name), name);
    const names = APT_PACKAGES.map((p) => p.name);
    assert.equal(new Set(names).size, names.length);
    assert.match(aptPackageDoc('php')!.doc.en, /apache2/);
    assert.match(aptPackageDoc('php7.3')!.doc.ko, /apache2/);
  });
});

describe('docs: bilingual text', () => {
  const msgs = collectMsgs(ALL_DATA, 'docs');

  it('found a plausible number of messages', () => {
    assert.ok(msgs.length >= 190, `only ${msgs.length} Msg objects found`);
  });

  it('every Msg has non-empty ko and en', () => {
    for (const { at, msg } of msgs) {
      assert.ok(msg.ko.trim().length > 0, `${at}.ko empty`);
      assert.ok(msg.en.trim().length > 0, `${at}.en empty`);
    }
  });

  it('ko fields contain Hangul, en fields contain none', () => {
    for (const { at, msg } of msgs) {
      assert.match(msg.ko, HANGUL, `${at}.ko has no Hangul`);
      assert.doesNotMatch(msg.en, HANGUL, `${at}.en has Hangul`);
    }
  });

  it('no markdown heading above ####', () => {
    for (const { at, msg } of msgs) {
      for (const text of [msg.ko, msg.en]) {
        let inFence = false;
        for (const lineText of text.split('\n')) {
          if (lineText.startsWith('```')) inFence = !inFence;
          if (!inFence) assert.doesNotMatch(lineText, /^#{1,3}\s/, `${at}: ${lineText}`);
        }
      }
    }
  });

  it('examples and syntax lines are language-neutral', () => {
    for (const d of Object.values(INSTRUCTIONS)) {
      assert.doesNotMatch(d.example, HANGUL, `${d.keyword}.example`);
      for (const s of d.syntax) assert.doesNotMatch(s, HANGUL, `${d.keyword}.syntax`);
    }
    for (const m of MOUNT_TYPES) assert.doesNotMatch(m.example, HANGUL, m.type);
    for (const d of DIRECTIVES) assert.doesNotMatch(d.example, HANGUL, d.name);
  });

  it('every link points to docs.docker.com over https', () => {
    const links = collectLinks({ INSTRUCTIONS, FLAGS, MOUNT_TYPES, DIRECTIVES });
    assert.ok(links.length >= 18 + 5 + 3);
    for (const l of links) assert.match(l, DOCS_LINK, l);
  });
});

describe('docs: dockerfile-utils validator messages', () => {
  const validatorPath = path.join(__dirname, '../../../node_modules/dockerfile-utils/lib/dockerValidator.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Validator } = require(validatorPath) as { Validator: { dockerProblems: Record<string, string> } };
  const problems = Validator.dockerProblems;

  it('loads the table', () => {
    assert.ok(Object.keys(problems).length >= 40);
  });

  for (const key of Object.keys(problems)) {
    it(`${key}: en is the template verbatim, ko keeps its placeholders`, () => {
      const m = validatorMessage(key);
      assert.ok(m, `${key} missing`);
      assert.equal(m.en, problems[key]);
      assert.deepEqual(placeholders(m.ko), placeholders(m.en));
      assert.match(m.ko, HANGUL);
      assert.ok(m.ko.trim().length > 0);
    });
  }

  it('has no entries for keys dockerfile-utils does not have', () => {
    for (const m of VALIDATOR_MESSAGES) assert.ok(Object.prototype.hasOwnProperty.call(problems, m.key), m.key);
    assert.equal(new Set(VALIDATOR_MESSAGES.map((m) => m.key)).size, VALIDATOR_MESSAGES.length);
    assert.equal(validatorMessage('noSuchKey'), undefined);
  });
});
