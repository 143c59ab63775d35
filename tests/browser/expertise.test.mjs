// Expert review («експертиза») in the browser. The fixture's session has expert review on and
// an expert who reviews the fixture's category (tests/it/browser.rs): the expert's queue and
// conclusion form with a corrected estimate, the author's one revision on the project's page,
// and the public conclusions; the admin's staff screen lists the expert's categories.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, PHONE, DESKTOP, FIXTURE, signIn, screenshot, checkA11y, noErrors, apiAs } from './lib.mjs';

const browser = await launch();
after(() => browser.close());

const city = (path) => `/cities/${FIXTURE.city}${path}`;
let projectId = null;

test('the expert finds the project in the queue and concludes with a corrected estimate', async () => {
  const author = await apiAs(FIXTURE.author);
  const project = await author.post(`/cities/${FIXTURE.city}/projects`, {
    pot_id: FIXTURE.pots.small, category_id: FIXTURE.category, title: 'Велодоріжка вздовж набережної',
    description: 'Два кілометри доріжки.', items: [{ name: 'Доріжка', quantity: 2, unit_price: '20000' }],
  });
  projectId = project.id;
  await author.post(`/cities/${FIXTURE.city}/projects/${projectId}/status`, { action: 'submit' });

  const page = await newPage(browser, DESKTOP);
  await signIn(page, FIXTURE.expert, FIXTURE.password);
  await page.goto(city('/expertise'));
  await page.getByRole('heading', { level: 1, name: 'Експертиза проєктів' }).waitFor();
  const item = page.locator(`.exp-item[data-project="${projectId}"]`);
  await item.getByRole('link', { name: 'Велодоріжка вздовж набережної' }).waitFor();
  await item.getByRole('button', { name: 'Дати висновок' }).click();
  await item.getByLabel('Нереалізовний').check();
  await item.getByLabel('Підстави').fill('Ширина набережної не дозволяє двосторонньої доріжки.');
  await item.getByLabel('Скоригувати кошторис').check();
  await item.getByLabel('Ціна за одиницю, ₴').first().fill('25000');
  await checkA11y(page, 'expert conclusion form');
  await screenshot(page, 'expertise-form');
  await item.getByRole('button', { name: 'Надати висновок (раунд 1)' }).click();
  await page.getByText('Висновок щодо проєкту «Велодоріжка вздовж набережної» надано.').waitFor();
  await page.getByText('Проєктів, що чекають на ваш висновок, немає.').waitFor();
  noErrors(page);
  await page.context().close();
});

test('the author revises once on the project page; everyone sees the conclusions', async () => {
  assert.ok(projectId, 'the first test made the project');
  const page = await newPage(browser, PHONE);
  await signIn(page, FIXTURE.author, FIXTURE.password);
  await page.goto(city(`/projects/${projectId}`));
  const section = page.getByRole('region', { name: 'Експертиза' });
  await section.getByText('Ширина набережної не дозволяє двосторонньої доріжки.').waitFor();
  assert.match(await section.innerText(), /Вартість скориговано: 40\s000,00 ₴ → 50\s000,00 ₴/);
  await section.getByRole('button', { name: 'Доопрацювати проєкт' }).click();
  await section.getByLabel('Опис проєкту').fill('Односторонній велопрохід уздовж набережної.');
  await section.getByLabel('Ціна за одиницю, ₴').first().fill('15000');
  await checkA11y(page, 'author revision form');
  await section.getByRole('button', { name: 'Надіслати доопрацювання' }).click();
  await page.getByRole('region', { name: 'Експертиза' }).getByText('Автор доопрацював проєкт; очікується остаточний висновок.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Доопрацювати проєкт' }).count(), 0, 'only once');
  noErrors(page);
  await page.context().close();

  const visitor = await newPage(browser, DESKTOP);
  await visitor.goto(city(`/projects/${projectId}`));
  const publicSection = visitor.getByRole('region', { name: 'Експертиза' });
  await publicSection.getByText(/Раунд 1: експерт профільного підрозділу/).waitFor();
  assert.equal(await publicSection.getByRole('button').count(), 0, 'no forms for the public');
  await checkA11y(visitor, 'project page with an expert conclusion');
  await screenshot(visitor, 'expertise-public');
  noErrors(visitor);
  await visitor.context().close();
});

test('the admin sees the expert and their category on the staff screen', async () => {
  const page = await newPage(browser, DESKTOP);
  await signIn(page, FIXTURE.admin, FIXTURE.password);
  await page.goto(city('/admin/staff'));
  await page.getByRole('heading', { name: 'Категорії експертів' }).waitFor();
  assert.match(await page.locator('.exp-assignments').innerText(), /Спорт/);
  await checkA11y(page, 'staff with expert categories');
  noErrors(page);
  await page.context().close();
});
