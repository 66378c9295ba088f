// The site in a real browser, JavaScript off (axe-core alone runs with it on): layout at a phone's and a desktop's width, the
// summary in the first screen, the forms by keyboard, and axe-core. Needs BASE_URL (the
// release server on loopback) and Debian's chromium at /usr/bin/chromium (or CHROME_PATH).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { open } from './browser.mjs';
import { PAGES, PAIR } from './pages.mjs';

const BASE = process.env.BASE_URL;
assert.ok(BASE, 'BASE_URL is not set');
const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const VIEWPORTS = [[390, 844], [1280, 900]];

const contexts = {};
before(async () => {
  for (const [w, h] of VIEWPORTS) {
    contexts[w] = await open(w, h);
    // Our pages have no scripts, so they render the same; only axe-core needs them on.
    contexts[`axe${w}`] = await open(w, h, 'light', true);
  }
  contexts.dark = await open(390, 844, 'dark', true);
});
after(async () => {
  for (const c of Object.values(contexts)) await c.close();
});

async function visit(ctx, path) {
  const page = await ctx.newPage();
  const response = await page.goto(BASE + path);
  return { page, response };
}

/** Elements wider than their box: the page itself, or any block that scrolls sideways. */
function overflows() {
  const out = [];
  const root = document.documentElement;
  if (root.scrollWidth > innerWidth) out.push(`page ${root.scrollWidth} > ${innerWidth}`);
  for (const el of document.querySelectorAll('main *, header *, footer *')) {
    if (el.closest('details:not([open])')) continue;
    const r = el.getBoundingClientRect();
    if (r.width && (r.right > innerWidth + 0.5 || r.left < -0.5) && getComputedStyle(el).position !== 'absolute') {
      out.push(`${el.tagName.toLowerCase()}.${el.className} spans ${Math.round(r.left)}..${Math.round(r.right)}`);
    }
    if (el.scrollWidth > el.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX)) {
      out.push(`${el.tagName.toLowerCase()}.${el.className} scrolls sideways (${el.scrollWidth} > ${el.clientWidth})`);
    }
  }
  return out.slice(0, 10);
}

async function axe(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const result = await globalThis.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
}

for (const [width, height] of VIEWPORTS) {
  for (const p of PAGES) {
    test(`${p.name} at ${width}x${height}: status, no sideways scroll, axe finds nothing`, async () => {
      const { page, response } = await visit(contexts[width], p.path);
      assert.equal(response.status(), p.status ?? 200);
      assert.deepEqual(await page.evaluate(overflows), [], 'nothing wider than the screen');
      assert.ok(await page.locator('footer.site-footer').count(), 'the footer is there');
      if (p.comparison) {
        const bottom = await page.evaluate(() => document.querySelector('#summary-table').getBoundingClientRect().bottom);
        assert.ok(bottom <= height, `the summary ends at ${Math.round(bottom)} px, below the first screen (${height})`);
      }
      await page.close();
      const checked = await visit(contexts[`axe${width}`], p.path);
      assert.deepEqual(await axe(checked.page), [], 'axe-core violations');
      await checked.page.close();
    });
  }
}

for (const p of PAGES) {
  test(`${p.name} in the dark theme at 390: axe finds nothing (contrast included)`, async () => {
    const { page } = await visit(contexts.dark, p.path);
    assert.deepEqual(await axe(page), []);
    await page.close();
  });
}

/** Presses Tab until `selector` has focus; returns how many presses it took. */
async function tabTo(page, selector, limit = 80) {
  for (let n = 1; n <= limit; n++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return n;
  }
  throw new Error(`${selector} not reached in ${limit} Tab presses`);
}

test('the skip link is the first stop and moves focus to the content', async () => {
  const { page } = await visit(contexts[390], PAIR);
  assert.equal(await tabTo(page, 'a.skip-link', 1), 1);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  const inMain = await page.evaluate(() => !!document.activeElement.closest('main'));
  assert.ok(inMain, 'the next Tab lands inside the main content');
  await page.close();
});

for (const [width] of VIEWPORTS) {
  test(`the picker, by keyboard at ${width}, lands on the pair's page`, async () => {
    const { page } = await visit(contexts[width], '/');
    await tabTo(page, 'input[name=a]');
    await page.keyboard.type('GPT-5');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    await page.keyboard.type('claude sonnet 4.5');
    await page.keyboard.press('Escape');
    await Promise.all([page.waitForURL(/\/compare\/.+-vs-.+/), page.keyboard.press('Enter')]);
    assert.equal(new URL(page.url()).pathname, PAIR);
    assert.match(await page.locator('h1').innerText(), /GPT-5\s+vs\s+Claude Sonnet 4\.5/);
    await page.close();
  });

  test(`the workload form, by keyboard at ${width}, with "requests" left empty, lands on the results`, async () => {
    const { page } = await visit(contexts[width], PAIR);
    const presses = await tabTo(page, 'input[name=input]');
    console.log(`# ${width}px: ${presses} Tab presses from the top to the calculator`);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('100000');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2000');
    await tabTo(page, 'input[name=requests]', 3);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await Promise.all([page.waitForURL(/input=100000/), page.keyboard.press('Enter')]);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('requests'), '', 'the browser sent requests=');
    assert.equal(url.hash, '#results');
    const top = await page.evaluate(() => document.querySelector('#results').getBoundingClientRect().top);
    assert.ok(top >= -1 && top < 40, `the results start at ${top} px, not at the top of the screen`);
    assert.match(await page.locator('#request-table').innerText(), /Your request/);
    await page.close();
  });
}

test('a bad value comes back marked, with what was typed, and can be fixed by keyboard', async () => {
  const { page, response } = await visit(contexts[390], `${PAIR}?input=12x`);
  assert.equal(response.status(), 400);
  const field = page.locator('#w-input');
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  assert.equal(await field.inputValue(), '12x');
  const message = await page.locator('#w-input-error').innerText();
  assert.match(message, /not a whole number/);
  await field.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('20000');
  await Promise.all([page.waitForURL(/input=20000/), page.keyboard.press('Enter')]);
  assert.equal(await page.locator('#w-input').getAttribute('aria-invalid'), null);
  await page.close();
});
