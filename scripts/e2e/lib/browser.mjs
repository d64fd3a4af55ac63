// Headless Debian Chromium through playwright-core: the workbench client that makes code-server start
// an extension host (the VS Code server starts one only when a window connects).
import { chromium } from 'playwright-core';

export async function launchChromium(executablePath, env) {
  // Playwright puts the browser profile in os.tmpdir() of this process: point it into the run folder too.
  const savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = env.TMPDIR;
  try {
    return await launch(executablePath, env);
  } finally {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
  }
}

function launch(executablePath, env) {
  return chromium.launch({
    executablePath,
    headless: true,
    env,
    args: [
      '--no-sandbox', // we run as root
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Newer VS Code builds read extensionDevelopmentPath/extensionTestsPath from the URL payload only when
 * developmentOptions.enableSmokeTestDriver is set, which code-server's CLI cannot set. This init script
 * adds it to the page's web configuration before the workbench reads it; older builds ignore it.
 */
export function enableSmokeTestDriver() {
  const original = Element.prototype.getAttribute;
  Element.prototype.getAttribute = function (name) {
    const value = original.call(this, name);
    if (name === 'data-settings' && this.id === 'vscode-workbench-web-configuration' && value) {
      try {
        const config = JSON.parse(value);
        config.developmentOptions = { ...(config.developmentOptions || {}), enableSmokeTestDriver: true };
        return JSON.stringify(config);
      } catch {
        return value;
      }
    }
    return value;
  };
}
