// Paper ballots from service centres for a session: one ballot entered by hand, a CSV file
// imported (each line counted or refused on its own), the list of imports and each one's report.

import { api, ApiError } from '../api.js';
import { t, pick, dateTime, number } from '../i18n.js';
import { h, replace, field, form, announce, badge } from '../dom.js';
import { canAct, query, tabHref, observerNote, chosenSession, sessionChooser, pager, flash, dataTable } from './moderation-util.js';

const PAGE = 20;
const REPORT_ROWS = 1000;

export async function paperTab(ctx) {
  const session = await chosenSession(ctx);
  if (!session) return [h('h2', {}, t('mod-tab-paper')), h('p', { class: 'notice' }, t('mod-no-session'))];
  const q = query();
  const head = [
    h('h2', {}, t('mod-paper-title', { session: pick(session.name) })),
    sessionChooser(ctx, 'paper', session),
    observerNote(ctx),
  ];
  const importId = Number(q.get('import'));
  if (importId) return [...head, await reportPage(ctx, session, importId)];

  const offset = Math.max(0, Number(q.get('offset')) || 0);
  const imports = h('section', { class: 'mod-imports', 'aria-labelledby': 'mod-imports-title' });
  await drawImports(ctx, session, imports, offset);
  return [
    ...head,
    h('p', { class: 'lead' }, t('mod-paper-lead')),
    canAct(ctx) ? h('div', { class: 'mod-sections two' },
      await entrySection(ctx, session),
      importSection(ctx, session, imports)) : null,
    imports,
  ];
}

function sessionQuery(ctx, session) {
  // The session is named in the address only when the reader chose one.
  return query().get('session') ? { session: session.id } : {};
}

/** The projects a paper ballot may mark: those admitted to this session's vote. */
async function admittedProjects(ctx, session) {
  const all = new Map();
  for (let offset = 0; offset < 2000; offset += 100) {
    const page = await api.get(ctx.cityApi('/projects'), { session: session.id, status: 'admitted', sort: 'newest', limit: 100, offset });
    for (const p of page.items) all.set(p.id, p);
    if (offset + 100 >= page.total) break;
  }
  return all;
}

function parseIds(text) {
  return text.split(/[\s,;]+/).map((s) => s.replace(/^№/, '').trim()).filter(Boolean);
}

async function entrySection(ctx, session) {
  const projects = await admittedProjects(ctx, session);
  const chosenId = 'mod-paper-chosen';
  const chosen = h('ul', { class: 'mod-chosen', id: chosenId, 'aria-live': 'polite' });
  const voter = field({ label: t('mod-paper-voter'), name: 'voter', required: true, hint: t('mod-paper-voter-hint'), autocomplete: 'off' });
  const birth = field({ label: t('mod-paper-birth-date'), name: 'birth_date', type: 'date', hint: t('mod-paper-birth-date-hint') });
  const ids = field({ label: t('mod-paper-projects'), name: 'projects', required: true, hint: t('mod-paper-projects-hint'),
    autocomplete: 'off', attrs: { inputmode: 'numeric' } });
  ids.control.setAttribute('aria-describedby', `${ids.control.getAttribute('aria-describedby')} ${chosenId}`);
  const chosenBox = h('div', { class: 'field', hidden: true }, h('p', { class: 'hint' }, t('mod-paper-projects-chosen')), chosen);
  const showChosen = () => {
    chosenBox.hidden = !parseIds(ids.control.value).length;
    replace(chosen, parseIds(ids.control.value).map((token) => {
      const p = projects.get(Number(token));
      return p ? h('li', {}, t('mod-project-id', { id: p.id }), ' — ', p.title)
        : h('li', { class: 'bad' }, t('mod-paper-projects-unknown', { id: token }));
    }));
  };
  ids.control.addEventListener('input', showChosen);

  const f = form({
    submitLabel: t('mod-paper-submit'),
    children: [voter, birth, ids, chosenBox],
    onSubmit: async (v, el) => {
      const tokens = parseIds(v.projects);
      const bad = tokens.find((x) => !/^\d+$/.test(x));
      if (bad) throw new ApiError(422, { title: t('mod-paper-projects-unknown', { id: bad }), field: 'projects' });
      const out = await api.post(ctx.cityApi(`/sessions/${session.id}/paper-ballots`), {
        voter: v.voter, birth_date: v.birth_date || null, projects: tokens.map(Number),
      });
      const text = t('mod-paper-entered', { votes: out.votes });
      el.reset();
      showChosen();
      replace(el.status, flash(text));
      announce(text);
      voter.control.focus();
    },
  });
  f.id = 'mod-paper-entry-form';
  return h('section', { 'aria-labelledby': 'mod-paper-entry-title' }, h('h2', { id: 'mod-paper-entry-title' }, t('mod-paper-entry')), f);
}

function importSection(ctx, session, imports) {
  const result = h('div', { class: 'mod-import-result' });
  const file = field({ label: t('mod-paper-file'), name: 'file', type: 'file', required: true, hint: t('mod-paper-import-hint'),
    attrs: { accept: '.csv,text/csv' } });
  const f = form({
    submitLabel: t('mod-paper-import-submit'),
    busyLabel: t('mod-paper-import-busy'),
    children: [file],
    onSubmit: async (v, el) => {
      const chosenFile = v.file;
      if (!chosenFile) throw new ApiError(422, { title: t('mod-paper-file-missing'), field: 'file' });
      const report = await api.upload(ctx.cityApi(`/sessions/${session.id}/paper-ballots/import`),
        chosenFile.type ? chosenFile : new Blob([chosenFile], { type: 'text/csv' }), 'POST', { name: chosenFile.name });
      el.reset();
      const text = t('mod-paper-report-summary', { accepted: report.accepted, refused: report.refused });
      replace(el.status, flash(text));
      announce(text);
      replace(result, h('h3', {}, t('mod-paper-report-title', { id: report.id })), reportTable(report));
      await drawImports(ctx, session, imports, 0);
    },
  });
  f.id = 'mod-paper-import-form';
  return h('section', { 'aria-labelledby': 'mod-paper-import-title' },
    h('h2', { id: 'mod-paper-import-title' }, t('mod-paper-import')), f, result);
}

async function drawImports(ctx, session, box, offset) {
  const page = await api.get(ctx.cityApi(`/sessions/${session.id}/paper-ballots/imports`), { limit: PAGE, offset });
  const extra = sessionQuery(ctx, session);
  replace(box,
    h('h2', { id: 'mod-imports-title' }, t('mod-paper-imports')),
    dataTable([
      [t('mod-paper-import-file'), (i) => h('a', { href: tabHref(ctx, 'paper', { ...extra, import: i.id }), 'aria-label': t('mod-paper-import-open', { file: i.file_name }) }, i.file_name)],
      [t('mod-paper-import-date'), (i) => dateTime(i.created_at, ctx.city.time_zone)],
      [t('mod-paper-import-accepted'), (i) => number(i.accepted)],
      [t('mod-paper-import-refused'), (i) => number(i.refused)],
    ], page.items, { empty: t('mod-paper-imports-empty') }),
    pager(page, (o) => tabHref(ctx, 'paper', { ...extra, offset: o || null })));
}

async function reportPage(ctx, session, id) {
  const report = await api.get(ctx.cityApi(`/sessions/${session.id}/paper-ballots/imports/${id}`));
  const box = h('div', {}, reportTable(report, false));
  const only = field({ label: t('mod-paper-report-only-refused'), name: 'only_refused', type: 'checkbox' });
  only.classList.add('mod-report-filter');
  only.control.addEventListener('change', () => replace(box, reportTable(report, only.control.checked)));
  return h('section', { 'aria-labelledby': 'mod-report-title' },
    h('p', {}, h('a', { href: tabHref(ctx, 'paper', sessionQuery(ctx, session)) }, t('mod-paper-back'))),
    h('h3', { id: 'mod-report-title' }, t('mod-paper-report-title', { id: report.id })),
    report.refused ? only : null,
    box);
}

function reportTable(report, onlyRefused = false) {
  const lines = onlyRefused ? report.lines.filter((l) => !l.accepted) : report.lines;
  const shown = lines.slice(0, REPORT_ROWS);
  return [
    dataTable([
      [t('mod-paper-line'), (l) => String(l.line)],
      [t('mod-paper-line-voter'), (l) => l.voter],
      [t('mod-paper-line-result'), (l) => l.accepted ? badge(t('mod-paper-line-accepted'), 'ok') : badge(t('mod-paper-line-refused'), 'bad')],
      [t('mod-paper-line-reason'), (l) => l.reason || ''],
    ], shown, { caption: t('mod-paper-report-summary', { accepted: report.accepted, refused: report.refused }) }),
    lines.length > shown.length ? h('p', { class: 'muted' }, t('mod-tr-count', { count: lines.length, shown: shown.length })) : null,
  ];
}
