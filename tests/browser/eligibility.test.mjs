// Who may vote (Kyiv issue 13). The fixture's session admits only residents whose registration
// in the city Kyiv ID confirms (`voter_eligibility = registered`, tests/it/browser.rs). A
// password resident has no such confirmation: the project page and «My votes» show why
// instead of the vote button. The admin sees the rule among the session's parameters.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, PHONE, DESKTOP, FIXTURE, signIn, screenshot, checkA11y, noErrors, apiAs, advanceClock } from './lib.mjs';

const browser = await launch();
after(() => browser.close());

const city = (path) => `/cities/${FIXTURE.city}${path}`;

test('the admin sees the rule of who may vote', async () => {
  const admin = await newPage(browser, DESKTOP);
  await signIn(admin, FIXTURE.admin, FIXTURE.password);
  await admin.goto(city(`/admin/sessions?session=${FIXTURE.session}`));
  const rule = admin.getByLabel('Хто може голосувати онлайн');
  assert.equal(await rule.inputValue(), 'registered');
  assert.match(await rule.locator('option:checked').innerText(), /Мешканці, зареєстровані в місті/);
  noErrors(admin);
  await admin.context().close();
});

test('a resident without a registration confirmed by Kyiv ID is told why instead of the button', async () => {
  const author = await apiAs(FIXTURE.author);
  const project = await author.post(`/cities/${FIXTURE.city}/projects`, {
    pot_id: FIXTURE.pots.small, category_id: FIXTURE.category, title: 'Лавки біля школи',
    description: 'Три лавки.',
    beneficiaries: 'Учні', items: [{ name: 'Лавка', quantity: 3, unit_price: '1000' }],
  });
  await author.post(`/cities/${FIXTURE.city}/projects/${project.id}/status`, { action: 'submit' });
  const moderator = await apiAs(FIXTURE.moderator);
  await moderator.post(`/cities/${FIXTURE.city}/projects/${project.id}/status`, { action: 'admit' });
  await advanceClock({ days: 62 });

  const page = await newPage(browser, PHONE);
  await signIn(page, FIXTURE.voters[0], FIXTURE.password);
  await page.goto(city(`/projects/${project.id}`));
  const box = page.locator('section.vote-box');
  const note = box.locator('.vote-ineligible');
  await note.waitFor();
  assert.equal(await note.getAttribute('data-code'), 'vote-eligibility-unverified');
  const text = await note.innerText();
  assert.match(text, /Ви не можете голосувати онлайн у цьому бюджеті/);
  assert.match(text, /Kyiv ID/);
  assert.match(text, /ЦНАП/);
  assert.equal(await box.getByRole('button', { name: 'Проголосувати' }).count(), 0, 'no vote button');
  assert.equal(await box.locator('.vote-remaining').count(), 0, 'no votes to spend online');
  await checkA11y(page, 'project page, not eligible to vote');
  await screenshot(page, 'eligibility-project');

  await page.goto(city('/me/votes'));
  await page.locator('.vote-ineligible').waitFor();
  assert.equal(await page.getByRole('link', { name: 'Обрати проєкти' }).count(), 0);
  noErrors(page);
  await page.context().close();
});
