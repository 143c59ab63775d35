// The frame every page shares: home with the session timeline, the language switch, the
// mobile menu, keyboard use, and the accessibility check.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, PHONE, FIXTURE, checkA11y, screenshot, noErrors } from './lib.mjs';

const browser = await launch();
after(() => browser.close());

test('the root address leads to the only city, whose home shows the session and its stages', async () => {
  const page = await newPage(browser);
  await page.goto('/');
  await page.waitForURL(`**/cities/${FIXTURE.city}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  const stages = page.getByRole('list', { name: 'Етапи сесії' }).getByRole('listitem');
  assert.equal(await stages.count(), 4);
  assert.match(await page.locator('[aria-current="step"]').innerText(), /Подання проєктів/);
  assert.match(await page.locator('.now').innerText(), /До кінця етапу: \d+ дн\./);
  assert.match(await page.locator('.pots').innerText(), /1\s000\s000,00 ₴/);
  await checkA11y(page, 'home');
  await screenshot(page, 'home');
  noErrors(page);
});

test('the language switch redraws the page in English and remembers it', async () => {
  const page = await newPage(browser);
  await page.goto(`/cities/${FIXTURE.city}`);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: /^Participatory budget/ }).waitFor();
  await page.getByRole('link', { name: 'Projects', exact: true }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.locator('.pots').innerText(), /1,000,000\.00 ₴/);
  await page.reload();
  await page.getByRole('link', { name: 'Projects', exact: true }).waitFor();
  noErrors(page);
});

test('on a phone the menu opens from its button and the page passes the accessibility check', async () => {
  const page = await newPage(browser, PHONE);
  await page.goto(`/cities/${FIXTURE.city}`);
  const menu = page.getByRole('button', { name: 'Меню' });
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.getByRole('link', { name: 'Проєкти', exact: true }).isVisible(), false);
  await menu.click();
  assert.equal(await menu.getAttribute('aria-expanded'), 'true');
  await page.getByRole('link', { name: 'Проєкти', exact: true }).click();
  await page.waitForURL((url) => url.pathname === `/cities/${FIXTURE.city}/projects`);
  await page.goto(`/cities/${FIXTURE.city}`);
  await checkA11y(page, 'home (phone)');
  await screenshot(page, 'home-phone');
  noErrors(page);
});

test('keyboard: the skip link is first and takes focus to the content', async () => {
  const page = await newPage(browser);
  await page.goto(`/cities/${FIXTURE.city}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement.textContent);
  assert.equal(focused, 'Перейти до змісту');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
});

test('an unknown page says so', async () => {
  const page = await newPage(browser);
  await page.goto(`/cities/${FIXTURE.city}/no/such/page`);
  await page.getByRole('heading', { name: 'Сторінку не знайдено' }).waitFor();
  const missing = await newPage(browser);
  const resp = await missing.goto('/app-that-does-not-exist.js');
  assert.equal(resp.status(), 404);
});
