// Lighthouse on every page, mobile and desktop, in one chromium: fails below 100 in
// Accessibility, Best Practices and SEO or below 95 in Performance. Pages that are noindex on
// purpose (the 404, a page with workload parameters) skip the one SEO audit that checks for
// indexability and must score 100 on the rest; the 404 is audited despite its status.
// Prints a table of the scores.
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARGS, EXECUTABLE } from './browser.mjs';
import { PAGES } from './pages.mjs';

const BASE = process.env.BASE_URL;
if (!BASE) throw new Error('BASE_URL is not set');
const chrome = await chromeLauncher.launch({
  chromePath: EXECUTABLE,
  chromeFlags: ARGS,
  userDataDir: mkdtempSync(join(tmpdir(), 'llmc-lighthouse-')),
});
/** Lighthouse's own desktop preset. */
function desktop() {
  return {
    formFactor: 'desktop',
    throttlingMethod: 'simulate',
    throttling: { rttMs: 40, throughputKbps: 10 * 1024, cpuSlowdownMultiplier: 1, requestLatencyMs: 0, downloadThroughputKbps: 0, uploadThroughputKbps: 0 },
    screenEmulation: { mobile: false, width: 1350, height: 940, deviceScaleFactor: 1, disabled: false },
    emulatedUserAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/135.0.0.0 Safari/537.36',
  };
}

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const failures = [];
const rows = [];
try {
  for (const formFactor of ['mobile', 'desktop']) {
    for (const p of PAGES) {
      const settings = formFactor === 'desktop'
        ? desktop()
        : { formFactor: 'mobile', throttlingMethod: 'simulate' };
      settings.ignoreStatusCode = true;
      settings.disableFullPageScreenshot = true;
      settings.skipAudits = [];
      if (p.noindex) settings.skipAudits.push('is-crawlable');
      // The 404's only console message is its own status, which is the point of the page.
      if (p.status === 404) settings.skipAudits.push('errors-in-console', 'http-status-code');
      const config = { extends: 'lighthouse:default', settings };
      // A run Lighthouse itself could not record (NO_NAVSTART and the like: no scores at all) is
      // repeated, up to three times; it says nothing about the page.
      const run = async () => {
        let lhr;
        for (let attempt = 1; attempt <= 3; attempt++) {
          ({ lhr } = await lighthouse(BASE + p.path, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES }, config));
          if (!lhr.runtimeError) break;
          console.error(`${formFactor} ${p.path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message} (attempt ${attempt} of 3)`);
        }
        return lhr;
      };
      // Performance is timed on a machine other jobs share: a page under the bar gets two more
      // runs and the median counts, as Lighthouse CI does. The other categories do not vary.
      let lhr = await run();
      const perf = (l) => l.categories.performance?.score ?? 0;
      if (perf(lhr) < 0.95 || lhr.runtimeError) {
        const runs = [lhr, await run(), await run()].sort((x, y) => perf(x) - perf(y));
        lhr = runs[1];
      }
      const score = (c) => Math.round((lhr.categories[c]?.score ?? 0) * 100);
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, score(c)]));
      rows.push(`${formFactor.padEnd(8)} ${p.name.padEnd(12)} ${CATEGORIES.map((c) => String(scores[c]).padStart(4)).join('')}`);
      for (const c of CATEGORIES) {
        const min = c === 'performance' ? 95 : 100;
        if (scores[c] < min) {
          const lost = Object.values(lhr.audits)
            .filter((a) => a.score !== null && a.score < 1 && lhr.categories[c].auditRefs.some((r) => r.id === a.id && r.weight > 0))
            .map((a) => a.id);
          failures.push(`${formFactor} ${p.path}: ${c} ${scores[c]} < ${min} (${lost.join(', ')})`);
        }
      }
    }
  }
} finally {
  await chrome.kill();
}
console.log(`form     page         perf a11y  b-p  seo\n${rows.join('\n')}`);
if (failures.length) {
  console.error(`Lighthouse below the bar:\n${failures.join('\n')}`);
  process.exit(1);
}
console.log(`${rows.length} passed, 0 failed`);
