// Screenshots of the pages at 390x844 and 1280x900: node shoot.mjs BASE_URL OUT_DIR [dark]
import { open } from './browser.mjs';
import { PAGES } from './pages.mjs';
import { mkdirSync } from 'node:fs';

const [base, out, scheme] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
for (const [w, h] of [[390, 844], [1280, 900]]) {
  const ctx = await open(w, h, scheme || 'light');
  const page = ctx.pages()[0] || await ctx.newPage();
  for (const p of PAGES) {
    await page.goto(base + p.path);
    const m = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: innerWidth, sh: document.documentElement.scrollHeight }));
    await page.screenshot({ path: `${out}/${p.name}-${w}.png` });
    await page.screenshot({ path: `${out}/${p.name}-${w}-full.png`, fullPage: true });
    console.log(`${p.name} ${w}: scrollWidth ${m.sw} innerWidth ${m.iw} height ${m.sh} (${(m.sh / h).toFixed(1)} screens)`);
  }
  await ctx.close();
}
