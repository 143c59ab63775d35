// Kyiv practice in the browser. The fixture's session carries a cost reserve of 20 %
// (tests/it/browser.rs): the author's estimate editor, the read-only view after submission,
// the moderator's view, the public project page and the admin's parameters all show it as a
// line of its own, exact to the kopiyka. The city has an elected commission (the first three
// voters): its members approve the computed winners list before a moderator may publish it.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, PHONE, DESKTOP, FIXTURE, signIn, screenshot, checkA11y, noErrors, apiAs, advanceClock } from './lib.mjs';

const browser = await launch();
after(() => browser.close());

const city = (path) => `/cities/${FIXTURE.city}${path}`;
let projectId = null;

test('the author sees the reserve in the estimate and after submitting', async () => {
  const page = await newPage(browser, PHONE);
  await signIn(page, FIXTURE.author, FIXTURE.password);
  await page.goto(city('/me/projects/new'));
  const editor = page.locator('form#project-form');
  await editor.getByLabel('Бюджет').selectOption(String(FIXTURE.pots.small));
  await editor.getByLabel('Категорія').selectOption(String(FIXTURE.category));
  await editor.getByLabel('Назва проєкту').fill('Ліхтарі в парку');
  await editor.getByLabel('Опис').fill('Ліхтарі вздовж алеї.');
  await editor.getByLabel('Рядок 1: назва').fill('Ліхтар');
  await editor.getByLabel('Кількість').first().fill('4');
  await editor.getByLabel('Ціна за одиницю, ₴').first().fill('2 500,01');
  // 4 × 2 500,01 is 10 000,04; 20 % of it is 2 000,008, so 2 000,01; in all 12 000,05.
  await page.locator('.estimate-subtotal').filter({ hasText: /10\s000,04 ₴/ }).waitFor();
  await page.locator('.estimate-reserve').filter({ hasText: /Резерв 20\s?%\s+2\s000,01 ₴/ }).waitFor();
  await page.locator('.estimate-total').filter({ hasText: /^12\s000,05 ₴$/ }).waitFor();
  await page.getByText('До кошторису додається обов’язковий резерв 20', { exact: false }).waitFor();
  await checkA11y(page, 'editor with a cost reserve');
  await editor.getByRole('button', { name: 'Зберегти чернетку' }).click();
  await page.waitForURL(/\/me\/projects\/\d+$/);
  projectId = Number(page.url().split('/').pop());

  await page.getByRole('button', { name: 'Подати на модерацію' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Подати на модерацію' }).click();
  await page.getByText('Проєкт подано на модерацію.').waitFor();
  const view = await page.locator('.estimate-view').innerText();
  assert.match(view, /Резерв 20\s?%\s+від 10\s000,04 ₴\s+2\s000,01 ₴/);
  assert.match(await page.locator('.estimate-sum').last().innerText(), /12\s000,05 ₴/);
  await screenshot(page, 'kyiv-reserve-author');
  noErrors(page);
  await page.context().close();
});

test('the moderator and the public see the reserve line; the admin sees the parameter', async () => {
  assert.ok(projectId, 'the first test made the project');
  const page = await newPage(browser, DESKTOP);
  await signIn(page, FIXTURE.moderator, FIXTURE.password);
  await page.goto(city(`/moderation/projects?project=${projectId}`));
  const estimate = page.getByRole('table', { name: 'Кошторис' });
  await estimate.waitFor();
  const foot = await estimate.locator('tfoot').innerText();
  assert.match(foot, /Сума рядків кошторису\s+10\s000,04 ₴/);
  assert.match(foot, /Резерв 20\s?%\s+2\s000,01 ₴/);
  assert.match(foot, /12\s000,05 ₴/);
  await page.context().close();

  const moderator = await apiAs(FIXTURE.moderator);
  await moderator.post(`/cities/${FIXTURE.city}/projects/${projectId}/status`, { action: 'admit' });
  const visitor = await newPage(browser, PHONE);
  await visitor.goto(city(`/projects/${projectId}`));
  await visitor.getByRole('heading', { level: 1, name: 'Ліхтарі в парку' }).waitFor();
  const cost = visitor.getByRole('table', { name: 'Кошторис' });
  assert.match(await cost.locator('tbody').innerText(), /Ліхтар\s+4\s+2\s500,01 ₴\s+10\s000,04 ₴/);
  const total = await cost.locator('tfoot').innerText();
  assert.match(total, /Сума рядків кошторису\s+10\s000,04 ₴/);
  assert.match(total, /Резерв 20\s?%\s+2\s000,01 ₴/);
  assert.match(total, /Загальна вартість\s+12\s000,05 ₴/);
  await checkA11y(visitor, 'project page with a cost reserve');
  await screenshot(visitor, 'kyiv-reserve-project');
  noErrors(visitor);
  await visitor.context().close();

  const admin = await newPage(browser, DESKTOP);
  await signIn(admin, FIXTURE.admin, FIXTURE.password);
  await admin.goto(city(`/admin/sessions?session=${FIXTURE.session}`));
  assert.equal(await admin.getByLabel('Резерв кошторису, %').inputValue(), '20');
  assert.equal(await admin.getByLabel('Один голос на тему').isChecked(), false);
  noErrors(admin);
  await admin.context().close();
});

test('commission members approve the winners list before it is published', async () => {
  assert.ok(projectId, 'the first tests admitted a project');
  // Voting comes and goes; a moderator computes the results.
  await advanceClock({ days: 95 });
  const path = `/cities/${FIXTURE.city}/sessions/${FIXTURE.session}/results`;
  const moderator = await apiAs(FIXTURE.moderator);
  await moderator.post(`${path}/compute`, {});
  await assert.rejects(moderator.post(`${path}/publish`, {}), /results-not-approved/);

  const page = await newPage(browser, PHONE);
  await signIn(page, FIXTURE.voters[0], FIXTURE.password);
  await page.goto(city(`/results?session=${FIXTURE.session}`));
  const section = page.locator('section.approval');
  await section.getByRole('heading', { name: 'Затвердження громадською бюджетною комісією' }).waitFor();
  await section.getByText('Рішення ще немає.').waitFor();
  // Refusing needs a reason.
  await section.getByLabel('Рішення').selectOption('refuse');
  await section.getByRole('button', { name: 'Записати голос' }).click();
  await section.getByText('Щоб не затвердити список переможців, вкажіть причину.', { exact: false }).first().waitFor();
  await section.getByLabel('Коментар').fill('Перевірити кошторис');
  await section.getByRole('button', { name: 'Записати голос' }).click();
  await page.locator('section.approval .approval-votes li').first().waitFor();
  assert.match(await page.locator('section.approval .approval-votes').innerText(), /не затверджувати:\s*Перевірити кошторис/);
  await checkA11y(page, 'results with the commission approval');
  await screenshot(page, 'kyiv-approval');

  // Another member approves; the first changes their mind: two of three.
  const second = await apiAs(FIXTURE.voters[1]);
  await second.post(`${path}/approval`, { approve: true });
  await page.reload();
  await page.locator('section.approval').getByLabel('Рішення').selectOption('approve');
  await page.locator('section.approval').getByRole('button', { name: 'Записати голос' }).click();
  await page.locator('section.approval').getByText('Затверджено.').waitFor();
  noErrors(page);
  await page.context().close();

  await moderator.post(`${path}/publish`, {});
  const visitor = await newPage(browser, PHONE);
  await visitor.goto(city(`/results?session=${FIXTURE.session}`));
  const shown = visitor.locator('section.approval');
  await shown.getByText('Затверджено.').waitFor();
  assert.equal(await shown.getByRole('button', { name: 'Записати голос' }).count(), 0);
  noErrors(visitor);
  await visitor.context().close();
});
