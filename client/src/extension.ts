import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient } from './languageClient';
import { registerDockerSidebar } from './sidebar';
import { registerBuildImage } from './editor/buildImage';
import { registerNewStackCommand } from './editor/newStack';
import { registerExplainCommand } from './editor/explainCommand';
import { registerReferenceCommand } from './editor/referencePanel';
import { registerBaseImageProbe } from './editor/baseImages';
import { createDockerSession } from './session/dockerSession';
import { registerDoctor } from './editor/doctor/doctorCommand';
import { registerLayerAnnotations } from './editor/layers/registerLayers';
import { registerRuleDocs, type RuleDocsView } from './editor/ruleDocs';
import { registerConceptPages, type ConceptItem, type ConceptView } from './editor/conceptPanel';
import { registerWalkthrough } from './walkthrough/register';
import { walkthroughMiddleware } from './walkthrough/middleware';
import { forgetMilestones, reachedMilestones, type Milestone } from './walkthrough/milestones';

let client: LanguageClient | undefined;
let starting: Promise<LanguageClient> | undefined;

/** Starts the language server the first time a Dockerfile or an nginx config is open; the sidebar alone never starts it. */
function ensureClient(context: vscode.ExtensionContext): Promise<LanguageClient> {
  if (!starting) {
    client = createLanguageClient(context, walkthroughMiddleware);
    starting = client.start().then(() => client!);
  }
  return starting;
}

export interface DockerfileGuideApi {
  /** Resolves once the language server is running (starting it if needed). Used by tests and other rooms. */
  languageClient(): Promise<LanguageClient>;
  /** What the rule description tab (dockerfileGuide.showRule) shows now. Used by tests. */
  ruleDocsView(): RuleDocsView | undefined;
  /** What the concept panel (dockerfileGuide.openConcept) shows now. Used by tests. */
  conceptView(): ConceptView | undefined;
  /** The pages the concept pick list offers, in the user's language. Used by tests. */
  conceptList(): ConceptItem[];
  /** The walkthrough milestones reached in this window (their context keys are set). Used by tests. */
  walkthroughMilestones(): Milestone[];
  /** Forgets them (clearing their context keys), so that a test sees each one reached by its own action. */
  resetWalkthroughMilestones(): void;
}

export function activate(context: vscode.ExtensionContext): DockerfileGuideApi {
  // One engine model for the window: the sidebar shows it, Build Image and Build and Run use it.
  const docker = createDockerSession(context);
  const sidebar = registerDockerSidebar(context, docker);
  // Run and check (a Dockerfile) and Why did it exit? (a container in the sidebar): the doctor and its checklist.
  context.subscriptions.push(...registerDoctor(sidebar));
  context.subscriptions.push(...registerBuildImage(docker));
  // After each build from the extension: layer sizes, cache hits and wasted bytes on the Dockerfile's own lines.
  context.subscriptions.push(...registerLayerAnnotations(docker));
  registerNewStackCommand(context);
  registerExplainCommand(context, () => ensureClient(context));
  registerReferenceCommand(context, () => ensureClient(context));
  // Rule links in diagnostics and hovers open the rule's section of the shipped docs/rules.md (offline).
  const ruleDocs = registerRuleDocs(context);
  // The concept pages (docs/concepts): hovers, rules' hovers and the walkthrough link them.
  const concepts = registerConceptPages(context);
  registerBaseImageProbe(context, () => ensureClient(context));
  // "Get started with Dockerfile Guide": each step's check mark follows the real event (client/src/walkthrough).
  context.subscriptions.push(...registerWalkthrough(docker));
  // The server checks nginx configs too (through the Dockerfiles that copy them): either language starts it.
  const served = (doc: vscode.TextDocument) => doc.languageId === 'dockerfile' || doc.languageId === 'nginx';
  if (vscode.workspace.textDocuments.some(served)) void ensureClient(context);
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((doc) => {
      if (served(doc)) void ensureClient(context);
    }),
  );
  return {
    languageClient: () => ensureClient(context),
    ruleDocsView: () => ruleDocs.view(),
    conceptView: () => concepts.view(),
    conceptList: () => concepts.list(),
    walkthroughMilestones: reachedMilestones,
    resetWalkthroughMilestones: forgetMilestones,
  };
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
}
