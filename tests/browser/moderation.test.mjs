// The moderator's workplace: the projects' queue with waiting times, decisions with required
// comments (refused without one, in the dialog; the API's own refusals shown), admitting after a
// resubmission; a translation that renames the menu at once; a static page under «Про проект»;
// the paper-ballot, results and content tabs; observers without buttons; a phone.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'playwright-core';
import { BASE, FIXTURE, launch, newPage, PHONE, signIn, screenshot, checkA11y, noErrors } from './lib.mjs';

const CITY = FIXTURE.city;
const browser = await launch();
let moderator;
after(async () => { await browser.close(); });

/** A signed-in API client (cookies and the CSRF token), as a person's other browser would be. */
async function apiAs(login) {
  const ctx = await request.newContext({ baseURL: BASE });
  const resp = await ctx.post('/api/v1/auth/login', { data: { login, password: FIXTURE.password } });
  assert.equal(resp.status(), 200, await resp.text());
  const csrf = (await resp.json()).csrf_token;
  const call = async (method, path, data) => {
    const r = await ctx.fetch(`/api/v1${path}`, { method, data, headers: { 'X-CSRF-Token': csrf } });
    const body = await r.text();
    assert.ok(r.ok(), `${method} ${path}: ${r.status()} ${body}`);
    return body ? JSON.parse(body) : null;
  };
  return { post: (p, d) => call('POST', p, d ?? {}), put: (p, d) => call('PUT', p, d), dispose: () => ctx.dispose() };
}

function projectBody(title) {
  return {
    pot_id: FIXTURE.pots.small,
    category_id: FIXTURE.category,
    title,
    description: 'Лавки й **освітлення** у сквері.',
    address: 'вул. Хрещатик, 1',
    lat: 50.45,
    lon: 30.55,
    beneficiaries: 'Мешканці району',
    items: [{ name: 'Лавка', quantity: 3, unit_price: '1000.00' }, { name: 'Ліхтар', quantity: 1, unit_price: '5000.00' }],
  };
}

let author;
let project;
let second;
before(async () => {
  author = await apiAs(FIXTURE.author);
  project = await author.post(`/cities/${CITY}/projects`, projectBody('Сквер біля школи'));
  await author.post(`/cities/${CITY}/projects/${project.id}/status`, { action: 'submit' });
  second = await author.post(`/cities/${CITY}/projects`, projectBody('Велопарковка біля метро'));
  await author.post(`/cities/${CITY}/projects/${second.id}/status`, { action: 'submit' });
  moderator = await newPage(browser);
  await signIn(moderator, FIXTURE.moderator, FIXTURE.password);
});
after(async () => { await author?.dispose(); });

test('the queue shows the submitted project with its waiting time', async () => {
  const page = moderator;
  await page.getByRole('link', { name: 'Модерація', exact: true }).click();
  await page.waitForURL(`**/cities/${CITY}/moderation`);
  await page.getByRole('heading', { name: 'Черга проєктів' }).waitFor();
  const item = page.locator('.mod-queue-item', { hasText: 'Сквер біля школи' });
  await item.waitFor();
  assert.match(await item.locator('.mod-waiting').innerText(), /^Очікує: \d+ хв$/);
  assert.match(await page.locator('.mod-count').innerText(), /На модерації: 2 проєкти/);
  await checkA11y(page, 'moderation-projects');
  await screenshot(page, 'moderation-projects');
  noErrors(page);
});

test('returning for revision needs a comment: refused without one, done with one', async () => {
  const page = moderator;
  await page.getByRole('link', { name: 'Сквер біля школи' }).click();
  await page.getByRole('heading', { name: 'Сквер біля школи' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Публічна сторінка проєкту' }).getAttribute('href'),
    `/cities/${CITY}/projects/${project.id}`);
  await page.getByRole('button', { name: 'Повернути на доопрацювання' }).click();
  const dialog = page.getByRole('dialog', { name: 'Повернути на доопрацювання' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Повернути на доопрацювання' }).click();
  // Refused in the dialog, said aloud (role=alert), and the comment field has focus.
  await dialog.getByRole('alert').filter({ hasText: 'Напишіть коментар.' }).waitFor();
  const comment = dialog.getByLabel('Коментар для автора (обов’язково)');
  assert.equal(await comment.getAttribute('aria-invalid'), 'true');
  assert.equal(await comment.evaluate((el) => el === document.activeElement), true);
  await comment.fill('Додайте фото місця й уточніть кошторис.');
  await dialog.getByRole('button', { name: 'Повернути на доопрацювання' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.locator('main .success').filter({ hasText: 'Статус проєкту змінено: На доопрацюванні.' }).waitFor();
  await page.locator('#announcer').filter({ hasText: 'Статус проєкту змінено: На доопрацюванні.' }).waitFor();
  assert.match(await page.locator('.mod-last-comment').innerText(), /Додайте фото місця/);
  // From «needs revision» a moderator has nothing to decide.
  assert.equal(await page.locator('.mod-actions button').count(), 0);
  noErrors(page);
});

test('the API refuses a decision on a project that changed meanwhile, and the page says why', async () => {
  const page = moderator;
  await page.goto(`/cities/${CITY}/moderation/projects?project=${second.id}`);
  await page.getByRole('button', { name: 'Допустити до голосування' }).waitFor();
  await author.post(`/cities/${CITY}/projects/${second.id}/status`, { action: 'withdraw' });
  await page.getByRole('button', { name: 'Допустити до голосування' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Допустити до голосування' }).click();
  const problem = page.locator('.mod-decision-status [role=alert]');
  await problem.waitFor();
  assert.ok((await problem.innerText()).trim().length > 0);
  noErrors(page);
});

test('after the author resubmits, the moderator admits the project', async () => {
  await author.post(`/cities/${CITY}/projects/${project.id}/status`, { action: 'resubmit' });
  const page = moderator;
  await page.goto(`/cities/${CITY}/moderation/projects`);
  await page.locator('.mod-queue-item', { hasText: 'Сквер біля школи' }).getByRole('link').click();
  await page.getByRole('button', { name: 'Допустити до голосування' }).click();
  const dialog = page.getByRole('dialog', { name: 'Допустити до голосування' });
  await dialog.getByRole('button', { name: 'Допустити до голосування' }).click();
  await page.locator('main .success').filter({ hasText: 'Статус проєкту змінено: Допущено до голосування.' }).waitFor();
  assert.match(await page.locator('.mod-history').innerText(), /На доопрацюванні → На модерації/);
  // The queue of admitted projects has it.
  await page.getByRole('link', { name: '← До черги' }).click();
  await page.locator('.mod-queue-item', { hasText: 'Сквер біля школи' }).waitFor();
  assert.equal(await page.locator('select[name=status]').inputValue(), 'admitted');
  noErrors(page);
});

test('a changed translation renames the menu at once, and a reset brings it back', async () => {
  const page = moderator;
  await page.goto(`/cities/${CITY}/moderation/content?section=translations`);
  await page.getByRole('searchbox', { name: 'Пошук за ключем або текстом' }).fill('nav-projects');
  await page.getByRole('button', { name: 'Змінити «nav-projects»' }).click();
  const dialog = page.getByRole('dialog', { name: 'Переклад «nav-projects»' });
  await dialog.getByLabel('Текст').fill('Ініціативи');
  await dialog.getByRole('button', { name: 'Зберегти' }).click();
  const header = page.locator('#site-header');
  await header.getByRole('link', { name: 'Ініціативи', exact: true }).waitFor();
  assert.equal(await header.getByRole('link', { name: 'Проєкти', exact: true }).count(), 0);
  await page.locator('main .success').filter({ hasText: 'Переклад «nav-projects» збережено.' }).waitFor();
  // The search survives the redraw: the changed key is still in view, marked.
  const item = page.locator('.mod-tr-item', { hasText: 'nav-projects' }).first();
  assert.match(await item.innerText(), /змінено/);
  await checkA11y(page, 'moderation-content');
  await screenshot(page, 'moderation-content');
  await page.getByRole('button', { name: 'Змінити «nav-projects»' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Повернути типовий текст' }).click();
  await header.getByRole('link', { name: 'Проєкти', exact: true }).waitFor();
  noErrors(page);
});

test('a static page created and published shows under «Про проект»', async () => {
  const page = moderator;
  await page.goto(`/cities/${CITY}/moderation/content?section=pages`);
  await page.getByRole('link', { name: 'Нова сторінка' }).click();
  const f = page.locator('#mod-page-form');
  await f.getByLabel('Адреса сторінки').fill('polozhennia');
  await f.getByLabel('Назва українською').fill('Положення про громадський бюджет');
  await f.getByLabel('Назва англійською').fill('Regulations');
  await f.getByLabel('Текст українською (Markdown)').fill('Громадський бюджет — **частина** бюджету міста.');
  await f.getByLabel('Текст англійською (Markdown)').fill('The participatory budget is **part** of the city budget.');
  await f.getByLabel('Опублікувати').check();
  await f.getByRole('button', { name: 'Зберегти' }).click();
  await page.locator('main .success').filter({ hasText: 'Сторінку збережено.' }).waitFor();
  // The preview is the API's rendering of the saved Markdown.
  assert.equal(await page.locator('.mod-preview [lang=uk] strong', { hasText: 'частина' }).count(), 1);
  await page.goto(`/cities/${CITY}/about`);
  await page.getByRole('link', { name: 'Положення про громадський бюджет' }).click();
  await page.waitForURL(`**/cities/${CITY}/about/polozhennia`);
  await page.getByText('частина').first().waitFor();
  noErrors(page);
});

test('the paper-ballot and results tabs load for the current session', async () => {
  const page = moderator;
  await page.goto(`/cities/${CITY}/moderation/paper`);
  await page.getByRole('heading', { name: 'Ввести бюлетень' }).waitFor();
  await page.getByRole('heading', { name: 'Імпорти' }).waitFor();
  // Voting has not opened: the API's refusal shows in the form.
  const entry = page.locator('#mod-paper-entry-form');
  await entry.getByLabel(/Виборець/).fill(FIXTURE.voters[0]);
  await entry.getByLabel(/Номери проєктів/).fill(String(project.id));
  assert.match(await entry.locator('.mod-chosen').innerText(), /Сквер біля школи/);
  await entry.getByRole('button', { name: 'Зарахувати бюлетень' }).click();
  await entry.locator('.form-status [role=alert]').waitFor();
  await checkA11y(page, 'moderation-paper');
  await screenshot(page, 'moderation-paper');

  await page.getByRole('link', { name: 'Результати', exact: true }).last().click();
  await page.waitForURL(`**/cities/${CITY}/moderation/results`);
  await page.getByText('Результати ще не обчислено.').waitFor();
  await page.getByRole('button', { name: 'Обчислити результати' }).click();
  await page.locator('.mod-results-status [role=alert]').waitFor();
  await checkA11y(page, 'moderation-results');
  await screenshot(page, 'moderation-results');
  noErrors(page);
});

test('observers see the queue and the project without any button that changes things', async () => {
  const page = await newPage(browser);
  await signIn(page, FIXTURE.observer, FIXTURE.password);
  await page.goto(`/cities/${CITY}/moderation/projects?status=admitted`);
  await page.getByText('Ви переглядаєте як спостерігач: змінювати дані не можна.').waitFor();
  await page.locator('.mod-queue-item', { hasText: 'Сквер біля школи' }).getByRole('link').click();
  await page.getByRole('heading', { name: 'Рішення модератора' }).waitFor();
  assert.equal(await page.locator('.mod-actions').count(), 0);
  await page.goto(`/cities/${CITY}/moderation/content?section=translations`);
  await page.locator('.mod-tr-item').first().waitFor();
  assert.equal(await page.getByRole('button', { name: /^Змінити/ }).count(), 0);
  await page.goto(`/cities/${CITY}/moderation/paper`);
  await page.getByRole('heading', { name: 'Імпорти' }).waitFor();
  assert.equal(await page.locator('#mod-paper-entry-form').count(), 0);
  noErrors(page);
});

test('on a phone the queue and a project fit the screen', async () => {
  const page = await newPage(browser, PHONE);
  await signIn(page, FIXTURE.moderator, FIXTURE.password);
  await page.goto(`/cities/${CITY}/moderation/projects?project=${project.id}`);
  await page.getByRole('heading', { name: 'Сквер біля школи' }).waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
  await checkA11y(page, 'moderation project (phone)');
  await screenshot(page, 'moderation-project-phone');
  noErrors(page);
});
