// The city admin's workplace (АРМ адміністратора): the city directory («Місто» with «Інші
// налаштування» and «Сервіси геокодування»), districts, categories, budget sessions with their
// commission elections, staff roles, the property system's API keys, the e-mail outbox and the
// audit log. Each tab has its own address, /cities/:city/admin/<tab>. Observers see every tab
// they may read without the forms and buttons that change anything.

import { ApiError } from '../api.js';
import { t } from '../i18n.js';
import { h, tabs, useStyle, replace, announce } from '../dom.js';

const TABS = {
  settings: () => import('./admin-settings.js'),
  geocoding: () => import('./admin-geocoding.js'),
  districts: () => import('./admin-districts.js'),
  categories: () => import('./admin-categories.js'),
  sessions: () => import('./admin-sessions.js'),
  staff: () => import('./admin-staff.js'),
  'api-keys': () => import('./admin-keys.js'),
  emails: () => import('./admin-emails.js'),
  audit: () => import('./admin-audit.js'),
};

// A message to show once the page is drawn again (after a change that redraws the whole page).
let pending = null;

/** Shows `text` above the tab after the next full redraw (e.g. once the header changed). */
export function flashNext(text) { pending = text; }

export async function admin(ctx, params) {
  useStyle('/css/admin.css');
  if (!ctx.user) throw new ApiError(401, {});
  const title = h('h1', {}, t('adm-title'));
  if (!ctx.is('admin', 'observer')) return [title, h('p', { class: 'problem', role: 'alert' }, t('adm-forbidden'))];
  const tab = params.tab || 'settings';
  if (!TABS[tab]) throw new ApiError(404, {});
  const readOnly = !ctx.is('admin');
  const nav = tabs(Object.keys(TABS).map((key) => [ctx.path(`/admin/${key}`), t(`adm-tab-${key}`), key]),
    tab, t('adm-tabs'));
  const flashBox = h('div', { class: 'adm-flash' });
  const section = h('section', { class: 'adm-tab', id: `adm-${tab}`, 'aria-labelledby': `adm-${tab}-title` });
  const mod = await TABS[tab]();

  const opts = {
    readOnly,
    tab,
    query: new URLSearchParams(location.search),
    /** Says that a change went through: a line above the tab, read out. */
    flash(text) {
      replace(flashBox, text ? h('p', { class: 'success' }, text) : null);
      if (text) announce(text);
    },
    /** Draws the tab again (after a change), then moves focus to its heading. */
    async reload({ focus = true } = {}) {
      opts.query = new URLSearchParams(location.search);
      const content = await mod.draw(ctx, opts);
      replace(section, content);
      fixHeading(section, tab);
      if (focus) section.querySelector('h2')?.focus();
    },
  };
  replace(section, await mod.draw(ctx, opts));
  fixHeading(section, tab);
  if (pending) { opts.flash(pending); pending = null; }
  return [
    title,
    readOnly ? h('p', { class: 'notice adm-readonly' }, t('adm-read-only')) : null,
    nav,
    flashBox,
    section,
  ];
}

// The tab's first heading names the section (and takes focus after a change); wide tables
// scroll in their wrapper, which keyboards reach too (named by the table's caption).
function fixHeading(section, tab) {
  section.querySelectorAll('.table-wrap').forEach((wrap) => {
    wrap.setAttribute('tabindex', '0');
    wrap.setAttribute('role', 'region');
    const caption = wrap.querySelector('caption')?.textContent || section.querySelector('h2, h3')?.textContent;
    if (caption) wrap.setAttribute('aria-label', caption);
  });
  const h2 = section.querySelector('h2');
  if (!h2) return;
  h2.id = `adm-${tab}-title`;
  h2.setAttribute('tabindex', '-1');
}
