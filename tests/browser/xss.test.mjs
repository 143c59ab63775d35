// Stored XSS in the browser: script payloads saved in a project (title, description, estimate
// lines, address), a static page and a district's and a category's names are shown as text on
// the project page, the catalogue and the «Про проект» pages; no script runs (`window.__xss`
// stays unset, no dialog opens). And the sign-in page's `next=` only leads back to this site.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, DESKTOP, BASE, FIXTURE, apiAs } from './lib.mjs';

const CITY = FIXTURE.city;
const path = (p) => `/cities/${CITY}${p}`;

// Each payload sets window.__xss (or opens a dialog) if it ever runs.
const SCRIPT = '<script>window.__xss="script"</script>';
const IMG = '<img src=x onerror="window.__xss=\'img\';alert(1)">';
const SVG = '<svg onload="window.__xss=\'svg\'"></svg>';
const LINK = '[клік](javascript:window.__xss="link")';
const ALL = [SCRIPT, IMG, SVG, LINK].join(' ');

let browser;
let projectId;

before(async () => {
  browser = await launch();
  const admin = await apiAs(FIXTURE.admin);
  const author = await apiAs(FIXTURE.author);
  const moderator = await apiAs(FIXTURE.moderator);
  const kyiv = `/cities/${CITY}`;
  await admin.patch(`${kyiv}/districts/${FIXTURE.district}`, { name: { uk: `Район ${IMG}`, en: `District ${SVG}` } });
  await admin.patch(`${kyiv}/categories/${FIXTURE.category}`, { name: { uk: `Категорія ${SCRIPT}`, en: `Category ${IMG}` } });
  const project = await author.post(`${kyiv}/projects`, {
    pot_id: FIXTURE.pots.small,
    category_id: FIXTURE.category,
    title: `Сквер ${IMG}`,
    description: `Опис\n\n${SCRIPT}\n\n${IMG}\n\n${SVG}\n\n${LINK}\n\n<a href="javascript:window.__xss='a'">посилання</a>`,
    address: `вул. ${SVG}`,
    lat: 50.45, lon: 30.55,
    beneficiaries: `Мешканці ${SCRIPT}`,
    items: [
      { name: `Лавка ${SCRIPT}`, quantity: 1, unit_price: '100' },
      { name: `Ліхтар ${IMG}`, quantity: 2, unit_price: '50' },
    ],
  });
  projectId = project.id;
  await author.post(`${kyiv}/projects/${projectId}/status`, { action: 'submit' });
  await moderator.post(`${kyiv}/projects/${projectId}/status`, { action: 'admit' });
  await admin.post(`${kyiv}/pages`, {
    slug: 'xss', title: { uk: `Сторінка ${IMG}`, en: `Page ${SCRIPT}` },
    body: { uk: `## Правила\n\n${ALL}`, en: `## Rules\n\n${ALL}` },
    published: true,
  });
});

after(() => browser?.close());

/** A page that records any script run by a payload: `__xss`, a dialog, or a call of alert. */
async function watched() {
  const page = await newPage(browser, DESKTOP);
  page.dialogs = [];
  page.on('dialog', async (dialog) => { page.dialogs.push(dialog.message()); await dialog.dismiss(); });
  return page;
}

async function assertNoScriptRan(page, where) {
  // Let late handlers (image errors, lazy content) fire.
  await page.waitForTimeout(300);
  const xss = await page.evaluate(() => window.__xss);
  assert.equal(xss, undefined, `a payload ran on ${where}`);
  assert.deepEqual(page.dialogs, [], `a dialog opened on ${where}`);
  const hostile = await page.evaluate(() => {
    const found = [];
    for (const el of document.querySelectorAll('main *')) {
      if (el.tagName === 'SCRIPT' || el.tagName === 'svg' || el.tagName === 'IFRAME') found.push(el.outerHTML);
      for (const attr of el.attributes) {
        if (/^on/i.test(attr.name)) found.push(`${el.tagName} ${attr.name}`);
        if (/^\s*javascript:/i.test(attr.value)) found.push(`${el.tagName} ${attr.name}=${attr.value}`);
      }
    }
    return found;
  });
  assert.deepEqual(hostile, [], `executable markup in the page on ${where}`);
}

test('a project page shows stored payloads as text and runs none', async () => {
  const page = await watched();
  await page.goto(path(`/projects/${projectId}`));
  await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Сквер' }).waitFor();
  // The title is shown exactly as written, as text.
  assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /<img src=x onerror=/);
  const text = await page.locator('main').innerText();
  assert.ok(text.includes('Лавка <script>'), 'the estimate line is text');
  assert.ok(text.includes('вул. <svg'), 'the address is text');
  await assertNoScriptRan(page, 'the project page');
});

test('the catalogue shows names and titles as text and runs none', async () => {
  const page = await watched();
  await page.goto(path('/projects'));
  await page.getByText(/Сквер <img/).first().waitFor();
  await assertNoScriptRan(page, 'the catalogue');
});

test('the «Про проект» pages show a hostile page as text and run none', async () => {
  const page = await watched();
  await page.goto(path('/about'));
  await page.getByRole('link', { name: /Сторінка <img/ }).click();
  await page.getByRole('heading', { level: 2, name: 'Правила' }).waitFor();
  await assertNoScriptRan(page, 'the static page');
  const list = await watched();
  await list.goto(path('/about'));
  await list.getByRole('link', { name: /Сторінка <img/ }).waitFor();
  await assertNoScriptRan(list, 'the list of pages');
});

test('signing in with a foreign `next=` stays on this site', async () => {
  for (const next of ['https://evil.example/x', '//evil.example/x', '/\\evil.example/x', 'javascript:window.__xss=1']) {
    const page = await watched();
    await page.goto(`${path('/sign-in')}?next=${encodeURIComponent(next)}`);
    const form = page.locator('form#sign-in-form');
    await form.getByLabel(/Логін|Login/).fill(FIXTURE.resident);
    await form.getByLabel(/Пароль|Password/).fill(FIXTURE.password);
    await form.getByRole('button', { name: /Увійти|Sign in/ }).click();
    await page.getByRole('button', { name: /Вийти|Sign out/ }).waitFor();
    await page.waitForTimeout(200);
    assert.equal(new URL(page.url()).origin, BASE, `next=${next} led to ${page.url()}`);
    assert.equal(await page.evaluate(() => window.__xss), undefined, `next=${next}`);
    await page.context().close();
  }
});
