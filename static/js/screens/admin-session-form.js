// The parts of the budget session and election forms: a timeline of stages (each starting the
// day after the previous one ends, so only the first start and every end are asked for), the
// pots, and the session's parameters.

import { ApiError } from '../api.js';
import { t, label, date, pick, percentText } from '../i18n.js';
import { h, field, uid } from '../dom.js';
import { nameFields, intOrNull, addDays, daysBetween } from './admin-common.js';

export const SESSION_STAGES = ['submission', 'endorsement', 'review', 'voting', 'results', 'implementation'];
export const OPTIONAL_STAGES = ['endorsement', 'implementation'];
export const SESSION_DAYS = { submission: 30, endorsement: 14, review: 30, voting: 30, results: 10, implementation: 365 };
export const ELECTION_STAGES = ['applications', 'review', 'round1', 'round2', 'results'];
export const ELECTION_DAYS = { applications: 14, review: 7, round1: 7, round2: 7, results: 3 };
export const RESULTS_RULES = ['greedy', 'greedy-no-skip', 'greedy-threshold', 'greedy-per-cost', 'equalshares/add1'];
export const PROFILE_FIELDS = ['last_name', 'first_name', 'patronymic', 'birth_date', 'phone', 'email', 'registration_address', 'residence_address', 'photo'];
export const REGISTRATION_METHODS = ['password', 'kyiv_id'];

/**
 * A timeline editor. `stages`: [{kind, start, end}] as stored (or defaults); `kinds` in order;
 * `labelKind` the message family of their names (`stage-kind`, `election-stage`); `optional`
 * kinds get an «is there such a stage» checkbox. Changing an end moves the following stages so
 * each keeps its length and starts the day after the one before. `.read()` gives the stages
 * for the API or throws a problem naming the `stages` field.
 */
export function stageEditor({ kinds, labelKind, stages, optional = [], defaults, legend, hint }) {
  const byKind = Object.fromEntries(stages.map((s) => [s.kind, s]));
  const rows = [];
  const startField = field({ label: t('adm-stage-first-start'), name: 'stage-first-start', type: 'date', required: true, value: stages[0]?.start || '' });
  const box = h('fieldset', { class: 'field adm-stages', 'data-field': 'stages' },
    h('legend', {}, legend),
    hint ? h('p', { class: 'hint' }, hint) : null,
    h('p', { class: 'field-error', hidden: true }),
    startField);
  const list = h('ol', { class: 'adm-stage-list' });
  box.append(list);

  for (const kind of kinds) {
    const s = byKind[kind];
    const name = label(labelKind, kind);
    const endField = field({ label: t('adm-stage-end', { stage: name }), name: `stage-end-${kind}`, type: 'date', value: s?.end || '' });
    const startText = h('span', { class: 'adm-stage-start' });
    const lengthText = h('span', { class: 'muted adm-stage-length' });
    let include = null;
    if (optional.includes(kind)) {
      include = field({ label: t('adm-stage-include', { stage: name }), name: `stage-on-${kind}`, type: 'checkbox', value: Boolean(s) });
    }
    const row = { kind, name, endField, startText, lengthText, include };
    rows.push(row);
    list.append(h('li', { class: 'adm-stage' },
      h('strong', { class: 'adm-stage-name' }, name),
      include,
      h('p', { class: 'adm-stage-from' }, startText, lengthText),
      endField));
    endField.control.addEventListener('change', () => cascade(rows.indexOf(row)));
    include?.control.addEventListener('change', () => {
      if (include.control.checked && !row.endField.control.value) {
        const start = startOf(rows.indexOf(row));
        if (start) row.endField.control.value = addDays(start, (defaults?.[kind] || 30) - 1);
      }
      // The later stages move with it and keep their lengths.
      cascade(rows.indexOf(row));
    });
  }
  startField.control.addEventListener('change', () => cascade(-1));

  const active = (r) => !r.include || r.include.control.checked;
  // The start of row i: the first start, or the day after the previous active stage ends.
  function startOf(i) {
    let start = startField.control.value;
    for (let j = 0; j < i; j++) {
      if (!active(rows[j])) continue;
      const end = rows[j].endField.control.value;
      if (!end) return '';
      start = addDays(end, 1);
    }
    return start;
  }
  // Remembered lengths, so a move keeps each later stage as long as it was.
  const lengths = new Map();
  function remember() {
    rows.forEach((r, i) => {
      const start = startOf(i);
      const end = r.endField.control.value;
      if (start && end) lengths.set(r.kind, daysBetween(start, end));
    });
  }
  function cascade(from) {
    for (let i = from + 1; i < rows.length; i++) {
      const r = rows[i];
      if (!active(r)) continue;
      const start = startOf(i);
      if (!start) break;
      const len = lengths.has(r.kind) ? lengths.get(r.kind) : (defaults?.[r.kind] || 30) - 1;
      r.endField.control.value = addDays(start, Math.max(0, len));
    }
    refresh();
  }
  function refresh() {
    rows.forEach((r, i) => {
      const on = active(r);
      r.endField.hidden = !on;
      r.startText.hidden = !on;
      r.lengthText.hidden = !on;
      const start = startOf(i);
      const end = r.endField.control.value;
      r.startText.textContent = start ? t('adm-stage-starts', { date: date(start) }) : '';
      r.lengthText.textContent = start && end && end >= start ? ` · ${t('adm-stage-days', { count: daysBetween(start, end) + 1 })}` : '';
    });
    remember();
  }
  refresh();

  box.read = () => {
    const out = [];
    rows.forEach((r, i) => {
      if (!active(r)) return;
      const start = startOf(i);
      const end = r.endField.control.value;
      if (!start || !end) {
        throw new ApiError(422, { title: t('adm-stage-dates-missing'), detail: t('adm-stage-dates-missing-detail', { stage: r.name }), field: 'stages' });
      }
      out.push({ kind: r.kind, start, end });
    });
    return out;
  };
  return box;
}

/** Default stages from `start`, each as long as `days` says. */
export function defaultStages(kinds, days, start, skip = []) {
  const out = [];
  let from = start;
  for (const kind of kinds) {
    if (skip.includes(kind)) continue;
    const end = addDays(from, days[kind] - 1);
    out.push({ kind, start: from, end });
    from = addDays(end, 1);
  }
  return out;
}

/** Money as typed («1 000 000,50») in the API's form («1000000.50»). */
export function moneyText(text) {
  return String(text || '').replace(/[\s\u00a0\u202f₴]/g, '').replace(',', '.');
}

/** The pots: one box each (names, scope, total, the most a project may cost, a vote limit). */
export function potsEditor(pots) {
  const list = h('div', { class: 'adm-pots' });
  const status = h('p', { class: 'field-error', hidden: true });
  const box = h('fieldset', { class: 'field adm-pots-box', 'data-field': 'pots' },
    h('legend', {}, t('adm-pots')),
    h('p', { class: 'hint' }, t('adm-pots-hint')),
    status,
    list);
  const add = h('button', { type: 'button', class: 'btn' }, t('adm-pot-add'));
  box.append(h('p', {}, add));

  function renumber() {
    [...list.children].forEach((el, i) => {
      el.dataset.field = `pots[${i}]`;
      el.querySelector('legend').textContent = t('adm-pot-n', { n: i + 1 });
      for (const w of el.querySelectorAll('[data-part]')) {
        w.dataset.field = `pots[${i}].${w.dataset.part}`;
        w.control.name = w.dataset.field;
      }
      el.querySelector('.adm-pot-remove').hidden = list.children.length === 1;
    });
  }
  function part(wrap, name) { wrap.dataset.part = name; return wrap; }
  function potBox(p) {
    const [uk, en] = nameFields(p?.name, { prefix: 'pot', label: 'adm-pot-name' });
    const remove = h('button', { type: 'button', class: 'btn danger adm-pot-remove' }, t('adm-pot-remove'));
    const el = h('fieldset', { class: 'field adm-pot' },
      h('legend', {}),
      h('p', { class: 'field-error', hidden: true }),
      h('div', { class: 'adm-row' }, part(uk, 'name.uk'), part(en, 'name.en')),
      part(field({ label: t('adm-pot-scope'), name: 'scope', type: 'select', value: p?.scope || 'citywide', options: ['citywide', 'district'].map((s) => [s, t(`adm-pot-scope-${s}`)]) }), 'scope'),
      h('div', { class: 'adm-row' },
        part(field({ label: t('adm-pot-total'), name: 'total', value: p?.total || '', required: true, hint: t('adm-money-hint'), attrs: { inputmode: 'decimal', autocomplete: 'off' } }), 'total'),
        part(field({ label: t('adm-pot-max-cost'), name: 'max_project_cost', value: p?.max_project_cost || '', required: true, hint: t('adm-money-hint'), attrs: { inputmode: 'decimal', autocomplete: 'off' } }), 'max_project_cost')),
      part(field({ label: t('adm-pot-max-votes'), name: 'max_votes_per_voter', type: 'number', value: p?.max_votes_per_voter ?? '', hint: t('adm-pot-max-votes-hint'), attrs: { min: 1, max: 50, step: 1 } }), 'max_votes_per_voter'),
      part(field({ label: t('endorse-adm-pot-min'), name: 'min_endorsements', type: 'number', value: p?.min_endorsements ?? 0, hint: t('endorse-adm-pot-min-hint'), attrs: { min: 0, max: 1000000, step: 1 } }), 'min_endorsements'),
      h('p', {}, remove));
    remove.addEventListener('click', () => {
      el.remove();
      renumber();
      list.querySelector('input')?.focus();
    });
    return el;
  }
  for (const p of pots.length ? pots : [null]) list.append(potBox(p));
  renumber();
  add.addEventListener('click', () => {
    const el = potBox(null);
    list.append(el);
    renumber();
    el.querySelector('input').focus();
  });

  box.read = () => [...list.children].map((el) => {
    const v = (part) => el.querySelector(`[data-part="${part}"]`).control.value.trim();
    return {
      name: { uk: v('name.uk'), en: v('name.en') },
      scope: v('scope'),
      total: moneyText(v('total')),
      max_project_cost: moneyText(v('max_project_cost')),
      max_votes_per_voter: intOrNull(v('max_votes_per_voter')),
      min_endorsements: intOrNull(v('min_endorsements')) ?? 0,
    };
  });
  return box;
}

function checkGroup({ legend, name, options, checked, hint }) {
  const box = h('fieldset', { class: 'field adm-checks', 'data-field': name },
    h('legend', {}, legend),
    hint ? h('p', { class: 'hint' }, hint) : null,
    h('p', { class: 'field-error', hidden: true }),
    h('div', { class: 'adm-check-grid' }, options.map(([value, text]) => {
      const id = uid(name);
      return h('div', { class: 'adm-check' },
        h('input', { type: 'checkbox', id, value, 'data-group': name, checked: checked.includes(value) }),
        h('label', { for: id }, text));
    })));
  box.read = () => [...box.querySelectorAll(`input[data-group="${name}"]`)].filter((c) => c.checked).map((c) => c.value);
  return box;
}

/** The session's parameters. `.read()` gives them as the API takes them. */
export function parametersEditor(p) {
  const rule = field({ label: t('adm-param-results-rule'), name: 'results_rule', type: 'select', value: p.results_rule, options: RESULTS_RULES.map((r) => [r, t(`adm-rule-${r.replace('/', '-')}`)]) });
  const ruleHelp = h('p', { class: 'hint adm-rule-help' });
  const minVotes = field({ label: t('adm-param-min-votes'), name: 'min_votes_to_win', type: 'number', value: p.min_votes_to_win ?? '', hint: t('adm-param-min-votes-hint'), attrs: { min: 0, step: 1 } });
  const showRule = () => {
    const r = rule.control.value;
    ruleHelp.textContent = t(`results-rule-${r.replace('/', '-')}`, { min: minVotes.control.value || '…' });
  };
  rule.control.addEventListener('change', showRule);
  minVotes.control.addEventListener('input', showRule);
  rule.append(ruleHelp);
  showRule();
  const required = checkGroup({
    legend: t('adm-param-required-fields'), name: 'required_fields', hint: t('adm-param-required-fields-hint'),
    options: PROFILE_FIELDS.map((f) => [f, label('field', f)]), checked: p.required_fields,
  });
  const methods = checkGroup({
    legend: t('adm-param-registration-methods'), name: 'registration_methods',
    options: REGISTRATION_METHODS.map((m) => [m, t(`adm-method-${m.replace('_', '-')}`)]), checked: p.registration_methods,
  });
  const box = h('fieldset', { class: 'adm-params' },
    h('legend', {}, t('adm-params')),
    h('div', { class: 'adm-row' },
      field({ label: t('adm-param-votes-per-voter'), name: 'votes_per_voter', type: 'number', value: p.votes_per_voter, required: true, hint: t('adm-param-votes-per-voter-hint'), attrs: { min: 1, max: 50, step: 1 } }),
      field({ label: t('adm-param-min-voter-age'), name: 'min_voter_age', type: 'number', value: p.min_voter_age, required: true, attrs: { min: 14, max: 100, step: 1 } }),
      field({ label: t('adm-param-min-author-age'), name: 'min_author_age', type: 'number', value: p.min_author_age, required: true, attrs: { min: 14, max: 100, step: 1 } })),
    rule,
    minVotes,
    field({ label: t('adm-param-show-counts'), name: 'show_counts', type: 'select', value: p.show_counts, options: ['live', 'after_results'].map((s) => [s, t(`adm-show-counts-${s.replace('_', '-')}`)]) }),
    field({ label: t('adm-param-vote-withdrawal'), name: 'vote_withdrawal', type: 'checkbox', value: p.vote_withdrawal, hint: t('adm-param-vote-withdrawal-hint') }),
    field({ label: t('adm-param-one-per-category'), name: 'one_vote_per_category', type: 'checkbox', value: p.one_vote_per_category ?? false, hint: t('adm-param-one-per-category-hint') }),
    field({ label: t('adm-param-expert-review'), name: 'expert_review', type: 'checkbox', value: p.expert_review ?? false, hint: t('adm-param-expert-review-hint') }),
    field({ label: t('adm-param-voter-eligibility'), name: 'voter_eligibility', type: 'select', value: p.voter_eligibility ?? 'any', hint: t('adm-param-voter-eligibility-hint'), options: VOTER_ELIGIBILITY.map((e) => [e, eligibilityLabel(e)]) }),
    field({ label: t('adm-param-cost-reserve'), name: 'cost_reserve_percent', value: p.cost_reserve_percent ?? '0', required: true, hint: t('adm-param-cost-reserve-hint'), attrs: { inputmode: 'decimal', class: 'short' } }),
    field({ label: t('adm-param-appeal-days'), name: 'appeal_days', type: 'number', value: p.appeal_days ?? 7, required: true, hint: t('adm-param-appeal-days-hint'), attrs: { min: 0, max: 60, step: 1 } }),
    required,
    methods);
  box.read = () => {
    const v = (name) => box.querySelector(`[name="${name}"]`);
    return {
      votes_per_voter: intOrNull(v('votes_per_voter').value),
      min_voter_age: intOrNull(v('min_voter_age').value),
      min_author_age: intOrNull(v('min_author_age').value),
      results_rule: v('results_rule').value,
      min_votes_to_win: intOrNull(v('min_votes_to_win').value),
      show_counts: v('show_counts').value,
      vote_withdrawal: v('vote_withdrawal').checked,
      one_vote_per_category: v('one_vote_per_category').checked,
      expert_review: v('expert_review').checked,
      voter_eligibility: v('voter_eligibility').value,
      cost_reserve_percent: v('cost_reserve_percent').value.replace(/[\s%]/g, '').replace(',', '.'),
      appeal_days: intOrNull(v('appeal_days').value),
      required_fields: required.read(),
      registration_methods: methods.read(),
    };
  };
  return box;
}

/** Who may vote online (`voter_eligibility`): the session's rules, judged from Kyiv ID's data. */
const VOTER_ELIGIBILITY = ['any', 'registered', 'registered_or_taxpayer'];

function eligibilityLabel(rule) { return t(`adm-eligibility-${rule.replaceAll('_', '-')}`); }

/** The parameters as a list of facts (for observers and started sessions). */
export function parameterFacts(p) {
  return [
    [t('adm-param-votes-per-voter'), String(p.votes_per_voter)],
    [t('adm-param-min-voter-age'), String(p.min_voter_age)],
    [t('adm-param-min-author-age'), String(p.min_author_age)],
    [t('adm-param-results-rule'), t(`adm-rule-${p.results_rule.replace('/', '-')}`)],
    p.min_votes_to_win !== null && p.min_votes_to_win !== undefined ? [t('adm-param-min-votes'), String(p.min_votes_to_win)] : null,
    [t('adm-param-show-counts'), t(`adm-show-counts-${p.show_counts.replace('_', '-')}`)],
    [t('adm-param-vote-withdrawal'), p.vote_withdrawal ? t('yes') : t('no')],
    [t('adm-param-one-per-category'), p.one_vote_per_category ? t('yes') : t('no')],
    [t('adm-param-expert-review'), p.expert_review ? t('yes') : t('no')],
    [t('adm-param-voter-eligibility'), eligibilityLabel(p.voter_eligibility ?? 'any')],
    [t('adm-param-cost-reserve'), percentText(p.cost_reserve_percent ?? '0')],
    [t('adm-param-appeal-days'), String(p.appeal_days ?? 7)],
    [t('adm-param-required-fields'), p.required_fields.map((f) => label('field', f)).join(', ') || '—'],
    [t('adm-param-registration-methods'), p.registration_methods.map((m) => t(`adm-method-${m.replace('_', '-')}`)).join(', ')],
  ];
}

/** A pot's name for lists. */
export function potName(p) { return pick(p.name); }
