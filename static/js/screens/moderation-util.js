// What the moderation tabs share: who may act, the session a tab is about, paging, the
// sanitized HTML the API renders, and small pieces of layout.

import { api, ApiError } from '../api.js';
import { t, pick } from '../i18n.js';
import { h, field, table } from '../dom.js';

/** Whether the reader may change things here (observers only look). */
export function canAct(ctx) {
  return ctx.is('moderator', 'admin');
}

/** The query string of the page now. */
export function query() {
  return new URLSearchParams(location.search);
}

/** The address of a moderation tab with a query (empty values left out). */
export function tabHref(ctx, tab, params = {}) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') qs.set(k, v);
  }
  const s = qs.toString();
  return ctx.path(`/moderation/${tab}`) + (s ? `?${s}` : '');
}

/** The note that observers see above a tab. */
export function observerNote(ctx) {
  return canAct(ctx) ? null : h('p', { class: 'notice mod-observer' }, t('mod-observer-note'));
}

/**
 * The budget session a tab is about: `?session=` when given, else the city's current one,
 * else its latest. Null when the city has none. Full details (stages, pots, hints).
 */
export async function chosenSession(ctx) {
  const asked = Number(query().get('session')) || null;
  if (asked) return api.get(ctx.cityApi(`/sessions/${asked}`));
  try {
    return await api.get(ctx.cityApi('/sessions/current'));
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 404) throw err;
  }
  const list = ctx.city.sessions || [];
  if (!list.length) return null;
  return api.get(ctx.cityApi(`/sessions/${list[list.length - 1].id}`));
}

/** A session chooser, when the city has more than one session (a GET form: `?session=`). */
export function sessionChooser(ctx, tab, session) {
  const list = ctx.city.sessions || [];
  if (list.length < 2) return null;
  const f = h('form', { class: 'mod-inline-form', method: 'get', action: ctx.path(`/moderation/${tab}`) },
    field({
      label: t('mod-session'), name: 'session', type: 'select', value: session.id,
      options: list.map((s) => [s.id, pick(s.name)]),
    }),
    h('button', { type: 'submit', class: 'btn' }, t('mod-session-show')));
  f.addEventListener('submit', (ev) => {
    ev.preventDefault();
    ctx.navigate(tabHref(ctx, tab, { session: f.elements.session.value }));
  });
  return f;
}

/** HTML the API rendered and sanitized (Markdown of pages and projects). */
export function renderedHtml(html, attrs = {}) {
  const box = h('div', { class: 'mod-rendered', ...attrs });
  const tpl = document.createElement('template');
  tpl.innerHTML = html || '';
  box.append(tpl.content);
  return box;
}

/** «1–20 of 45» with links to the previous and next pages (`href(offset)`). */
export function pager({ total, limit, offset }, href) {
  if (total <= limit && offset === 0) return null;
  const from = total ? offset + 1 : 0;
  const to = Math.min(offset + limit, total);
  return h('nav', { class: 'mod-pager', 'aria-label': t('mod-pager') },
    offset > 0 ? h('a', { class: 'btn', href: href(Math.max(0, offset - limit)), rel: 'prev' }, t('mod-pager-prev')) : null,
    h('span', {}, t('mod-pager-range', { from, to, total })),
    offset + limit < total ? h('a', { class: 'btn', href: href(offset + limit), rel: 'next' }, t('mod-pager-next')) : null);
}

/** A definition list from [term, value] pairs (pairs with an empty value are left out). */
export function facts(pairs, cls = 'mod-facts') {
  return h('dl', { class: cls }, pairs
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v))));
}

/** A status line that says `text` politely and can take focus (after a change). */
export function flash(text, kind = 'success') {
  return h('p', { class: kind, role: 'status', tabindex: '-1' }, text);
}

/**
 * `table()` whose wrapper, when it scrolls sideways on a narrow screen, can be reached and
 * scrolled from the keyboard (a labelled, focusable region).
 */
export function dataTable(cols, rows, opts = {}) {
  const out = table(cols, rows, opts);
  if (out.classList.contains('table-wrap')) {
    out.setAttribute('tabindex', '0');
    out.setAttribute('role', 'region');
    out.setAttribute('aria-label', opts.label || opts.caption || '');
  }
  return out;
}
