/**
 * The product's version, as package.json has it when the bundles are built: esbuild.mjs defines __DFG_VERSION__
 * (so `dockerfile-guide --version` in an npm install reads no package.json at run time, which npm may not keep next
 * to dist/). Code run from the sources (tsx in tests) has no build and says so.
 */
declare const __DFG_VERSION__: string | undefined;

export const VERSION: string = typeof __DFG_VERSION__ === 'string' ? __DFG_VERSION__ : '0.0.0-source';
