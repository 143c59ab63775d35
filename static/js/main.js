// The web app's entry: loads who is signed in, the city and its messages, draws the frame
// (header, navigation, footer) and the page the address names, and keeps them current as the
// reader moves around (History API; every page has its own address).

import { api, ApiError, setCsrf, setLanguage } from './api.js';
import { setMessages, t, pick, LANGS, currentLang } from './i18n.js';
import { h, replace, problemBox, announce } from './dom.js';
import { match } from './routes.js';

const LANG_KEY = 'hromada.lang';

/** What every screen gets: the city, the signed-in user, helpers for roles and moving on. */
export const ctx = {
  city: null,
  cities: [],
  user: null,
  csrf: null,
  meta: null,
  lang: 'uk',
  /** The city's path: `ctx.path('/projects')` → `/cities/kyiv/projects`. */
  path(sub = '') { return `/cities/${this.city.slug}${sub}`; },
  /** The API path of the city: `ctx.cityApi('/projects')` → `/cities/kyiv/projects`. */
  cityApi(sub = '') { return `/cities/${encodeURIComponent(this.city.slug)}${sub}`; },
  /** The user's roles in this city (`moderator`, `admin`, `observer`); platform admins have all. */
  roles() {
    if (!this.user || !this.city) return [];
    if (this.user.platform_admin) return ['admin', 'moderator', 'observer'];
    return this.user.roles.filter((r) => r.city_id === this.city.id).map((r) => r.role);
  },
  is(...roles) { const mine = this.roles(); return roles.some((r) => mine.includes(r)); },
  /** Staff may look (moderators, admins, observers). */
  isStaff() { return this.is('moderator', 'admin', 'observer'); },
  navigate,
  rerender: () => render(),
  /** Re-reads who is signed in and redraws the header and the page. */
  async refreshUser() { await loadSession(); drawFrame(); await render(); },
  /** Signs in (or asks to): opens the sign-in page with a way back here. */
  signIn(next = location.pathname + location.search) {
    navigate(`${ctx.path('/sign-in')}?next=${encodeURIComponent(next)}`);
  },
};

async function loadSession() {
  try {
    const s = await api.get('/auth/session');
    ctx.user = s.user;
    ctx.csrf = s.csrf_token;
    setCsrf(s.csrf_token);
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 401) throw err;
    ctx.user = null;
    ctx.csrf = null;
    setCsrf(null);
  }
}

function chooseLang() {
  const saved = localStorage.getItem(LANG_KEY);
  if (LANGS.includes(saved)) return saved;
  if (ctx.user?.lang && LANGS.includes(ctx.user.lang)) return ctx.user.lang;
  return 'uk';
}

let loadedMessages = null;
async function loadMessages(slug) {
  const key = `${slug || ''}/${ctx.lang}`;
  if (loadedMessages === key) return;
  const map = slug ? await api.get(`/cities/${encodeURIComponent(slug)}/messages/${ctx.lang}`)
    : await api.get(`/messages/${ctx.lang}`);
  setMessages(ctx.lang, map);
  loadedMessages = key;
  document.documentElement.lang = ctx.lang;
}

/** Forces the messages to be fetched again (after a translation is changed). */
export function reloadMessages() { loadedMessages = null; }

async function loadCity(slug) {
  if (!slug) { ctx.city = null; return; }
  if (ctx.city?.slug === slug && !ctx.city.stale) return;
  ctx.city = await api.get(`/cities/${encodeURIComponent(slug)}`);
}

/** Marks the city as changed (logo, settings), to be read again on the next page. */
export function cityChanged() { if (ctx.city) ctx.city.stale = true; }

// ---- the frame ----

function drawFrame() {
  const header = document.getElementById('site-header');
  const footer = document.getElementById('site-footer');
  document.getElementById('skip-link').textContent = t('skip-to-content');
  const city = ctx.city;
  const brand = city
    ? h('a', { class: 'brand', href: ctx.path() },
      city.logo_url ? h('img', { src: city.logo_url, alt: '', width: 40, height: 40 }) : null,
      h('span', {}, h('span', { class: 'brand-city' }, pick(city.name)), h('span', { class: 'brand-name' }, t('platform-name'))))
    : h('a', { class: 'brand', href: '/' }, h('span', { class: 'brand-name' }, t('platform-name')));

  const menuId = 'site-menu';
  const toggle = h('button', { type: 'button', class: 'menu-toggle', 'aria-expanded': 'false', 'aria-controls': menuId }, t('nav-menu'));
  const items = [];
  if (city) {
    items.push([ctx.path('/projects'), t('nav-projects')]);
    items.push([ctx.path('/results'), t('nav-results')]);
    items.push([ctx.path('/election'), t('nav-election')]);
    items.push([ctx.path('/appeals'), t('nav-appeals')]);
    items.push([ctx.path('/open-data'), t('nav-open-data')]);
    items.push([ctx.path('/about'), t('nav-about')]);
  }
  const userItems = [];
  if (city && ctx.user) {
    userItems.push([ctx.path('/me'), t('nav-profile')]);
    userItems.push([ctx.path('/me/projects'), t('nav-my-projects')]);
    userItems.push([ctx.path('/me/votes'), t('nav-my-votes')]);
    userItems.push([ctx.path('/me/candidate'), t('nav-candidate')]);
    if (ctx.isStaff()) userItems.push([ctx.path('/moderation'), t('nav-moderation')]);
    if (ctx.is('expert')) userItems.push([ctx.path('/expertise'), t('nav-expertise')]);
    if (ctx.is('admin', 'observer')) userItems.push([ctx.path('/admin'), t('nav-admin')]);
  }
  const langSwitch = h('div', { class: 'lang-switch', role: 'group', 'aria-label': t('nav-language') },
    LANGS.map((code) => h('button', {
      type: 'button', lang: code, 'aria-pressed': String(code === ctx.lang),
      onclick: () => switchLang(code),
    }, t(`lang-${code}`))));
  const account = ctx.user
    ? h('div', { class: 'account' },
      h('span', { class: 'who' }, t('nav-signed-in-as', { name: displayName(ctx.user) })),
      h('button', { type: 'button', class: 'btn link', onclick: signOut }, t('nav-sign-out')))
    : city ? h('a', {
      class: 'btn primary',
      href: `${ctx.path('/sign-in')}?next=${encodeURIComponent(location.pathname + location.search)}`,
      'aria-haspopup': 'dialog',
      // The sign-in dialog over this page; the address is the same form as a page of its own.
      onclick: (ev) => {
        if (location.pathname === ctx.path('/sign-in')) return;
        ev.preventDefault();
        import('./screens/account.js').then((m) => m.signInDialog(ctx)).catch(showFatal);
      },
    }, t('nav-sign-in')) : null;

  const nav = h('nav', { id: menuId, class: 'site-nav', 'aria-label': t('nav-main') },
    h('ul', {}, items.map(([href, text]) => h('li', {}, h('a', { href }, text)))),
    userItems.length ? h('ul', { class: 'user-nav', 'aria-label': t('nav-mine') }, userItems.map(([href, text]) => h('li', {}, h('a', { href }, text)))) : null);
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    nav.classList.toggle('open', open);
  });
  replace(header, h('div', { class: 'header-bar' }, brand, h('div', { class: 'header-tools' }, langSwitch, account, toggle)), nav);
  markCurrent();
  replace(footer,
    city?.contacts ? h('p', {}, city.contacts) : null,
    h('p', {}, h('a', { href: '/docs' }, t('footer-api-docs')), ' · ', h('a', { href: '/api/openapi.json' }, t('footer-openapi')),
      ' · ', t('footer-open-source')));
}

export function displayName(user) {
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ');
  return name || user.login;
}

/** Marks the menu item of this page: the one whose address is the longest prefix of it. */
function markCurrent() {
  const links = [...document.querySelectorAll('.site-nav a')];
  let best = null;
  for (const a of links) {
    const href = a.getAttribute('href');
    const inside = location.pathname === href || location.pathname.startsWith(`${href}/`);
    if (inside && (!best || href.length > best.getAttribute('href').length)) best = a;
  }
  for (const a of links) {
    if (a === best) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
}

async function switchLang(code) {
  localStorage.setItem(LANG_KEY, code);
  ctx.lang = code;
  setLanguage(code);
  await loadMessages(ctx.city?.slug);
  drawFrame();
  await render();
  announce(t('lang-switched'));
}

async function signOut() {
  try {
    await api.post('/auth/logout');
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 401) { showFatal(err); return; }
  }
  await loadSession();
  drawFrame();
  navigate(ctx.city ? ctx.path() : '/');
  announce(t('nav-signed-out'));
}

// ---- pages ----

let renderSeq = 0;
let firstRender = true;

async function render() {
  const seq = ++renderSeq;
  drawnAt = location.pathname + location.search;
  const main = document.getElementById('main');
  const found = match(location.pathname);
  try {
    const slug = found?.params.city;
    if (found && !found.opts.global) await loadCity(slug);
    else if (!found?.params.city) { /* keep the last city for the frame */ }
    await loadMessages(ctx.city?.slug);
    if (seq !== renderSeq) return;
    drawFrame();
    if (!found) {
      replace(main, h('h1', {}, t('page-not-found')), h('p', {}, h('a', { href: '/' }, t('page-back-home'))));
    } else {
      main.setAttribute('aria-busy', 'true');
      const mod = await found.target.load();
      const content = await mod[found.target.name](ctx, found.params);
      if (seq !== renderSeq) return;
      if (content !== undefined) replace(main, content);
      main.removeAttribute('aria-busy');
    }
  } catch (err) {
    if (seq !== renderSeq) return;
    main.removeAttribute('aria-busy');
    if (err instanceof ApiError && err.status === 401) {
      if (ctx.city) { ctx.signIn(); return; }
    }
    if (!document.getElementById('skip-link').textContent) document.getElementById('skip-link').textContent = '↓';
    replace(main, h('h1', {}, err instanceof ApiError && err.status === 404 ? t('page-not-found') : t('error-generic')), problemBox(err));
  }
  const h1 = main.querySelector('h1');
  document.title = [h1?.textContent, ctx.city ? pick(ctx.city.name) : null, t('platform-name')].filter(Boolean).join(' · ');
  if (!firstRender) {
    if (h1) { h1.setAttribute('tabindex', '-1'); h1.focus(); } else main.focus();
  }
  firstRender = false;
}

function showFatal(err) {
  replace(document.getElementById('main'), problemBox(err));
}

/** Goes to `url` inside the app (pushes history unless `replace`). */
export function navigate(url, { replace: replaceState = false } = {}) {
  if (replaceState) history.replaceState(null, '', url); else history.pushState(null, '', url);
  window.scrollTo(0, 0);
  return render();
}

// Links inside the app go through the router; anything else (downloads, API, other sites,
// new tabs) is left to the browser.
document.addEventListener('click', (ev) => {
  if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
  const a = ev.target.closest('a[href]');
  if (!a || a.target || a.hasAttribute('download')) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin) return;
  if (/^\/(api|docs|__test)\//.test(url.pathname) || url.pathname.startsWith('/api/')) return;
  if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
  if (!match(url.pathname)) return;
  ev.preventDefault();
  navigate(url.pathname + url.search + url.hash);
});
// Back and Forward redraw the page; a change of the #fragment alone (the skip link) does not.
let drawnAt = null;
window.addEventListener('popstate', () => {
  if (location.pathname + location.search === drawnAt) return;
  render();
});

async function boot() {
  try {
    await loadSession();
    ctx.lang = chooseLang();
    setLanguage(ctx.lang);
    ctx.meta = await api.get('/meta');
    if (location.pathname === '/') {
      ctx.cities = await api.get('/cities');
      if (ctx.cities.length === 1) history.replaceState(null, '', `/cities/${ctx.cities[0].slug}`);
    }
    await render();
  } catch (err) {
    showFatal(err);
  }
}

boot();
