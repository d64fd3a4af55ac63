/**
 * Which link to a rule's explanation the language server hands its client (common/src/ruleDocs.ts has the forms):
 * the `command:` link for our VS Code client, which asks for it in its initialization options; for any other client a
 * file link to the docs/rules.md installed beside the server (the .vsix ships it next to dist/), else the rule's
 * upstream page, else none.
 */
import * as fs from 'fs';
import * as path from 'path';
import { rulesFileLink, showRuleLink } from '../../../common/src/ruleDocs';
import type { RuleDocLink } from '../rules/types';

/**
 * docs/rules.md of the installed extension or package: the bundles live in dist/, the reference in docs/ beside it.
 * Null when it is not there (a copy of the server without its docs, or the sources run directly).
 */
export function installedRulesDoc(bundleDir: string = __dirname): string | null {
  const file = path.resolve(bundleDir, '..', 'docs', 'rules.md');
  try {
    return fs.statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

/** The link policy for a client, from its `initializationOptions` (any shape). */
export function ruleDocLinkFor(initializationOptions: unknown, rulesDoc: string | null = installedRulesDoc()): RuleDocLink {
  const init = (initializationOptions && typeof initializationOptions === 'object' ? initializationOptions : {}) as Record<string, unknown>;
  // The same option that gives hovers their first screen and More link (server.ts): the client runs our commands.
  if (init.commandLinks === true) return (id) => showRuleLink(id);
  if (rulesDoc) return (id) => rulesFileLink(rulesDoc, id);
  return (_id, upstream) => upstream;
}
