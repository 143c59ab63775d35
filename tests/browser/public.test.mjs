// The public pages: the project catalogue (filters, the seeded random order kept in the
// address, the map with clustered markers), a project's page (cost table, photo, supporters,
// the vote button), results with the rule explained, open data and the static pages.
//
// The fixture's Kyiv is in its submission stage with no projects: the author makes three
// through the API, a moderator admits them; later the test clock opens voting and then the
// results stage.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, PHONE, DESKTOP, BASE, FIXTURE, advanceClock, checkA11y, screenshot, noErrors, png } from './lib.mjs';

const CITY = FIXTURE.city;
const api = `${BASE}/api/v1/cities/${CITY}`;

// ---- a small client of the API with its own cookie, for the setup ----

async function signedIn(login) {
  const resp = await fetch(`${BASE}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password: FIXTURE.password }),
  });
  assert.equal(resp.status, 200, `sign-in of ${login}: ${await resp.clone().text()}`);
  const cookie = resp.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrf_token: csrf } = await resp.json();
  const call = async (method, path, body, type = 'application/json') => {
    const r = await fetch(path.startsWith('http') ? path : `${api}${path}`, {
      method,
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf, ...(body !== undefined ? { 'Content-Type': type } : {}) },
      body: body === undefined ? undefined : type === 'application/json' ? JSON.stringify(body) : body,
    });
    const text = await r.text();
    assert.ok(r.ok, `${method} ${path}: ${r.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body ?? {}),
    upload: (path, bytes, type) => call('POST', path, bytes, type),
  };
}

/** A map tile: pale land with a faint street grid. */
const TILE = png(256, 256, (x, y) => (x % 64 < 3 || y % 64 < 3 ? [255, 255, 255] : [232, 236, 226]));

/** A page whose map tiles (the city's tile server, outside this machine) are a plain picture. */
async function page(browser, opts) {
  const p = await newPage(browser, opts);
  await p.context().route((url) => !url.href.startsWith(BASE), (route) => route.fulfill({ body: TILE, contentType: 'image/png' }));
  return p;
}

/** Signs a page's context in through the API (its cookie jar), then opens `path`. */
async function signInPage(p, login, path) {
  const resp = await p.request.post('/api/v1/auth/login', { data: { login, password: FIXTURE.password } });
  assert.equal(resp.status(), 200);
  await p.goto(path);
}

const projects = {};
let browser;

before(async () => {
  browser = await launch();
  const author = await signedIn(FIXTURE.author);
  const moderator = await signedIn(FIXTURE.moderator);
  const draft = (title, pot, lat, lon, items, extra = {}) => author.post('/projects', {
    pot_id: pot, category_id: FIXTURE.category, title, lat, lon, address: 'вул. Хрещатик, 1',
    description: `${title}: **лавки**, освітлення й клумби.`, beneficiaries: 'Мешканці району', items, ...extra,
  });
  projects.square = await draft('Сквер із лавками', FIXTURE.pots.small, 50.45, 30.55, [
    { name: 'Лавка', quantity: 4, unit_price: '7500.00' },
    { name: 'Ліхтар', quantity: 2, unit_price: '12500.50' },
  ]);
  projects.bikes = await draft('Велопарковка біля школи', FIXTURE.pots.small, 50.47, 30.52, [
    { name: 'Велостійка', quantity: 10, unit_price: '3000.00' },
  ]);
  projects.lights = await draft('Ліхтарі у дворі', FIXTURE.pots.local, 50.43, 30.58, [
    { name: 'Ліхтар', quantity: 3, unit_price: '10000.00' },
  ], { district_id: FIXTURE.district });
  await author.upload(`/projects/${projects.square.id}/files?kind=image&name=skver.png`, png(320, 200), 'image/png');
  for (const p of Object.values(projects)) {
    await author.post(`/projects/${p.id}/status`, { action: 'submit' });
    await moderator.post(`/projects/${p.id}/status`, { action: 'admit' });
  }
  // A page under «Про проект».
  const admin = await signedIn(FIXTURE.admin);
  await admin.post('/pages', {
    slug: 'rules', title: { uk: 'Положення', en: 'Regulations' },
    body: { uk: '## Хто може голосувати\n\nКожен киянин від **16 років**.', en: '## Who votes\n\nEvery resident aged **16** or more.' },
    published: true,
  });
});

after(() => browser?.close());

test('the catalogue shows the projects as cards, keeps its random order in the address, and filters', async () => {
  const p = await page(browser, PHONE);
  await p.goto(`/cities/${CITY}/projects`);
  await p.getByRole('heading', { level: 2, name: 'Знайдено 3 проєкти' }).waitFor();
  const cards = p.locator('.project-card');
  assert.equal(await cards.count(), 3);
  // The seed of the shuffle is put in the address: the same address, the same order.
  await p.waitForURL(/[?&]seed=\d+/);
  const order = await cards.locator('h3').allInnerTexts();
  await p.reload();
  await p.getByRole('heading', { level: 2, name: 'Знайдено 3 проєкти' }).waitFor();
  assert.deepEqual(await cards.locator('h3').allInnerTexts(), order);
  const square = cards.filter({ hasText: 'Сквер із лавками' });
  assert.match(await square.innerText(), /55\s001,00 ₴/);
  assert.match(await square.innerText(), /Допущено до голосування/);
  await checkA11y(p, 'catalogue');
  await screenshot(p, 'public-catalogue');

  // Search: the form's values become the address.
  await p.getByLabel('Пошук за назвою чи описом').fill('Ліхтарі');
  await p.getByRole('button', { name: 'Показати' }).click();
  await p.getByRole('heading', { level: 2, name: 'Знайдено 1 проєкт' }).waitFor();
  assert.match(p.url(), /[?&]q=%D0%9B/);
  assert.equal(await cards.count(), 1);
  assert.match(await cards.first().innerText(), /Ліхтарі у дворі/);

  // A pot and an order, from the filters' disclosure.
  await p.getByRole('link', { name: 'Скинути фільтри' }).click();
  await p.getByRole('heading', { level: 2, name: 'Знайдено 3 проєкти' }).waitFor();
  const more = p.locator('.filter-more');
  if (!(await more.evaluate((d) => d.open))) await p.getByText('Фільтри та порядок').click();
  await p.getByLabel('Кошик').selectOption(String(FIXTURE.pots.small));
  await p.getByLabel('Порядок').selectOption('cost_desc');
  await p.getByRole('button', { name: 'Показати' }).click();
  await p.getByRole('heading', { level: 2, name: 'Знайдено 2 проєкти' }).waitFor();
  assert.deepEqual(await cards.locator('h3').allInnerTexts(), ['Сквер із лавками', 'Велопарковка біля школи']);
  assert.match(p.url(), /sort=cost_desc/);

  // A card leads to its project.
  await cards.first().getByRole('link').click();
  await p.getByRole('heading', { level: 1, name: 'Сквер із лавками' }).waitFor();
  noErrors(p);
});

test('the map view draws the projects as markers whose popups link to the projects', async () => {
  const p = await page(browser, DESKTOP);
  await p.goto(`/cities/${CITY}/projects`);
  await p.getByRole('link', { name: 'Мапа' }).click();
  await p.waitForURL(/view=map/);
  const map = p.locator('#catalogue-map');
  await p.locator('#catalogue-map[data-markers]').waitFor();
  assert.equal(await map.getAttribute('data-markers'), '3');
  await p.getByRole('heading', { level: 2, name: 'На мапі 3 проєкти' }).waitFor();
  const marker = map.getByRole('button', { name: 'Проєкт «Велопарковка біля школи» на мапі' });
  await marker.waitFor();
  await checkA11y(p, 'map');
  await screenshot(p, 'public-map');
  // By keyboard: a marker takes focus and Enter opens its popup.
  await marker.focus();
  await p.keyboard.press('Enter');
  const link = map.locator('.leaflet-popup').getByRole('link', { name: 'Велопарковка біля школи' });
  await link.waitFor();
  // The map pans to show the whole popup (animated): let it come to rest before clicking.
  await p.waitForTimeout(600);
  await link.click();
  await p.getByRole('heading', { level: 1, name: 'Велопарковка біля школи' }).waitFor();
  noErrors(p);
});

test('a project page shows its cost table, photo, place and history; a resident joins its team', async () => {
  const p = await page(browser, PHONE);
  await p.goto(`/cities/${CITY}/projects/${projects.square.id}`);
  await p.getByRole('heading', { level: 1, name: 'Сквер із лавками' }).waitFor();
  const cost = p.getByRole('table', { name: 'Кошторис' });
  const rows = await cost.locator('tbody tr').allInnerTexts();
  assert.equal(rows.length, 2);
  assert.match(rows[0], /Лавка\s+4\s+7\s500,00 ₴\s+30\s000,00 ₴/);
  assert.match(rows[1], /Ліхтар\s+2\s+12\s500,50 ₴\s+25\s001,00 ₴/);
  assert.match(await cost.locator('tfoot').innerText(), /Загальна вартість\s+55\s001,00 ₴/);
  assert.equal(await p.getByRole('img', { name: 'Фото 1 до проєкту «Сквер із лавками»' }).count(), 1);
  assert.match(await p.locator('.prose').innerHTML(), /<strong>лавки<\/strong>/);
  await p.locator('.project-map[data-markers="1"]').waitFor();
  assert.match(await p.locator('.history').innerText(), /Допущено до голосування/);
  // Before voting opens the vote box says when it will.
  assert.match(await p.locator('.vote-box').innerText(), /Голосування триватиме з/);
  await checkA11y(p, 'project');
  await screenshot(p, 'public-project');
  noErrors(p);

  // «Стати прихильником» warns what becomes public, then the author accepts.
  const resident = await page(browser, PHONE);
  await signInPage(resident, FIXTURE.resident, `/cities/${CITY}/projects/${projects.square.id}?tab=supporters`);
  await resident.getByRole('button', { name: 'Стати прихильником' }).click();
  const ask = resident.getByRole('dialog');
  assert.match(await ask.innerText(), /фото та сторінку у Facebook/);
  await ask.getByLabel(/Коментар для автора/).fill('Допоможу з ліхтарями');
  await ask.getByRole('button', { name: 'Подати заявку' }).click();
  const sent = resident.getByRole('dialog', { name: 'Заявку подано' });
  await sent.getByRole('button', { name: 'Закрити' }).last().click();
  await resident.locator('.supporters').getByText('Вашу заявку подано').waitFor();
  noErrors(resident);

  const author = await page(browser, DESKTOP);
  await signInPage(author, FIXTURE.author, `/cities/${CITY}/projects/${projects.square.id}?tab=supporters`);
  const application = author.locator('.application').filter({ hasText: 'Допоможу з ліхтарями' });
  await application.getByRole('button', { name: 'Прийняти' }).click();
  await author.getByRole('dialog').getByRole('button', { name: 'Прийняти' }).click();
  await author.locator('.supporters-status .success').waitFor();
  assert.equal(await author.locator('.supporter-list .supporter').count(), 1);
  await author.getByRole('link', { name: 'Прихильники (1)' }).waitFor();
  await checkA11y(author, 'project supporters (author)');
  noErrors(author);
});

test('voting: the vote button counts the vote and tells the votes left; then the results per pot and the open data', async () => {
  await advanceClock({ days: 61 });
  const voter = await page(browser, PHONE);
  await signInPage(voter, FIXTURE.voters[0], `/cities/${CITY}/projects/${projects.square.id}`);
  const box = voter.locator('.vote-box');
  await box.getByText('У вас залишилося 5 голосів з 5.').waitFor();
  await box.getByRole('button', { name: 'Проголосувати' }).click();
  await box.getByText('Ваш голос зараховано.').waitFor();
  await box.getByText('У вас залишилося 4 голоси з 5.').waitFor();
  // Said to screen readers too.
  await voter.waitForFunction(() => /Залишилося 4 голоси/.test(document.getElementById('announcer').textContent));
  assert.match(await box.innerText(), /1 голос/);
  noErrors(voter);
  // Signed out: a way to sign in instead of the button.
  const reader = await page(browser, PHONE);
  await reader.goto(`/cities/${CITY}/projects/${projects.bikes.id}`);
  await reader.getByRole('link', { name: 'Увійти, щоб проголосувати' }).waitFor();

  for (const [i, ids] of [[1, [projects.square.id, projects.lights.id]], [2, [projects.bikes.id]]]) {
    const v = await signedIn(FIXTURE.voters[i]);
    for (const id of ids) await v.post(`/projects/${id}/vote`);
  }

  await advanceClock({ days: 31 });
  const moderator = await signedIn(FIXTURE.moderator);
  await moderator.post(`/sessions/${FIXTURE.session}/results/compute`);
  await moderator.post(`/sessions/${FIXTURE.session}/results/publish`);

  await reader.goto(`/cities/${CITY}/results`);
  await reader.getByRole('heading', { level: 1, name: 'Результати' }).waitFor();
  const pots = reader.locator('.pot-results');
  assert.equal(await pots.count(), 2);
  const small = pots.filter({ hasText: 'Сквер із лавками' });
  assert.match(await small.locator('.rule').innerText(), /за кількістю голосів/);
  const first = small.locator('tbody tr').first();
  assert.match(await first.innerText(), /Сквер із лавками[\s\S]*2[\s\S]*55\s001,00 ₴[\s\S]*Переможець/);
  assert.match(await small.locator('.pot-stats').innerText(), /Використано\s+85\s001,00 ₴/);
  await checkA11y(reader, 'results');
  await screenshot(reader, 'public-results');

  await reader.getByRole('link', { name: /Відкриті дані голосування/ }).click();
  await reader.getByRole('heading', { level: 1, name: 'Відкриті дані' }).waitFor();
  const csv = await reader.getByRole('link', { name: 'Бюлетені, CSV' }).getAttribute('href');
  const text = await (await fetch(BASE + csv)).text();
  assert.match(text, /^pot_id,voter_id,channel,project_id\n/);
  assert.equal(await reader.getByRole('link', { name: /формат pabulib/ }).count(), 2);
  assert.match(await reader.getByRole('table', { name: 'За способом голосування' }).innerText(), /Онлайн\s+3\s+4/);
  await checkA11y(reader, 'open data');
  await screenshot(reader, 'public-open-data');
  noErrors(reader);
});

test('the static pages under «Про проект» list the published pages and show one', async () => {
  const p = await page(browser, PHONE);
  await p.goto(`/cities/${CITY}/about`);
  await p.getByRole('link', { name: 'Положення' }).click();
  await p.getByRole('heading', { level: 1, name: 'Положення' }).waitFor();
  await p.getByRole('heading', { level: 2, name: 'Хто може голосувати' }).waitFor();
  assert.match(await p.locator('.prose strong').innerText(), /16 років/);
  await checkA11y(p, 'static page');
  noErrors(p);
});
