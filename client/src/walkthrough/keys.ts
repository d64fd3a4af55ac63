// The walkthrough's milestones and their context keys, without VS Code (the manifest test reads them).
// package.json: each step of the walkthrough `getStarted` completes on `onContext:<contextKey(milestone)>`.

export const MILESTONES = ['dockerfileOpened', 'hovered', 'fixed', 'explained', 'built', 'checked', 'layersShown', 'stoppedCleanly'] as const;
export type Milestone = (typeof MILESTONES)[number];

export const contextKey = (m: Milestone) => `dockerfileGuide.walkthrough.${m}`;

/** The walkthrough's id in package.json; VS Code names it `<publisher>.<name>#<id>`. */
export const WALKTHROUGH_ID = 'getStarted';
