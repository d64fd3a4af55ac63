/**
 * The concept pages (docs/concepts/<slug>.<ko|en>.md, issue 20), as both sides know them: the command that opens one,
 * the slugs in reading order, and the commands a page may run from its links. The client's viewer
 * (client/src/editor/conceptPanel.ts) and the server's hover links (server/src/docs/concepts.ts) both read this.
 */

/** `dockerfileGuide.openConcept`, argument: a slug (no argument: the user picks a page). */
export const OPEN_CONCEPT_COMMAND = 'dockerfileGuide.openConcept';

/** Every page, in the order a reader meets them (the palette's pick list keeps this order). */
export const CONCEPT_SLUGS = [
  'container-vs-vm',
  'image-vs-container',
  'layers-and-cache',
  'build-context',
  'pid1-and-signals',
  'shell-vs-exec',
  'ports',
  'volumes',
  'web-stack',
  'tls-self-signed',
  'nginx-autoindex',
] as const;

export type ConceptSlug = (typeof CONCEPT_SLUGS)[number];

export function isConceptSlug(s: unknown): s is ConceptSlug {
  return typeof s === 'string' && (CONCEPT_SLUGS as readonly string[]).includes(s);
}

/**
 * The commands a page may run from its `command:` links: the concept panel's webview allows these and no other
 * (VS Code ignores every other command link there). test/unit/docs/concepts.test.ts checks the pages against it.
 */
export const CONCEPT_PAGE_COMMANDS: readonly string[] = [
  OPEN_CONCEPT_COMMAND,
  'dockerfileGuide.explainCommand',
  'dockerfileGuide.showReference',
  'dockerfileGuide.doctor.run',
  'dockerfileGuide.docker.buildImage',
  'dockerfileGuide.docker.buildAndRun',
  'dockerfileGuide.newStack',
];
