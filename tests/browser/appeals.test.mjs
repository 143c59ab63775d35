// Appeals to the public budget commission in the browser. The fixture's city has an elected
// commission (the first three voters). The author appeals a rejection from the project's
// page; two members vote with reasons on the appeal's page; the project is admitted again and
// the decision with every vote is public. A resident complains about the current stage.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, PHONE, DESKTOP, FIXTURE, signIn, screenshot, checkA11y, noErrors, apiAs } from './lib.mjs';

const browser = await launch();
after(() => browser.close());

const city = (path) => `/cities/${FIXTURE.city}${path}`;
let projectId = null;
let appealUrl = null;

test('the author appeals a rejection from the project page', async () => {
  const author = await apiAs(FIXTURE.author);
  const moderator = await apiAs(FIXTURE.moderator);
  const created = await author.post(`/cities/${FIXTURE.city}/projects`, {
    pot_id: FIXTURE.pots.small, category_id: FIXTURE.category, title: 'Велодоріжка на Оболоні',
    description: 'Велодоріжка вздовж набережної.', items: [{ name: 'Розмітка', quantity: 1, unit_price: '5000' }],
  });
  projectId = created.id;
  await author.post(`/cities/${FIXTURE.city}/projects/${projectId}/status`, { action: 'submit' });
  await moderator.post(`/cities/${FIXTURE.city}/projects/${projectId}/status`, { action: 'reject', comment: 'Не відповідає умовам' });

  const page = await newPage(browser, PHONE);
  await signIn(page, FIXTURE.author, FIXTURE.password);
  await page.goto(city(`/projects/${projectId}`));
  const box = page.getByRole('region', { name: 'Звернутися до комісії' });
  await box.getByText('Проєкт відхилено.', { exact: false }).waitFor();
  await box.getByLabel('Суть звернення').first().fill('Проєкт відповідає умовам: кошторис у межах ліміту.');
  await box.getByRole('button', { name: 'Подати апеляцію' }).click();
  await page.waitForURL(/\/appeals\/\d+$/);
  appealUrl = new URL(page.url()).pathname;
  await page.getByRole('heading', { level: 1, name: /Апеляція № \d+/ }).waitFor();
  await page.getByText('На розгляді комісії').first().waitFor();
  await page.getByText('ваше звернення').waitFor();
  await checkA11y(page, 'an appeal');
  await screenshot(page, 'appeal-filed');
  noErrors(page);
  await page.context().close();
});

test('two members uphold it with reasons and the project is admitted', async () => {
  assert.ok(appealUrl, 'the first test filed the appeal');
  for (const [i, reason] of ['Ліміт дотримано', 'Документи підтверджують'].entries()) {
    const page = await newPage(browser, DESKTOP);
    await signIn(page, FIXTURE.voters[i], FIXTURE.password);
    await page.goto(appealUrl);
    const form = page.getByRole('region', { name: 'Ваш голос' });
    await form.getByLabel('Рішення').selectOption('uphold');
    await form.getByLabel('Обґрунтування').fill(reason);
    await form.getByRole('button', { name: 'Проголосувати' }).click();
    await page.getByText(reason).waitFor();
    noErrors(page);
    await page.context().close();
  }
  const page = await newPage(browser, DESKTOP);
  await page.goto(appealUrl);
  await page.getByText('Задоволено').first().waitFor();
  await page.getByText('Проєкт допущено до голосування').waitFor();
  const votes = await page.getByRole('region', { name: 'Голоси членів комісії' }).innerText();
  assert.match(votes, /Голосів: 2 з 3/);
  assert.match(votes, /Ліміт дотримано/);
  assert.equal(await page.getByRole('region', { name: 'Ваш голос' }).count(), 0, 'anonymous: no form');
  await page.goto(city('/appeals?status=upheld'));
  await page.getByRole('link', { name: /Апеляція № \d+/ }).waitFor();
  await checkA11y(page, 'the appeals list');
  await screenshot(page, 'appeals-list');
  const p = await (await fetch(`${process.env.HROMADA_URL}/api/v1/cities/${FIXTURE.city}/projects/${projectId}`)).json();
  assert.equal(p.status, 'admitted');
  noErrors(page);
  await page.context().close();
});

test('a resident complains about the current stage', async () => {
  assert.ok(projectId);
  const page = await newPage(browser, PHONE);
  await signIn(page, FIXTURE.resident, FIXTURE.password);
  await page.goto(city(`/projects/${projectId}`));
  const box = page.getByRole('region', { name: 'Звернутися до комісії' });
  await box.getByText('Поскаржитися на цей етап').click();
  await box.getByLabel('Суть звернення').fill('Сторінка подання не відкривалася вночі.');
  await box.getByRole('button', { name: 'Подати скаргу' }).click();
  await page.waitForURL(/\/appeals\/\d+$/);
  await page.getByRole('heading', { level: 1, name: /Скарга № \d+/ }).waitFor();
  await page.getByText('Подання проєктів').first().waitFor();
  noErrors(page);
  await page.context().close();
});
