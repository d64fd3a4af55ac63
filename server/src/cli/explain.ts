/**
 * `dockerfile-guide explain FILE [--stage NAME|INDEX] [--lang ko|en|both] [--format text|json] [--no-engine]`
 * What `docker run` executes for a stage (default: the final one). The base image's defaults come from the local
 * Docker engine when it has the image (skipped silently otherwise, or with --no-engine), then the built-in table.
 * Start scripts the Dockerfile copies in are read from its folder (the build context) and followed.
 * Exit codes: 0 explained, 2 bad usage, unreadable file, or no such stage.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inspectImageConfig } from '../../../common/src/engine/inspect';
import { fillMsg, line, msg, type Lang } from '../../../common/src/i18n';
import { ParsedDocument } from '../service/document';
import type { BaseImageConfig } from '../service/baseImages';
import { effectiveCommand, resolveImage } from '../service/effectiveCommand';
import { chainOrNull, explainJson, explainMarkdown, pickStage } from '../service/explain';
import { readInside } from '../host/contextFiles';
import { oneOf, parseArgs, UsageError, usageErrorExit } from './args';
import { CLI } from './messages';

export const EXPLAIN_MSG = {
  noFile: msg('설명할 Dockerfile을 하나 지정해 주세요.', 'Give one Dockerfile to explain.'),
  tooMany: msg('Dockerfile은 하나만 지정할 수 있습니다.', 'Give only one Dockerfile.'),
  noStage: msg('스테이지를 찾을 수 없습니다: {0} (있는 스테이지: {1})', 'No such stage: {0} (stages: {1})'),
  noFrom: msg('FROM이 없어 설명할 스테이지가 없습니다: {0}', 'No FROM, so there is no stage to explain: {0}'),
};

export interface ExplainIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

/**
 * The stage chain's root image config from the engine `docker` would use here (DOCKER_HOST, the current docker
 * context, the default socket), if it has the image.
 */
async function engineBase(doc: ParsedDocument, stageIndex: number): Promise<BaseImageConfig | undefined> {
  let s = doc.stages[stageIndex];
  for (let guard = 0; s.parent && s.parent.index < s.index && guard < 64; guard++) s = s.parent;
  const image = resolveImage(doc, s);
  if (!image) return undefined;
  const c = await inspectImageConfig(image);
  return c ? { entrypoint: c.entrypoint, cmd: c.cmd, shell: c.shell, source: 'engine' } : undefined;
}

export async function runExplain(argv: string[], io: ExplainIo, defaultLang: Lang): Promise<number> {
  let lang: Lang = defaultLang;
  try {
    const args = parseArgs(argv, ['lang', 'format', 'stage'], ['no-engine']);
    lang = oneOf(args, 'lang', ['ko', 'en', 'both'], defaultLang) as Lang;
    const format = oneOf(args, 'format', ['text', 'json'], 'text');
    if (args.positionals.length === 0) throw new UsageError(EXPLAIN_MSG.noFile);
    if (args.positionals.length > 1) throw new UsageError(EXPLAIN_MSG.tooMany);
    const file = args.positionals[0];
    let text: string;
    try {
      if (file === '-') text = fs.readFileSync(0, 'utf8');
      else {
        if (fs.statSync(file).isDirectory()) {
          io.err(line(fillMsg(CLI.isDirectory, file), lang));
          return 2;
        }
        text = fs.readFileSync(file, 'utf8');
      }
    } catch (e) {
      io.err(line(fillMsg(CLI.unreadable, file, (e as NodeJS.ErrnoException).code ?? String(e)), lang));
      return 2;
    }
    const doc = new ParsedDocument(file === '-' ? 'stdin' : `file://${file}`, 1, text);
    if (doc.stages.length === 0) {
      io.err(line(fillMsg(EXPLAIN_MSG.noFrom, file), lang));
      return 2;
    }
    const ref = args.options.get('stage')?.at(-1);
    const stage = pickStage(doc, ref);
    if (!stage) {
      const names = doc.stages.map((s) => s.name ?? String(s.index)).join(', ');
      io.err(line(fillMsg(EXPLAIN_MSG.noStage, ref ?? '', names), lang));
      return 2;
    }
    const base = args.flags.has('no-engine') ? undefined : await engineBase(doc, stage.index);
    const ec = effectiveCommand(doc, stage, base);
    // The start scripts are read from the Dockerfile's folder, the build context, as `check` reads them.
    const dir = file === '-' ? undefined : path.dirname(path.resolve(file));
    const chain = chainOrNull(doc, ec, dir ? (rel) => readInside(dir, rel) : undefined);
    if (format === 'json') io.out(JSON.stringify(explainJson(ec, chain), null, 2));
    else io.out(explainMarkdown(ec, lang, { chain }));
    return 0;
  } catch (e) {
    return usageErrorExit(e, (text) => io.err(text), lang);
  }
}
