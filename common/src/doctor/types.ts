/**
 * The doctor's result ("Run and check" / "실행해서 점검"; CLI `dockerfile-guide doctor`): build, run, watch, stop and
 * the web stack's checks, as one JSON shape shared by the CLI's `--format json`, the checklist view and the tests.
 * The shape is stable and documented in the README: add fields, never rename or drop them.
 */
import type { Msg } from '../i18n';

/** Why a container that should keep running exited (the run step's `cause`). */
export type ExitCause =
  /** Exited 0, or PID 1 was a shell / `service … start` that returned: nothing stayed in the foreground. */
  | 'no-foreground-process'
  /** 127, or the engine could not start the command (`executable file not found`, no such file). */
  | 'command-not-found'
  /** 126: found but not executable (no x bit, or a directory). */
  | 'permission-denied'
  /** A program refused its configuration: nginx `[emerg]`, php-fpm `unable to bind`, mysqld errors, in the logs. */
  | 'config-error'
  /** 137 or the engine says OOMKilled. */
  | 'killed'
  /** Any other non-zero exit code. */
  | 'crashed';

/** Why a build failed (the build step's `cause`), when the engine's words match a known one. */
export type BuildCause =
  /** apt asked a question and read no answer: `Abort.` (no `-y`). */
  | 'apt-no-yes'
  /** `404 Not Found` from a Debian release that moved to archive.debian.org. */
  | 'release-retired'
  /** openssl req asked for the subject interactively (no `-subj`). */
  | 'openssl-no-subj'
  /** A COPY/ADD source that is not in the build context. */
  | 'copy-source-missing'
  /** A RUN whose program is not in the image (`executable file not found`, `not found`, exit 127). */
  | 'command-not-found'
  /** A program the build runs refused its configuration (`nginx -t`: `[emerg] … in FILE:LINE`). */
  | 'config-error'
  /** A RUN whose program exists but cannot be executed (exit 126). */
  | 'not-executable'
  /** apt-get failed (exit 100); its `E:` line says why. */
  | 'apt-failed'
  /** A RUN's command exited with 1, the generic failure code. */
  | 'exit-1'
  /** Anything else: the engine's own words are in the detail. */
  | 'failed';

/** One line of the checklist: a step (build, run, stop) or a check (the web stack's). */
export interface DoctorCheck {
  /** Stable id: `build`, `run`, `stop`, `processes`, `http-redirect`, `https-certificate`, `autoindex-on`, `autoindex-off`, `wordpress`, `phpmyadmin`, … */
  id: string;
  ok: boolean;
  /** In the language asked for (`--lang`); the checklist view renders the bilingual `titleMsg`. */
  title: string;
  detail: string;
  /** The Dockerfile or script the cause points at, relative to the build context (or absolute outside it). */
  file: string | null;
  /** 1-based line in `file`. */
  line: number | null;
  /**
   * The check could not be made (nothing to check in this image, or no way to make it); `ok` is then true, since
   * nothing failed. Optional and added after the first contract: the JSON may carry it, readers must not need it.
   */
  skipped?: boolean;
  /** Log lines or engine words that show the cause (not in the JSON contract; the view shows them). */
  evidence?: string[];
  titleMsg?: Msg;
  detailMsg?: Msg;
}

export interface DoctorResult {
  image: string;
  build: { ok: boolean; seconds: number; failedLine: number | null; cause: BuildCause | null } | null;
  run: { running: boolean; exitCode: number | null; cause: ExitCause | null; pid1: string[] | null; processes: string[][] } | null;
  stop: { seconds: number; exitCode: number; graceful: boolean } | null;
  checks: DoctorCheck[];
}

/** Every container the doctor makes carries this label (value: the run's id), so cleanup finds them. */
export const DOCTOR_LABEL = 'dockerfile-guide.doctor';
