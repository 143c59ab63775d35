// The resident's own pages: my projects, the project editor (draft → submit, revise when
// returned, withdraw; cost estimate priced exactly by the server; photos and documents) and
// my votes.

import { api, ApiError } from '../api.js';
import { t, label, pick, money, dateTime, percentText } from '../i18n.js';
import { h, field, form, ask, announce, problemBox, useStyle, uid, setFlash, takeFlash } from '../dom.js';
import { currentSession } from './public.js';
import { statusBadge, ineligibleNote } from '../projects.js';
import { addressField } from './resident-address.js';

const STYLE = '/css/resident.css';

const PUBLIC = new Set(['on_moderation', 'rejected', 'admitted', 'winner', 'not_selected', 'in_progress', 'implemented', 'not_implemented', 'needs_revision']);
const VOTED_ON = new Set(['admitted', 'winner', 'not_selected', 'in_progress', 'implemented', 'not_implemented']);
const WITHDRAWABLE = new Set(['draft', 'on_moderation', 'needs_revision', 'admitted']);

function stageOf(session) {
  return session?.now?.kind === 'stage' ? session.now.stage : null;
}

/** Whether the author may change the project now (a draft during submission; a returned one
 * during submission or review). */
function editableNow(project, session) {
  const stage = stageOf(session);
  if (project.status === 'draft') return stage === 'submission';
  if (project.status === 'needs_revision') return stage === 'submission' || stage === 'review';
  return false;
}

function withdrawableNow(project, session) {
  const stage = stageOf(session);
  return WITHDRAWABLE.has(project.status) && (stage === 'submission' || stage === 'review');
}

async function sessionById(ctx, id) {
  try {
    return await api.get(ctx.cityApi(`/sessions/${id}`));
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

// ---- money, exactly ----

/** «1 200,50», «1200.5 грн» → "1200.50"-like text the API takes, or null when it is not money. */
export function normalizeMoney(text) {
  const s = String(text ?? '').replace(/[\s\u00a0\u202f₴]|грн\.?|uah/gi, '').replace(',', '.');
  return /^\d+(\.\d{1,2})?$/.test(s) ? s : null;
}

/** Money text as minor units (a BigInt), for exact comparison. */
function minor(text) {
  const [whole, frac = ''] = String(text).split('.');
  return BigInt(whole || '0') * 100n + BigInt((frac + '00').slice(0, 2));
}

// ---- my projects ----

export async function myProjects(ctx) {
  useStyle(STYLE);
  const [items, session] = await Promise.all([api.get(ctx.cityApi('/me/projects')), currentSession(ctx)]);
  const pots = new Map((session?.pots ?? []).map((p) => [p.id, p]));
  const parts = [h('h1', {}, t('myprojects-title'))];
  const shown = takeFlash();
  if (shown) parts.push(shown);
  const open = stageOf(session) === 'submission';
  parts.push(open
    ? h('p', { class: 'actions' }, h('a', { class: 'btn primary', href: ctx.path('/me/projects/new') }, t('myprojects-new')))
    : h('p', { class: 'notice' }, t('myprojects-submission-closed')));

  if (!items.length) {
    parts.push(h('p', { class: 'empty' }, t('myprojects-empty')));
    return parts;
  }
  const categories = new Map(ctx.city.categories.map((c) => [c.id, c]));
  parts.push(h('ul', { class: 'my-projects' }, items.map((p) => {
    const pot = pots.get(p.pot_id);
    const hid = uid('proj');
    return h('li', { class: 'card my-project' },
      h('div', { class: 'my-project-head' },
        h('h2', { id: hid, class: 'my-project-title' }, h('a', { href: ctx.path(`/me/projects/${p.id}`) }, p.title)),
        statusBadge(p.status)),
      h('dl', { class: 'facts' },
        h('div', {}, h('dt', {}, t('myprojects-cost')), h('dd', {}, money(p.cost))),
        pot ? h('div', {}, h('dt', {}, t('editor-pot')), h('dd', {}, pick(pot.name))) : null,
        categories.get(p.category_id) ? h('div', {}, h('dt', {}, t('editor-category')), h('dd', {}, pick(categories.get(p.category_id).name))) : null,
        h('div', {}, h('dt', {}, t('myprojects-since')), h('dd', {}, dateTime(p.status_changed_at, ctx.city.time_zone))),
        p.votes != null && VOTED_ON.has(p.status) ? h('div', {}, h('dt', {}, t('myprojects-votes')), h('dd', {}, String(p.votes))) : null),
      h('p', { class: 'next-step' }, nextStep(p, session)),
      h('div', { class: 'actions' }, projectActions(ctx, p, session, hid)));
  })));
  return parts;
}

function nextStep(p, session) {
  const stage = stageOf(session);
  switch (p.status) {
    case 'draft': return stage === 'submission' ? t('myprojects-next-draft') : t('myprojects-next-draft-closed');
    case 'on_moderation': return t('myprojects-next-moderation');
    case 'needs_revision': return t('myprojects-next-revision');
    case 'admitted': return t('myprojects-next-admitted');
    case 'rejected': return t('myprojects-next-rejected');
    default: return t('myprojects-next-other');
  }
}

function projectActions(ctx, p, session, labelledBy) {
  const out = [];
  const editable = editableNow(p, session);
  if (p.status === 'draft' && editable) out.push(h('a', { class: 'btn primary', href: ctx.path(`/me/projects/${p.id}`), 'aria-describedby': labelledBy }, t('myprojects-edit')));
  else if (p.status === 'needs_revision' && editable) out.push(h('a', { class: 'btn primary', href: ctx.path(`/me/projects/${p.id}`), 'aria-describedby': labelledBy }, t('myprojects-revise')));
  else out.push(h('a', { class: 'btn', href: ctx.path(`/me/projects/${p.id}`), 'aria-describedby': labelledBy }, t('myprojects-open')));
  if (PUBLIC.has(p.status)) out.push(h('a', { class: 'btn', href: ctx.path(`/projects/${p.id}`), 'aria-describedby': labelledBy }, t('myprojects-public-page')));
  return out;
}

// ---- the editor ----

export async function newProject(ctx) {
  useStyle(STYLE);
  const [session, me] = await Promise.all([currentSession(ctx), api.get(ctx.cityApi('/me'))]);
  const parts = [h('h1', {}, t('editor-new-title')), backLink(ctx)];
  if (stageOf(session) !== 'submission') {
    parts.push(h('p', { class: 'notice' }, t('editor-submission-closed')));
    return parts;
  }
  if (me.missing_fields.length) parts.push(missingProfile(ctx, me));
  parts.push(h('p', { class: 'lead' }, t('editor-new-lead')));
  parts.push(editor(ctx, { session, project: null }));
  return parts;
}

function backLink(ctx) {
  return h('p', { class: 'back' }, h('a', { href: ctx.path('/me/projects') }, t('editor-back')));
}

function missingProfile(ctx, me) {
  return h('div', { class: 'warning', role: 'region', 'aria-label': t('editor-profile-incomplete-title') },
    h('p', {}, h('strong', {}, t('editor-profile-incomplete-title'))),
    h('p', {}, t('editor-profile-incomplete', { fields: me.missing_fields.map((f) => label('field', f)).join(', ') })),
    h('p', {}, h('a', { href: ctx.path('/me') }, t('editor-profile-link'))));
}

export async function editProject(ctx, params) {
  useStyle(STYLE);
  const id = Number(params.id);
  const [project, mine] = await Promise.all([
    api.get(ctx.cityApi(`/projects/${encodeURIComponent(params.id)}`)),
    api.get(ctx.cityApi('/me/projects')),
  ]);
  const parts = [h('h1', {}, project.title), backLink(ctx)];
  if (!mine.some((p) => p.id === id)) {
    parts.push(h('p', { class: 'notice' }, t('editor-not-yours')),
      h('p', {}, h('a', { href: ctx.path(`/projects/${id}`) }, t('myprojects-public-page'))));
    return parts;
  }
  const session = await sessionById(ctx, project.session_id);
  const shown = takeFlash();
  if (shown) parts.push(shown);

  parts.push(h('p', { class: 'status-line' },
    t('editor-status'), ' ', statusBadge(project.status), ' ',
    h('span', { class: 'muted' }, t('editor-status-since', { when: dateTime(project.status_changed_at, ctx.city.time_zone) })),
    PUBLIC.has(project.status) ? [' · ', h('a', { href: ctx.path(`/projects/${id}`) }, t('myprojects-public-page'))] : null));

  if (project.status === 'needs_revision' && project.status_comment) {
    parts.push(h('section', { class: 'warning moderator-comment', 'aria-labelledby': 'revision-heading' },
      h('h2', { id: 'revision-heading' }, t('editor-revision-title')),
      h('p', {}, t('editor-revision-text')),
      h('blockquote', {}, project.status_comment)));
  } else if (project.status_comment && ['rejected', 'not_implemented'].includes(project.status)) {
    parts.push(h('section', { class: 'problem moderator-comment', 'aria-labelledby': 'reason-heading' },
      h('h2', { id: 'reason-heading' }, t('editor-reason-title')),
      h('blockquote', {}, project.status_comment)));
  }

  const editable = editableNow(project, session);
  if (editable) {
    const me = await api.get(ctx.cityApi('/me'));
    if (me.missing_fields.length) parts.push(missingProfile(ctx, me));
    const formEl = editor(ctx, { session, project });
    parts.push(h('section', { 'aria-labelledby': 'form-heading' },
      h('h2', { id: 'form-heading' }, t('editor-content')), formEl));
    parts.push(filesSection(ctx, project, true));
    parts.push(submitSection(ctx, project, formEl));
  } else {
    if (['draft', 'needs_revision'].includes(project.status)) parts.push(h('p', { class: 'notice' }, t('editor-closed')));
    parts.push(readOnly(ctx, project, session));
    parts.push(filesSection(ctx, project, false));
  }
  if (withdrawableNow(project, session)) parts.push(withdrawSection(ctx, project));
  parts.push(historySection(ctx, project));
  return parts;
}

/** The project's form. Saving creates the draft (then its page opens) or changes it; the
 * submit section's button saves and then submits. */
function editor(ctx, { session, project }) {
  const p = project || {};
  const pots = session?.pots ?? [];
  let intent = 'save';

  const potField = field({
    label: t('editor-pot'), name: 'pot_id', type: 'select', required: true, value: p.pot_id ?? '',
    hint: t('editor-pot-hint'),
    options: [['', t('editor-choose')], ...pots.map((pot) => [pot.id, t('editor-pot-option', { name: pick(pot.name), max: money(pot.max_project_cost) })])],
  });
  const categoryField = field({
    label: t('editor-category'), name: 'category_id', type: 'select', required: true, value: p.category_id ?? '',
    options: [['', t('editor-choose')], ...ctx.city.categories.map((c) => [c.id, pick(c.name)])],
  });
  const districtField = field({
    label: t('editor-district'), name: 'district_id', type: 'select', value: p.district_id ?? '',
    hint: t('editor-district-hint'),
    options: [['', t('editor-district-none')], ...ctx.city.districts.map((d) => [d.id, pick(d.name)])],
  });
  const latField = field({ label: t('editor-lat'), name: 'lat', value: p.lat ?? '', attrs: { inputmode: 'decimal', placeholder: '50.450100' } });
  const lonField = field({ label: t('editor-lon'), name: 'lon', value: p.lon ?? '', attrs: { inputmode: 'decimal', placeholder: '30.523400' } });
  const addr = addressField({
    ctx, label: t('editor-address'), name: 'address', value: p.address ?? '', hint: t('editor-address-hint'),
    onPick: (r) => {
      latField.control.value = r.lat.toFixed(6);
      lonField.control.value = r.lon.toFixed(6);
      announce(t('editor-point-set'));
    },
  });

  const estimate = estimateEditor(p.items?.length ? p.items : [{ name: '', quantity: 1, unit_price: '' }], () => {
    const pot = pots.find((x) => String(x.id) === potField.control.value);
    return pot ? pot.max_project_cost : null;
  }, session?.parameters?.cost_reserve_percent ?? '0');
  potField.control.addEventListener('change', () => estimate.reprice());

  const f = form({
    submitLabel: project ? t('editor-save') : t('editor-create'),
    children: [
      h('fieldset', {}, h('legend', {}, t('editor-about')),
        potField, categoryField,
        field({ label: t('editor-title'), name: 'title', required: true, value: p.title ?? '', hint: t('editor-title-hint'), attrs: { maxlength: 200 } }),
        field({ label: t('editor-description'), name: 'description', type: 'textarea', required: true, value: p.description ?? '', rows: 8, hint: t('editor-description-hint') }),
        field({ label: t('editor-beneficiaries'), name: 'beneficiaries', type: 'textarea', rows: 3, value: p.beneficiaries ?? '', hint: t('editor-beneficiaries-hint') }),
        field({ label: t('editor-implementation'), name: 'implementation_notes', type: 'textarea', rows: 3, value: p.implementation_notes ?? '' })),
      h('fieldset', {}, h('legend', {}, t('editor-location')),
        h('p', { class: 'hint' }, t('editor-location-hint')),
        addr, districtField,
        h('div', { class: 'latlon' }, latField, lonField)),
      estimate.el,
    ],
    onSubmit: async (v) => {
      const wantsSubmit = intent === 'submit';
      intent = 'save';
      const body = collect(v, estimate);
      if (!project) {
        const created = await api.post(ctx.cityApi('/projects'), body);
        setFlash('success', t('editor-created'));
        await ctx.navigate(ctx.path(`/me/projects/${created.id}`), { replace: true });
        return;
      }
      await api.put(ctx.cityApi(`/projects/${project.id}`), body);
      if (wantsSubmit) {
        const action = project.status === 'needs_revision' ? 'resubmit' : 'submit';
        const ok = await ask({
          title: t(`editor-${action}`),
          text: t('editor-submit-confirm'),
          confirmLabel: t(`editor-${action}`),
        });
        if (!ok) {
          f.status.replaceChildren(h('p', { class: 'success', role: 'status' }, t('editor-saved')));
          return;
        }
        await api.post(ctx.cityApi(`/projects/${project.id}/status`), { action });
        setFlash('success', t('editor-submitted'));
        await ctx.rerender();
        return;
      }
      f.status.replaceChildren(h('p', { class: 'success', role: 'status' }, t('editor-saved')));
      announce(t('editor-saved'));
    },
  });
  f.id = 'project-form';
  f.classList.add('editor');
  f.setIntent = (x) => { intent = x; };
  return f;
}

/** The request body from the form's values; problems found here are shown like the API's. */
function collect(v, estimate) {
  const body = {
    pot_id: v.pot_id ? Number(v.pot_id) : null,
    category_id: v.category_id ? Number(v.category_id) : null,
    title: v.title,
    description: v.description,
    address: v.address || null,
    beneficiaries: v.beneficiaries || null,
    implementation_notes: v.implementation_notes || null,
    items: estimate.lines(true),
  };
  if (!body.pot_id) throw new ApiError(422, { title: t('editor-pot-required'), field: 'pot_id' });
  if (!body.category_id) throw new ApiError(422, { title: t('editor-category-required'), field: 'category_id' });
  if (v.district_id) body.district_id = Number(v.district_id);
  const lat = v.lat.replace(',', '.');
  const lon = v.lon.replace(',', '.');
  if (lat || lon) {
    if (!/^-?\d+(\.\d+)?$/.test(lat)) throw new ApiError(422, { title: t('editor-point-invalid'), field: 'lat' });
    if (!/^-?\d+(\.\d+)?$/.test(lon)) throw new ApiError(422, { title: t('editor-point-invalid'), field: 'lon' });
    body.lat = Number(lat);
    body.lon = Number(lon);
  }
  return body;
}

/**
 * The cost estimate: lines of name, quantity and unit price; each line's total and the sum come
 * from the server (POST /estimates/price), exact to the kopiyka, with the session's cost reserve
 * (`reservePercent`, `0` for none) as a line of its own. Money is text throughout.
 */
export function estimateEditor(initial, maxCost, reservePercent) {
  const hasReserve = Number(reservePercent) > 0;
  let lines = initial.map((l) => ({ name: l.name ?? '', quantity: String(l.quantity ?? 1), unit_price: l.unit_price ?? '' }));
  let totals = [];
  let timer = null;
  let seq = 0;
  const list = h('ol', { class: 'estimate-lines' });
  const total = h('output', { class: 'estimate-total amount', 'aria-live': 'polite' });
  const subtotal = h('output', { class: 'amount' });
  const reserve = h('output', { class: 'amount' });
  const limit = h('p', { class: 'estimate-limit', 'aria-live': 'polite' });
  const add = h('button', { type: 'button', class: 'btn' }, t('editor-line-add'));

  function draw(focusIndex) {
    list.replaceChildren(...lines.map((line, i) => {
      const n = i + 1;
      const name = field({ label: t('editor-line-name', { n }), name: `items[${i}].name`, value: line.name, required: true });
      const qty = field({ label: t('editor-line-quantity'), name: `items[${i}].quantity`, value: line.quantity, required: true, attrs: { inputmode: 'numeric', class: 'qty' } });
      const price = field({ label: t('editor-line-price'), name: `items[${i}].unit_price`, value: line.unit_price, required: true, attrs: { inputmode: 'decimal', class: 'price' }, hint: null });
      name.control.addEventListener('input', () => { line.name = name.control.value; schedule(); });
      qty.control.addEventListener('input', () => { line.quantity = qty.control.value; schedule(); });
      price.control.addEventListener('input', () => { line.unit_price = price.control.value; schedule(); });
      const remove = h('button', { type: 'button', class: 'btn link line-remove', 'aria-label': t('editor-line-remove-n', { n }) }, t('editor-line-remove'));
      remove.disabled = lines.length === 1;
      remove.addEventListener('click', () => {
        lines.splice(i, 1);
        draw(Math.min(i, lines.length - 1));
        schedule(0);
        announce(t('editor-line-removed', { n }));
      });
      const lineTotal = h('span', { class: 'line-total' }, totals[i] ? money(totals[i]) : '—');
      return h('li', { class: 'estimate-line' },
        name, qty, price,
        h('div', { class: 'line-foot' }, h('span', { class: 'muted' }, t('editor-line-total')), ' ', lineTotal, remove));
    }));
    if (focusIndex !== undefined && list.children[focusIndex]) list.children[focusIndex].querySelector('input')?.focus();
  }

  function schedule(ms = 400) {
    clearTimeout(timer);
    timer = setTimeout(reprice, ms);
  }

  /** The lines for the API; `strict`: problems are thrown for the form to show. */
  function apiLines(strict) {
    return lines.map((l, i) => {
      const q = String(l.quantity).trim();
      if (strict && !/^\d+$/.test(q)) throw new ApiError(422, { title: t('editor-line-quantity-invalid'), field: `items[${i}].quantity` });
      const price = normalizeMoney(l.unit_price);
      return { name: l.name.trim(), quantity: Number(q), unit_price: price ?? String(l.unit_price).trim() };
    });
  }

  async function reprice() {
    const mine = ++seq;
    // Price the lines that can be priced; the others show a dash.
    const idx = [];
    const items = [];
    lines.forEach((l, i) => {
      const q = String(l.quantity).trim();
      const price = normalizeMoney(l.unit_price);
      if (/^\d+$/.test(q) && Number(q) >= 1 && price !== null) {
        idx.push(i);
        items.push({ name: l.name.trim() || '—', quantity: Number(q), unit_price: price });
      }
    });
    if (!items.length) {
      totals = [];
      subtotal.textContent = '—';
      reserve.textContent = '—';
      updateTotals(null);
      return;
    }
    try {
      const out = await api.post('/estimates/price', { items, reserve_percent: hasReserve ? reservePercent : null });
      if (mine !== seq) return;
      totals = [];
      idx.forEach((i, k) => { totals[i] = out.items[k].total; });
      subtotal.textContent = money(out.subtotal);
      reserve.textContent = out.reserve ? money(out.reserve.amount) : '—';
      updateTotals(idx.length === lines.length ? out.total : null, out.total);
    } catch {
      if (mine !== seq) return;
      totals = [];
      updateTotals(null);
    }
  }

  function updateTotals(full, partial) {
    [...list.children].forEach((li, i) => {
      const span = li.querySelector('.line-total');
      if (span) span.textContent = totals[i] ? money(totals[i]) : '—';
    });
    total.textContent = full ? money(full) : (partial ? t('editor-total-partial', { sum: money(partial) }) : '—');
    const max = maxCost();
    const sum = full || partial;
    if (max && sum && minor(sum) > minor(max)) {
      limit.className = 'estimate-limit field-error';
      limit.textContent = t('editor-over-limit', { max: money(max) });
    } else {
      limit.className = 'estimate-limit hint';
      limit.textContent = max ? t('editor-limit', { max: money(max) }) : '';
    }
  }

  add.addEventListener('click', () => {
    lines.push({ name: '', quantity: '1', unit_price: '' });
    draw(lines.length - 1);
    announce(t('editor-line-added', { n: lines.length }));
  });

  const errId = uid('items-err');
  const el = h('fieldset', { class: 'estimate', dataset: { field: 'items' }, 'aria-describedby': errId },
    h('legend', {}, t('editor-estimate')),
    h('p', { class: 'hint' }, t('editor-estimate-hint')),
    h('p', { class: 'field-error', id: errId, hidden: true }),
    list,
    h('p', { class: 'actions' }, add),
    hasReserve ? h('p', { class: 'estimate-sum estimate-subtotal' }, h('span', {}, t('cost-subtotal')), ' ', subtotal) : null,
    hasReserve ? h('p', { class: 'estimate-sum estimate-reserve' }, h('span', {}, t('cost-reserve-line', { percent: percentText(reservePercent) })), ' ', reserve) : null,
    hasReserve ? h('p', { class: 'hint' }, t('editor-reserve-hint', { percent: percentText(reservePercent) })) : null,
    h('p', { class: 'estimate-sum' }, h('span', {}, t('editor-total')), ' ', total),
    limit);
  draw();
  reprice();
  return { el, lines: apiLines, reprice };
}

function submitSection(ctx, project, formEl) {
  const action = project.status === 'needs_revision' ? 'resubmit' : 'submit';
  const btn = h('button', { type: 'submit', form: formEl.id, class: 'btn primary' }, t(`editor-${action}`));
  btn.addEventListener('click', () => formEl.setIntent('submit'));
  return h('section', { class: 'card submit-box', 'aria-labelledby': 'submit-heading' },
    h('h2', { id: 'submit-heading' }, t('editor-submit-title')),
    h('p', {}, t(action === 'submit' ? 'editor-submit-text' : 'editor-resubmit-text')),
    h('div', { class: 'actions' }, btn));
}

function readOnly(ctx, project, session) {
  const pot = (session?.pots ?? []).find((x) => x.id === project.pot_id);
  const category = ctx.city.categories.find((c) => c.id === project.category_id);
  const district = ctx.city.districts.find((d) => d.id === project.district_id);
  return h('section', { 'aria-labelledby': 'summary-heading' },
    h('h2', { id: 'summary-heading' }, t('editor-summary')),
    h('dl', { class: 'facts' },
      pot ? h('div', {}, h('dt', {}, t('editor-pot')), h('dd', {}, pick(pot.name))) : null,
      category ? h('div', {}, h('dt', {}, t('editor-category')), h('dd', {}, pick(category.name))) : null,
      h('div', {}, h('dt', {}, t('editor-district')), h('dd', {}, district ? pick(district.name) : t('editor-district-citywide'))),
      project.address ? h('div', {}, h('dt', {}, t('editor-address')), h('dd', {}, project.address)) : null,
      h('div', {}, h('dt', {}, t('myprojects-cost')), h('dd', {}, money(project.cost))),
      project.submitted_at ? h('div', {}, h('dt', {}, t('editor-submitted-at')), h('dd', {}, dateTime(project.submitted_at, ctx.city.time_zone))) : null),
    h('h3', {}, t('editor-description')),
    h('div', { class: 'description' }, project.description),
    h('h3', { id: 'estimate-heading' }, t('editor-estimate')),
    h('ul', { class: 'estimate-view', 'aria-labelledby': 'estimate-heading' }, project.items.map((l) => h('li', {},
      h('span', { class: 'ev-name' }, l.name),
      h('span', { class: 'ev-calc muted' }, t('editor-line-calc', { quantity: l.quantity, price: money(l.unit_price) })),
      h('span', { class: 'ev-total' }, money(l.total)))).concat(project.reserve ? [h('li', { class: 'ev-reserve' },
      h('span', { class: 'ev-name' }, t('cost-reserve-line', { percent: percentText(project.reserve.percent) })),
      h('span', { class: 'ev-calc muted' }, t('cost-reserve-of', { sum: money(project.subtotal) })),
      h('span', { class: 'ev-total' }, money(project.reserve.amount)))] : [])),
    h('p', { class: 'estimate-sum' }, h('span', {}, t('editor-total')), ' ', h('span', { class: 'amount' }, money(project.cost))));
}

// ---- files ----

function filesSection(ctx, project, editable) {
  const section = h('section', { class: 'files', 'aria-labelledby': 'files-heading' });
  const draw = (p) => {
    section.replaceChildren(...[
      h('h2', { id: 'files-heading' }, t('editor-files')),
      editable ? h('p', { class: 'hint' }, t('editor-files-hint')) : null,
      h('h3', { id: 'images-heading' }, t('editor-images')),
      p.images.length
        ? h('ul', { class: 'thumbs', 'aria-labelledby': 'images-heading' }, p.images.map((f) => h('li', { class: 'thumb' },
          h('img', { src: f.url, alt: t('editor-image-alt', { name: f.name }), loading: 'lazy' }),
          h('span', { class: 'thumb-name' }, f.name),
          editable ? removeButton(ctx, p, f, draw) : null)))
        : h('p', { class: 'empty' }, t('editor-no-images')),
      editable ? uploadForm(ctx, p, 'image', draw) : null,
      h('h3', { id: 'docs-heading' }, t('editor-documents')),
      p.documents.length
        ? h('ul', { class: 'docs', 'aria-labelledby': 'docs-heading' }, p.documents.map((f) => h('li', {},
          h('a', { href: f.url, target: '_blank', rel: 'noopener' }, f.name), ' ',
          h('span', { class: 'muted' }, t('editor-file-size', { kb: Math.max(1, Math.round(f.size_bytes / 1024)) })), ' ',
          editable ? removeButton(ctx, p, f, draw) : null)))
        : h('p', { class: 'empty' }, t('editor-no-documents')),
      editable ? uploadForm(ctx, p, 'document', draw) : null].filter(Boolean));
  };
  draw(project);
  return section;
}

function removeButton(ctx, project, file, redraw) {
  const btn = h('button', { type: 'button', class: 'btn link danger-link' }, t('editor-file-remove'),
    h('span', { class: 'visually-hidden' }, ` ${file.name}`));
  btn.addEventListener('click', async () => {
    const ok = await ask({ title: t('editor-file-remove-title'), text: t('editor-file-remove-confirm', { name: file.name }), confirmLabel: t('editor-file-remove') });
    if (!ok) return;
    try {
      await api.del(ctx.cityApi(`/projects/${project.id}/files/${file.id}`));
      const fresh = await api.get(ctx.cityApi(`/projects/${project.id}`));
      redraw(fresh);
      announce(t('editor-file-removed', { name: file.name }));
      document.getElementById('files-heading')?.setAttribute('tabindex', '-1');
      document.getElementById('files-heading')?.focus();
    } catch (err) {
      btn.after(problemBox(err));
    }
  });
  return btn;
}

function uploadForm(ctx, project, kind, redraw) {
  const f = form({
    class: 'form upload-form',
    submitLabel: t(`editor-upload-${kind}`),
    children: [field({
      label: t(`editor-file-${kind}`), name: 'file', type: 'file', hint: t(`editor-file-${kind}-hint`),
      attrs: { accept: kind === 'image' ? 'image/jpeg,image/png' : 'application/pdf' },
    })],
    onSubmit: async (v) => {
      if (!v.file) throw new ApiError(422, { title: t('editor-file-choose'), field: 'file' });
      await api.upload(ctx.cityApi(`/projects/${project.id}/files`), v.file, 'POST', { kind, name: v.file.name });
      const fresh = await api.get(ctx.cityApi(`/projects/${project.id}`));
      redraw(fresh);
      announce(t('editor-file-added', { name: v.file.name }));
      const heading = document.getElementById(kind === 'image' ? 'images-heading' : 'docs-heading');
      heading?.setAttribute('tabindex', '-1');
      heading?.focus();
    },
  });
  f.id = `upload-${kind}`;
  return f;
}

// ---- withdraw and history ----

function withdrawSection(ctx, project) {
  const btn = h('button', { type: 'button', class: 'btn danger' }, t('editor-withdraw'));
  const out = h('div', {});
  btn.addEventListener('click', async () => {
    const ok = await ask({ title: t('editor-withdraw'), text: t('editor-withdraw-confirm'), confirmLabel: t('editor-withdraw') });
    if (!ok) return;
    try {
      await api.post(ctx.cityApi(`/projects/${project.id}/status`), { action: 'withdraw' });
      setFlash('success', t('editor-withdrawn'));
      await ctx.rerender();
    } catch (err) {
      out.replaceChildren(problemBox(err));
    }
  });
  return h('section', { class: 'card danger-zone', 'aria-labelledby': 'withdraw-heading' },
    h('h2', { id: 'withdraw-heading' }, t('editor-withdraw-title')),
    h('p', {}, t('editor-withdraw-text')),
    h('div', { class: 'actions' }, btn), out);
}

function historySection(ctx, project) {
  const rows = [...project.history].reverse();
  return h('section', { 'aria-labelledby': 'history-heading' },
    h('h2', { id: 'history-heading' }, t('editor-history')),
    rows.length
      ? h('ol', { class: 'history', 'aria-label': t('editor-history-caption') }, rows.map((r) => h('li', {},
        h('time', { datetime: r.at, class: 'muted' }, dateTime(r.at, ctx.city.time_zone)),
        h('p', { class: 'history-change' },
          r.from ? [h('span', {}, label('project-status', r.from)), h('span', { 'aria-hidden': 'true' }, ' → '), h('span', { class: 'visually-hidden' }, ` ${t('editor-history-to')} `)] : null,
          statusBadge(r.to)),
        r.comment ? h('blockquote', {}, r.comment) : null)))
      : h('p', { class: 'empty' }, t('editor-history-empty')));
}

// ---- my votes ----

export async function myVotes(ctx) {
  useStyle(STYLE);
  const parts = [h('h1', {}, t('myvotes-title'))];
  const session = await currentSession(ctx);
  if (!session) {
    parts.push(h('p', { class: 'notice' }, t('myvotes-no-session')));
    return parts;
  }
  const ballot = await api.get(ctx.cityApi('/me/ballot'));
  const projects = await Promise.all(ballot.projects.map((id) =>
    api.get(ctx.cityApi(`/projects/${id}`)).catch(() => ({ id, title: t('myvotes-project-n', { id }), pot_id: null, cost: null }))));
  const stage = stageOf(session);
  const votingOpen = stage === 'voting';
  const shown = takeFlash();
  if (shown) parts.push(shown);

  parts.push(h('p', { class: 'lead' }, pick(session.name)));
  parts.push(h('div', { class: 'vote-stats', role: 'group', 'aria-label': t('myvotes-summary') },
    h('div', { class: 'stat' }, h('span', { class: 'stat-value' }, String(ballot.cast)), h('span', { class: 'stat-label' }, t('myvotes-cast', { count: ballot.cast }))),
    h('div', { class: 'stat' }, h('span', { class: 'stat-value' }, String(ballot.remaining)), h('span', { class: 'stat-label' }, t('myvotes-remaining', { count: ballot.remaining }))),
    h('div', { class: 'stat' }, h('span', { class: 'stat-value' }, String(ballot.votes_per_voter)), h('span', { class: 'stat-label' }, t('myvotes-total', { count: ballot.votes_per_voter })))));

  if (ballot.channel === 'paper') parts.push(h('p', { class: 'notice' }, t('myvotes-paper')));
  if (ballot.ineligible && ballot.channel !== 'paper' && votingOpen) {
    parts.push(ineligibleNote(ctx, ballot.ineligible));
  } else if (votingOpen && ballot.remaining > 0 && ballot.channel !== 'paper') {
    parts.push(h('p', { class: 'actions' }, h('a', { class: 'btn primary', href: ctx.path('/projects') }, t('myvotes-go-vote'))));
  } else if (!votingOpen) {
    parts.push(h('p', { class: 'notice' }, stage === 'submission' || stage === 'review' || session.now.kind === 'not_started'
      ? t('myvotes-not-yet') : t('myvotes-closed')));
  }

  // Per pot: votes given, and the pot's own limit where it has one.
  const perPot = session.pots.map((pot) => {
    const used = projects.filter((p) => p.pot_id === pot.id).length;
    return h('li', { class: 'card pot-usage' },
      h('strong', {}, pick(pot.name)),
      h('span', {}, pot.max_votes_per_voter != null
        ? t('myvotes-pot-used-of', { used, max: pot.max_votes_per_voter, left: Math.max(0, Math.min(pot.max_votes_per_voter - used, ballot.remaining)) })
        : t('myvotes-pot-used', { used })));
  });
  parts.push(h('section', { 'aria-labelledby': 'pots-heading' },
    h('h2', { id: 'pots-heading' }, t('myvotes-per-pot')),
    h('ul', { class: 'card-list' }, perPot)));

  const canWithdraw = ballot.withdrawal && votingOpen && ballot.channel !== 'paper';
  const pots = new Map(session.pots.map((p) => [p.id, p]));
  parts.push(h('section', { 'aria-labelledby': 'voted-heading' },
    h('h2', { id: 'voted-heading' }, t('myvotes-voted-for')),
    ballot.withdrawal ? h('p', { class: 'hint' }, t('myvotes-withdrawal-allowed')) : h('p', { class: 'hint' }, t('myvotes-withdrawal-not-allowed')),
    projects.length
      ? h('ul', { class: 'voted' }, projects.map((p) => h('li', { class: 'card voted-item' },
        h('a', { href: ctx.path(`/projects/${p.id}`), class: 'voted-title' }, p.title),
        h('span', { class: 'muted' }, [pots.get(p.pot_id) ? pick(pots.get(p.pot_id).name) : null, p.cost ? money(p.cost) : null].filter(Boolean).join(' · ')),
        canWithdraw ? withdrawVote(ctx, p) : null)))
      : h('p', { class: 'empty' }, t('myvotes-none'))));
  return parts;
}

function withdrawVote(ctx, project) {
  const btn = h('button', { type: 'button', class: 'btn danger' }, t('myvotes-withdraw'), h('span', { class: 'visually-hidden' }, `: ${project.title}`));
  btn.addEventListener('click', async () => {
    const ok = await ask({ title: t('myvotes-withdraw'), text: t('myvotes-withdraw-confirm', { title: project.title }), confirmLabel: t('myvotes-withdraw') });
    if (!ok) return;
    try {
      await api.del(ctx.cityApi(`/projects/${project.id}/vote`));
      setFlash('success', t('myvotes-withdrawn', { title: project.title }));
      await ctx.rerender();
    } catch (err) {
      btn.after(problemBox(err));
    }
  });
  return h('div', { class: 'actions' }, btn);
}

