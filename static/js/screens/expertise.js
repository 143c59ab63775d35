// Expert review («експертиза»): the expert's screen (the queue of projects of their categories
// and the conclusion form: feasible or not, reasons, a corrected estimate), and on a project's
// page the public conclusions and the author's one revision in answer.

import { api, ApiError } from '../api.js';
import { t, pick, money, dateTime } from '../i18n.js';
import { h, replace, field, form, badge, problemBox, announce, useStyle, setFlash, takeFlash } from '../dom.js';
import { nameOf } from '../projects.js';
import { estimateEditor } from './resident.js';

/** The session's pot limit and reserve for a project, for the estimate editor. */
async function sessionOf(ctx, sessionId) {
  return api.get(ctx.cityApi(`/sessions/${sessionId}`)).catch(() => null);
}

function editorFor(p, session) {
  const pot = session?.pots.find((x) => x.id === p.pot_id);
  const lines = p.items.map((l) => ({ name: l.name, quantity: l.quantity, unit_price: l.unit_price }));
  return estimateEditor(lines.length ? lines : [{ name: '', quantity: 1, unit_price: '' }],
    () => pot?.max_project_cost ?? null, session?.parameters?.cost_reserve_percent ?? '0');
}

// ---- the expert's screen ----

export async function expertQueue(ctx) {
  useStyle('/css/moderation.css');
  if (!ctx.user) throw new ApiError(401, {});
  const title = h('h1', {}, t('exp-title'));
  if (!ctx.is('expert')) return [title, h('p', { class: 'problem', role: 'alert' }, t('exp-forbidden'))];
  const queue = await api.get(ctx.cityApi('/expertise/queue?limit=100'));
  const flash = takeFlash();
  const categories = queue.categories.map((id) => nameOf(ctx.city.categories, id) || `#${id}`);
  const list = h('ul', { class: 'exp-queue' }, queue.items.map((item) => queueItem(ctx, item)));
  return [
    title,
    flash,
    h('p', { class: 'lead' }, categories.length
      ? t('exp-categories', { list: categories.join(', ') })
      : t('exp-no-categories')),
    h('h2', {}, t('exp-queue-title', { count: queue.total })),
    queue.items.length ? list : h('p', { class: 'empty' }, t('exp-queue-empty')),
  ];
}

function queueItem(ctx, item) {
  const slot = h('div', { class: 'exp-form-slot' });
  const open = h('button', { type: 'button', class: 'btn primary', 'aria-expanded': 'false' }, t('exp-conclude'));
  open.addEventListener('click', async () => {
    if (open.getAttribute('aria-expanded') === 'true') {
      open.setAttribute('aria-expanded', 'false');
      replace(slot);
      return;
    }
    open.setAttribute('aria-expanded', 'true');
    replace(slot, h('p', { class: 'loading' }, t('loading')));
    try {
      replace(slot, await conclusionForm(ctx, item));
      slot.querySelector('input, textarea')?.focus();
    } catch (err) {
      replace(slot, problemBox(err));
    }
  });
  return h('li', { class: 'card exp-item', dataset: { project: String(item.id) } },
    h('h3', {}, h('a', { href: ctx.path(`/projects/${item.id}`) }, item.title)),
    h('p', {},
      badge(t('exp-round', { round: item.round }), item.round === 2 ? 'warn' : ''), ' ',
      nameOf(ctx.city.categories, item.category_id) || '', ' · ', money(item.cost), ' · ',
      h('span', { class: 'muted' }, t('exp-waiting-since', { at: dateTime(item.status_changed_at, ctx.city.time_zone) }))),
    open, slot);
}

async function conclusionForm(ctx, item) {
  const p = await api.get(ctx.cityApi(`/projects/${item.id}`));
  const session = await sessionOf(ctx, p.session_id);
  const editor = editorFor(p, session);
  const correct = field({ label: t('exp-correct-cost'), name: 'correct', type: 'checkbox', value: false, hint: t('exp-correct-cost-hint') });
  const editorBox = h('div', { class: 'exp-estimate', hidden: true }, editor.el);
  correct.control.addEventListener('change', () => { editorBox.hidden = !correct.control.checked; });
  const verdict = h('fieldset', { class: 'field' },
    h('legend', {}, t('exp-verdict')),
    ['yes', 'no'].map((v) => h('label', { class: 'radio' },
      h('input', { type: 'radio', name: 'feasible', value: v, checked: v === 'yes' }), ' ',
      t(v === 'yes' ? 'exp-feasible' : 'exp-not-feasible'))));
  return form({
    submitLabel: t('exp-submit', { round: item.round }),
    children: [
      verdict,
      field({ label: t('exp-reasons'), name: 'reasons', type: 'textarea', rows: 5, hint: t('exp-reasons-hint') }),
      correct,
      editorBox,
    ],
    onSubmit: async (v) => {
      const body = { feasible: v.feasible === 'yes', reasons: v.reasons || null };
      if (v.correct) body.items = editor.lines(true);
      await api.post(ctx.cityApi(`/projects/${item.id}/conclusions`), body);
      setFlash('success', t('exp-given', { title: item.title }));
      await ctx.rerender();
    },
  });
}

// ---- on a project's page ----

/** The expert review of a project, for its page; `null` when the session has none. */
export async function loadExpertise(ctx, id) {
  const review = await api.get(ctx.cityApi(`/projects/${id}/expertise`)).catch(() => null);
  return review?.enabled ? review : null;
}

/** The conclusions (public) and, for the author when it is open, the revision form. */
export function expertiseSection(state) {
  const { ctx, p, expertise: review, isAuthor } = state;
  const box = h('section', { class: 'project-section', 'aria-labelledby': 'about-expertise' },
    h('h2', { id: 'about-expertise' }, t('exp-section')),
    h('p', { class: 'muted' }, t(`exp-state-${review.state}`)),
    review.conclusions.length
      ? h('ol', { class: 'history exp-conclusions' }, review.conclusions.map((c) => conclusionItem(ctx, p, c)))
      : null,
    review.revision
      ? h('p', { class: 'exp-revision' }, t('exp-revised', {
        at: dateTime(review.revision.created_at, ctx.city.time_zone),
        before: money(review.revision.cost_before), after: money(review.revision.cost_after),
      }))
      : null);
  if (isAuthor && review.revision_open) box.append(revisionArea(state));
  return box;
}

function conclusionItem(ctx, p, c) {
  const category = nameOf(ctx.city.categories, p.category_id);
  return h('li', { class: 'exp-conclusion', dataset: { round: String(c.round) } },
    h('span', { class: 'history-when' }, dateTime(c.created_at, ctx.city.time_zone)), ' ',
    h('strong', {}, t('exp-conclusion-by', { round: c.round, category: category || '—' })), ' ',
    badge(t(c.feasible ? 'exp-feasible' : 'exp-not-feasible'), c.feasible ? 'ok' : 'danger'),
    c.overturned ? [' ', badge(t('exp-overturned'), 'ok')] : null,
    c.reasons ? h('p', { class: 'history-comment pre' }, c.reasons) : null,
    c.cost_after ? h('p', {}, t('exp-cost-corrected', { before: money(c.cost_before), after: money(c.cost_after) })) : null);
}

function revisionArea(state) {
  const { ctx, p } = state;
  const slot = h('div', { class: 'exp-revision-slot' });
  const open = h('button', { type: 'button', class: 'btn primary', 'aria-expanded': 'false' }, t('exp-revise'));
  open.addEventListener('click', async () => {
    open.setAttribute('aria-expanded', 'true');
    open.hidden = true;
    const session = state.session ?? await sessionOf(ctx, p.session_id);
    const editor = editorFor(p, session);
    replace(slot, form({
      submitLabel: t('exp-revise-submit'),
      children: [
        h('p', { class: 'hint' }, t('exp-revise-hint')),
        field({ label: t('exp-revise-description'), name: 'description', type: 'textarea', rows: 10, value: p.description, required: true }),
        editor.el,
      ],
      onSubmit: async (v) => {
        await api.post(ctx.cityApi(`/projects/${p.id}/expert-revision`), { description: v.description, items: editor.lines(true) });
        announce(t('exp-revise-done'));
        await ctx.rerender();
      },
    }));
    slot.querySelector('textarea')?.focus();
  });
  return h('div', { class: 'card exp-revise' }, h('p', {}, t('exp-revise-lead')), open, slot);
}

// ---- the admin's staff screen: which categories each expert reviews ----

/** The experts' categories: a table with a remove button per assignment, and a form to assign. */
export async function expertAssignments(ctx, opts, experts) {
  const assignments = await api.get(ctx.cityApi('/expert-categories'));
  const status = h('div', { class: 'adm-list-status' });
  const nameOfExpert = (id) => {
    const m = experts.find((e) => e.user_id === id);
    return m ? `${m.name || t('adm-staff-no-name')}${m.login ? ` (${m.login})` : ''}` : `#${id}`;
  };
  const categoryName = (id) => nameOf(ctx.city.categories, id) || `#${id}`;
  const rows = h('ul', { class: 'exp-assignments' }, assignments.map((a) => h('li', {},
    h('span', {}, t('exp-assignment', { expert: nameOfExpert(a.user_id), category: categoryName(a.category_id) })), ' ',
    opts.readOnly ? null : h('button', {
      type: 'button', class: 'btn link danger',
      'aria-label': t('exp-unassign-named', { expert: nameOfExpert(a.user_id), category: categoryName(a.category_id) }),
      onclick: async () => {
        try {
          await api.del(ctx.cityApi(`/expert-categories/${a.id}`));
        } catch (err) {
          status.replaceChildren(problemBox(err));
          announce(err.message);
          return;
        }
        await opts.reload();
        opts.flash(t('exp-unassigned', { expert: nameOfExpert(a.user_id), category: categoryName(a.category_id) }));
      },
    }, t('exp-unassign')))));
  const parts = [
    h('h3', { id: 'expert-categories' }, t('exp-admin-title')),
    h('p', { class: 'hint' }, t('exp-admin-lead')),
    status,
    assignments.length ? rows : h('p', { class: 'empty' }, t('exp-admin-empty')),
  ];
  if (!opts.readOnly && experts.length && ctx.city.categories.length) {
    parts.push(form({
      submitLabel: t('exp-assign'),
      class: 'form exp-assign',
      children: [
        field({ label: t('exp-admin-expert'), name: 'user_id', type: 'select', value: experts[0].user_id, options: experts.map((e) => [e.user_id, nameOfExpert(e.user_id)]) }),
        field({ label: t('exp-admin-category'), name: 'category_id', type: 'select', value: ctx.city.categories[0].id, options: ctx.city.categories.map((c) => [c.id, pick(c.name)]) }),
      ],
      onSubmit: async (v) => {
        await api.post(ctx.cityApi('/expert-categories'), { user_id: Number(v.user_id), category_id: Number(v.category_id) });
        await opts.reload();
        opts.flash(t('exp-assigned', { expert: nameOfExpert(Number(v.user_id)), category: categoryName(Number(v.category_id)) }));
      },
    }));
  } else if (!opts.readOnly && !experts.length) {
    parts.push(h('p', { class: 'muted' }, t('exp-admin-no-experts')));
  }
  return parts;
}
