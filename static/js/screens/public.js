// Public pages: the list of cities, a city's home (session timeline, time left, pots) and the
// static pages under «Про проект».

import { api, ApiError } from '../api.js';
import { t, pick, label, money, date, duration } from '../i18n.js';
import { h, useStyle } from '../dom.js';

export async function cities(ctx) {
  const list = ctx.cities.length ? ctx.cities : await api.get('/cities');
  return [
    h('h1', {}, t('platform-name')),
    h('p', { class: 'lead' }, t('platform-tagline')),
    h('ul', { class: 'card-list' }, list.map((c) =>
      h('li', { class: 'card' }, h('a', { href: `/cities/${c.slug}` }, pick(c.name))))),
  ];
}

/** The session the city runs now, or null when it runs none. */
export async function currentSession(ctx) {
  try {
    return await api.get(ctx.cityApi('/sessions/current'));
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

export async function home(ctx) {
  const session = await currentSession(ctx);
  const city = ctx.city;
  const parts = [
    h('section', { class: 'hero' },
      city.logo_url ? h('img', { class: 'hero-logo', src: city.logo_url, alt: t('home-logo-alt', { city: pick(city.name) }) }) : null,
      h('div', {},
        h('h1', {}, t('home-title', { city: pick(city.name) })),
        h('p', { class: 'lead' }, t('platform-tagline')),
        h('p', { class: 'actions' },
          h('a', { class: 'btn primary', href: ctx.path('/projects') }, t('home-see-projects')),
          ' ',
          h('a', { class: 'btn', href: ctx.path('/me/projects/new') }, t('home-propose'))))),
  ];
  const missing = await missingFields(ctx);
  if (missing.length) {
    // After a Kyiv ID sign-in the resident lands here: name what the profile still lacks.
    parts.unshift(h('section', { class: 'warning', 'aria-labelledby': 'missing-title' },
      h('h2', { id: 'missing-title', class: 'warning-title' }, t('home-missing-title')),
      h('p', {}, t('home-missing-text'), ' ', missing.map((code) => label('field', code)).join(', '), '.'),
      h('p', {}, h('a', { href: ctx.path('/me') }, t('home-missing-link')))));
  }
  if (!session) {
    parts.push(h('p', { class: 'notice' }, t('home-no-session')));
    return parts;
  }
  parts.push(h('section', { 'aria-labelledby': 'session-title' },
    h('h2', { id: 'session-title' }, pick(session.name)),
    nowLine(session),
    timeline(session),
    pots(session)));
  return parts;
}

/** The profile fields the city's current session requires that the signed-in user lacks. */
async function missingFields(ctx) {
  if (!ctx.user) return [];
  const me = await api.get(ctx.cityApi('/me'));
  return me.missing_fields || [];
}

function nowLine(session) {
  const now = session.now;
  if (now.kind === 'stage') {
    return h('p', { class: 'now' },
      h('strong', {}, t('home-stage-now', { stage: label('stage-kind', now.stage) })), ' ',
      h('span', {}, t('home-time-left', { left: duration(now.remaining_secs) })));
  }
  return h('p', { class: 'now' }, label('session-phase', now.kind));
}

/** The stages in order; the open one marked; each with its hint on hover and focus. */
export function timeline(session) {
  const current = session.now.kind === 'stage' ? session.now.stage : null;
  return h('ol', { class: 'timeline', 'aria-label': t('home-timeline') }, session.stages.map((s) => {
    const hint = pick(s.hint);
    const hintId = `hint-${s.kind}`;
    const isNow = s.kind === current;
    return h('li', { class: `stage${isNow ? ' current' : ''}`, 'aria-current': isNow ? 'step' : null },
      h('span', {
        class: 'stage-name', tabindex: hint ? '0' : null, 'aria-describedby': hint ? hintId : null,
      }, label('stage-kind', s.kind)),
      h('span', { class: 'stage-dates' }, t('home-stage-dates', { start: date(s.start), end: date(s.end) })),
      hint ? h('span', { class: 'tooltip', role: 'tooltip', id: hintId }, hint) : null);
  }));
}

function pots(session) {
  return h('section', { 'aria-labelledby': 'pots-title' },
    h('h3', { id: 'pots-title' }, t('home-pots')),
    h('ul', { class: 'pots' }, session.pots.map((p) => h('li', { class: 'card' },
      h('strong', {}, pick(p.name)),
      h('span', { class: 'amount' }, money(p.total)),
      p.max_project_cost ? h('span', { class: 'muted' }, t('home-pot-max-cost', { amount: money(p.max_project_cost) })) : null))),
    h('p', {}, t('home-votes-per-voter', { count: session.parameters.votes_per_voter })));
}

// ---- static pages under «Про проект» ----

/** The list of the city's published pages. */
export async function pages(ctx) {
  useStyle('/css/public.css');
  const list = await api.get(ctx.cityApi('/pages'));
  return [
    h('h1', {}, t('pages-title')),
    list.length
      ? h('ul', { class: 'page-list' }, list.map((p) => h('li', {},
        h('a', { href: ctx.path(`/about/${encodeURIComponent(p.slug)}`) }, pick(p.title)))))
      : h('p', { class: 'empty' }, t('pages-none')),
  ];
}

/** One page: its title and its body as HTML. */
export async function page(ctx, params) {
  useStyle('/css/public.css');
  const p = await api.get(ctx.cityApi(`/pages/${encodeURIComponent(params.page)}`));
  const body = h('div', { class: 'prose' });
  // `html` is the page's Markdown rendered and sanitized by the server (ammonia: no scripts,
  // no event handlers, safe links), so it may go in as HTML; nothing else on this page does.
  body.innerHTML = pick(p.html);
  return h('article', { class: 'static-page' },
    h('p', { class: 'crumbs' }, h('a', { href: ctx.path('/about') }, t('pages-back'))),
    h('h1', {}, pick(p.title)),
    body,
    h('p', { class: 'muted updated' }, t('pages-updated', { date: date(p.updated_at) })));
}
