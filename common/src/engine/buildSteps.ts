/**
 * What each instruction of a build did, as the builder's own output tells it: taken from the cache or run, and for
 * how long. Both builders are read into this one shape, so the editor's annotations, the doctor and tests do not
 * care which builder ran:
 *   classic   the Engine API's build stream: `Step N/M : …`, then ` ---> Using cache` for a cache hit;
 *   BuildKit  the docker CLI's `--progress=plain` output: `#5 [2/4] RUN …`, `#5 CACHED`, `#5 DONE 1.2s`.
 */
import type { Msg } from '../i18n';

export type BuilderName = 'classic' | 'buildkit';

export interface StepOutcome {
  /** 1-based Dockerfile line where the instruction starts, or null when the step could not be placed. */
  line: number | null;
  /** The instruction as the builder printed it (`RUN dd if=/dev/zero …`), for the log and for matching. */
  text: string;
  /**
   * True when the builder reused the cached result of this step. A FROM is never built: it counts as cached when
   * the base image was already there, and as ran (with the pull's seconds) when the builder pulled it.
   */
  cached: boolean;
  /** Seconds the step took (null when cached or when the builder did not say). */
  seconds: number | null;
}

/** The first step of a build that did not come from the cache, and why, when that can be known. */
export interface CacheBreak {
  /** 1-based Dockerfile line. */
  line: number;
  /** Why the cache broke there; null when no earlier build is on record to compare with. */
  reason: Msg | null;
  /** For a COPY/ADD: the context files (relative to the build context) whose content changed since the last build. */
  files: string[];
}

export interface BuildSteps {
  builder: BuilderName;
  /**
   * Every instruction step of the build in Dockerfile order (the final stage and any earlier stage it needed). The
   * classic builder has a step for every instruction, ENV and LABEL included; BuildKit only for the ones that make a
   * vertex (FROM, RUN, COPY, ADD, WORKDIR): the others get no step (common/src/engine/buildkitSteps.ts).
   */
  steps: StepOutcome[];
}

/**
 * One finished, successful build of a Dockerfile, as the extension's build commands (Build Image, Build and Run,
 * Run and check) announce it: what the editor's layer annotations and the sidebar start from.
 */
export interface BuildRecord {
  /** Absolute path of the Dockerfile. */
  dockerfile: string;
  /** The Dockerfile's text as it was built (annotations compare it with the editor's text to mark stale lines). */
  text: string;
  contextDir: string;
  /** `sha256:…` of the built image. */
  imageId: string;
  tag: string;
  builder: BuilderName;
  /** Unix ms. */
  builtAt: number;
  steps: StepOutcome[];
  /** The first step that did not come from the cache; null when every step did. */
  cacheBreak: CacheBreak | null;
}
