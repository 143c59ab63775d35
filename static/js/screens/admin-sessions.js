// Budget sessions: the list, a new session (names, stages, pots, parameters), a session's page
// (its name and stages; parameters and pots, which change only before it starts; the
// commission election's stages and parameters). Addresses: …/admin/sessions,
// …/admin/sessions?new=1, …/admin/sessions?session=<id>.

import { api, ApiError } from '../api.js';
import { t, pick, label, date, money } from '../i18n.js';
import { h, form, field, table, problemBox, badge } from '../dom.js';
import { cityChanged } from '../main.js';
import { flashNext } from './admin.js';
import { nameFields, nameOf, facts, saved, today, addDays, intOrNull } from './admin-common.js';
import {
  stageEditor, potsEditor, parametersEditor, parameterFacts, defaultStages,
  SESSION_STAGES, OPTIONAL_STAGES, SESSION_DAYS, ELECTION_STAGES, ELECTION_DAYS,
} from './admin-session-form.js';

export async function draw(ctx, opts) {
  const id = opts.query.get('session');
  if (opts.query.get('new') && !opts.readOnly) return newSession(ctx, opts);
  if (id) return sessionPage(ctx, opts, id);
  return list(ctx, opts);
}

function phaseBadge(s) {
  const now = s.now;
  if (now.kind === 'stage') return badge(t('adm-session-now', { stage: label('stage-kind', now.stage) }), 'ok');
  if (now.kind === 'not_started') return badge(label('session-phase', 'not_started'), 'warn');
  return badge(label('session-phase', 'finished'));
}

function period(s) {
  if (!s.stages.length) return '—';
  return t('adm-session-period', { start: date(s.stages[0].start), end: date(s.stages[s.stages.length - 1].end) });
}

async function list(ctx, opts) {
  const city = await api.get(ctx.cityApi());
  const sessions = await Promise.all(city.sessions.map((s) => api.get(ctx.cityApi(`/sessions/${s.id}`))));
  const cols = [
    [t('adm-session-name'), (s) => h('a', { href: ctx.path(`/admin/sessions?session=${s.id}`) }, pick(s.name))],
    [t('adm-session-period-col'), period],
    [t('adm-session-phase'), phaseBadge],
    [t('adm-session-pots'), (s) => s.pots.map((p) => `${pick(p.name)}: ${money(p.total)}`).join('; ')],
  ];
  return [
    h('h2', {}, t('adm-sessions-title')),
    opts.readOnly ? null : h('p', {}, h('a', { class: 'btn primary', href: ctx.path('/admin/sessions?new=1') }, t('adm-session-new'))),
    table(cols, sessions, { caption: t('adm-sessions-caption'), empty: t('adm-sessions-empty') }),
  ];
}

function back(ctx) {
  return h('p', {}, h('a', { href: ctx.path('/admin/sessions') }, t('adm-sessions-back')));
}

const DEFAULT_PARAMETERS = {
  votes_per_voter: 5, min_voter_age: 14, min_author_age: 18, results_rule: 'greedy', min_votes_to_win: null,
  show_counts: 'live', vote_withdrawal: false, cost_reserve_percent: '0', one_vote_per_category: false, appeal_days: 7, expert_review: false, voter_eligibility: 'any', required_fields: ['last_name', 'first_name', 'birth_date', 'phone'],
  registration_methods: ['password'],
};

async function newSession(ctx, opts) {
  const city = await api.get(ctx.cityApi());
  // The first free day: tomorrow, or the day after the last session ends.
  let start = addDays(today(city.time_zone), 1);
  for (const s of city.sessions) {
    const last = s.stages[s.stages.length - 1];
    if (!last) continue;
    const endDay = new Intl.DateTimeFormat('en-CA', { timeZone: city.time_zone }).format(new Date(new Date(last.ends_at).getTime() - 1000));
    if (endDay >= start) start = addDays(endDay, 1);
  }
  const stages = stageEditor({
    kinds: SESSION_STAGES, labelKind: 'stage-kind', optional: OPTIONAL_STAGES, defaults: SESSION_DAYS,
    stages: defaultStages(SESSION_STAGES, SESSION_DAYS, start, OPTIONAL_STAGES),
    legend: t('adm-session-stages'), hint: t('adm-session-stages-hint'),
  });
  const pots = potsEditor([]);
  const params = parametersEditor(DEFAULT_PARAMETERS);
  const f = form({
    submitLabel: t('adm-session-create'),
    class: 'form adm-wide-form',
    children: [
      h('fieldset', { class: 'adm-names' }, h('legend', {}, t('adm-session-names')), nameFields()),
      stages, pots, params,
    ],
    onSubmit: async (v) => {
      const created = await api.post(ctx.cityApi('/sessions'), {
        name: nameOf(v), stages: stages.read(), pots: pots.read(), parameters: params.read(),
      });
      cityChanged();
      flashNext(t('adm-session-created', { name: pick(created.name) }));
      await ctx.navigate(ctx.path(`/admin/sessions?session=${created.id}`));
    },
  });
  return [back(ctx), h('h2', {}, t('adm-session-new')), f];
}

async function sessionPage(ctx, opts, id) {
  let s;
  try {
    s = await api.get(ctx.cityApi(`/sessions/${encodeURIComponent(id)}`));
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return [back(ctx), h('h2', {}, t('adm-session-not-found')), problemBox(err)];
    throw err;
  }
  const started = s.now.kind !== 'not_started';
  const parts = [back(ctx), h('h2', {}, pick(s.name)), h('p', {}, phaseBadge(s), ' ', period(s))];
  if (opts.readOnly) {
    parts.push(
      h('h3', {}, t('adm-session-stages')),
      table([
        [t('adm-stage'), (x) => label('stage-kind', x.kind)],
        [t('adm-stage-from'), (x) => date(x.start)],
        [t('adm-stage-to'), (x) => date(x.end)],
      ], s.stages, {}),
      h('h3', {}, t('adm-pots')),
      potsTable(s.pots),
      h('h3', {}, t('adm-params')),
      facts(parameterFacts(s.parameters)),
    );
  } else {
    parts.push(h('h3', {}, t('adm-session-names-stages')), namesAndStagesForm(ctx, opts, s));
    parts.push(h('h3', {}, t('adm-session-params-pots')),
      started ? h('p', { class: 'warning' }, t('adm-session-started-locked')) : null,
      paramsAndPotsForm(ctx, opts, s));
  }
  parts.push(await electionSection(ctx, opts, s));
  return parts;
}

function potsTable(pots) {
  return table([
    [t('adm-pot-name'), (p) => pick(p.name)],
    [t('adm-pot-scope'), (p) => t(`adm-pot-scope-${p.scope}`)],
    [t('adm-pot-total'), (p) => money(p.total)],
    [t('adm-pot-max-cost'), (p) => money(p.max_project_cost)],
    [t('adm-pot-max-votes'), (p) => (p.max_votes_per_voter ? String(p.max_votes_per_voter) : '—')],
    [t('endorse-adm-pot-min'), (p) => (p.min_endorsements ? String(p.min_endorsements) : '—')],
  ], pots, { empty: t('adm-pots-empty') });
}

function namesAndStagesForm(ctx, opts, s) {
  const stages = stageEditor({
    kinds: SESSION_STAGES, labelKind: 'stage-kind', optional: OPTIONAL_STAGES, defaults: SESSION_DAYS,
    stages: s.stages.map((x) => ({ kind: x.kind, start: x.start, end: x.end })),
    legend: t('adm-session-stages'), hint: t('adm-session-stages-edit-hint'),
  });
  return form({
    submitLabel: t('adm-session-save-stages'),
    class: 'form adm-wide-form',
    children: [h('fieldset', { class: 'adm-names' }, h('legend', {}, t('adm-session-names')), nameFields(s.name)), stages],
    onSubmit: async (v, el) => {
      await api.patch(ctx.cityApi(`/sessions/${s.id}`), { name: nameOf(v), stages: stages.read() });
      cityChanged();
      saved(el, t('adm-session-saved'));
    },
  });
}

function paramsAndPotsForm(ctx, opts, s) {
  const pots = potsEditor(s.pots);
  const params = parametersEditor(s.parameters);
  return form({
    submitLabel: t('adm-session-save-params'),
    class: 'form adm-wide-form',
    children: [params, pots],
    onSubmit: async (v, el) => {
      await api.patch(ctx.cityApi(`/sessions/${s.id}`), { parameters: params.read(), pots: pots.read() });
      cityChanged();
      saved(el, t('adm-session-saved'));
    },
  });
}

// ---- the commission election of the session ----

const TIE_BREAKS = [
  ['round1_votes,earlier_application', 'adm-tie-r1-then-earlier'],
  ['earlier_application,round1_votes', 'adm-tie-earlier-then-r1'],
  ['round1_votes', 'adm-tie-r1'],
  ['earlier_application', 'adm-tie-earlier'],
];

async function electionSection(ctx, opts, s) {
  const head = h('h3', {}, t('adm-election-title'));
  let election = null;
  try {
    election = await api.get(ctx.cityApi(`/sessions/${s.id}/election`));
  } catch (err) {
    if (err instanceof ApiError && err.code === 'election-not-enabled') {
      return h('section', { class: 'adm-election' }, head,
        h('p', { class: 'notice' }, t('adm-election-disabled'), ' ',
          h('a', { href: ctx.path('/admin/settings') }, t('adm-election-disabled-link'))));
    }
    if (!(err instanceof ApiError && err.status === 404)) return h('section', { class: 'adm-election' }, head, problemBox(err));
  }
  const box = h('section', { class: 'adm-election' }, head);
  if (election) {
    box.append(h('p', {}, t('adm-election-phase'), ' ',
      badge(election.phase === 'before' ? t('adm-election-before') : election.phase === 'after' ? t('adm-election-after') : label('election-stage', election.phase),
        election.phase === 'before' ? 'warn' : 'ok'), ' ',
      h('a', { href: ctx.path(`/elections/${election.id}`) }, t('adm-election-public-page'))));
  } else {
    box.append(h('p', { class: 'muted' }, t('adm-election-none')));
  }
  if (opts.readOnly) {
    if (election) {
      box.append(facts(electionFacts(election)), table([
        [t('adm-stage'), (x) => label('election-stage', x.stage)],
        [t('adm-stage-from'), (x) => date(x.start)],
        [t('adm-stage-to'), (x) => date(x.end)],
      ], election.stages, {}));
    }
    return box;
  }
  if (election && election.phase !== 'before') box.append(h('p', { class: 'warning' }, t('adm-election-started-locked')));
  box.append(electionForm(ctx, opts, s, election));
  return box;
}

function electionFacts(e) {
  const tie = TIE_BREAKS.find(([codes]) => codes === e.tie_break.join(','));
  return [
    [t('adm-election-min-votes-round2'), String(e.min_votes_round2)],
    [t('adm-election-votes-round1'), String(e.votes_round1)],
    [t('adm-election-votes-round2'), String(e.votes_round2)],
    [t('adm-election-seats'), String(e.seats)],
    [t('adm-election-tie-break'), tie ? t(tie[1]) : e.tie_break.join(', ')],
  ];
}

function electionForm(ctx, opts, s, e) {
  const start = s.stages[0]?.start && s.stages[0].start > addDays(today(ctx.city.time_zone), 1) ? s.stages[0].start : addDays(today(ctx.city.time_zone), 1);
  const stages = stageEditor({
    kinds: ELECTION_STAGES, labelKind: 'election-stage', defaults: ELECTION_DAYS,
    stages: e ? e.stages.map((x) => ({ kind: x.stage, start: x.start, end: x.end })) : defaultStages(ELECTION_STAGES, ELECTION_DAYS, start),
    legend: t('adm-election-stages'), hint: t('adm-session-stages-hint'),
  });
  const num = (name, value, attrs, hint) => field({ label: t(`adm-election-${name.replaceAll('_', '-')}`), name, type: 'number', value, required: true, hint, attrs: { step: 1, ...attrs } });
  return form({
    submitLabel: e ? t('adm-election-save') : t('adm-election-create'),
    class: 'form adm-wide-form',
    children: [
      h('div', { class: 'adm-row' },
        num('min_votes_round2', e?.min_votes_round2 ?? 10, { min: 1 }, t('adm-election-min-votes-hint')),
        num('seats', e?.seats ?? 15, { min: 1, max: 1000 })),
      h('div', { class: 'adm-row' },
        num('votes_round1', e?.votes_round1 ?? 1, { min: 1, max: 100 }),
        num('votes_round2', e?.votes_round2 ?? 3, { min: 1, max: 100 })),
      field({ label: t('adm-election-tie-break'), name: 'tie_break', type: 'select', value: e ? e.tie_break.join(',') : TIE_BREAKS[0][0], options: TIE_BREAKS.map(([v, k]) => [v, t(k)]), hint: t('adm-election-tie-break-hint') }),
      stages,
    ],
    onSubmit: async (v, el) => {
      await api.put(ctx.cityApi(`/sessions/${s.id}/election`), {
        min_votes_round2: intOrNull(v.min_votes_round2),
        votes_round1: intOrNull(v.votes_round1),
        votes_round2: intOrNull(v.votes_round2),
        seats: intOrNull(v.seats),
        tie_break: v.tie_break.split(','),
        stages: stages.read().map((x) => ({ stage: x.kind, start: x.start, end: x.end })),
      });
      if (!e) { await opts.reload(); opts.flash(t('adm-election-created')); return; }
      saved(el, t('adm-election-saved'));
    },
  });
}
