// Shared parts of the browser tests: Chromium, the server under test (started by
// tests/it/browser.rs, which passes its address and fixture in the environment), the test
// clock, sign-in, screenshots and the accessibility check.

import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';

export const BASE = process.env.HROMADA_URL || 'http://127.0.0.1:8080';
export const FIXTURE = JSON.parse(process.env.HROMADA_FIXTURE || '{}');
const SHOTS = process.env.HROMADA_SCREENSHOTS || 'target/screenshots';

export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
export const DESKTOP = { viewport: { width: 1280, height: 900 } };

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
  });
}

/** A page in a fresh context (its own cookies) at the app's address; console errors fail. */
export async function newPage(browser, opts = DESKTOP) {
  const context = await browser.newContext({ baseURL: BASE, locale: 'uk-UA', ...opts });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (err) => page.errors.push(String(err)));
  page.on('console', (msg) => { if (msg.type() === 'error' && !/status of (4\d\d)/.test(msg.text())) page.errors.push(msg.text()); });
  return page;
}

/** Asserts the page has thrown nothing so far. */
export function noErrors(page) {
  assert.deepEqual(page.errors, [], `errors in the page: ${page.errors.join('\n')}`);
}

/** Moves the server's test clock on (stages open and close as if days went by). */
export async function advanceClock({ days = 0, hours = 0 } = {}) {
  const resp = await fetch(`${BASE}/__test/clock?days=${days}&hours=${hours}`, { method: 'POST' });
  assert.equal(resp.status, 200, await resp.text());
}

/** Signs in through the sign-in page, as a person would. */
export async function signIn(page, login, password, city = FIXTURE.city) {
  await page.goto(`/cities/${city}/sign-in`);
  const form = page.locator('form#sign-in-form');
  await form.getByLabel(/Логін|Login/).fill(login);
  await form.getByLabel(/Пароль|Password/).fill(password);
  await form.getByRole('button', { name: /Увійти|Sign in/ }).click();
  await page.getByRole('button', { name: /Вийти|Sign out/ }).waitFor();
}

/** Saves a full-page screenshot as `target/screenshots/<name>.png` (kept by CI). */
export async function screenshot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core on the page (WCAG 2 A/AA); serious and critical violations fail the test. */
export async function checkA11y(page, name) {
  // Evaluated through the DevTools protocol, which the page's CSP (no inline scripts) allows.
  await page.evaluate(AXE);
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`), [],
    `accessibility violations on ${name}`);
}

/**
 * The API as one signed-in account, for setting a scene quickly (what is under test goes
 * through the pages): `const author = await apiAs(FIXTURE.author); await author.post(path, body)`.
 * Paths are relative to /api/v1. Non-2xx answers throw with the problem.
 */
export async function apiAs(login, password = FIXTURE.password) {
  let cookie = '';
  let csrf = '';
  async function call(method, path, body) {
    const headers = { Accept: 'application/json', Cookie: cookie };
    if (csrf) headers['X-CSRF-Token'] = csrf;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const resp = await fetch(`${BASE}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const set = resp.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0];
    const text = await resp.text();
    if (!resp.ok) throw new Error(`${method} ${path}: ${resp.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }
  const session = await call('POST', '/auth/login', { login, password });
  csrf = session.csrf_token;
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    put: (path, body) => call('PUT', path, body),
    patch: (path, body) => call('PATCH', path, body),
    del: (path) => call('DELETE', path),
  };
}

/** A real PNG, `pixel(x, y)` → [r, g, b] (a colour gradient by default, as an author's photo). */
export function png(width, height, pixel = (x, y) => [40 + (x % 200), 110 + (y % 120), 190]) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) row.set(pixel(x, y), 1 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}
