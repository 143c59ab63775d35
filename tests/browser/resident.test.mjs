// Accounts and the resident's own pages: a new resident registers through the sign-in page,
// completes the profile (address from the geocoding dropdown, by keyboard), signs out and in,
// writes a project with a cost estimate and a photo and submits it; keyboard-only sign-in;
// `next` never leads off the site; screenshots and the accessibility check on each page.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newPage, PHONE, DESKTOP, FIXTURE, signIn, screenshot, checkA11y, noErrors, png } from './lib.mjs';

const browser = await launch();
after(() => browser.close());

const city = FIXTURE.city;
// A phone login nobody has: the fixture's accounts are +38093100000x and +3809310000xx.
const login = `+38067${String(Date.now()).slice(-7)}`;
const password = 'Kashtany-na-Khreshchatyku-2026';
let projectId = null;

/** Answers the address lookup with two places, as combined geocoding would. */
async function fakeGeocoding(page) {
  await page.route('**/api/v1/cities/*/geocode?*', (route) => route.fulfill({
    json: {
      results: [
        { address: 'вулиця Хрещатик, 22, Київ', lat: 50.4476, lon: 30.5222, provider: 'nominatim', place_id: 'n1' },
        { address: 'вулиця Хрещатик, 24, Київ', lat: 50.4469, lon: 30.5231, provider: 'nominatim', place_id: 'n2' },
      ],
    },
  }));
}

test('a new resident registers, completes the profile, signs out and in, and submits a project with an estimate and a photo', async () => {
  const page = await newPage(browser, PHONE);
  await fakeGeocoding(page);

  // Registration, on the right of the sign-in page.
  await page.goto(`/cities/${city}/sign-in`);
  await page.getByRole('heading', { name: 'Вхід', exact: true }).waitFor();
  await page.getByRole('heading', { name: 'Реєстрація', exact: true }).waitFor();
  await checkA11y(page, 'sign-in');
  await screenshot(page, 'resident-sign-in');
  const reg = page.locator('form#register-form');
  await reg.getByLabel('Логін').fill(login);
  await reg.getByLabel('Пароль').fill(password);
  await reg.getByLabel('Прізвище').fill('Шевченко');
  await reg.getByLabel('Ім’я').fill('Оксана');
  await reg.getByRole('button', { name: 'Зареєструватися' }).click();

  // The profile opens and names each required field that is still empty.
  await page.waitForURL(`**/cities/${city}/me`);
  const missing = page.getByRole('region', { name: 'Заповніть обов’язкові поля' });
  await missing.waitFor();
  assert.match(await missing.innerText(), /Дата народження/);
  assert.doesNotMatch(await missing.innerText(), /Прізвище/);

  const profile = page.locator('form#profile-form');
  await profile.getByLabel('Дата народження').fill('1991-08-24');
  await profile.getByLabel('Електронна пошта').fill('oksana@example.org');
  // The residence address through the combobox, by keyboard.
  const address = profile.getByRole('combobox', { name: 'Адреса проживання' });
  await address.fill('Хрещатик');
  const list = page.getByRole('listbox');
  await list.waitFor();
  assert.equal(await address.getAttribute('aria-expanded'), 'true');
  await address.press('ArrowDown');
  await address.press('ArrowDown');
  const active = await address.getAttribute('aria-activedescendant');
  assert.equal(await page.locator(`#${active}`).innerText(), 'вулиця Хрещатик, 24, Київ');
  await address.press('Enter');
  assert.equal(await address.inputValue(), 'вулиця Хрещатик, 24, Київ');
  assert.equal(await address.getAttribute('aria-expanded'), 'false');
  // Escape closes the list without taking a suggestion.
  const registration = profile.getByRole('combobox', { name: 'Адреса реєстрації' });
  await registration.fill('Хрещатик');
  await page.getByRole('listbox').waitFor();
  await registration.press('Escape');
  assert.equal(await registration.getAttribute('aria-expanded'), 'false');
  assert.equal(await registration.inputValue(), 'Хрещатик');
  await registration.fill('вулиця Хрещатик, 22, Київ');

  await profile.getByRole('button', { name: 'Зберегти профіль' }).click();
  await page.getByText('Профіль збережено.', { exact: false }).waitFor();
  assert.equal(await page.getByRole('region', { name: 'Заповніть обов’язкові поля' }).count(), 0);
  assert.equal(await page.locator('form#profile-form').getByLabel('Адреса проживання').inputValue(), 'вулиця Хрещатик, 24, Київ');
  await page.getByText('Не підтверджено').waitFor();
  await checkA11y(page, 'profile');
  await screenshot(page, 'resident-profile');

  // Out and in again.
  await page.getByRole('button', { name: 'Вийти', exact: true }).click();
  await page.getByRole('link', { name: 'Увійти', exact: true }).first().waitFor();
  await signIn(page, login, password);

  // A new project: the editor, from «Мої проєкти».
  await page.goto(`/cities/${city}/me/projects`);
  await page.getByRole('heading', { name: 'Мої проєкти' }).waitFor();
  await page.getByRole('link', { name: 'Запропонувати проєкт' }).first().click();
  await page.waitForURL(`**/cities/${city}/me/projects/new`);
  const editor = page.locator('form#project-form');
  await editor.getByLabel('Бюджет').selectOption(String(FIXTURE.pots.small));
  await editor.getByLabel('Категорія').selectOption(String(FIXTURE.category));
  await editor.getByLabel('Назва проєкту').fill('Лавки на Хрещатику');
  await editor.getByLabel('Опис').fill('Поставити **лавки** і ліхтар біля зупинки.');
  await editor.getByRole('combobox', { name: 'Адреса' }).fill('Хрещатик');
  await page.getByRole('option', { name: 'вулиця Хрещатик, 22, Київ' }).click();
  assert.equal(await editor.getByLabel('Широта').inputValue(), '50.447600');
  assert.equal(await editor.getByLabel('Довгота').inputValue(), '30.522200');
  await editor.getByLabel('Рядок 1: назва').fill('Лавка');
  await editor.getByLabel('Кількість').first().fill('3');
  await editor.getByLabel('Ціна за одиницю, ₴').first().fill('1 250,50');
  await editor.getByRole('button', { name: 'Додати рядок' }).click();
  await editor.getByLabel('Рядок 2: назва').fill('Ліхтар');
  await editor.getByLabel('Ціна за одиницю, ₴').nth(1).fill('0,10');
  // The server prices it exactly: 3 × 1250.50 + 0.10.
  await page.locator('.estimate-total').filter({ hasText: /^3\s751,60 ₴$/ }).waitFor();
  await editor.getByRole('button', { name: 'Зберегти чернетку' }).click();
  await page.waitForURL(/\/me\/projects\/\d+$/);
  projectId = Number(page.url().split('/').pop());
  await page.getByText('Чернетку збережено.', { exact: false }).waitFor();
  assert.match(await page.locator('.status-line').innerText(), /Чернетка/);

  // A photo: a PNG made here.
  await page.getByLabel('Фото для завантаження').setInputFiles({ name: 'lavka.png', mimeType: 'image/png', buffer: png(24, 16) });
  await page.getByRole('button', { name: 'Додати фото' }).click();
  const photo = page.getByRole('img', { name: 'Фото проєкту: lavka.png' });
  await photo.waitFor();
  assert.ok(await photo.evaluate((img) => img.complete && img.naturalWidth === 24), 'the photo loads');
  await checkA11y(page, 'editor');
  await screenshot(page, 'resident-editor');

  // Submit for moderation (it saves first), confirmed in the dialog.
  await page.getByRole('button', { name: 'Подати на модерацію' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Подати на модерацію' }).click();
  await page.getByText('Проєкт подано на модерацію.').waitFor();
  assert.match(await page.locator('.status-line').innerText(), /На модерації/);
  assert.equal(await page.locator('form#project-form').count(), 0, 'a project on moderation is no longer editable');
  assert.match(await page.getByRole('list', { name: /Зміни статусу/ }).innerText(), /Чернетка\s*→/);

  await page.getByRole('link', { name: '← Мої проєкти' }).click();
  const card = page.locator('.my-project').filter({ hasText: 'Лавки на Хрещатику' });
  await card.waitFor();
  assert.match(await card.innerText(), /На модерації/);
  assert.match(await card.innerText(), /3\s751,60 ₴/);
  await checkA11y(page, 'my projects');
  await screenshot(page, 'resident-my-projects');

  await page.goto(`/cities/${city}/me/votes`);
  await page.getByRole('heading', { name: 'Мої голоси' }).waitFor();
  await page.getByText('Голосування ще не почалося.').waitFor();
  await checkA11y(page, 'my votes');
  await screenshot(page, 'resident-my-votes');
  noErrors(page);
});

test('keyboard only: from the home page through the sign-in dialog and in, with visible focus', async () => {
  const page = await newPage(browser, DESKTOP);
  await page.goto(`/cities/${city}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  let reached = false;
  for (let i = 0; i < 30 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.tagName === 'A' && /\/sign-in\?next=/.test(document.activeElement.getAttribute('href')));
  }
  assert.ok(reached, 'the sign-in link is reachable with Tab');
  await page.keyboard.press('Enter');
  // The sign-in dialog opens over the page, with the focus in its login field.
  const dialog = page.getByRole('dialog', { name: 'Вхід і реєстрація' });
  await dialog.locator('form#sign-in-form').waitFor();
  assert.equal(new URL(page.url()).pathname, `/cities/${city}`);
  const inLogin = await page.evaluate(() => document.activeElement?.name === 'login' && document.activeElement.closest('dialog #sign-in-form') !== null);
  assert.ok(inLogin, 'the focus is in the login field');
  await screenshot(page, 'resident-sign-in-dialog');
  await checkA11y(page, 'sign-in dialog');
  await page.locator('dialog #sign-in-form input[name=login]').focus();
  // Escape closes the dialog and gives the focus back to the link; Enter opens it again.
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.match(await page.evaluate(() => document.activeElement?.getAttribute('href') ?? ''), /\/sign-in\?next=/);
  await page.keyboard.press('Enter');
  await dialog.locator('form#sign-in-form').waitFor();
  const focus = await page.evaluate(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return { visible: el.matches(':focus-visible'), outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  assert.ok(focus.visible && focus.outline !== 'none' && focus.width >= 2, `focus is visible: ${JSON.stringify(focus)}`);
  await page.keyboard.type(FIXTURE.resident);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.type), 'password');
  await page.keyboard.type(FIXTURE.password);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Вийти', exact: true }).waitFor();
  await dialog.waitFor({ state: 'detached' });
  await page.waitForURL(new RegExp(`/cities/${city}$`));
  noErrors(page);
});

test('a wrong password is announced beside the form; `next` leads only to pages of this site', async () => {
  const page = await newPage(browser, PHONE);
  await page.goto(`/cities/${city}/sign-in?next=${encodeURIComponent('//evil.example/steal')}`);
  const form = page.locator('form#sign-in-form');
  await form.getByLabel('Логін').fill(FIXTURE.author);
  await form.getByLabel('Пароль').fill('not-the-password-at-all');
  await form.getByRole('button', { name: 'Увійти' }).click();
  await form.getByRole('alert').waitFor();
  await form.getByLabel('Пароль').fill(FIXTURE.password);
  await form.getByRole('button', { name: 'Увійти' }).click();
  await page.getByRole('button', { name: 'Вийти', exact: true }).waitFor();
  await page.waitForURL(new RegExp(`/cities/${city}$`));
  assert.equal(new URL(page.url()).origin, new URL(BASE).origin);

  // A same-site `next` is followed.
  await page.getByRole('button', { name: 'Вийти', exact: true }).click();
  await page.getByRole('link', { name: 'Увійти', exact: true }).first().waitFor();
  await page.goto(`/cities/${city}/sign-in?next=${encodeURIComponent(`/cities/${city}/me/projects`)}`);
  await form.getByLabel('Логін').fill(FIXTURE.author);
  await form.getByLabel('Пароль').fill(FIXTURE.password);
  await form.getByRole('button', { name: 'Увійти' }).click();
  await page.waitForURL(`**/cities/${city}/me/projects`);
  await page.getByRole('heading', { name: 'Мої проєкти' }).waitFor();
  noErrors(page);
});

test('returned for revision: the comment of the moderator shows, the author corrects the estimate and submits again', async () => {
  assert.ok(projectId, 'the first test made a project');
  // The moderator returns it (through the API: the moderation screens have their own tests).
  const staff = await browser.newContext({ baseURL: BASE });
  const session = await (await staff.request.post('/api/v1/auth/login', { data: { login: FIXTURE.moderator, password: FIXTURE.password } })).json();
  const returned = await staff.request.post(`/api/v1/cities/${city}/projects/${projectId}/status`, {
    headers: { 'X-CSRF-Token': session.csrf_token },
    data: { action: 'return_for_revision', comment: 'Уточніть ціну ліхтаря.' },
  });
  assert.equal(returned.status(), 200, await returned.text());
  await staff.close();

  const page = await newPage(browser, PHONE);
  await signIn(page, login, password);
  await page.goto(`/cities/${city}/me/projects`);
  const card = page.locator('.my-project').filter({ hasText: 'Лавки на Хрещатику' });
  assert.match(await card.innerText(), /На доопрацюванні/);
  await card.getByRole('link', { name: 'Доопрацювати' }).click();
  const comment = page.getByRole('region', { name: 'Коментар модератора' });
  await comment.waitFor();
  assert.match(await comment.innerText(), /Уточніть ціну ліхтаря\./);
  const editor = page.locator('form#project-form');
  await editor.getByLabel('Ціна за одиницю, ₴').nth(1).fill('1500');
  await page.locator('.estimate-total').filter({ hasText: /^5\s251,50 ₴$/ }).waitFor();
  await page.getByRole('button', { name: 'Подати повторно' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Подати повторно' }).click();
  await page.getByText('Проєкт подано на модерацію.').waitFor();
  assert.match(await page.locator('.status-line').innerText(), /На модерації/);
  assert.match(await page.locator('.estimate-view').innerText(), /1\s500,00 ₴/);
  assert.match(await page.getByRole('list', { name: /Зміни статусу/ }).innerText(), /Уточніть ціну ліхтаря\./);
  noErrors(page);
});
