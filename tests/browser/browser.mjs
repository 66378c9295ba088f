// Starts Debian's chromium through playwright-core with JavaScript off and a fresh profile.
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export const EXECUTABLE = process.env.CHROME_PATH || '/usr/bin/chromium';

/** A persistent context (its own user-data-dir) at the given viewport, scripts disabled
 *  unless `scripts` (axe-core is a script: its timers do not run in a page with scripts off). */
export async function open(width, height, colorScheme = 'light', scripts = false) {
  const dir = mkdtempSync(join(tmpdir(), 'llmc-chromium-'));
  return chromium.launchPersistentContext(dir, {
    executablePath: EXECUTABLE,
    args: ARGS,
    headless: true,
    javaScriptEnabled: scripts,
    viewport: { width, height },
    colorScheme,
  });
}
