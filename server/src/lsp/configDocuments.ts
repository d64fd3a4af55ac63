/**
 * nginx config files open in the editor (language id `nginx`): their diagnostics, hovers and quick fixes. They are
 * not Dockerfiles, so they never reach the Dockerfile parse, store or scheduler; each is checked through the
 * Dockerfiles that may copy it (host/configLinks.ts, service/configFiles.ts).
 *
 * When: a short pause after the config file changes (it is small, but the rules it runs read a whole Dockerfile and
 * its context), and again after any Dockerfile changes, since a config finding can depend on the Dockerfile alone
 * (the PHP version it installs, the certificate it creates).
 */
import type { TextDocuments } from 'vscode-languageserver/node';
import type { CodeAction, Diagnostic, Position, Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Lang } from '../../../common/src/i18n';
import { dockerfilesAround, readDockerfile } from '../host/configLinks';
import type { ConfigDiagnostic, LanguageService, ParsedDocument } from '../service/index';
import type { RuleSettings } from '../service/index';

/** The language id package.json gives nginx files. */
export const NGINX_LANGUAGE = 'nginx';

/** After a keystroke in the config file. */
const CONFIG_DELAY_MS = 150;
/** After a keystroke in a Dockerfile: the config files' checks follow it without competing with its own. */
const DOCKERFILE_DELAY_MS = 400;

export interface ConfigDocumentsContext {
  documents: TextDocuments<TextDocument>;
  service(): LanguageService;
  /** The current parse of a Dockerfile open in the editor (so an open one is never parsed a second time). */
  openParse(uri: string): ParsedDocument | undefined;
  rules(): RuleSettings;
  lang(): Lang;
  publish(uri: string, version: number, diagnostics: Diagnostic[]): void;
  logError(text: string): void;
}

export class ConfigDocuments {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly results = new Map<string, { version: number; list: ConfigDiagnostic[] }>();
  /** Dockerfiles read from disk (not open), parsed once per change on disk. */
  private readonly onDisk = new Map<string, { mtimeMs: number; doc: ParsedDocument }>();

  constructor(private readonly ctx: ConfigDocumentsContext) {}

  isConfig(uri: string): boolean {
    return this.ctx.documents.get(uri)?.languageId === NGINX_LANGUAGE;
  }

  schedule(uri: string, delay = CONFIG_DELAY_MS): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.validate(uri);
      }, delay),
    );
  }

  /** Every open config file, after a Dockerfile or the settings changed. */
  scheduleAll(delay = DOCKERFILE_DELAY_MS): void {
    for (const uri of this.results.keys()) this.schedule(uri, delay);
  }

  closed(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
    this.results.delete(uri);
  }

  validate(uri: string): void {
    const td = this.ctx.documents.get(uri);
    if (!td || td.languageId !== NGINX_LANGUAGE) return;
    try {
      const linked: { doc: ParsedDocument; rel: string }[] = [];
      for (const link of dockerfilesAround(uri)) {
        const doc = this.dockerfile(link.uri);
        if (doc) linked.push({ doc, rel: link.rel });
      }
      const list = this.ctx.service().configDiagnostics(td.getText(), linked, this.ctx.rules());
      this.results.set(uri, { version: td.version, list });
      const lang = this.ctx.lang();
      this.ctx.publish(uri, td.version, list.map((d) => this.ctx.service().toLspConfigDiagnostic(d, lang)));
    } catch (e) {
      // A config file that trips the check keeps its last diagnostics; the log says why.
      this.ctx.logError(`checking ${uri} failed: ${(e as Error).stack ?? e}`);
    }
  }

  private dockerfile(uri: string): ParsedDocument | undefined {
    const open = this.ctx.documents.get(uri);
    if (open) return open.languageId === NGINX_LANGUAGE ? undefined : this.ctx.openParse(uri);
    const file = readDockerfile(uri);
    if (!file) {
      this.onDisk.delete(uri);
      return undefined;
    }
    const known = this.onDisk.get(uri);
    if (known && known.mtimeMs === file.mtimeMs && known.doc.text === file.text) return known.doc;
    const doc = this.ctx.service().parse(uri, 0, file.text);
    if (this.onDisk.size > 32) this.onDisk.clear();
    this.onDisk.set(uri, { mtimeMs: file.mtimeMs, doc });
    return doc;
  }

  hover(uri: string, pos: Position): { contents: { kind: 'markdown'; value: string } } | null {
    const r = this.results.get(uri);
    if (!r || r.version !== this.ctx.documents.get(uri)?.version) return null;
    const value = this.ctx.service().configHover(r.list, pos, this.ctx.lang());
    return value ? { contents: { kind: 'markdown', value } } : null;
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[]): CodeAction[] {
    const td = this.ctx.documents.get(uri);
    if (!td) return [];
    return this.ctx.service().configCodeActions(uri, td.getText(), range, diagnostics);
  }
}
