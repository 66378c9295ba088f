// Screenshot of one element: node shoot-part.mjs URL SELECTOR WIDTH OUT [dark]
import { open } from './browser.mjs';
const [url, selector, width, out, scheme] = process.argv.slice(2);
const ctx = await open(Number(width), 900, scheme || 'light');
const page = ctx.pages()[0] || await ctx.newPage();
await page.goto(url);
await page.locator(selector).first().screenshot({ path: out });
await ctx.close();
