// Endorsements («збір підписів підтримки») in the browser. The fixture's session has an
// endorsement stage after a shortened submission, and its small pot asks for 2 endorsements
// (tests/it/browser.rs, `Options::endorsement`): a resident endorses on the project's page and
// withdraws, the author is told they cannot endorse their own project, and the moderator sees
// the count against the minimum and is refused admission below it.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, PHONE, DESKTOP, FIXTURE, signIn, screenshot, checkA11y, noErrors, apiAs, advanceClock } from './lib.mjs';

const browser = await launch();
after(() => browser.close());

const city = (path) => `/cities/${FIXTURE.city}${path}`;
let projectId = null;

test('a resident endorses a project and withdraws the endorsement', async () => {
  const author = await apiAs(FIXTURE.author);
  const created = await author.post(`/cities/${FIXTURE.city}/projects`, {
    pot_id: FIXTURE.pots.small, category_id: FIXTURE.category, title: 'Лавки біля школи',
    description: 'Десять лавок.', items: [{ name: 'Лавка', quantity: 10, unit_price: '1500' }],
  });
  projectId = created.id;
  await author.post(`/cities/${FIXTURE.city}/projects/${projectId}/status`, { action: 'submit' });
  // Into the endorsement stage.
  await advanceClock({ days: 20 });

  const page = await newPage(browser, PHONE);
  await signIn(page, FIXTURE.voters[0], FIXTURE.password);
  await page.goto(city(`/projects/${projectId}`));
  const box = page.locator('section.endorse-box');
  await box.getByRole('heading', { name: 'Підписи підтримки' }).waitFor();
  await box.getByText('0 з 2 потрібних підписів').waitFor();
  await box.getByRole('button', { name: 'Підтримати підписом' }).click();
  await box.getByText('Дякуємо! Ваш підпис підтримки враховано.').waitFor();
  await box.getByText('1 з 2 потрібних підписів').waitFor();
  await box.getByText('Ви підтримали цей проєкт підписом').waitFor();
  await checkA11y(page, 'project page with an endorsement');
  await screenshot(page, 'endorsement-project');

  await box.getByRole('button', { name: 'Відкликати підпис' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Відкликати підпис' }).click();
  await box.getByText('Ваш підпис підтримки відкликано.').waitFor();
  await box.getByText('0 з 2 потрібних підписів').waitFor();
  await box.getByRole('button', { name: 'Підтримати підписом' }).waitFor();
  noErrors(page);
  await page.context().close();
});

test('the author cannot endorse; the moderator sees the minimum and is refused below it', async () => {
  assert.ok(projectId, 'the first test made the project');
  const one = await apiAs(FIXTURE.voters[1]);
  await one.post(`/cities/${FIXTURE.city}/projects/${projectId}/endorsement`);

  const author = await newPage(browser, PHONE);
  await signIn(author, FIXTURE.author, FIXTURE.password);
  await author.goto(city(`/projects/${projectId}`));
  const box = author.locator('section.endorse-box');
  await box.getByText('Це ваш проєкт: автор не ставить під ним підпис підтримки.').waitFor();
  assert.equal(await box.getByRole('button', { name: 'Підтримати підписом' }).count(), 0);
  noErrors(author);
  await author.context().close();

  const page = await newPage(browser, DESKTOP);
  await signIn(page, FIXTURE.moderator, FIXTURE.password);
  await page.goto(city('/moderation/projects'));
  const item = page.locator('.mod-queue-item').filter({ hasText: 'Лавки біля школи' });
  await item.getByText('1 з 2 потрібних підписів').waitFor();
  await item.getByText('Замало для допуску').waitFor();
  await item.getByRole('link', { name: 'Лавки біля школи' }).click();
  await page.getByRole('button', { name: 'Допустити до голосування' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Допустити до голосування' }).click();
  await page.getByText('Замало підписів підтримки').waitFor();
  await page.getByText('Підписів під проєктом: 1, а для допуску до голосування потрібно щонайменше 2.').waitFor();
  await screenshot(page, 'endorsement-moderation');

  // The second endorsement reaches the minimum: now it is admitted.
  const two = await apiAs(FIXTURE.voters[2]);
  await two.post(`/cities/${FIXTURE.city}/projects/${projectId}/endorsement`);
  await page.reload();
  await page.getByRole('button', { name: 'Допустити до голосування' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Допустити до голосування' }).click();
  await page.getByText('Допущено до голосування', { exact: false }).first().waitFor();
  const admitted = await one.get(`/cities/${FIXTURE.city}/projects/${projectId}`);
  assert.equal(admitted.status, 'admitted');
  assert.equal(admitted.endorsements, 2);
  noErrors(page);
  await page.context().close();
});

test('the admin session form offers the endorsement stage and the pot minimum', async () => {
  const page = await newPage(browser, DESKTOP);
  await signIn(page, FIXTURE.admin, FIXTURE.password);
  // A new session: the stage is optional and off; a pot asks for no endorsements.
  await page.goto(city('/admin/sessions?new=1'));
  const include = page.getByLabel('Є етап «Збір підписів підтримки»');
  await include.waitFor();
  assert.equal(await include.isChecked(), false);
  assert.equal(await page.getByLabel('Мінімум підписів підтримки').inputValue(), '0');
  await include.check();
  const end = page.getByLabel('Останній день етапу «Збір підписів підтримки»');
  await end.waitFor();
  assert.ok(await end.inputValue(), 'the stage gets default dates');
  await checkA11y(page, 'new session with an endorsement stage');
  // The fixture session has the stage and its small pot's minimum.
  await page.goto(city(`/admin/sessions?session=${FIXTURE.session}`));
  assert.equal(await page.getByLabel('Є етап «Збір підписів підтримки»').isChecked(), true);
  assert.equal(await page.getByLabel('Мінімум підписів підтримки').first().inputValue(), '2');
  noErrors(page);
  await page.context().close();
});
