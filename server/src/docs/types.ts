import type { Msg } from '../../../common/src/i18n';

/** Reference documentation for one Dockerfile instruction, in Korean and English. */
export interface InstructionDoc {
  /** Upper-case keyword, e.g. `RUN`. */
  keyword: string;
  /** Usage lines shown as a code block, e.g. `RUN <command>` / `RUN ["exe", "arg"]`. Not translated. */
  syntax: string[];
  /** One or two sentences: what the instruction does. */
  summary: Msg;
  /** Markdown: its forms (shell/exec where they exist) and how they differ. */
  forms: Msg;
  /** One sentence for the hover's first screen where the forms behave differently (RUN, CMD, ENTRYPOINT). */
  formsBrief?: Msg;
  /** Markdown: what it does to image layers and to the build cache. */
  layers: Msg;
  /** A short example from the Debian/nginx/MariaDB/php-fpm world (Dockerfile text; comments may be English). */
  example: string;
  /** Link to Docker's reference, e.g. https://docs.docker.com/reference/dockerfile/#run */
  link: string;
}

/** A flag of an instruction, e.g. `--from` of COPY. */
export interface FlagDoc {
  /** Without dashes, e.g. `from`. */
  name: string;
  /** e.g. `--from=<image|stage|context>` */
  syntax: string;
  summary: Msg;
  /** Optional markdown with details and an example line. */
  details?: Msg;
  /** Values the flag accepts when it is an enumeration (e.g. `--network=default|none|host`). */
  values?: { value: string; doc: Msg }[];
  /** True when the flag needs a newer `# syntax=` frontend or is labs-only. */
  labs?: boolean;
  /** Minimum Dockerfile frontend version (`# syntax=docker/dockerfile:<since>`), when the reference names one. */
  since?: string;
  link: string;
}

/** One `RUN --mount=type=…` kind and its keys. */
export interface MountTypeDoc {
  type: 'bind' | 'cache' | 'tmpfs' | 'secret' | 'ssh';
  summary: Msg;
  example: string;
  /** Keys such as `target`, `source`, `from`, `id`, `sharing`, `mode`, … */
  options: MountOptionDoc[];
  link: string;
}

/** One key of a `RUN --mount` type. `aliases` are other spellings BuildKit accepts (`dst`, `destination`, `rw`, …). */
export interface MountOptionDoc {
  key: string;
  aliases?: string[];
  syntax: string;
  doc: Msg;
}

export interface DirectiveDoc {
  name: 'syntax' | 'escape' | 'check';
  syntax: string;
  summary: Msg;
  details: Msg;
  example: string;
  link: string;
}

export interface PredefinedArgDoc {
  name: string;
  summary: Msg;
  /** Example value, e.g. `linux/amd64`. */
  example?: string;
  /** platform: the TARGET… and BUILD… ARGs; proxy: the proxy ARGs; buildkit: BuildKit's built-in build args. */
  kind?: 'platform' | 'proxy' | 'buildkit';
  /**
   * True when the ARG is only defined in the global scope (before the first FROM): a stage must
   * declare `ARG NAME` (without a value) to use it.
   */
  globalOnly?: boolean;
}

/** A Debian package offered after `apt-get install `. */
export interface AptPackageDoc {
  name: string;
  doc: Msg;
}

/**
 * A dockerfile-utils validation message: its key in `Validator.dockerProblems`, the English
 * template exactly as dockerfile-utils 0.16.3 writes it (with `${0}`, `${1}` placeholders) and our Korean text
 * with the same placeholders.
 */
export interface ValidatorMessageDoc {
  key: string;
  en: string;
  ko: string;
}
