// The public budget commission (ГБК) elections, as residents and candidates see them: the
// election of the current session (stages, candidates, the vote in round 1 and round 2, the
// results), the elected commission, and the candidate's three-page application form.
// The moderators' queue of applications is elections-moderation.js.

import { api, ApiError } from '../api.js';
import { t, label, pick, date, dateTime } from '../i18n.js';
import { h, replace, field, form, ask, announce, problemBox, badge, useStyle, uid, setFlash, takeFlash } from '../dom.js';

export { setFlash, takeFlash };
import { currentSession } from './public.js';

const STYLE = '/css/elections.css';

const BADGE_KIND = {
  draft: '', on_moderation: 'warn', deleted: 'bad', rejected: 'bad', round1: '', round2: '',
  not_advanced: '', elected: 'ok', not_elected: '',
};

/** A status badge of a candidate application. */
export function statusBadge(status) {
  return badge(label('candidate-status', status), BADGE_KIND[status] ?? '');
}

/** The API path of an election: `electionApi(ctx, 3, '/votes')`. */
export function electionApi(ctx, id, sub = '') {
  return ctx.cityApi(`/elections/${id}${sub}`);
}

async function orNull(promise, ...statuses) {
  try {
    return await promise;
  } catch (err) {
    if (err instanceof ApiError && statuses.includes(err.status)) return null;
    throw err;
  }
}

/**
 * The election of the city's current session (else of its latest session that has one):
 * `{ election, session }`, `{ disabled: true }` when the city holds no elections, or null.
 */
export async function findElection(ctx) {
  const current = await currentSession(ctx);
  const ids = current ? [current.id] : [];
  const latest = (s) => Math.max(0, ...(s.stages || []).map((st) => Date.parse(st.ends_at) || 0));
  for (const s of [...(ctx.city.sessions || [])].sort((a, b) => latest(b) - latest(a))) {
    if (!ids.includes(s.id)) ids.push(s.id);
  }
  for (const id of ids) {
    try {
      const election = await api.get(ctx.cityApi(`/sessions/${id}/election`));
      const session = current?.id === id ? current : (ctx.city.sessions || []).find((s) => s.id === id);
      return { election, session };
    } catch (err) {
      if (err instanceof ApiError && err.code === 'election-not-enabled') return { disabled: true };
      if (err instanceof ApiError && err.status === 404) {
        if (current && id === current.id) return null;
        continue;
      }
      throw err;
    }
  }
  return null;
}

function stageOf(election, code) {
  return election.stages.find((s) => s.stage === code);
}

/** The stages in order, the open one marked (aria-current="step"). */
function stagesTimeline(election) {
  return h('ol', { class: 'timeline election-timeline', 'aria-label': t('election-page-stages') },
    election.stages.map((s) => {
      const now = s.stage === election.phase;
      return h('li', { class: `stage${now ? ' current' : ''}`, 'aria-current': now ? 'step' : null },
        h('span', { class: 'stage-name' }, label('election-stage', s.stage),
          now ? h('span', { class: 'visually-hidden' }, ' ', t('election-page-stage-current')) : null),
        h('span', { class: 'stage-dates' }, t('election-page-stage-dates', { start: date(s.start), end: date(s.end) })));
    }));
}

function nowLine(election) {
  const phase = election.phase;
  if (phase === 'before') {
    return h('p', { class: 'now' }, t('election-page-before', { date: date(election.stages[0]?.start) }));
  }
  if (phase === 'after') return h('p', { class: 'now' }, t('election-page-after'));
  const stage = stageOf(election, phase);
  return h('p', { class: 'now' },
    h('strong', {}, t('election-page-now', { stage: label('election-stage', phase) })), ' ',
    stage ? h('span', {}, t('election-page-now-until', { date: date(stage.end) })) : null);
}

function rules(election) {
  const item = (key, value) => h('div', {}, h('dt', {}, t(key)), h('dd', {}, String(value)));
  return h('section', { class: 'election-rules', 'aria-labelledby': 'election-rules-title' },
    h('h2', { id: 'election-rules-title', class: 'visually-hidden' }, t('election-page-rules')),
    h('dl', { class: 'facts' },
      item('election-page-seats', election.seats),
      item('election-page-votes-round1', election.votes_round1),
      item('election-page-min-votes', election.min_votes_round2),
      item('election-page-votes-round2', election.votes_round2)));
}

function initials(name) {
  return String(name || '').split(/\s+/).filter(Boolean).slice(0, 2).map((p) => p[0]).join('').toUpperCase();
}

/** A candidate's photo, or their initials when there is none. */
export function portrait(c) {
  return c.photo_url
    ? h('img', { class: 'portrait', src: c.photo_url, alt: t('candidate-card-photo', { name: c.name }), width: 72, height: 72, loading: 'lazy' })
    : h('span', { class: 'portrait initials', 'aria-hidden': 'true' }, initials(c.name));
}

/** The candidate's texts: motivation, experience, organization. */
export function aboutTexts(c) {
  const part = (key, text) => text ? h('div', { class: 'about-part' }, h('dt', {}, t(key)), h('dd', {}, text)) : null;
  const parts = [
    part('candidate-card-organization', c.organization),
    part('candidate-card-motivation', c.motivation),
    part('candidate-card-experience', c.experience),
  ].filter(Boolean);
  return parts.length ? h('dl', { class: 'about' }, parts) : null;
}

function round2Closed(election) { return Boolean(election.round2_closed_at); }

/** Whether a standing is part of a tie awaiting the moderators (round 2 closed, still in it). */
function tied(election, status) { return round2Closed(election) && status === 'round2'; }

// ---------------------------------------------------------------------------------------------
// The election page

/** `/cities/:city/election`: the election of the current session. */
export async function currentElection(ctx) {
  useStyle(STYLE);
  const found = await findElection(ctx);
  if (found?.election) return election(ctx, { id: found.election.id }, found);
  return [
    h('h1', {}, t('election-page-title')),
    h('p', { class: 'notice' }, t(found?.disabled ? 'election-page-disabled' : 'election-page-none')),
    found?.disabled ? null : h('p', {}, h('a', { href: ctx.path('/commission') }, t('election-page-see-commission'))),
  ];
}

/** `/cities/:city/elections/:id`: stages, candidates, the vote, the results. */
export async function election(ctx, params, found = null) {
  useStyle(STYLE);
  const id = Number(params.id);
  const signedIn = Boolean(ctx.user);
  const e = found?.election?.id === id ? found.election : await api.get(electionApi(ctx, id));
  const voting = e.phase === 'round1' || e.phase === 'round2';
  const [candidates, mine, ballot, standings, session] = await Promise.all([
    api.get(electionApi(ctx, id, '/applications')),
    signedIn ? orNull(api.get(electionApi(ctx, id, '/applications/mine')), 404) : null,
    signedIn && voting ? orNull(api.get(electionApi(ctx, id, '/votes/mine')), 401, 403, 409) : null,
    e.round1_closed_at ? orNull(api.get(electionApi(ctx, id, '/results')), 409) : null,
    found?.session ? found.session : (ctx.city.sessions || []).find((s) => s.id === e.session_id) || null,
  ]);
  const state = { ctx, e, candidates, mine, ballot, standings };

  const parts = [
    h('h1', {}, t('election-page-title')),
    session ? h('p', { class: 'lead' }, t('election-page-session', { session: pick(session.name) })) : null,
    takeFlash(),
    nowLine(e),
    stagesTimeline(e),
    rules(e),
    applyBox(ctx, e, mine),
  ];

  if (voting) {
    state.ballotBox = h('section', { class: 'ballot card', 'aria-labelledby': 'ballot-title' });
    parts.push(state.ballotBox);
  }
  state.listBox = h('section', { 'aria-labelledby': 'candidates-title' });
  drawVoting(state);
  const results = await resultsSection(ctx, e, standings);
  if (e.phase === 'results' || e.phase === 'after') {
    // Once decided, the outcome comes first; the candidates follow.
    parts.push(results,
      h('p', {}, h('a', { class: 'btn', href: ctx.path('/commission') }, t('election-page-see-commission'))),
      state.listBox);
  } else {
    parts.push(state.listBox, results);
  }
  return parts;
}

function applyBox(ctx, e, mine) {
  if (mine) {
    return h('p', { class: 'my-application' },
      h('a', { href: ctx.path('/me/candidate') }, t('election-page-my-application')), ' ', statusBadge(mine.status));
  }
  if (e.phase !== 'applications') return null;
  return h('section', { class: 'apply-cta notice', 'aria-labelledby': 'apply-title' },
    h('h2', { id: 'apply-title' }, t('election-page-apply-title')),
    h('p', {}, t('election-page-apply-text')),
    h('p', {}, h('a', { class: 'btn primary', href: ctx.path('/me/candidate') }, t('election-page-apply'))));
}

/** Who may vote for whom now: `{ open, round, canVote(c), reason }`. */
function votingRules(state) {
  const { ctx, e, mine, ballot } = state;
  const round = e.phase === 'round1' || e.phase === 'round2' ? e.phase : null;
  if (!round) return { open: false };
  if (!ctx.user) return { open: true, round, signedOut: true };
  if (round === 'round2' && mine?.status !== 'round2') return { open: true, round, outsider: true };
  const remaining = ballot ? ballot.remaining : 0;
  const voted = new Set(ballot?.candidates || []);
  return {
    open: true, round, remaining, voted,
    own: (c) => mine?.id === c.id,
    canVote: (c) => c.status === round && remaining > 0 && !voted.has(c.id) && !(round === 'round2' && mine?.id === c.id),
  };
}

function drawVoting(state) {
  const { ctx, e, candidates } = state;
  const rulesNow = votingRules(state);
  if (state.ballotBox) replace(state.ballotBox, ...ballotSummary(ctx, e, state.ballot, rulesNow));

  let shown = candidates;
  let title = t('election-page-candidates');
  if (e.phase === 'round1') { shown = candidates.filter((c) => c.status === 'round1'); title = t('election-page-candidates-round1'); }
  if (e.phase === 'round2') { shown = candidates.filter((c) => c.status === 'round2'); title = t('election-page-candidates-round2'); }
  if (e.phase === 'results' || e.phase === 'after') {
    const order = { elected: 0, round2: 1, not_elected: 2, not_advanced: 3, round1: 4 };
    shown = [...candidates].sort((a, b) => (order[a.status] ?? 9) - (order[b.status] ?? 9));
  }
  replace(state.listBox,
    h('h2', { id: 'candidates-title' }, title),
    shown.length
      ? h('ul', { class: 'candidates' }, shown.map((c) => candidateCard(state, c, rulesNow)))
      : h('p', { class: 'empty' }, t('election-page-no-candidates')));
}

function ballotSummary(ctx, e, ballot, r) {
  const limit = e.phase === 'round2' ? e.votes_round2 : e.votes_round1;
  const parts = [
    h('h2', { id: 'ballot-title' }, t('election-page-vote-title')),
    h('p', {}, t(e.phase === 'round2' ? 'election-page-vote-round2' : 'election-page-vote-round1', { limit })),
  ];
  if (r.signedOut) {
    parts.push(h('p', {}, t('election-page-vote-sign-in')),
      h('p', {}, h('button', { type: 'button', class: 'btn primary', onclick: () => ctx.signIn() }, t('election-page-vote-sign-in-button'))));
  } else if (r.outsider) {
    parts.push(h('p', { class: 'warning' }, t('election-page-vote-round2-only')));
  } else if (ballot && ballot.remaining === 0) {
    parts.push(h('p', { class: 'success' }, t('election-page-vote-used-up')));
  } else if (ballot) {
    parts.push(h('p', { class: 'remaining' },
      h('strong', {}, t('election-page-vote-remaining', { remaining: ballot.remaining, limit: ballot.limit }))));
  }
  return parts;
}

function candidateCard(state, c, r) {
  const headId = uid('cand');
  const own = r.own?.(c);
  const errorSlot = h('div', { class: 'vote-error' });
  let action = null;
  if (r.open && c.status === r.round && !r.signedOut && !r.outsider) {
    if (r.voted.has(c.id)) {
      action = h('p', { class: 'voted', tabindex: '-1' }, h('span', { 'aria-hidden': 'true' }, '✓ '), t('election-page-voted'));
    } else if (own && r.round === 'round2') {
      action = h('p', { class: 'muted' }, t('election-page-vote-self'));
    } else if (r.canVote(c)) {
      const button = h('button', { type: 'button', class: 'btn primary vote' },
        t('election-page-vote-button'), h('span', { class: 'visually-hidden' }, ' ', t('election-page-vote-for', { name: c.name })));
      button.addEventListener('click', () => castVote(state, c, button, errorSlot));
      action = button;
    }
  }
  const showStatus = !(r.open && c.status === r.round);
  return h('li', { class: `card candidate${own ? ' own' : ''}`, dataset: { candidate: String(c.id) } },
    h('div', { class: 'candidate-head' },
      portrait(c),
      h('div', {},
        h('h3', { id: headId }, c.name),
        h('p', { class: 'candidate-badges' },
          showStatus ? (tied(state.e, c.status) ? badge(t('election-page-tied'), 'warn') : statusBadge(c.status)) : null,
          own ? badge(t('candidate-card-you'), 'warn') : null))),
    aboutTexts(c),
    h('div', { class: 'candidate-action' }, action, errorSlot));
}

async function castVote(state, c, button, errorSlot) {
  const { ctx, e } = state;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  errorSlot.replaceChildren();
  try {
    state.ballot = await api.post(electionApi(ctx, e.id, '/votes'), { candidate: c.id });
    drawVoting(state);
    announce(t('election-page-vote-done', { name: c.name, remaining: state.ballot.remaining }));
    const card = state.listBox.querySelector(`[data-candidate="${c.id}"] .voted`);
    card?.focus();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) { ctx.signIn(); return; }
    button.disabled = false;
    button.removeAttribute('aria-busy');
    const box = problemBox(err);
    if (err instanceof ApiError && err.code === 'election-profile-incomplete') {
      box.append(h('p', {}, h('a', { href: ctx.path('/me') }, t('election-page-vote-profile'))));
    }
    box.setAttribute('tabindex', '-1');
    errorSlot.replaceChildren(box);
    box.focus();
    // The ballot may have changed elsewhere (another tab): read it again for the counter.
    if (err instanceof ApiError && (err.code === 'election-vote-none-left' || err.code === 'election-vote-already')) {
      const fresh = await orNull(api.get(electionApi(ctx, e.id, '/votes/mine')), 401, 403, 409);
      if (fresh && state.ballotBox) {
        state.ballot = fresh;
        replace(state.ballotBox, ...ballotSummary(ctx, e, fresh, votingRules(state)));
      }
    }
  }
}

async function resultsSection(ctx, e, standings) {
  const section = h('section', { class: 'results', 'aria-labelledby': 'results-title' },
    h('h2', { id: 'results-title' }, t('election-page-results')));
  if (!standings) {
    if (e.phase !== 'before' && e.phase !== 'applications' && e.phase !== 'review') {
      section.append(h('p', { class: 'empty' }, t('election-page-results-none')));
      return section;
    }
    return null;
  }
  const withRound2 = round2Closed(e);
  if (e.round1_closed_at) section.append(h('p', { class: 'muted' }, t('election-page-round1-closed', { date: date(e.round1_closed_at) })));
  if (withRound2) section.append(h('p', { class: 'muted' }, t('election-page-round2-closed', { date: date(e.round2_closed_at) })));
  const anyTie = standings.some((s) => tied(e, s.status));
  if (anyTie) section.append(h('p', { class: 'warning', role: 'status' }, t('election-page-tie-notice')));
  // The outcome first (elected, tied, not elected, not advanced), the API's ranking within.
  const rank = (s) => (s.status === 'elected' ? 0 : s.status === 'round2' ? 1 : s.status === 'not_elected' ? 2 : 3);
  standings = standings.map((s, i) => ({ ...s, i })).sort((a, b) => rank(a) - rank(b) || a.i - b.i);
  const outcome = (s) => {
    if (tied(e, s.status)) return badge(t('election-page-tied'), 'warn');
    return statusBadge(s.status);
  };
  // Focusable, so that a keyboard can scroll it when it is wider than a phone.
  section.append(h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'results-caption' }, h('table', { class: 'results-table' },
    h('caption', { class: 'visually-hidden', id: 'results-caption' }, t('election-page-results-caption')),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col', class: 'num' }, t('election-page-col-place')),
      h('th', { scope: 'col' }, t('election-page-col-name')),
      h('th', { scope: 'col', class: 'num' }, t('election-page-col-round1')),
      withRound2 ? h('th', { scope: 'col', class: 'num' }, t('election-page-col-round2')) : null,
      h('th', { scope: 'col' }, t('election-page-col-outcome')))),
    h('tbody', {}, standings.map((s, i) => h('tr', { class: s.status === 'elected' ? 'elected' : null },
      h('td', { class: 'num' }, String(i + 1)),
      h('th', { scope: 'row' }, s.name),
      h('td', { class: 'num' }, String(s.round1_votes)),
      withRound2 ? h('td', { class: 'num' }, String(s.round2_votes ?? 0)) : null,
      h('td', {}, outcome(s))))))));
  if (anyTie && e.tie && ctx.is('moderator', 'admin')) {
    const mod = await import('./elections-moderation.js');
    section.append(mod.tieForm(ctx, e, standings));
  }
  return section;
}

// ---------------------------------------------------------------------------------------------
// The commission

/** `/cities/:city/commission`: the members elected in the latest election. */
export async function commission(ctx) {
  useStyle(STYLE);
  const title = h('h1', {}, t('commission-title'));
  let found;
  try {
    found = await api.get(ctx.cityApi('/commission'));
  } catch (err) {
    if (err instanceof ApiError && err.code === 'election-not-enabled') {
      return [title, h('p', { class: 'notice' }, t('election-page-disabled'))];
    }
    throw err;
  }
  if (!found) {
    return [title, h('p', { class: 'notice' }, t('commission-none')),
      h('p', {}, h('a', { href: ctx.path('/election') }, t('commission-see-election')))];
  }
  return [
    title,
    h('p', { class: 'lead' }, t('commission-lead')),
    found.elected_at ? h('p', {}, t('commission-elected-at', { date: date(found.elected_at) })) : null,
    h('section', { 'aria-labelledby': 'members-title' },
      h('h2', { id: 'members-title' }, t('commission-members')),
      found.members.length
        ? h('ul', { class: 'candidates members' }, found.members.map((m) => h('li', { class: 'card candidate' },
          h('div', { class: 'candidate-head' }, portrait(m),
            h('div', {}, h('h3', {}, m.name), h('p', { class: 'candidate-badges' }, statusBadge(m.status)))),
          aboutTexts(m))))
        : h('p', { class: 'empty' }, t('commission-no-members'))),
    h('p', {}, h('a', { href: ctx.path(`/elections/${found.election_id}`) }, t('commission-see-election'))),
  ];
}

// ---------------------------------------------------------------------------------------------
// The candidate's application

const STEPS = [1, 2, 3];

function editable(app, phase) {
  if (app.status === 'draft') return phase === 'applications';
  if (app.status === 'rejected') return phase === 'applications' || phase === 'review';
  return false;
}

/** `/cities/:city/me/candidate`: the three-page form, then the application's status. */
export async function candidateWizard(ctx) {
  useStyle(STYLE);
  if (!ctx.user) throw new ApiError(401, {});
  const title = h('h1', {}, t('wizard-title'));
  const found = await findElection(ctx);
  if (!found?.election) {
    return [title, h('p', { class: 'notice' }, t(found?.disabled ? 'election-page-disabled' : 'wizard-no-election'))];
  }
  const e = found.election;
  const base = electionApi(ctx, e.id);
  const mine = await orNull(api.get(`${base}/applications/mine`), 404);
  const flashNode = takeFlash();
  const appStage = stageOf(e, 'applications');
  const electionLink = h('p', {}, h('a', { href: ctx.path(`/elections/${e.id}`) }, t('wizard-see-election')));

  if (!mine) {
    const parts = [title, flashNode, h('p', { class: 'lead' }, t('wizard-intro'))];
    if (appStage) parts.push(h('p', {}, t('wizard-applications-dates', { start: date(appStage.start), end: date(appStage.end) })));
    if (e.phase === 'applications') {
      const status = h('div', { class: 'form-status' });
      const start = h('button', { type: 'button', class: 'btn primary' }, t('wizard-start'));
      start.addEventListener('click', async () => {
        start.disabled = true;
        try {
          await api.post(`${base}/applications`);
          await ctx.navigate(`${ctx.path('/me/candidate')}?step=1`);
        } catch (err) {
          start.disabled = false;
          const box = problemBox(err);
          box.setAttribute('tabindex', '-1');
          status.replaceChildren(box);
          box.focus();
        }
      });
      parts.push(status, h('p', {}, start));
    } else if (e.phase === 'before') {
      parts.push(h('p', { class: 'notice' }, t('wizard-not-open-yet', { date: date(appStage?.start) })));
    } else {
      parts.push(h('p', { class: 'notice' }, t('wizard-closed')));
    }
    parts.push(electionLink);
    return parts;
  }

  const history = await api.get(`${base}/applications/${mine.id}/history`);
  const canEdit = editable(mine, e.phase);
  const parts = [title, flashNode, statusBlock(e, mine, canEdit)];
  if (canEdit) {
    parts.push(...await wizardPage(ctx, e, mine));
  } else {
    parts.push(summary(mine));
    parts.push(electionLink);
  }
  if (history.length) parts.push(historyBlock(ctx, history));
  return parts;
}

function statusBlock(e, app, canEdit) {
  const review = stageOf(e, 'review');
  const block = h('section', { class: 'application-status', 'aria-labelledby': 'app-status-title' },
    h('h2', { id: 'app-status-title' }, t('wizard-status'), ' ', statusBadge(app.status)),
    app.submitted_at ? h('p', { class: 'muted' }, t('wizard-submitted-at', { date: date(app.submitted_at) })) : null);
  if (app.status === 'rejected' && app.moderator_comment) {
    block.append(h('div', { class: 'warning moderator-comment' },
      h('h3', {}, t('wizard-moderator-comment')),
      h('p', { class: 'comment-text' }, app.moderator_comment)));
  }
  const note = {
    on_moderation: ['notice', 'wizard-on-moderation'],
    deleted: ['problem', 'wizard-deleted'],
    round1: ['success', 'wizard-published'],
    round2: ['success', 'wizard-published'],
    not_advanced: ['notice', 'wizard-published'],
    elected: ['success', 'wizard-published'],
    not_elected: ['notice', 'wizard-published'],
  }[app.status];
  if (note) block.append(h('p', { class: note[0] }, t(note[1])));
  if (app.status === 'rejected') {
    block.append(canEdit
      ? h('p', {}, t('wizard-rejected-fix', { date: date(review?.end) }))
      : h('p', { class: 'notice' }, t('wizard-rejected-closed')));
  }
  if (app.status === 'draft' && !canEdit) block.append(h('p', { class: 'notice' }, t('wizard-draft-closed')));
  return block;
}

function stepNav(ctx, step, maxStep, page) {
  return h('nav', { class: 'wizard-nav', 'aria-label': t('wizard-steps') },
    h('ol', { class: 'wizard-steps' }, STEPS.map((n) => {
      const current = n === step;
      const done = n <= page;
      const inner = [h('span', { class: 'step-number', 'aria-hidden': 'true' }, done && !current ? '✓' : String(n)),
        h('span', { class: 'step-label' }, t(`wizard-step-${n}`)),
        done ? h('span', { class: 'visually-hidden' }, ' ', t('wizard-step-done')) : null];
      const cls = `wizard-step${current ? ' current' : ''}${done ? ' done' : ''}`;
      if (!current && n <= maxStep) {
        return h('li', { class: cls }, h('a', { href: `${ctx.path('/me/candidate')}?step=${n}` }, inner));
      }
      return h('li', { class: cls, 'aria-current': current ? 'step' : null }, h('span', { class: 'step-inner' }, inner));
    })));
}

async function wizardPage(ctx, e, app) {
  const page = app.page || 0;
  const maxStep = Math.min(3, page + 1);
  const asked = Number(new URLSearchParams(location.search).get('step'));
  const step = STEPS.includes(asked) && asked <= maxStep ? asked : maxStep;
  const go = (n) => ctx.navigate(`${ctx.path('/me/candidate')}?step=${n}`);
  const heading = h('h2', { id: 'wizard-step-title' },
    h('span', { class: 'step-of' }, t('wizard-step-of', { n: step, total: STEPS.length })), ' ', t(`wizard-step-${step}`));
  const back = step > 1 ? h('a', { class: 'btn', href: `${ctx.path('/me/candidate')}?step=${step - 1}` }, t('wizard-back')) : null;
  const appApi = electionApi(ctx, e.id, `/applications/${app.id}`);
  let body;
  if (step === 1) body = await personalPage(ctx, appApi, () => go(2));
  else if (step === 2) body = aboutPage(app, appApi, () => go(3));
  else body = consentsPage(ctx, app, appApi);
  const section = h('section', { class: 'wizard', 'aria-labelledby': 'wizard-step-title' }, heading, body);
  if (back) [...section.querySelectorAll('.form-actions')].pop()?.prepend(back);
  return [stepNav(ctx, step, maxStep, page), section];
}

async function personalPage(ctx, appApi, next) {
  const me = await api.get(ctx.cityApi('/me'));
  const missing = me.missing_fields || [];
  const value = (v) => v ? v : h('span', { class: 'muted' }, t('wizard-not-filled'));
  const row = (key, v, code) => h('div', { class: missing.includes(code) ? 'missing' : null },
    h('dt', {}, key), h('dd', {}, value(v)));
  const name = [me.last_name, me.first_name, me.patronymic].filter(Boolean).join(' ');
  const f = form({
    submitLabel: t('wizard-next'),
    onSubmit: async () => { await api.put(`${appApi}/personal`, {}); await next(); },
    children: [
      h('p', { class: 'hint' }, t('wizard-personal-hint')),
      missing.length ? h('div', { class: 'warning', role: 'status' },
        h('p', {}, t('wizard-personal-missing', { fields: missing.map((m) => label('field', m)).join(', ') })),
        h('p', {}, h('a', { class: 'btn', href: ctx.path('/me') }, t('wizard-go-profile')))) : null,
      h('dl', { class: 'facts personal' },
        row(t('wizard-name'), name, 'last_name'),
        row(label('field', 'birth_date'), me.birth_date ? date(me.birth_date) : null, 'birth_date'),
        row(label('field', 'phone'), me.phone, 'phone'),
        row(label('field', 'email'), me.email, 'email'),
        row(label('field', 'registration_address'), me.registration_address, 'registration_address'),
        row(label('field', 'residence_address'), me.residence_address, 'residence_address')),
      missing.length ? null : h('p', {}, h('a', { href: ctx.path('/me') }, t('wizard-edit-profile'))),
    ],
  });
  return f;
}

function aboutPage(app, appApi, next) {
  return form({
    submitLabel: t('wizard-save-next'),
    onSubmit: async (v) => {
      await api.put(`${appApi}/about`, {
        motivation: v.motivation, experience: v.experience || null, organization: v.organization || null,
      });
      await next();
    },
    children: [
      field({ label: t('wizard-motivation'), name: 'motivation', type: 'textarea', rows: 7, required: true, value: app.motivation, hint: t('wizard-motivation-hint'), attrs: { maxlength: 5000 } }),
      field({ label: t('wizard-experience'), name: 'experience', type: 'textarea', rows: 5, value: app.experience, hint: t('wizard-experience-hint'), attrs: { maxlength: 5000 } }),
      field({ label: t('wizard-organization'), name: 'organization', value: app.organization, hint: t('wizard-organization-hint'), attrs: { maxlength: 300 } }),
    ],
  });
}

function consentsPage(ctx, app, appApi) {
  const docsBox = h('div', { class: 'documents' });
  let docs = app.documents || [];
  const drawDocs = () => {
    replace(docsBox, docs.length
      ? h('ul', { class: 'document-list' }, docs.map((d) => {
        const del = h('button', { type: 'button', class: 'btn danger small', 'aria-label': t('wizard-document-delete', { name: d.file_name }) }, t('action-delete'));
        del.addEventListener('click', async () => {
          const ok = await ask({ title: t('wizard-document-delete', { name: d.file_name }), text: t('wizard-document-delete-confirm', { name: d.file_name }), confirmLabel: t('action-delete') });
          if (!ok) return;
          try {
            await api.del(`${appApi}/documents/${d.id}`);
            docs = docs.filter((x) => x.id !== d.id);
            drawDocs();
            announce(t('wizard-document-deleted'));
            upload.querySelector('input[type=file]')?.focus();
          } catch (err) {
            docsBox.prepend(problemBox(err));
          }
        });
        return h('li', {}, h('a', { href: d.url, target: '_blank', rel: 'noopener' }, d.file_name),
          h('span', { class: 'muted' }, ` · ${fileSize(d.size_bytes)}`), ' ', del);
      }))
      : h('p', { class: 'empty' }, t('wizard-documents-none')));
  };
  drawDocs();
  const fileField = field({ label: t('wizard-document-file'), name: 'file', type: 'file', attrs: { accept: 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png' } });
  const upload = form({
    class: 'form upload-form',
    submitLabel: t('wizard-document-add'),
    onSubmit: async (v, el) => {
      if (!v.file) throw new ApiError(422, { title: t('wizard-document-choose'), field: 'file' });
      const doc = await api.upload(`${appApi}/documents`, v.file, 'POST', { name: v.file.name });
      docs = [...docs, doc];
      drawDocs();
      el.reset();
      el.status.replaceChildren(h('p', { class: 'success', role: 'status' }, t('wizard-document-added', { name: doc.file_name })));
    },
    children: [fileField],
  });

  const resubmit = app.status === 'rejected';
  const consents = () => {
    const f = consentForm;
    return {
      personal_data: f.querySelector('input[name=consent_personal_data]').checked,
      rules: f.querySelector('input[name=consent_rules]').checked,
    };
  };
  const consentForm = form({
    submitLabel: t(resubmit ? 'wizard-resubmit' : 'wizard-submit'),
    onSubmit: async () => {
      await api.put(`${appApi}/consents`, consents());
      await api.post(`${appApi}/status`, { action: resubmit ? 'resubmit' : 'submit' });
      setFlash('success', t('wizard-submitted'));
      await ctx.navigate(ctx.path('/me/candidate'));
      announce(t('wizard-submitted'));
    },
    children: [
      h('fieldset', {},
        h('legend', {}, t('wizard-consents')),
        field({ label: t('wizard-consent-personal-data'), name: 'consent_personal_data', type: 'checkbox', value: app.consent_personal_data }),
        field({ label: t('wizard-consent-rules'), name: 'consent_rules', type: 'checkbox', value: app.consent_rules })),
    ],
  });
  const saveDraft = h('button', { type: 'button', class: 'btn' }, t('wizard-save-draft'));
  saveDraft.addEventListener('click', async () => {
    consentForm.status.replaceChildren();
    try {
      await api.put(`${appApi}/consents`, consents());
      consentForm.status.replaceChildren(h('p', { class: 'success', role: 'status' }, t('wizard-draft-saved')));
    } catch (err) {
      const box = problemBox(err);
      consentForm.status.replaceChildren(box);
    }
  });
  consentForm.querySelector('.form-actions').append(saveDraft);

  return h('div', { class: 'wizard-final' },
    h('section', { class: 'wizard-documents', 'aria-labelledby': 'docs-title' },
      h('h3', { id: 'docs-title' }, t('wizard-documents')),
      h('p', { class: 'hint' }, t('wizard-documents-hint')),
      docsBox, upload),
    consentForm);
}

function fileSize(bytes) {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The application as submitted (read-only). */
export function summary(app, { title = t('wizard-your-application'), level = 2 } = {}) {
  const p = app.personal;
  const row = (key, v) => v ? h('div', {}, h('dt', {}, key), h('dd', {}, v)) : null;
  const sub = `h${level + 1}`;
  return h('section', { class: 'application-summary', 'aria-labelledby': 'app-summary-title' },
    h(`h${level}`, { id: 'app-summary-title' }, title),
    h('div', { class: 'candidate-head' }, portrait(app), h('div', {}, h(sub, { class: 'candidate-name' }, app.name))),
    p ? h('dl', { class: 'facts personal' },
      row(label('field', 'birth_date'), p.birth_date ? date(p.birth_date) : null),
      row(label('field', 'phone'), p.phone),
      row(label('field', 'email'), p.email),
      row(label('field', 'registration_address'), p.registration_address),
      row(label('field', 'residence_address'), p.residence_address)) : null,
    aboutTexts(app),
    documentLinks(app, { heading: sub }));
}

/** The application's documents as links (the candidate and staff may open them). */
export function documentLinks(app, { heading = 'h3' } = {}) {
  const docs = app.documents || [];
  return h('div', { class: 'document-links' },
    h(heading, {}, t('wizard-documents')),
    docs.length
      ? h('ul', { class: 'document-list' }, docs.map((d) => h('li', {},
        h('a', { href: d.url, target: '_blank', rel: 'noopener' }, d.file_name),
        h('span', { class: 'muted' }, ` · ${fileSize(d.size_bytes)}`))))
      : h('p', { class: 'empty' }, t('ecmod-no-documents')));
}

/** The status history, oldest first. */
export function historyBlock(ctx, rows, { heading = 'h2', title = t('wizard-history') } = {}) {
  const id = uid('history');
  return h('section', { class: 'history', 'aria-labelledby': id },
    h(heading, { id }, title),
    h('ol', { class: 'history-list' }, rows.map((r) => h('li', {},
      h('time', { datetime: r.at }, dateTime(r.at, ctx.city.time_zone)), ' ',
      h('span', {}, r.from
        ? t('wizard-history-entry', { from: label('candidate-status', r.from), to: label('candidate-status', r.to) })
        : t('wizard-history-created', { to: label('candidate-status', r.to) })),
      r.comment ? h('p', { class: 'comment-text' }, r.comment) : null))));
}
