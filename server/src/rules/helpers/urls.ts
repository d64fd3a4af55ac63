/**
 * Where the rules that come from elsewhere are documented: docs/rules.md names the page, and a client that cannot
 * open docs/rules.md gets it as the diagnostic's and hover's link (common/src/ruleDocs.ts).
 */

/** hadolint's wiki page for one rule, e.g. `hadolintUrl('DL3008')`. */
export function hadolintUrl(id: string): string {
  return `https://github.com/hadolint/hadolint/wiki/${id}`;
}

/** Docker's page for one build check, e.g. `docsUrl('json-args-recommended')`. */
export function docsUrl(slug: string): string {
  return `https://docs.docker.com/reference/build-checks/${slug}/`;
}
