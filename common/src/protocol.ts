/**
 * The custom LSP messages between the extension and the language server. Both sides import these names and
 * shapes from here, so a rename cannot leave one side behind.
 */

// ---------------------------------------------------------------------------------------------------------------
// The explain command (client/src/editor/explainCommand.ts asks; server/src/service/explain.ts answers).

export const EXPLAIN_REQUEST = 'dockerfileGuide/explain';

export interface ExplainRequestParams {
  uri: string;
  /** Stage index or name; absent: the final stage. */
  stage?: number | string | null;
}

export interface ExplainResponse {
  markdown: string;
  /** A short title for the preview tab, e.g. `web: nginx -g "daemon off;"`. */
  title: string;
  stage: number;
  stages: { index: number; name: string | null; line: number; argv: string | null }[];
}

// ---------------------------------------------------------------------------------------------------------------
// Which images the engine should be asked about: the server has parsed the document, so it says which base images
// its FROMs name (ARGs substituted, stages and scratch left out); the client's base-image probe asks for them.

export const BASE_IMAGES_REQUEST = 'dockerfileGuide/baseImages';

export interface BaseImagesParams {
  uri: string;
}

/** The image references, e.g. `["php:8.3-fpm", "nginx:1.27"]`; null when the server does not have the document. */
export type BaseImagesResponse = string[] | null;

// ---------------------------------------------------------------------------------------------------------------
// What the local engine says an image runs (the client inspects, the server explains).

export const BASE_IMAGE_CONFIG_METHOD = 'dockerfileGuide/baseImageConfig';

/** The payload of the client's `dockerfileGuide/baseImageConfig` request/notification. */
export interface EngineImageConfigParams {
  /** The image reference as written in FROM (after ARG substitution), e.g. `nginx:1.27`. */
  image: string;
  entrypoint: string[] | null;
  cmd: string[] | null;
  shell?: string[] | null;
  /** True when the engine answered that it does not have the image (forget an earlier answer). */
  missing?: boolean;
}

/** Validates a request payload from the client; null when it is malformed. */
export function parseEngineImageConfigParams(p: unknown): EngineImageConfigParams | null {
  if (!p || typeof p !== 'object') return null;
  const o = p as Record<string, unknown>;
  if (typeof o.image !== 'string' || !o.image) return null;
  const arr = (v: unknown): string[] | null | undefined =>
    v === null || v === undefined ? null : Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
  const entrypoint = arr(o.entrypoint);
  const cmd = arr(o.cmd);
  const shell = arr(o.shell);
  if (entrypoint === undefined || cmd === undefined || shell === undefined) return null;
  if (o.missing === true) return { image: o.image, entrypoint: null, cmd: null, shell: null, missing: true };
  return { image: o.image, entrypoint, cmd, shell };
}


// ---------------------------------------------------------------------------------------------------------------
// The full reference page behind a hover's "More" link (client/src/editor/referencePanel.ts asks;
// server/src/docs/reference.ts answers). A hover shows the first screen only (issue 18, item 6).

export const REFERENCE_REQUEST = 'dockerfileGuide/reference';

/** The command a hover's "More" link runs; its one argument is a reference id. */
export const SHOW_REFERENCE_COMMAND = 'dockerfileGuide.showReference';

export interface ReferenceParams {
  /**
   * `RUN` (an instruction), `RUN --mount` (a flag of an instruction), `# syntax` (a parser directive); absent: the
   * list of instructions, for the command palette.
   */
  id?: string;
}

export interface ReferenceResponse {
  /** The page in the user's language setting; null when the id names nothing. */
  page: { id: string; title: string; markdown: string } | null;
  /** Every instruction with its one-line summary (for the palette's pick list). */
  list: { id: string; summary: string }[];
}
