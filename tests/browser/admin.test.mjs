// The city admin's pages: an admin signs in and runs the city directory («Інші налаштування»,
// categories, districts with a boundary file), grants and revokes a role, makes an API key for
// the property system and looks at the e-mail outbox and the audit log; an observer then sees
// every page without anything that changes it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, PHONE, DESKTOP, FIXTURE, signIn, screenshot, checkA11y, noErrors } from './lib.mjs';

const CITY = FIXTURE.city;
const city = (path) => `/cities/${CITY}${path}`;
// The fixture's people share a name; the staff page tells them apart by login.
const NAME = 'Тестова Особа';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const open = (viewport) => newPage(browser, viewport);

async function gotoTab(page, tab, query = '') {
  await page.goto(city(`/admin/${tab}${query}`));
  await page.locator(`#adm-${tab}-title`).waitFor();
}

async function flash(page, text) {
  await page.locator('.adm-flash .success', { hasText: text }).waitFor();
}

test('an admin runs the city directory, roles and API keys, and reads the outbox and the audit log', async () => {
  const page = await open(DESKTOP);
  await signIn(page, FIXTURE.admin, FIXTURE.password);
  await page.getByRole('link', { name: 'Адміністрування' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Адміністрування' }).waitFor();
  await page.locator('#adm-settings-title').waitFor();

  // «Інші налаштування»: «Дозволити ГБК» is set before a session starts; with the fixture's
  // session open the API refuses, and the page says so beside the box.
  const settings = page.locator('form', { has: page.getByLabel('Дозволити ГБК') });
  const allow = settings.getByLabel('Дозволити ГБК');
  const wasAllowed = await allow.isChecked();
  if (!wasAllowed) {
    await allow.check();
    await settings.getByRole('button', { name: 'Зберегти налаштування' }).click();
    const outcome = await Promise.race([
      settings.locator('.success').waitFor().then(() => 'saved'),
      settings.locator('[role=alert]').waitFor().then(() => 'refused'),
    ]);
    if (outcome === 'refused') {
      const box = settings.locator('[data-field="allow_commission"] .field-error');
      await box.waitFor();
      assert.match(await box.textContent(), /\S/);
      await allow.uncheck();
    }
  }
  await settings.getByLabel('Масштаб').fill('12');
  await settings.getByRole('button', { name: 'Зберегти налаштування' }).click();
  await settings.locator('.success', { hasText: 'Налаштування збережено.' }).waitFor();
  await page.reload();
  await page.locator('#adm-settings-title').waitFor();
  assert.equal(await page.getByLabel('Масштаб').inputValue(), '12');
  await screenshot(page, 'admin-settings');
  await checkA11y(page, 'admin-settings');

  // A category.
  await page.getByRole('navigation', { name: 'Розділи адміністрування' }).getByRole('link', { name: 'Категорії' }).click();
  await page.locator('#adm-categories-title').waitFor();
  await page.getByRole('button', { name: 'Додати категорію' }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByLabel('Назва українською').fill('Культура');
  await dialog.getByLabel('Назва англійською').fill('Culture');
  await dialog.getByRole('button', { name: 'Додати' }).click();
  await flash(page, 'Категорію «Культура» додано.');
  await page.getByRole('cell', { name: 'Культура Culture' }).waitFor();

  // A district: a file that is no GeoJSON is refused beside the field; a polygon is taken.
  await gotoTab(page, 'districts');
  await page.getByRole('button', { name: 'Додати район' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('Назва українською').fill('Оболонський');
  await dialog.getByLabel('Назва англійською').fill('Obolonskyi');
  const file = dialog.getByLabel('Межа (файл GeoJSON)');
  await file.setInputFiles({ name: 'obolon.txt', mimeType: 'text/plain', buffer: Buffer.from('це не GeoJSON') });
  await dialog.getByRole('button', { name: 'Додати' }).click();
  const fileError = dialog.locator('[data-field="boundary"] .field-error');
  await fileError.waitFor();
  assert.match(await fileError.textContent(), /\S/);
  const obolon = {
    type: 'Feature', properties: { name: 'Оболонський' },
    geometry: { type: 'Polygon', coordinates: [[[30.45, 50.5], [30.55, 50.5], [30.55, 50.55], [30.45, 50.55], [30.45, 50.5]]] },
  };
  await file.setInputFiles({ name: 'obolon.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(obolon)) });
  await dialog.getByRole('button', { name: 'Додати' }).click();
  await flash(page, 'Район «Оболонський» додано.');
  const row = page.getByRole('row', { name: /Оболонський/ });
  await row.getByText('5 точок').waitFor();
  await row.getByRole('img', { name: 'Межа району «Оболонський»' }).waitFor();

  // Sessions: the list, and the open session's parameters, which the API keeps as they are.
  await gotoTab(page, 'sessions');
  await page.getByRole('link', { name: 'Нова сесія' }).waitFor();
  await screenshot(page, 'admin-sessions');
  await checkA11y(page, 'admin-sessions');
  await page.locator('#adm-sessions table a').first().click();
  const params = page.locator('form', { has: page.getByRole('button', { name: 'Зберегти параметри та кошики' }) });
  await page.getByText('Сесія вже почалася: параметри й кошики змінювати не можна.').waitFor();
  await params.getByRole('button', { name: 'Зберегти параметри та кошики' }).click();
  await params.locator('.form-status [role=alert]').waitFor();

  // Roles: the observer becomes a moderator too, then is not any more.
  await gotoTab(page, 'staff');
  await page.getByLabel('Логін').fill(FIXTURE.observer);
  await page.getByLabel('Роль', { exact: true }).selectOption('moderator');
  await page.getByRole('button', { name: 'Надати роль' }).click();
  await flash(page, `Роль «Модератор» надано: ${NAME} (${FIXTURE.observer}).`);
  const revoke = page.getByRole('button', { name: `Забрати роль «Модератор»: ${NAME} (${FIXTURE.observer})` });
  await revoke.waitFor();
  await screenshot(page, 'admin-staff');
  await checkA11y(page, 'admin-staff');
  await revoke.click();
  await page.getByRole('dialog').getByRole('button', { name: 'Забрати роль' }).click();
  await flash(page, `Роль «Модератор» забрано: ${NAME} (${FIXTURE.observer}).`);
  assert.equal(await revoke.count(), 0);
  await page.getByRole('button', { name: `Забрати роль «Спостерігач»: ${NAME} (${FIXTURE.observer})` }).waitFor();

  // An API key: its secret is shown once.
  await gotoTab(page, 'api-keys');
  await page.getByLabel('Призначення').fill('ІАС «Майно», тест');
  await page.getByRole('button', { name: 'Створити ключ' }).click();
  const secret = page.locator('#adm-key-secret');
  await secret.waitFor();
  assert.ok((await secret.textContent()).trim().length >= 20);
  await page.getByRole('button', { name: 'Копіювати ключ' }).waitFor();
  await page.getByRole('cell', { name: 'ІАС «Майно», тест', exact: true }).waitFor();
  await page.reload();
  await page.locator('#adm-api-keys-title').waitFor();
  await page.getByRole('cell', { name: 'ІАС «Майно», тест', exact: true }).waitFor();
  assert.equal(await page.locator('#adm-key-secret').count(), 0, 'the secret is shown only once');

  // The outbox, and its failed e-mails.
  await gotoTab(page, 'emails');
  await page.getByRole('navigation', { name: 'Стан листів' }).getByRole('link', { name: 'Не надіслано' }).click();
  await page.waitForURL(/status=failed/);
  await page.locator('#adm-emails-title').waitFor();

  // The audit log: what was done above, and the chain holds.
  await gotoTab(page, 'audit');
  await page.getByText('Журнал цілісний.').waitFor();
  await page.getByRole('cell', { name: 'role.revoke' }).first().waitFor();
  await page.getByRole('cell', { name: 'role.grant' }).first().waitFor();
  await screenshot(page, 'admin-audit');
  await checkA11y(page, 'admin-audit');
  await page.getByLabel('Дія').fill('role.revoke');
  await page.getByRole('button', { name: 'Показати' }).click();
  await page.waitForURL(/action=role.revoke/);
  await page.getByText('Записів: 1').waitFor();
  noErrors(page);
  await page.context().close();
});

test('an observer reads every admin page on a phone and can change nothing', async () => {
  const page = await open(PHONE);
  await signIn(page, FIXTURE.observer, FIXTURE.password);
  const changers = () => page.evaluate(() => ({
    forms: [...document.querySelectorAll('main form')].filter((f) => f.getAttribute('role') !== 'search').length,
    buttons: [...document.querySelectorAll('main button')].filter((b) => !b.closest('[role=search]')).map((b) => b.textContent),
    width: document.documentElement.scrollWidth,
  }));
  for (const tab of ['settings', 'geocoding', 'districts', 'categories', 'sessions', 'staff', 'api-keys', 'emails', 'audit']) {
    await gotoTab(page, tab);
    await page.getByText('Ви переглядаєте налаштування як спостерігач').waitFor();
    const seen = await changers();
    assert.equal(seen.forms, 0, `no forms on ${tab}`);
    assert.deepEqual(seen.buttons, [], `no buttons on ${tab}`);
    assert.ok(seen.width <= 390, `${tab} fits a phone (${seen.width}px)`);
  }
  await gotoTab(page, 'settings');
  await page.getByText('Дозволити ГБК').waitFor();
  // Observers read the property system's keys (names and dates, never a secret) and the
  // geocoding settings, without a way to change them.
  await gotoTab(page, 'api-keys');
  await page.getByRole('cell', { name: 'ІАС «Майно», тест', exact: true }).waitFor();
  assert.equal(await page.getByLabel('Призначення').count(), 0);
  await gotoTab(page, 'geocoding');
  await page.locator('#main h2').first().waitFor();
  assert.equal((await changers()).buttons.length, 0);
  await gotoTab(page, 'sessions', `?session=${FIXTURE.session}`);
  await page.getByRole('heading', { name: 'Параметри' }).waitFor();
  assert.equal((await changers()).forms, 0);
  await gotoTab(page, 'staff');
  await screenshot(page, 'admin-observer-staff');
  await checkA11y(page, 'admin-observer-staff');
  await gotoTab(page, 'audit');
  await page.getByText('Журнал цілісний.').waitFor();
  await screenshot(page, 'admin-observer-audit');
  await checkA11y(page, 'admin-observer-audit');
  noErrors(page);
  await page.context().close();
});
