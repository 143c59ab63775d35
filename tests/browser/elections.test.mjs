// A whole public budget commission (ГБК) election in the browser: an admin sets it up (API),
// three residents apply through the three-page form on a phone, a moderator rejects one (who
// fixes it and resubmits) and admits them through the «Кандидати до ГБК» queue, residents vote
// in round 1, the two who reach round 2 vote for each other, the tie goes to the moderator, and
// the results and the commission show the elected member.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, FIXTURE, launch, newPage, PHONE, DESKTOP, signIn, advanceClock, screenshot, checkA11y, noErrors, png,
} from './lib.mjs';

const browser = await launch();
after(() => browser.close());

const CITY = FIXTURE.city;
const city = (sub = '') => `/cities/${CITY}${sub}`;
const [candA, candB, candC, voter1, voter2, voter3] = FIXTURE.voters || [];
const NAMES = {
  [candA]: ['Андрієнко', 'Олена'],
  [candB]: ['Бондар', 'Тарас'],
  [candC]: ['Васильченко', 'Ірина'],
};
const nameOf = (login) => NAMES[login].join(' ');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

// ---- the API, for the set-up a person would do elsewhere ----

async function apiAs(login) {
  const resp = await fetch(`${BASE}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password: FIXTURE.password }),
  });
  assert.equal(resp.status, 200, await resp.clone().text());
  const cookie = resp.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrf_token: csrf } = await resp.json();
  /** Sends a request; the answer's body, or with `{ raw: true }` `{ status, body }`. */
  return async (method, path, body, { type = 'application/json', raw = false } = {}) => {
    const r = await fetch(`${BASE}/api/v1${path}`, {
      method,
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf, ...(body !== undefined ? { 'Content-Type': type } : {}) },
      body: body === undefined ? undefined : (type === 'application/json' ? JSON.stringify(body) : body),
    });
    const text = await r.text();
    const parsed = text ? JSON.parse(text) : null;
    if (raw) return { status: r.status, body: parsed };
    assert.ok(r.ok, `${method} ${path}: ${r.status} ${text}`);
    return parsed;
  };
}

function addDays(isoDate, days) {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// ---- people in the browser ----

const open = [];
/** A fresh signed-in page (sessions end when the clock jumps, so each step signs in again). */
async function as(login, viewport = PHONE) {
  const page = await newPage(browser, viewport);
  open.push(page);
  await signIn(page, login, FIXTURE.password);
  return page;
}
async function closeAll() {
  for (const page of open.splice(0)) {
    noErrors(page);
    await page.context().close();
  }
}

async function gotoElection(page) {
  await page.goto(city('/election'));
  await page.getByRole('heading', { level: 1, name: 'Вибори до громадської бюджетної комісії' }).waitFor();
  await page.locator('#candidates-title').waitFor();
}

function card(page, login) {
  return page.locator('li.candidate', { has: page.getByRole('heading', { name: nameOf(login) }) });
}

async function vote(page, login) {
  await page.getByRole('button', { name: `Віддати голос за ${nameOf(login)}` }).click();
  await card(page, login).getByText('Ваш голос зараховано').waitFor();
}

let electionId;

test('an admin sets up an election for the session; before it, /election says how it will run', async () => {
  let admin = await apiAs(FIXTURE.admin);
  const fixtureSession = await admin('GET', `/cities/${CITY}/sessions/current`);
  // The fixture's session opened yesterday: day 0 is today.
  let day = (n) => addDays(fixtureSession.stages[0].start, n + 1);
  let sessionId = FIXTURE.session;
  const settings = await admin('GET', `/cities/${CITY}/settings`);
  const allow = await admin('PUT', `/cities/${CITY}/settings`, { ...settings, allow_commission: true }, { raw: true });
  if (allow.status === 409) {
    // «Дозволити ГБК» is set before a session starts: once the fixture's session is over (day
    // 100), the city allows elections and runs a new session (from day 101) that holds one.
    assert.equal(allow.body.code, 'session-started');
    await advanceClock({ days: 101 });
    admin = await apiAs(FIXTURE.admin);
    await admin('PUT', `/cities/${CITY}/settings`, { ...settings, allow_commission: true });
    const start = day(101);
    day = (n) => addDays(start, n);
    const session = await admin('POST', `/cities/${CITY}/sessions`, {
      name: { uk: 'Громадський бюджет і вибори ГБК', en: 'Participatory budget and commission election' },
      parameters: {
        votes_per_voter: 5, min_voter_age: 16, min_author_age: 18, results_rule: 'greedy',
        registration_methods: ['password'], required_fields: ['last_name', 'first_name', 'birth_date', 'phone'],
      },
      stages: [
        { kind: 'submission', start: day(0), end: day(30) },
        { kind: 'review', start: day(31), end: day(60) },
        { kind: 'voting', start: day(61), end: day(90) },
        { kind: 'results', start: day(91), end: day(100) },
      ],
      pots: [{ name: { uk: 'Малі', en: 'Small' }, scope: 'citywide', total: '1000000', max_project_cost: '100000.00' }],
    });
    sessionId = session.id;
  } else {
    assert.equal(allow.status, 200, JSON.stringify(allow.body));
  }
  const election = await admin('PUT', `/cities/${CITY}/sessions/${sessionId}/election`, {
    min_votes_round2: 2, votes_round1: 2, votes_round2: 1, seats: 1, tie_break: [],
    stages: [
      { stage: 'applications', start: day(0), end: day(5) },
      { stage: 'review', start: day(6), end: day(10) },
      { stage: 'round1', start: day(11), end: day(20) },
      { stage: 'round2', start: day(21), end: day(30) },
      { stage: 'results', start: day(31), end: day(60) },
    ],
  });
  electionId = election.id;
  assert.equal(election.phase, 'applications');
  // Distinct names (the fixture's residents share one), and a photo for one of them.
  for (const login of [candA, candB, candC]) {
    const me = await apiAs(login);
    await me('PATCH', '/me', { last_name: NAMES[login][0], first_name: NAMES[login][1] });
    if (login === candB) await me('PUT', '/me/photo', png(96, 96, () => [0, 87, 184]), { type: 'image/png' });
  }

  const page = await newPage(browser, PHONE);
  open.push(page);
  await gotoElection(page);
  assert.match(await page.locator('[aria-current="step"]').innerText(), /Подання заявок/);
  await page.getByRole('link', { name: 'Заповнити заявку кандидата' }).waitFor();
  assert.match(await page.locator('.candidates, .empty').first().innerText(), /Кандидатів ще не оприлюднено/);
  await closeAll();
});

/** Waits for the form's page `name`, marked as the current step. */
async function atStep(page, name) {
  await page.locator('.wizard-steps [aria-current="step"]', { hasText: name }).waitFor();
  await page.getByRole('heading', { level: 2, name: new RegExp(name) }).waitFor();
}

/** Fills the three pages as `login` and submits; on page 3 attaches a PDF. */
async function apply(page, login, { shots = false } = {}) {
  await page.goto(city('/me/candidate'));
  await page.getByRole('button', { name: 'Почати заявку' }).click();
  await atStep(page, 'Особисті дані');
  assert.match(await page.locator('.facts.personal').innerText(), new RegExp(nameOf(login)));
  if (shots) await checkA11y(page, 'wizard page 1');
  await page.getByRole('button', { name: 'Далі' }).click();

  await atStep(page, 'Про себе');
  await page.getByLabel(/^Мотивація/).fill('Хочу, щоб громадський бюджет Києва працював відкрито і чесно.');
  await page.getByLabel(/^Досвід громадської діяльності/).fill('Голова ОСББ, волонтерство.');
  if (shots) {
    await screenshot(page, 'elections-wizard');
    await checkA11y(page, 'wizard page 2');
  }
  await page.getByRole('button', { name: 'Зберегти й далі' }).click();

  await atStep(page, 'Згоди та документи');
  await page.getByLabel('Файл документа').setInputFiles({ name: 'passport.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByRole('button', { name: 'Додати документ' }).click();
  await page.getByRole('link', { name: 'passport.pdf' }).waitFor();
  await page.getByLabel(/згоду на обробку/).check();
  await page.getByLabel(/Положенням/).check();
  if (shots) await checkA11y(page, 'wizard page 3');
  await page.getByRole('button', { name: 'Подати заявку' }).click();
  await page.getByText('Заявку подано на модерацію.').first().waitFor();
  assert.match(await page.locator('#app-status-title').innerText(), /На модерації/);
}

test('page 1 names the profile fields a resident still has to fill in', async () => {
  const r = await as(FIXTURE.resident);
  await r.goto(city('/me/candidate'));
  await r.getByRole('button', { name: 'Почати заявку' }).click();
  await atStep(r, 'Особисті дані');
  const warning = r.locator('.warning', { hasText: 'Щоб подати заявку, заповніть у профілі' });
  assert.match(await warning.innerText(), /Дата народження, Номер телефону/);
  assert.equal(await warning.getByRole('link', { name: 'Перейти до профілю' }).getAttribute('href'), city('/me'));
  await r.getByRole('button', { name: 'Далі' }).click();
  const problem = r.locator('.form-status [role=alert]');
  await problem.waitFor();
  assert.match(await problem.innerText(), /Заповніть профіль, щоб стати кандидатом/);
  await checkA11y(r, 'wizard page 1 with missing fields');
  await closeAll();
});

test('three residents apply through the three-page form on a phone; progress is kept', async () => {
  const a = await as(candA);
  await apply(a, candA, { shots: true });
  assert.match(await a.locator('.history-list').innerText(), /Чернетка → На модерації/);

  const b = await as(candB);
  await apply(b, candB);

  // The third one stops after page 2 and comes back: the form opens on page 3.
  const c = await as(candC);
  await c.goto(city('/me/candidate'));
  await c.getByRole('button', { name: 'Почати заявку' }).click();
  await atStep(c, 'Особисті дані');
  await c.getByRole('button', { name: 'Далі' }).click();
  await atStep(c, 'Про себе');
  await c.getByLabel(/^Мотивація/).fill('Досвід у плануванні міста.');
  await c.getByRole('button', { name: 'Зберегти й далі' }).click();
  await atStep(c, 'Згоди та документи');
  await c.goto(city('/me/candidate'));
  await atStep(c, 'Згоди та документи');
  assert.equal(await c.getByLabel(/^Мотивація/).count(), 0);
  // Without the consents the submission is refused, the problem shown next to the field.
  await c.getByRole('button', { name: 'Подати заявку' }).click();
  await c.locator('.field-error:not([hidden])').first().waitFor();
  await c.getByLabel(/згоду на обробку/).check();
  await c.getByLabel(/Положенням/).check();
  await c.getByRole('button', { name: 'Подати заявку' }).click();
  await c.getByText('Заявку подано на модерацію.').first().waitFor();
  await closeAll();
});

async function decide(page, login, button, comment) {
  await page.getByRole('link', { name: nameOf(login) }).click();
  await page.getByRole('heading', { name: nameOf(login), level: 4 }).waitFor();
  if (login !== candC) await page.getByRole('link', { name: 'passport.pdf' }).first().waitFor();
  await page.locator('.ecmod-actions').getByRole('button', { name: button }).click();
  const dialog = page.getByRole('dialog');
  if (comment) await dialog.getByLabel(/Що треба виправити/).fill(comment);
  await dialog.getByRole('button', { name: button }).click();
  await page.locator('.success[role=status]').waitFor();
}

test('the moderator rejects one application with a comment and admits the others; the rejected one is fixed and resubmitted', async () => {
  const mod = await as(FIXTURE.moderator, DESKTOP);
  await mod.goto(city('/moderation/candidates'));
  const queue = mod.locator('table.ecmod-queue');
  await queue.waitFor();
  assert.equal(await queue.locator('tbody tr').count(), 3);
  assert.match(await queue.locator('thead').innerText(), /Очікує/);
  await checkA11y(mod, 'candidates queue');
  await screenshot(mod, 'elections-moderation-queue');

  // A rejection needs a comment: the dialog says so.
  await mod.getByRole('link', { name: nameOf(candB) }).click();
  await mod.locator('.ecmod-actions').getByRole('button', { name: 'Відхилити' }).click();
  const dialog = mod.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Відхилити' }).click();
  assert.ok(await dialog.isVisible());
  await dialog.getByText('Напишіть коментар.').waitFor();
  assert.equal(await dialog.getByLabel(/Що треба виправити/).getAttribute('aria-invalid'), 'true');
  await dialog.getByRole('button', { name: 'Скасувати' }).click();
  await mod.getByRole('link', { name: /До черги заявок/ }).click();

  await decide(mod, candB, 'Відхилити', 'Додайте досвід громадської діяльності детальніше.');
  assert.match(await mod.locator('.success[role=status]').innerText(), /Відхилена/);
  await decide(mod, candA, 'Допустити до 1-го туру');
  await decide(mod, candC, 'Допустити до 1-го туру');
  assert.equal(await mod.locator('table.ecmod-queue').count(), 0);

  // The candidate reads the comment, fixes page 2 and sends the application again.
  const b = await as(candB);
  await b.goto(city('/me/candidate'));
  await b.getByText('Додайте досвід громадської діяльності детальніше.').first().waitFor();
  assert.match(await b.locator('#app-status-title').innerText(), /Відхилена/);
  await b.locator('.wizard-steps').getByRole('link', { name: /Про себе/ }).click();
  await atStep(b, 'Про себе');
  await b.getByLabel(/^Досвід громадської діяльності/).fill('Голова ОСББ з 2015 року, організатор толок у сквері.');
  await b.getByRole('button', { name: 'Зберегти й далі' }).click();
  await atStep(b, 'Згоди та документи');
  await b.getByRole('button', { name: 'Подати повторно' }).click();
  await b.getByText('Заявку подано на модерацію.').first().waitFor();

  await mod.reload();
  await decide(mod, candB, 'Допустити до 1-го туру');
  await closeAll();
});

test('round 1: residents vote on a phone until their votes run out; a refusal is shown', async () => {
  await advanceClock({ days: 11 });
  const v1 = await as(voter1);
  await gotoElection(v1);
  assert.match(await v1.locator('[aria-current="step"]').innerText(), /Перший тур/);
  assert.match(await v1.locator('.ballot').innerText(), /Лишилося 2 голоси з 2/);
  await vote(v1, candA);
  assert.match(await v1.locator('.ballot').innerText(), /Лишилося 1 голос з 2/);
  await vote(v1, candB);
  await v1.getByText('Ви використали всі голоси цього туру').waitFor();
  assert.equal(await v1.getByRole('button', { name: /Віддати голос/ }).count(), 0);

  const v2 = await as(voter2);
  await gotoElection(v2);
  await vote(v2, candA);
  await vote(v2, candB);

  // The same resident in two tabs: the second, out of date, is told the vote is already cast.
  const v3 = await as(voter3);
  await gotoElection(v3);
  const other = await v3.context().newPage();
  other.errors = [];
  await gotoElection(other);
  await vote(v3, candA);
  await other.getByRole('button', { name: `Віддати голос за ${nameOf(candA)}` }).click();
  const refusal = card(other, candA).getByRole('alert');
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /Ви вже проголосували/);
  await other.close();
  await vote(v3, candC);
  await v3.getByText('Ви використали всі голоси цього туру').waitFor();
  await screenshot(v3, 'elections-election');
  await checkA11y(v3, 'election, round 1');
  await closeAll();
});

test('round 2: only the two who reached it vote, each for the other', async () => {
  await advanceClock({ days: 10 });
  const a = await as(candA);
  await gotoElection(a);
  assert.match(await a.locator('[aria-current="step"]').innerText(), /Другий тур/);
  const results = a.locator('table.results-table');
  await results.waitFor();
  assert.match(await results.innerText(), new RegExp(`${nameOf(candA)}\\s+3`));
  assert.match(await results.locator('tr', { hasText: nameOf(candC) }).innerText(), /Не пройшов до 2-го туру/);
  assert.equal(await a.locator('li.candidate').count(), 2);
  await card(a, candA).getByText('За себе в другому турі голосувати не можна').waitFor();
  assert.equal(await card(a, candA).getByRole('button').count(), 0);
  await vote(a, candB);
  await a.getByText('Ви використали всі голоси цього туру').waitFor();
  await screenshot(a, 'elections-round2');

  const b = await as(candB);
  await gotoElection(b);
  await vote(b, candA);

  const c = await as(candC);
  await gotoElection(c);
  await c.getByText('У другому турі голосують лише кандидати, які до нього пройшли').waitFor();
  assert.equal(await c.getByRole('button', { name: /Віддати голос/ }).count(), 0);
  await checkA11y(c, 'election, round 2');
  await closeAll();
});

test('results: a tie goes to the moderator, who decides; the results and the commission show the member', async () => {
  await advanceClock({ days: 10 });
  const anon = await newPage(browser, PHONE);
  open.push(anon);
  await gotoElection(anon);
  await anon.getByText('правила розв’язання нічиєї їх не розрізняють').waitFor();
  assert.equal(await anon.locator('table.results-table').getByText('Нічия').count(), 2);

  const mod = await as(FIXTURE.moderator, DESKTOP);
  await gotoElection(mod);
  const tie = mod.locator('.tie-decision');
  await tie.waitFor();
  await screenshot(mod, 'elections-tie');
  await tie.getByLabel('Підстава рішення').fill('Жеребкування на засіданні, протокол № 1.');
  await tie.getByRole('button', { name: 'Затвердити рішення' }).click();
  await tie.getByText('Оберіть стільки кандидатів, скільки лишилося місць: 1.').first().waitFor();
  await tie.getByLabel(new RegExp(`^${nameOf(candB)}`)).check();
  await tie.getByRole('button', { name: 'Затвердити рішення' }).click();
  await mod.locator('.success[role=status]', { hasText: 'Рішення щодо нічиєї збережено.' }).waitFor();

  await anon.reload();
  const table = anon.locator('table.results-table');
  await table.waitFor();
  assert.match(await table.locator('tr', { hasText: nameOf(candB) }).innerText(), /Член ГБК/);
  assert.match(await table.locator('tr', { hasText: nameOf(candA) }).innerText(), /Не обраний/);
  assert.match(await table.locator('tr', { hasText: nameOf(candC) }).innerText(), /Не пройшов до 2-го туру/);
  await screenshot(anon, 'elections-results');
  await checkA11y(anon, 'election results');

  await anon.getByRole('link', { name: 'Переглянути склад комісії' }).click();
  await anon.getByRole('heading', { level: 1, name: 'Громадська бюджетна комісія' }).waitFor();
  const members = anon.locator('ul.members li');
  assert.equal(await members.count(), 1);
  assert.match(await members.innerText(), new RegExp(nameOf(candB)));
  await anon.getByRole('img', { name: `Фото: ${nameOf(candB)}` }).waitFor();
  await screenshot(anon, 'elections-commission');
  await checkA11y(anon, 'commission');
  await closeAll();
});
