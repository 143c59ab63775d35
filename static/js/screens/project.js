// Public project pages: the catalogue (filters, seeded random order, pages, a map view) and a
// project's page (description, cost breakdown, photos, documents, place, status history, the
// supporter team and the vote button).

import { api, ApiError } from '../api.js';
import { t, pick, label, money, number, dateTime, date, percentText } from '../i18n.js';
import { h, replace, field, ask, dialog, tabs, badge, announce, problemBox, useStyle } from '../dom.js';
import { currentSession } from './public.js';
import { statusBadge, nameOf, ineligibleNote } from '../projects.js';
import { loadExpertise, expertiseSection } from './expertise.js';
import { showsEndorsements, endorsementsText } from '../endorsements.js';
import { endorsementBox } from './project-endorsement.js';

const PAGE_SIZE = 12;
/** The statuses the public catalogue shows, in the order of a project's life. */
const PUBLIC_STATUSES = ['on_moderation', 'needs_revision', 'admitted', 'rejected', 'winner', 'not_selected',
  'in_progress', 'implemented', 'not_implemented'];
const SORTS = ['random', 'newest', 'cost_asc', 'cost_desc', 'votes'];
const FILTERS = ['q', 'status', 'pot', 'category', 'district', 'sort'];

// ---- shared bits (results.js uses them too) ----

/** A budget session by id, or the city's current one (or its newest) when `id` is empty. */
export async function chooseSession(ctx, id) {
  if (id) {
    try {
      return await api.get(ctx.cityApi(`/sessions/${encodeURIComponent(id)}`));
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 404) throw err;
    }
  }
  const current = await currentSession(ctx);
  if (current) return current;
  const newest = ctx.city.sessions?.[0];
  return newest ? api.get(ctx.cityApi(`/sessions/${newest.id}`)) : null;
}

/** Whether a session shows vote counts now (so the catalogue may sort by votes). */
function countsShown(session) {
  if (!session) return false;
  if (session.parameters.show_counts === 'live') return true;
  return session.now.kind === 'finished' || session.now.stage === 'implementation';
}

function votingOpen(session) {
  return session?.now.kind === 'stage' && session.now.stage === 'voting';
}

function districtName(ctx, id) {
  return id == null ? t('catalogue-citywide') : nameOf(ctx.city.districts, id);
}

// ---- the catalogue ----

export async function catalogue(ctx) {
  useStyle('/css/public.css');
  const qs = new URLSearchParams(location.search);
  const view = qs.get('view') === 'map' ? 'map' : 'list';
  const session = await chooseSession(ctx, qs.get('session'));
  const f = Object.fromEntries(FILTERS.map((k) => [k, qs.get(k) || '']));
  if (!SORTS.includes(f.sort)) f.sort = 'random';
  const page = Math.max(1, Number.parseInt(qs.get('page') || '1', 10) || 1);
  const seed = qs.get('seed') || '';

  const parts = [h('h1', {}, t('catalogue-title'))];
  if (session) parts.push(h('p', { class: 'lead' }, pick(session.name)));
  parts.push(filterForm(ctx, session, f, { view, seed, explicitSession: qs.get('session') }));
  parts.push(tabs([
    [addressWith(ctx, qs, { view: null, page: null }), t('catalogue-view-list'), 'list'],
    [addressWith(ctx, qs, { view: 'map', page: null }), t('catalogue-view-map'), 'map'],
  ], view, t('catalogue-view')));

  const filter = {
    session: session?.id, q: f.q, status: f.status, pot: f.pot, category: f.category, district: f.district,
  };
  if (view === 'map') {
    parts.push(await mapView(ctx, qs, filter));
    return parts;
  }

  let result;
  try {
    result = await api.get(ctx.cityApi('/projects'), {
      ...filter,
      sort: f.sort === 'random' ? null : f.sort,
      seed: f.sort === 'random' ? seed : null,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
  } catch (err) {
    if (err instanceof ApiError && err.status === 400) {
      parts.push(problemBox(err));
      return parts;
    }
    throw err;
  }
  // The random order is a shuffle for one seed: keep it in the address, so paging, Back and a
  // shared link show the same order.
  if (f.sort === 'random' && result.seed != null && String(result.seed) !== seed) {
    history.replaceState(null, '', addressWith(ctx, qs, { seed: result.seed }));
  }
  const filtered = FILTERS.some((k) => k !== 'sort' && f[k]);
  const found = t('catalogue-found', { count: result.total });
  if (filtered) announce(found);
  parts.push(h('section', { class: 'catalogue-results', 'aria-labelledby': 'catalogue-found' },
    h('h2', { id: 'catalogue-found', class: 'found' }, found),
    result.items.length
      ? h('ul', { class: 'project-cards' }, result.items.map((p) => projectCard(ctx, session, p)))
      : h('p', { class: 'empty' }, filtered ? t('catalogue-none-filtered') : t('catalogue-none')),
    pager(ctx, new URLSearchParams(location.search), page, Math.ceil(result.total / PAGE_SIZE))));
  return parts;
}

/** The catalogue's address with some query parameters changed (`null` removes one). */
function addressWith(ctx, qs, changes) {
  const next = new URLSearchParams(qs);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === '') next.delete(k); else next.set(k, String(v));
  }
  const s = next.toString();
  return ctx.path('/projects') + (s ? `?${s}` : '');
}

function filterForm(ctx, session, f, { view, seed, explicitSession }) {
  const any = (list, allLabel) => [['', allLabel], ...list];
  const pots = session ? session.pots.map((p) => [p.id, pick(p.name)]) : [];
  const sorts = SORTS.filter((s) => s !== 'votes' || countsShown(session) || f.sort === 'votes');
  const search = field({ label: t('catalogue-search'), name: 'q', type: 'search', value: f.q, attrs: { maxlength: 200, enterkeyhint: 'search' } });
  const selects = [
    field({ label: t('catalogue-status'), name: 'status', type: 'select', value: f.status,
      options: any(PUBLIC_STATUSES.map((s) => [s, label('project-status', s)]), t('catalogue-any-status')) }),
    pots.length ? field({ label: t('catalogue-pot'), name: 'pot', type: 'select', value: f.pot, options: any(pots, t('catalogue-any-pot')) }) : null,
    field({ label: t('catalogue-category'), name: 'category', type: 'select', value: f.category,
      options: any(ctx.city.categories.map((c) => [c.id, pick(c.name)]), t('catalogue-any-category')) }),
    field({ label: t('catalogue-district'), name: 'district', type: 'select', value: f.district,
      options: any(ctx.city.districts.map((d) => [d.id, pick(d.name)]), t('catalogue-any-district')) }),
    field({ label: t('catalogue-sort'), name: 'sort', type: 'select', value: f.sort,
      options: sorts.map((s) => [s, t(`catalogue-sort-${s.replace('_', '-')}`)]) }),
  ];
  if ((ctx.city.sessions || []).length > 1) {
    selects.unshift(field({ label: t('catalogue-session'), name: 'session', type: 'select', value: session?.id ?? '',
      options: ctx.city.sessions.map((s) => [s.id, pick(s.name)]) }));
  }
  const active = ['status', 'pot', 'category', 'district'].filter((k) => f[k]).length + (f.sort !== 'random' ? 1 : 0)
    + (explicitSession ? 1 : 0);
  const wide = window.matchMedia('(min-width: 48rem)').matches;
  const more = h('details', { class: 'filter-more', open: active > 0 || wide },
    h('summary', {}, active ? t('catalogue-more-filters-active', { count: active }) : t('catalogue-more-filters')),
    h('div', { class: 'filter-grid' }, selects));
  const formEl = h('form', {
    class: 'filters', method: 'get', action: ctx.path('/projects'), role: 'search', 'aria-label': t('catalogue-filters'),
  },
  h('div', { class: 'search-row' }, search, h('button', { type: 'submit', class: 'btn primary' }, t('catalogue-apply'))),
  more,
  view === 'map' ? h('input', { type: 'hidden', name: 'view', value: 'map' }) : null,
  seed ? h('input', { type: 'hidden', name: 'seed', value: seed }) : null,
  active || f.q ? h('p', { class: 'reset' }, h('a', { href: ctx.path('/projects') + (view === 'map' ? '?view=map' : '') }, t('catalogue-reset'))) : null);
  formEl.addEventListener('submit', (ev) => {
    // GET semantics without a page load: the filters become the address.
    ev.preventDefault();
    const next = new URLSearchParams();
    for (const [k, v] of new FormData(formEl)) {
      const value = String(v).trim();
      if (value && !(k === 'sort' && value === 'random')) next.set(k, value);
    }
    if (next.has('sort')) next.delete('seed');
    if (next.get('session') && String(next.get('session')) === String(ctx.city.sessions?.[0]?.id) && !explicitSession) {
      next.delete('session');
    }
    const s = next.toString();
    ctx.navigate(ctx.path('/projects') + (s ? `?${s}` : ''));
  });
  return formEl;
}

function projectCard(ctx, session, p) {
  const href = ctx.path(`/projects/${p.id}`);
  const pot = session?.pots.find((x) => x.id === p.pot_id);
  return h('li', { class: 'card project-card' },
    h('h3', {}, h('a', { href }, p.title)),
    h('p', { class: 'card-status' }, statusBadge(p.status)),
    h('p', { class: 'amount' }, money(p.cost)),
    h('ul', { class: 'card-facts' },
      h('li', {}, h('span', { class: 'visually-hidden' }, `${t('catalogue-category')}: `), nameOf(ctx.city.categories, p.category_id) || '—'),
      h('li', {}, h('span', { class: 'visually-hidden' }, `${t('catalogue-district')}: `), districtName(ctx, p.district_id)),
      pot ? h('li', {}, h('span', { class: 'visually-hidden' }, `${t('catalogue-pot')}: `), pick(pot.name)) : null),
    p.votes != null ? h('p', { class: 'card-votes' }, t('catalogue-votes', { count: p.votes })) : null,
    showsEndorsements(session, p) ? h('p', { class: 'card-endorsements' }, endorsementsText(p)) : null);
}

function pager(ctx, qs, page, pages) {
  if (pages <= 1) return null;
  const at = (n) => addressWith(ctx, qs, { page: n === 1 ? null : n });
  const shown = [...new Set([1, page - 1, page, page + 1, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const items = [];
  let last = 0;
  for (const n of shown) {
    if (n - last > 1) items.push(h('li', { class: 'gap', 'aria-hidden': 'true' }, '…'));
    items.push(h('li', {}, n === page
      ? h('a', { href: at(n), 'aria-current': 'page', 'aria-label': t('catalogue-page-n', { n }) }, String(n))
      : h('a', { href: at(n), 'aria-label': t('catalogue-page-n', { n }) }, String(n))));
    last = n;
  }
  return h('nav', { class: 'pager', 'aria-label': t('catalogue-pages') },
    page > 1 ? h('a', { class: 'btn', href: at(page - 1), rel: 'prev' }, t('catalogue-prev')) : null,
    h('ul', {}, items),
    page < pages ? h('a', { class: 'btn', href: at(page + 1), rel: 'next' }, t('catalogue-next')) : null);
}

async function mapView(ctx, qs, filter) {
  let collection;
  try {
    collection = await api.get(ctx.cityApi('/projects-map'), filter);
  } catch (err) {
    if (err instanceof ApiError && err.status === 400) return problemBox(err);
    throw err;
  }
  const listHref = addressWith(ctx, qs, { view: null });
  const count = collection.features.length;
  const el = h('div', { class: 'catalogue-map', id: 'catalogue-map', role: 'region', 'aria-label': t('map-label') });
  const { projectsMap } = await import('./public-map.js');
  projectsMap(el, ctx.city, collection, {
    href: (id) => ctx.path(`/projects/${id}`),
    fallback: h('a', { href: listHref }, t('map-see-list')),
  });
  return h('section', { class: 'catalogue-results', 'aria-labelledby': 'map-title' },
    h('h2', { id: 'map-title', class: 'found' }, t('map-count', { count })),
    h('p', { class: 'muted' }, t('map-note'), ' ', h('a', { href: listHref }, t('map-see-list'))),
    el);
}

// ---- a project's page ----

export async function project(ctx, params) {
  useStyle('/css/public.css');
  const id = Number.parseInt(params.id, 10);
  const tab = new URLSearchParams(location.search).get('tab') === 'supporters' ? 'supporters' : 'about';
  const p = await api.get(ctx.cityApi(`/projects/${encodeURIComponent(params.id)}`));
  const [session, team, mine, expertise] = await Promise.all([
    api.get(ctx.cityApi(`/sessions/${p.session_id}`)).catch(() => null),
    api.get(ctx.cityApi(`/projects/${id}/supporters`)).catch(() => null),
    ctx.user ? api.get(ctx.cityApi('/me/projects')).catch(() => []) : [],
    loadExpertise(ctx, id),
  ]);
  const state = { ctx, p, session, team, expertise, isAuthor: mine.some((x) => x.id === p.id) };
  const pot = session?.pots.find((x) => x.id === p.pot_id);
  const accepted = (team?.supporters || []).filter((s) => s.status === 'accepted').length;
  const base = ctx.path(`/projects/${p.id}`);

  const head = h('header', { class: 'project-head' },
    h('p', { class: 'crumbs' }, h('a', { href: ctx.path('/projects') }, t('project-page-back'))),
    h('h1', {}, p.title),
    h('p', { class: 'project-tags' }, statusBadge(p.status),
      h('span', { class: 'project-cost' }, h('span', { class: 'visually-hidden' }, `${t('project-page-cost')}: `), money(p.cost))));

  const facts = h('dl', { class: 'facts' },
    pot ? fact(t('catalogue-pot'), pick(pot.name)) : null,
    fact(t('catalogue-category'), nameOf(ctx.city.categories, p.category_id) || '—'),
    fact(t('catalogue-district'), districtName(ctx, p.district_id)),
    p.address ? fact(t('project-page-address'), p.address) : null,
    fact(t('project-page-author'), p.author),
    p.submitted_at ? fact(t('project-page-submitted'), date(p.submitted_at)) : null,
    session ? fact(t('catalogue-session'), pick(session.name)) : null);

  const aside = h('aside', { class: 'project-aside', 'aria-label': t('project-page-summary') },
    await voteBox(state), endorsementBox(state), facts);

  const tabNav = tabs([
    [base, t('project-page-tab-about'), 'about'],
    [`${base}?tab=supporters`, t('project-page-tab-supporters', { count: accepted }), 'supporters'],
  ], tab, t('project-page-tabs'));
  const body = tab === 'supporters' ? supportersTab(state) : aboutTab(state);
  const stage = session?.now.kind === 'stage' ? session.now.stage : null;
  const { appealBox } = ctx.user ? await import('./appeals.js') : {};
  const appealSection = appealBox ? appealBox(ctx, p, { isAuthor: state.isAuthor, stage, sessionId: p.session_id }) : null;
  return h('article', { class: 'project' }, head,
    h('div', { class: 'project-layout' }, aside, h('div', { class: 'project-main' }, tabNav, body, appealSection)));
}

function fact(term, value, cls) {
  return h('div', { class: cls }, h('dt', {}, term), h('dd', {}, value));
}

function section(id, title, ...children) {
  return h('section', { class: 'project-section', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

function aboutTab(state) {
  const { ctx, p } = state;
  const prose = h('div', { class: 'prose' });
  // The API renders the author's Markdown to HTML and sanitizes it on the server (ammonia);
  // only that field is ever put in as HTML. Every other text goes in as text.
  prose.innerHTML = p.description_html;
  const parts = [];
  if (p.status_comment && ['needs_revision', 'rejected', 'not_implemented'].includes(p.status)) {
    parts.push(h('div', { class: 'warning' }, h('strong', {}, t('project-page-status-comment')), h('p', {}, p.status_comment)));
  }
  parts.push(section('about-description', t('project-page-description'), prose));
  if (p.beneficiaries) parts.push(section('about-beneficiaries', t('project-page-beneficiaries'), h('p', { class: 'pre' }, p.beneficiaries)));
  if (p.implementation_notes) parts.push(section('about-implementation', t('project-page-implementation'), h('p', { class: 'pre' }, p.implementation_notes)));
  parts.push(section('about-cost', t('project-page-cost-breakdown'), costTable(p)));
  if (state.expertise) parts.push(expertiseSection(state));
  if (p.images.length) {
    parts.push(section('about-photos', t('project-page-photos'),
      h('ul', { class: 'gallery' }, p.images.map((img, i) => h('li', {},
        h('a', { href: img.url, target: '_blank', rel: 'noopener' },
          h('img', { src: img.url, alt: t('project-page-photo-alt', { n: i + 1, title: p.title }), loading: 'lazy', decoding: 'async' }),
          h('span', { class: 'visually-hidden' }, t('project-page-opens-new'))))))));
  }
  if (p.documents.length) {
    parts.push(section('about-documents', t('project-page-documents'),
      h('ul', { class: 'documents' }, p.documents.map((d) => h('li', {},
        h('a', { href: d.url, download: d.name }, d.name),
        ' ', h('span', { class: 'muted' }, t('project-page-file-size', { kb: Math.max(1, Math.round(d.size_bytes / 1024)) })))))));
  }
  if (p.address || (p.lat != null && p.lon != null)) {
    const place = [];
    if (p.address) place.push(h('p', {}, p.address));
    if (p.lat != null && p.lon != null) {
      const el = h('div', { class: 'project-map', role: 'region', 'aria-label': t('project-page-map', { title: p.title }) });
      import('./public-map.js').then(({ pointMap }) => pointMap(el, ctx.city, { lat: p.lat, lon: p.lon, title: p.title }));
      place.push(el);
    }
    parts.push(section('about-place', t('project-page-place'), place));
  }
  parts.push(section('about-history', t('project-page-history'), historyTable(ctx, p)));
  return h('div', { class: 'tab-body' }, parts);
}

/**
 * A wide table in a box that scrolls sideways on a phone; the box takes keyboard focus so the
 * part out of view can be reached without a mouse.
 */
export function scrollBox(name, tableEl) {
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': name }, tableEl);
}

function costTable(p) {
  // Explicit roles keep it a table for screen readers when a phone lays its rows out as
  // lines (CSS).
  return scrollBox(t('project-page-cost-breakdown'), h('table', { class: 'cost-table', role: 'table' },
    h('caption', { class: 'visually-hidden' }, t('project-page-cost-breakdown')),
    h('thead', { role: 'rowgroup' }, h('tr', { role: 'row' },
      h('th', { scope: 'col', role: 'columnheader' }, t('project-page-cost-item')),
      h('th', { scope: 'col', class: 'num', role: 'columnheader' }, t('project-page-cost-quantity')),
      h('th', { scope: 'col', class: 'num', role: 'columnheader' }, t('project-page-cost-price')),
      h('th', { scope: 'col', class: 'num', role: 'columnheader' }, t('project-page-cost-sum')))),
    h('tbody', { role: 'rowgroup' }, p.items.map((l) => h('tr', { role: 'row' },
      h('td', { class: 'item', role: 'cell' }, l.name),
      h('td', { class: 'num qty', role: 'cell' }, number(l.quantity)),
      h('td', { class: 'num price', role: 'cell' }, money(l.unit_price)),
      h('td', { class: 'num sum', role: 'cell' }, money(l.total))))),
    h('tfoot', { role: 'rowgroup' },
      p.reserve ? h('tr', { role: 'row' },
        h('th', { scope: 'row', colspan: 3, role: 'rowheader' }, t('cost-subtotal')),
        h('td', { class: 'num', role: 'cell' }, money(p.subtotal))) : null,
      p.reserve ? h('tr', { role: 'row', class: 'reserve' },
        h('th', { scope: 'row', colspan: 3, role: 'rowheader' }, t('cost-reserve-line', { percent: percentText(p.reserve.percent) })),
        h('td', { class: 'num', role: 'cell' }, money(p.reserve.amount))) : null,
      h('tr', { role: 'row' },
        h('th', { scope: 'row', colspan: 3, role: 'rowheader' }, t('project-page-cost-total')),
        h('td', { class: 'num total', role: 'cell' }, money(p.cost))))));
}

function historyTable(ctx, p) {
  if (!p.history.length) return h('p', { class: 'empty' }, t('project-page-history-empty'));
  return h('ol', { class: 'history' }, [...p.history].reverse().map((s) => h('li', {},
    h('span', { class: 'history-when' }, dateTime(s.at, ctx.city.time_zone)),
    ' ', statusBadge(s.to),
    s.comment ? h('p', { class: 'history-comment' }, s.comment) : null)));
}

// ---- the vote ----

async function voteBox(state) {
  const box = h('section', { class: 'vote-box', 'aria-labelledby': 'vote-title' });
  await drawVote(state, box);
  return box;
}

async function drawVote(state, box, { ballot: known, message, error } = {}) {
  const { ctx, p, session } = state;
  const title = h('h2', { id: 'vote-title', tabindex: '-1' }, t('project-page-vote-title'));
  const open = votingOpen(session);
  const votes = p.votes != null ? h('p', { class: 'vote-count' }, t('catalogue-votes', { count: p.votes })) : null;
  if (p.status !== 'admitted' || !open) {
    let note;
    if (p.status === 'admitted' && session?.now.kind !== 'finished' && session?.stages) {
      const voting = session.stages.find((s) => s.kind === 'voting');
      const before = voting && new Date(voting.opens_at) > new Date();
      note = before ? t('project-page-vote-from', { start: date(voting.start), end: date(voting.end) }) : t('project-page-vote-closed');
    } else if (['winner', 'not_selected', 'in_progress', 'implemented', 'not_implemented'].includes(p.status)) {
      note = t('project-page-vote-finished');
    } else {
      note = t('project-page-vote-not-admitted');
    }
    const results = ['winner', 'not_selected'].includes(p.status)
      ? h('a', { href: `${ctx.path('/results')}?session=${p.session_id}` }, t('project-page-see-results')) : null;
    replace(box, title, votes, h('p', { class: 'muted' }, note), results ? h('p', {}, results) : null);
    return;
  }
  if (!ctx.user) {
    const next = location.pathname + location.search;
    replace(box, title, votes,
      h('p', {}, t('project-page-vote-open')),
      h('a', {
        class: 'btn primary vote-btn', href: `${ctx.path('/sign-in')}?next=${encodeURIComponent(next)}`,
        onclick: (ev) => { ev.preventDefault(); ctx.signIn(next); },
      }, t('project-page-vote-sign-in')));
    return;
  }
  let ballot = known;
  if (!ballot) {
    try {
      ballot = await api.get(ctx.cityApi('/me/ballot'), { session: p.session_id });
    } catch (err) {
      replace(box, title, votes, problemBox(err));
      return;
    }
  }
  const voted = ballot.projects.includes(p.id);
  const status = h('div', { class: 'vote-status' });
  if (message) status.append(h('p', { class: 'success' }, message));
  if (error) status.append(problemBox(error));
  if (error?.code === 'vote-profile-incomplete' || error?.code === 'vote-too-young') {
    status.append(h('p', {}, h('a', { href: ctx.path('/me') }, t('project-page-vote-profile'))));
  }
  const remaining = voted || (ballot.remaining > 0 && !ballot.ineligible) ? h('p', { class: 'vote-remaining' },
    t('project-page-vote-remaining', { remaining: ballot.remaining, total: ballot.votes_per_voter })) : null;
  const actions = [];
  if (voted) {
    actions.push(h('p', { class: 'voted' }, h('span', { 'aria-hidden': 'true' }, '✓ '), t('project-page-vote-cast')));
    if (ballot.withdrawal && ballot.channel !== 'paper') {
      actions.push(h('button', { type: 'button', class: 'btn danger', onclick: (ev) => withdraw(state, box, ev.currentTarget) }, t('project-page-vote-withdraw')));
    }
  } else if (ballot.ineligible) {
    // The session's rule of who may vote keeps this resident out: the reason, not the button.
    actions.push(ineligibleNote(ctx, ballot.ineligible));
  } else if (ballot.remaining > 0) {
    if (ctx.user.missing_fields?.length) {
      actions.push(h('p', { class: 'warning' }, t('project-page-vote-profile-missing'), ' ',
        h('a', { href: ctx.path('/me') }, t('project-page-vote-profile'))));
    }
    actions.push(h('button', { type: 'button', class: 'btn primary vote-btn', onclick: (ev) => vote(state, box, ev.currentTarget) }, t('project-page-vote')));
  } else {
    actions.push(h('p', { class: 'notice' }, t('project-page-vote-none-left', { total: ballot.votes_per_voter }), ' ',
      h('a', { href: ctx.path('/me/votes') }, t('project-page-my-votes'))));
  }
  replace(box, title, votes, status, ...actions, remaining);
  // The button the reader pressed is gone: keep their place at the box's heading.
  if (message || error) title.focus();
}

async function refreshProject(state) {
  try {
    state.p = await api.get(state.ctx.cityApi(`/projects/${state.p.id}`));
  } catch { /* keep what is shown */ }
}

async function vote(state, box, button) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    const ballot = await api.post(state.ctx.cityApi(`/projects/${state.p.id}/vote`));
    await refreshProject(state);
    await drawVote(state, box, { ballot, message: t('project-page-vote-counted') });
    announce(t('project-page-vote-done', { remaining: ballot.remaining }));
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (err.status === 401) { state.ctx.signIn(); return; }
    await drawVote(state, box, { error: err });
  }
}

async function withdraw(state, box, button) {
  const ok = await ask({ title: t('project-page-withdraw-title'), text: t('project-page-withdraw-text'), confirmLabel: t('project-page-vote-withdraw') });
  if (!ok) return;
  button.disabled = true;
  try {
    const ballot = await api.del(state.ctx.cityApi(`/projects/${state.p.id}/vote`));
    await refreshProject(state);
    const message = t('project-page-vote-withdrawn', { remaining: ballot.remaining });
    await drawVote(state, box, { ballot, message });
    announce(message);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    await drawVote(state, box, { error: err });
  }
}

// ---- supporters ----

function supportersTab(state) {
  const el = h('div', { class: 'tab-body supporters' });
  drawSupporters(state, el);
  return el;
}

async function reloadTeam(state) {
  state.team = await api.get(state.ctx.cityApi(`/projects/${state.p.id}/supporters`));
  const count = state.team.supporters.filter((s) => s.status === 'accepted').length;
  const tab = document.querySelector('.project-main .tabs a[href$="?tab=supporters"]');
  if (tab) tab.textContent = t('project-page-tab-supporters', { count });
}

function drawSupporters(state, el, { message, error, focus } = {}) {
  const { ctx, p, team, isAuthor } = state;
  const passed = ['admitted', 'winner', 'not_selected', 'in_progress', 'implemented', 'not_implemented'].includes(p.status);
  const all = team?.supporters || [];
  const accepted = all.filter((s) => s.status === 'accepted');
  const status = h('div', { class: 'supporters-status', tabindex: '-1' },
    message ? h('p', { class: 'success' }, message) : null,
    error ? problemBox(error) : null);
  const parts = [status];
  parts.push(h('h2', { id: 'team-title' }, t('project-page-team')));
  parts.push(accepted.length
    ? h('ul', { class: 'supporter-list' }, accepted.map((s) => supporterCard(s)))
    : h('p', { class: 'empty' }, t('project-page-team-empty')));
  parts.push(applyArea(state, el, passed));
  if (team?.full) {
    const applications = all.filter((s) => s.status !== 'accepted' || isAuthor);
    parts.push(h('h2', { id: 'applications-title' }, isAuthor ? t('project-page-applications') : t('project-page-applications-staff')));
    parts.push(applications.length
      ? h('ul', { class: 'applications' }, applications.map((s) => applicationCard(state, el, s)))
      : h('p', { class: 'empty' }, t('project-page-applications-empty')));
  }
  replace(el, parts);
  if (focus) (el.querySelector(focus) || status).focus();
}

function supporterCard(s) {
  return h('li', { class: 'supporter' },
    s.photo_url ? h('img', { src: s.photo_url, alt: '', width: 56, height: 56, loading: 'lazy' }) : h('span', { class: 'avatar', 'aria-hidden': 'true' }, initials(s.name)),
    h('span', { class: 'supporter-name' }, s.name,
      s.facebook_url ? h('a', { href: s.facebook_url, rel: 'noopener nofollow', target: '_blank' }, t('project-page-facebook', { name: s.name })) : null));
}

function initials(name) {
  return name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0]).join('').toUpperCase();
}

function applyArea(state, el, passed) {
  const { ctx, team, isAuthor } = state;
  if (isAuthor) return h('p', { class: 'muted' }, t('project-page-author-note'));
  if (!passed) return h('p', { class: 'muted' }, t('project-page-apply-after-moderation'));
  if (!ctx.user) {
    const next = `${location.pathname}${location.search}`;
    return h('p', {}, h('a', {
      class: 'btn', href: `${ctx.path('/sign-in')}?next=${encodeURIComponent(next)}`,
      onclick: (ev) => { ev.preventDefault(); ctx.signIn(next); },
    }, t('project-page-apply-sign-in')));
  }
  const mine = team?.mine;
  if (mine?.status === 'pending') return h('p', { class: 'notice' }, t('project-page-apply-pending'));
  if (mine?.status === 'accepted') return h('p', { class: 'success' }, t('project-page-apply-accepted'));
  return h('div', { class: 'apply' },
    mine ? h('p', { class: 'notice' }, label('supporter-status', mine.status), mine.decision_comment ? `: ${mine.decision_comment}` : '') : null,
    h('button', { type: 'button', class: 'btn primary', onclick: () => apply(state, el) }, t('project-page-apply')));
}

async function apply(state, el) {
  const answer = await ask({
    title: t('project-page-apply-title'),
    text: t('project-page-apply-warning'),
    comment: t('project-page-apply-comment'),
    confirmLabel: t('project-page-apply-send'),
  });
  if (!answer) return;
  try {
    await api.post(state.ctx.cityApi(`/projects/${state.p.id}/supporters`), { comment: answer.comment });
    await reloadTeam(state);
    drawSupporters(state, el);
    const d = dialog({
      title: t('project-page-apply-sent-title'),
      content: h('div', {}, h('p', {}, t('project-page-apply-sent')),
        h('div', { class: 'form-actions' }, h('button', { type: 'button', class: 'btn primary', onclick: () => d.close() }, t('action-close')))),
    });
    announce(t('project-page-apply-sent'));
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (err.status === 401) { state.ctx.signIn(); return; }
    drawSupporters(state, el, { error: err, focus: '.supporters-status' });
  }
}

function applicationCard(state, el, s) {
  const { ctx, isAuthor } = state;
  const kinds = { pending: 'warn', accepted: 'ok', rejected: 'bad', removed: 'bad' };
  const actions = [];
  if (isAuthor && s.status === 'pending') {
    actions.push(h('button', { type: 'button', class: 'btn primary', onclick: () => decide(state, el, s, 'accepted') }, t('project-page-accept')));
    actions.push(h('button', { type: 'button', class: 'btn danger', onclick: () => decide(state, el, s, 'rejected') }, t('project-page-reject')));
  } else if (isAuthor && s.status === 'accepted') {
    actions.push(h('button', { type: 'button', class: 'btn danger', onclick: () => decide(state, el, s, 'removed') }, t('project-page-remove')));
  }
  const history = h('div', { class: 'app-history' });
  const details = h('details', {}, h('summary', {}, t('project-page-application-history')), history);
  details.addEventListener('toggle', async () => {
    if (!details.open || history.dataset.loaded) return;
    history.dataset.loaded = '1';
    replace(history, h('p', { class: 'loading' }, t('loading')));
    try {
      const steps = await api.get(ctx.cityApi(`/projects/${state.p.id}/supporters/${s.id}/history`));
      replace(history, steps.length ? h('ol', { class: 'history' }, steps.map((st) => h('li', {},
        h('span', { class: 'history-when' }, dateTime(st.at, ctx.city.time_zone)), ' ',
        badge(label('supporter-status', st.to), kinds[st.to] || ''),
        st.comment ? h('p', { class: 'history-comment' }, st.comment) : null))) : h('p', { class: 'empty' }, t('empty-list')));
    } catch (err) {
      delete history.dataset.loaded;
      replace(history, problemBox(err));
    }
  });
  return h('li', { class: 'card application', id: `application-${s.id}` },
    h('h3', {}, s.name),
    h('p', {}, badge(label('supporter-status', s.status), kinds[s.status] || '')),
    h('dl', { class: 'facts compact' },
      s.phone ? fact(t('project-page-phone'), h('a', { href: `tel:${s.phone}` }, s.phone)) : null,
      s.email ? fact(t('project-page-email'), h('a', { href: `mailto:${s.email}` }, s.email)) : null,
      s.applied_at ? fact(t('project-page-applied'), dateTime(s.applied_at, ctx.city.time_zone)) : null,
      s.comment ? fact(t('project-page-applicant-comment'), s.comment) : null,
      s.decision_comment ? fact(t('project-page-decision-comment'), s.decision_comment) : null),
    actions.length ? h('div', { class: 'actions' }, actions) : null,
    details);
}

async function decide(state, el, s, to) {
  const texts = {
    accepted: { title: t('project-page-accept-title', { name: s.name }), text: t('project-page-accept-text'), confirm: t('project-page-accept') },
    rejected: { title: t('project-page-reject-title', { name: s.name }), text: t('project-page-reject-text'), confirm: t('project-page-reject'), comment: true, required: true },
    removed: { title: t('project-page-remove-title', { name: s.name }), text: t('project-page-remove-text'), confirm: t('project-page-remove'), comment: true },
  }[to];
  const answer = await ask({
    title: texts.title, text: texts.text, confirmLabel: texts.confirm,
    comment: texts.comment ? t('project-page-decision-comment') : null, commentRequired: texts.required,
  });
  if (!answer) return;
  try {
    await api.post(state.ctx.cityApi(`/projects/${state.p.id}/supporters/${s.id}/status`), { status: to, comment: answer.comment });
    await reloadTeam(state);
    const message = t(`project-page-decided-${to}`, { name: s.name });
    drawSupporters(state, el, { message, focus: '.supporters-status' });
    announce(message);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (err.status === 401) { state.ctx.signIn(); return; }
    drawSupporters(state, el, { error: err, focus: '.supporters-status' });
  }
}
