// A budget session from the residents' side, across the pages of every role: projects
// admitted, voting opened by the clock, a resident voting from a phone until no votes are
// left (one vote cast by keyboard alone), the moderator computing and publishing the results,
// and everyone reading them.

import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, newPage, PHONE, DESKTOP, FIXTURE, advanceClock, apiAs, signIn, checkA11y, screenshot, noErrors,
} from './lib.mjs';

const browser = await launch();
after(() => browser.close());

const city = FIXTURE.city;
const projects = [];

/** Map tiles come from the internet, which tests have not: answer them with nothing. */
async function offline(page) {
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.fulfill({ status: 204, body: '' }));
  return page;
}

before(async () => {
  const author = await apiAs(FIXTURE.author);
  const moderator = await apiAs(FIXTURE.moderator);
  // Six projects in the small pot (1 000 000 ₴): the first five cost 150 000 ₴ or less.
  const prices = ['90000.00', '80000.00', '70000.00', '60000.00', '50000.00', '40000.00'];
  for (const [i, price] of prices.entries()) {
    const p = await author.post(`/cities/${city}/projects`, {
      pot_id: FIXTURE.pots.small,
      category_id: FIXTURE.category,
      title: `Проєкт №${i + 1}: сквер біля школи`,
      description: 'Лавки, освітлення і дерева.',
      address: 'вул. Хрещатик, 1',
      lat: 50.45, lon: 30.55,
      beneficiaries: 'Мешканці району',
      items: [{ name: 'Роботи', quantity: 1, unit_price: price }],
    });
    await author.post(`/cities/${city}/projects/${p.id}/status`, { action: 'submit' });
    await moderator.post(`/cities/${city}/projects/${p.id}/status`, { action: 'admit' });
    projects.push(p);
  }
  // Into the voting stage (it opens on day 61).
  await advanceClock({ days: 62 });
});

test('on a phone a resident votes until no votes are left; the ballot shows them', async () => {
  const page = await offline(await newPage(browser, PHONE));
  await signIn(page, FIXTURE.voters[0], FIXTURE.password);
  for (const [i, p] of projects.slice(0, 5).entries()) {
    await page.goto(`/cities/${city}/projects/${p.id}`);
    await page.getByRole('button', { name: 'Проголосувати' }).click();
    await page.getByText('Ви проголосували за цей проєкт.').waitFor();
    const left = 4 - i;
    await page.waitForFunction(
      (n) => document.getElementById('announcer').textContent
        .includes(n === 0 ? 'Голосів більше не залишилося.' : ` ${n} голос`),
      left,
    );
    if (i === 0) await screenshot(page, 'journey-voted-phone');
  }
  // The sixth project: no button, and the reason.
  await page.goto(`/cities/${city}/projects/${projects[5].id}`);
  await page.getByText('Ви вже використали всі свої голоси (5).').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Проголосувати' }).count(), 0);
  await checkA11y(page, 'project page with the ballot used up');

  await page.goto(`/cities/${city}/me/votes`);
  for (const p of projects.slice(0, 5)) await page.getByRole('link', { name: p.title }).first().waitFor();
  await screenshot(page, 'journey-my-votes');
  await checkA11y(page, 'my votes');
  noErrors(page);
});

test('keyboard only: a resident reaches the vote button with Tab and votes with Enter', async () => {
  const page = await offline(await newPage(browser, DESKTOP));
  await signIn(page, FIXTURE.voters[1], FIXTURE.password);
  await page.goto(`/cities/${city}/projects/${projects[5].id}`);
  await page.getByRole('button', { name: 'Проголосувати' }).waitFor();
  let reached = false;
  for (let i = 0; i < 80 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.textContent === 'Проголосувати');
  }
  assert.ok(reached, 'the vote button is reachable by Tab');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'the focused button shows its focus');
  await page.keyboard.press('Enter');
  await page.getByText('Ви проголосували за цей проєкт.').waitFor();
  noErrors(page);
});

test('after voting the moderator computes and publishes the results, which everyone reads', async () => {
  await advanceClock({ days: 30 });
  const page = await offline(await newPage(browser, DESKTOP));
  await signIn(page, FIXTURE.moderator, FIXTURE.password);
  await page.goto(`/cities/${city}/moderation/results`);
  await page.getByRole('button', { name: 'Обчислити результати' }).click();
  await page.getByText('Результати обчислено.').first().waitFor();
  await page.getByRole('button', { name: 'Опублікувати результати' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /Опублікувати/ }).click();
  await page.getByText('Результати опубліковано.').first().waitFor();
  noErrors(page);

  const reader = await offline(await newPage(browser, PHONE));
  await reader.goto(`/cities/${city}/results`);
  // All six fit the pot (390 000 ₴ of 1 000 000 ₴): every one is a winner.
  for (const p of projects) await reader.getByText(p.title).first().waitFor();
  await screenshot(reader, 'journey-results');
  await checkA11y(reader, 'results');
  await reader.goto(`/cities/${city}/projects/${projects[0].id}`);
  await reader.getByText('Переможець').first().waitFor();
  noErrors(reader);
});
