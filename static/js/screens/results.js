// Results of a budget session per pot, with the rule explained, and the open data: anonymized
// ballots (CSV, JSON, pabulib) and participation statistics.

import { api, ApiError } from '../api.js';
import { t, pick, money, number, percent, date, dateTime } from '../i18n.js';
import { h, field, problemBox, useStyle } from '../dom.js';
import { chooseSession, scrollBox } from './project.js';
import { statusBadge } from '../projects.js';
import { approvalSection } from './results-approval.js';

const RULES = ['greedy', 'greedy-no-skip', 'greedy-threshold', 'greedy-per-cost', 'equalshares-add1'];

/** The session picker (a GET form) when the city has run more than one session. */
function sessionPicker(ctx, session, path) {
  const sessions = ctx.city.sessions || [];
  if (sessions.length < 2) return null;
  const f = h('form', { class: 'session-picker', method: 'get', action: ctx.path(path) },
    field({ label: t('results-session'), name: 'session', type: 'select', value: session?.id ?? '',
      options: sessions.map((s) => [s.id, pick(s.name)]) }),
    h('button', { type: 'submit', class: 'btn' }, t('results-show')));
  f.addEventListener('submit', (ev) => {
    ev.preventDefault();
    ctx.navigate(`${ctx.path(path)}?session=${encodeURIComponent(new FormData(f).get('session'))}`);
  });
  return f;
}

/** The results, or null when they are not published (nor computed, for staff). */
async function fetchResults(ctx, session) {
  try {
    return await api.get(ctx.cityApi(`/sessions/${session.id}/results`));
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 403)
      && /^results-not-(published|computed)$/.test(err.code || '')) return null;
    if (err instanceof ApiError && err.status === 403) return null;
    throw err;
  }
}

function notYet(session) {
  const results = session.stages.find((s) => s.kind === 'results');
  const voting = session.stages.find((s) => s.kind === 'voting');
  const stage = session.now.kind === 'stage' ? session.now.stage : null;
  let when;
  if (stage === 'voting' && voting) when = t('results-after-voting', { end: date(voting.end) });
  else if (results && session.now.kind !== 'finished' && stage !== 'results' && stage !== 'implementation') when = t('results-expected', { start: date(results.start), end: date(results.end) });
  else when = t('results-soon');
  return h('div', { class: 'notice' }, h('p', {}, h('strong', {}, t('results-not-published'))), h('p', {}, when));
}

export async function results(ctx) {
  useStyle('/css/public.css');
  const qs = new URLSearchParams(location.search);
  const session = await chooseSession(ctx, qs.get('session'));
  const parts = [h('h1', {}, t('results-title'))];
  if (!session) {
    parts.push(h('p', { class: 'notice' }, t('results-no-session')));
    return parts;
  }
  parts.push(h('p', { class: 'lead' }, pick(session.name)));
  parts.push(sessionPicker(ctx, session, '/results'));
  const r = await fetchResults(ctx, session);
  if (!r) {
    parts.push(notYet(session));
    return parts;
  }
  if (!r.published_at) {
    parts.push(h('p', { class: 'warning' }, t('results-preview', { at: dateTime(r.computed_at, ctx.city.time_zone) })));
  } else {
    parts.push(h('p', { class: 'muted' }, t('results-published', { at: dateTime(r.published_at, ctx.city.time_zone) })));
  }
  const approval = h('div', { class: 'approval-box' });
  const showApproval = (res) => approval.replaceChildren(...[approvalSection(ctx, session, res, showApproval)].filter(Boolean));
  showApproval(r);
  parts.push(approval);
  const nav = r.pots.length > 1
    ? h('nav', { class: 'pot-nav', 'aria-label': t('results-pots') }, h('ul', {}, r.pots.map((pr) =>
      h('li', {}, h('a', { href: `#pot-${pr.pot_id}` }, potName(session, pr.pot_id))))))
    : null;
  parts.push(nav);
  for (const pr of r.pots) parts.push(potSection(ctx, session, pr));
  if (r.published_at) {
    parts.push(h('p', { class: 'open-data-link' }, h('a', { href: `${ctx.path('/open-data')}?session=${session.id}` }, t('results-open-data'))));
  }
  return parts;
}

function potName(session, id) {
  return pick(session.pots.find((p) => p.id === id)?.name) || t('results-pot-n', { id });
}

/** A share (0..1) of two decimal strings, exact enough for a bar and a percentage. */
function share(part, whole) {
  const w = Number(whole);
  return w > 0 ? Math.min(1, Math.max(0, Number(part) / w)) : 0;
}

function potSection(ctx, session, pr) {
  const id = `pot-${pr.pot_id}`;
  const rule = pr.rule.replace('/', '-');
  const used = share(pr.spent, pr.budget);
  const winners = pr.rows.filter((r) => r.selected);
  const perHead = pr.rows.some((r) => r.per_head);
  return h('section', { class: 'pot-results', 'aria-labelledby': id },
    h('h2', { id }, potName(session, pr.pot_id)),
    h('dl', { class: 'pot-stats' },
      stat(t('results-budget'), money(pr.budget)),
      stat(t('results-spent'), money(pr.spent)),
      stat(t('results-left'), money(pr.left)),
      stat(t('results-voters'), number(pr.voters)),
      stat(t('results-winners'), number(winners.length))),
    budgetBar(used),
    h('p', { class: 'budget-used' }, t('results-used', { share: percent(used) })),
    h('div', { class: 'rule' },
      h('h3', {}, t('results-rule-title'), ' ', RULES.includes(rule) ? t(`results-how-${rule}`) : pr.rule),
      RULES.includes(rule) ? h('p', {}, t(`results-plain-${rule}`, { min: pr.min_votes ?? 0 })) : null,
      h('details', {}, h('summary', {}, t('results-rule-details')), h('p', {}, pr.explanation))),
    pr.rows.length ? scrollBox(t('results-table-caption', { pot: potName(session, pr.pot_id) }), h('table', { class: 'results-table', role: 'table' },
      h('caption', {}, t('results-table-caption', { pot: potName(session, pr.pot_id) })),
      // Explicit roles: on a phone the rows are laid out as cards (CSS), which would otherwise
      // drop the table's meaning for screen readers.
      h('thead', { role: 'rowgroup' }, h('tr', { role: 'row' },
        h('th', { scope: 'col', class: 'num', role: 'columnheader' }, t('results-col-place')),
        h('th', { scope: 'col', role: 'columnheader' }, t('results-col-project')),
        h('th', { scope: 'col', class: 'num', role: 'columnheader' }, t('results-col-votes')),
        h('th', { scope: 'col', class: 'num', role: 'columnheader' }, t('results-col-cost')),
        perHead ? h('th', { scope: 'col', class: 'num', role: 'columnheader' }, t('results-col-per-head')) : null,
        h('th', { scope: 'col', role: 'columnheader' }, t('results-col-outcome')))),
      h('tbody', { role: 'rowgroup' }, pr.rows.map((row, i) => h('tr', { class: row.selected ? 'won' : null, role: 'row' },
        h('td', { class: 'num place', role: 'cell' }, number(i + 1)),
        h('th', { scope: 'row', role: 'rowheader' }, h('a', { href: ctx.path(`/projects/${row.project_id}`) }, row.title)),
        h('td', { class: 'num', role: 'cell', 'data-label': t('results-col-votes') }, number(row.votes)),
        h('td', { class: 'num', role: 'cell', 'data-label': t('results-col-cost') }, money(row.cost)),
        perHead ? h('td', { class: 'num', role: 'cell', 'data-label': t('results-col-per-head') }, row.per_head ? money(row.per_head) : '—') : null,
        h('td', { role: 'cell' }, statusBadge(row.selected ? 'winner' : 'not_selected'))))))) : h('p', { class: 'empty' }, t('results-no-projects')));
}

/** A bar of the share of the budget used (the text beside it says the same). */
function budgetBar(used) {
  const fill = h('span');
  // Through CSSOM: the Content Security Policy refuses style attributes.
  fill.style.width = `${(used * 100).toFixed(1)}%`;
  return h('div', { class: 'budget-bar', 'aria-hidden': 'true' }, fill);
}

function stat(term, value) {
  return h('div', {}, h('dt', {}, term), h('dd', {}, value));
}

// ---- open data ----

export async function openData(ctx) {
  useStyle('/css/public.css');
  const qs = new URLSearchParams(location.search);
  const session = await chooseSession(ctx, qs.get('session'));
  const parts = [h('h1', {}, t('opendata-title')), h('p', { class: 'lead' }, t('opendata-intro'))];
  if (!session) {
    parts.push(h('p', { class: 'notice' }, t('results-no-session')));
    return parts;
  }
  parts.push(h('p', {}, h('strong', {}, pick(session.name))));
  parts.push(sessionPicker(ctx, session, '/open-data'));
  const r = await fetchResults(ctx, session);
  if (!r?.published_at) {
    parts.push(h('div', { class: 'notice' }, h('p', {}, h('strong', {}, t('opendata-not-yet'))), h('p', {}, t('opendata-not-yet-hint'))));
    return parts;
  }
  const base = `/api/v1${ctx.cityApi(`/sessions/${session.id}/results`)}`;
  parts.push(h('section', { 'aria-labelledby': 'od-files' },
    h('h2', { id: 'od-files' }, t('opendata-files')),
    h('ul', { class: 'downloads' },
      download(`${base}/ballots.csv`, t('opendata-csv'), t('opendata-csv-hint')),
      download(`${base}/ballots.json`, t('opendata-json'), t('opendata-json-hint')),
      r.pots.map((pr) => download(`${base}/pots/${pr.pot_id}/ballots.pb`,
        t('opendata-pb', { pot: potName(session, pr.pot_id) }), t('opendata-pb-hint')))),
    h('p', { class: 'muted' }, t('opendata-tally'), ' ', h('code', {}, 'hromada tally FILE.pb'))));
  let stats = null;
  try {
    stats = await api.get(ctx.cityApi(`/sessions/${session.id}/statistics/participation`));
  } catch (err) {
    parts.push(problemBox(err));
  }
  if (stats) parts.push(participation(ctx, stats));
  return parts;
}

function download(href, text, hint) {
  return h('li', {}, h('a', { href, download: '' }, text), h('span', { class: 'muted' }, ` — ${hint}`));
}

function simpleTable(caption, heads, rows, numeric = []) {
  if (!rows.length) return h('p', { class: 'empty' }, t('empty-list'));
  return scrollBox(caption, h('table', {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, heads.map((x, i) => h('th', { scope: 'col', class: numeric.includes(i) ? 'num' : null }, x)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c, i) => (i === 0
      ? h('th', { scope: 'row' }, c)
      : h('td', { class: numeric.includes(i) ? 'num' : null }, c))))))));
}

function participation(ctx, s) {
  const district = (id) => (id == null ? t('opendata-citywide') : pick(ctx.city.districts.find((d) => d.id === id)?.name) || String(id));
  return h('section', { 'aria-labelledby': 'od-stats' },
    h('h2', { id: 'od-stats' }, t('opendata-participation')),
    h('dl', { class: 'pot-stats' },
      stat(t('opendata-voters'), number(s.total.voters)),
      stat(t('opendata-votes'), number(s.total.votes))),
    h('div', { class: 'stats-grid' },
    simpleTable(t('opendata-by-channel'), [t('opendata-channel'), t('opendata-voters'), t('opendata-votes')],
      s.by_channel.map((c) => [t(`opendata-channel-${c.channel}`), number(c.voters), number(c.votes)]), [1, 2]),
    simpleTable(t('opendata-by-age'), [t('opendata-age'), t('opendata-voters')],
      s.by_age.map((a) => [t(`opendata-age-${a.group.replaceAll('_', '-')}`), number(a.voters)]), [1]),
    simpleTable(t('opendata-by-day'), [t('opendata-day'), t('opendata-channel-internet'), t('opendata-channel-paper')],
      s.by_day.map((d) => [date(d.date), number(d.internet), number(d.paper)]), [1, 2]),
    simpleTable(t('opendata-by-district'), [t('opendata-district'), t('opendata-voters'), t('opendata-votes'), t('opendata-population'), t('opendata-turnout')],
      s.by_district.map((d) => [district(d.district_id), number(d.voters), number(d.votes),
        d.population != null ? number(d.population) : '—', d.turnout != null ? percent(Number(d.turnout)) : '—']), [1, 2, 3, 4])));
}

