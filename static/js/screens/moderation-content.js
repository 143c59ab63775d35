// The city's content: stage hints of the session timeline, the logo, translations (any UI text
// overridden for this city) and the static pages under «Про проект». Each section has its own
// address (`?section=`); a change redraws the frame so the new text shows at once.

import { api, ApiError } from '../api.js';
import { t, pick, label, date, currentLang, LANGS } from '../i18n.js';
import { h, replace, field, form, dialog, ask, announce, badge, tabs, showError } from '../dom.js';
import { reloadMessages, cityChanged } from '../main.js';
import { canAct, query, tabHref, observerNote, chosenSession, sessionChooser, facts, renderedHtml, flash, dataTable } from './moderation-util.js';

const SECTIONS = ['hints', 'logo', 'translations', 'pages'];
const SHOWN = 50;

/** A message to show once, on the next drawing of the tab (after a change redraws the page). */
let pending = null;
function later(text) { pending = text; }
function takeNotice() {
  const text = pending;
  pending = null;
  return text ? flash(text) : null;
}

export async function contentTab(ctx) {
  const q = query();
  const section = SECTIONS.includes(q.get('section')) ? q.get('section') : 'hints';
  const nav = tabs(SECTIONS.map((s) => [tabHref(ctx, 'content', { section: s }), t(`mod-content-${s}`), s]), section, t('mod-content-sections'));
  nav.classList.add('mod-subnav');
  const draw = { hints, logo, translations, pages }[section];
  return [nav, h('h2', {}, t(`mod-content-${section}`)), takeNotice(), observerNote(ctx), await draw(ctx, q)];
}

// ---- stage hints ----

async function hints(ctx) {
  const session = await chosenSession(ctx);
  if (!session) return h('p', { class: 'notice' }, t('mod-no-session'));
  // Hints are the default section, so the chooser's address needs no `section`.
  const chooser = sessionChooser(ctx, 'content', session);
  return [
    h('p', { class: 'lead' }, t('mod-hints-lead')),
    chooser,
    h('p', {}, h('strong', {}, pick(session.name))),
    session.stages.map((s) => stageHint(ctx, session, s)),
  ];
}

function stageHint(ctx, session, stage) {
  const name = label('stage-kind', stage.kind);
  const id = `mod-stage-${stage.kind}`;
  const head = [h('h3', { id }, name), h('p', { class: 'muted' }, t('mod-stage-dates', { start: date(stage.start), end: date(stage.end) }))];
  if (!canAct(ctx)) {
    return h('section', { class: 'mod-stage', 'aria-labelledby': id }, head,
      facts([[t('mod-hint-uk'), stage.hint.uk || t('mod-hint-empty')], [t('mod-hint-en'), stage.hint.en || t('mod-hint-empty')]]));
  }
  const f = form({
    submitLabel: t('mod-hint-save'),
    children: [
      field({ label: t('mod-hint-uk'), name: 'uk', type: 'textarea', rows: 2, value: stage.hint.uk || '' }),
      field({ label: t('mod-hint-en'), name: 'en', type: 'textarea', rows: 2, value: stage.hint.en || '' }),
    ],
    onSubmit: async (v, el) => {
      await api.put(ctx.cityApi(`/sessions/${session.id}/stages/${stage.kind}/hint`), { uk: v.uk || null, en: v.en || null });
      const text = t('mod-hint-saved', { stage: name });
      replace(el.status, flash(text));
      announce(text);
    },
  });
  f.setAttribute('aria-labelledby', id);
  return h('section', { class: 'mod-stage', 'aria-labelledby': id }, head, f);
}

// ---- logo ----

async function logo(ctx) {
  const city = ctx.city;
  const current = city.logo_url
    ? h('img', { class: 'mod-logo-preview', src: `${city.logo_url}?v=${Date.now()}`, alt: t('mod-logo-alt', { city: pick(city.name) }) })
    : h('p', { class: 'empty' }, t('mod-logo-none'));
  const parts = [
    h('p', { class: 'lead' }, t('mod-logo-lead')),
    h('h3', {}, t('mod-logo-current')),
    current,
  ];
  if (canAct(ctx)) {
    parts.push(form({
      submitLabel: t('mod-logo-upload'),
      children: [field({ label: t('mod-logo-file'), name: 'logo', type: 'file', required: true, attrs: { accept: 'image/png,image/jpeg' } })],
      onSubmit: async (v) => {
        if (!v.logo) throw new ApiError(422, { title: t('mod-logo-missing'), field: 'logo' });
        await api.upload(ctx.cityApi('/logo'), v.logo, 'PUT');
        // The logo's address stays the same: fetch it anew so the header shows the new one.
        await fetch(api.url(ctx.cityApi('/logo')), { cache: 'reload' }).catch(() => null);
        cityChanged();
        later(t('mod-logo-uploaded'));
        await ctx.refreshUser();
        announce(t('mod-logo-uploaded'));
      },
    }));
  }
  return parts;
}

// ---- translations ----

async function translations(ctx, q) {
  const lang = LANGS.includes(q.get('lang')) ? q.get('lang') : currentLang();
  const list = await api.get(ctx.cityApi(`/translations/${lang}`));
  const results = h('div', { class: 'mod-tr-results' });
  const count = h('p', { class: 'mod-count', role: 'status' });

  const langField = field({ label: t('mod-tr-lang'), name: 'lang', type: 'select', value: lang, options: LANGS.map((l) => [l, t(`lang-${l}`)]) });
  const search = field({ label: t('mod-tr-search'), name: 'q', type: 'search', value: q.get('q') || '', autocomplete: 'off' });
  const only = field({ label: t('mod-tr-only-overridden'), name: 'changed', type: 'checkbox', value: q.get('changed') === '1' });
  const tools = h('form', { class: 'mod-tr-tools', role: 'search', 'aria-label': t('mod-content-translations') }, langField, search, only);
  tools.addEventListener('submit', (ev) => ev.preventDefault());

  const remember = () => {
    const href = tabHref(ctx, 'content', { section: 'translations', lang: langField.control.value,
      q: search.control.value.trim(), changed: only.control.checked ? '1' : null });
    history.replaceState(null, '', href);
  };
  const show = () => {
    const needle = search.control.value.trim().toLowerCase();
    const found = list.filter((x) => (!only.control.checked || x.override !== null && x.override !== undefined)
      && (!needle || x.key.toLowerCase().includes(needle) || x.value.toLowerCase().includes(needle) || x.default.toLowerCase().includes(needle)));
    const shown = found.slice(0, SHOWN);
    count.textContent = found.length > shown.length ? t('mod-tr-count', { count: found.length, shown: shown.length })
      : t('mod-tr-count-all', { count: found.length });
    replace(results, shown.length
      ? h('ul', { class: 'mod-tr-list' }, shown.map((x) => translationItem(ctx, lang, x)))
      : h('p', { class: 'empty' }, t('mod-tr-none')));
  };
  search.control.addEventListener('input', () => { remember(); show(); });
  only.control.addEventListener('change', () => { remember(); show(); });
  langField.control.addEventListener('change', () => {
    ctx.navigate(tabHref(ctx, 'content', { section: 'translations', lang: langField.control.value, q: search.control.value.trim(),
      changed: only.control.checked ? '1' : null }), { replace: true });
  });
  show();
  return [h('p', { class: 'lead' }, t('mod-tr-lead')), tools, count, results];
}

function translationItem(ctx, lang, x) {
  const overridden = x.override !== null && x.override !== undefined;
  return h('li', { class: 'mod-tr-item', lang },
    h('div', { class: 'mod-tr-head' },
      h('span', {}, h('code', { lang: 'en' }, x.key), overridden ? [' ', badge(t('mod-tr-overridden'), 'warn')] : null),
      canAct(ctx) ? h('button', { type: 'button', class: 'btn', 'aria-label': t('mod-tr-edit', { key: x.key }),
        onclick: () => editTranslation(ctx, lang, x) }, t('action-edit')) : null),
    h('p', { class: 'mod-tr-text' }, x.value),
    overridden ? h('p', { class: 'mod-tr-default' }, `${t('mod-tr-default')}: `, x.default) : null);
}

function editTranslation(ctx, lang, x) {
  const overridden = x.override !== null && x.override !== undefined;
  let d;
  const after = async (text) => {
    d.close();
    reloadMessages();
    later(text);
    await ctx.refreshUser();
    announce(text);
  };
  const value = field({ label: t('mod-tr-value'), name: 'value', type: 'textarea', rows: 4, required: true,
    value: x.value, hint: t('mod-tr-value-hint'), attrs: { lang } });
  const f = form({
    submitLabel: t('action-save'),
    children: [
      h('p', { class: 'mod-tr-default' }, `${t('mod-tr-default')}: `, h('span', { lang }, x.default)),
      value,
    ],
    onSubmit: async (v) => {
      await api.put(ctx.cityApi(`/translations/${lang}/${encodeURIComponent(x.key)}`), { value: v.value });
      await after(t('mod-tr-saved', { key: x.key }));
    },
  });
  if (overridden) {
    const reset = h('button', { type: 'button', class: 'btn danger' }, t('mod-tr-reset'));
    reset.addEventListener('click', async () => {
      reset.disabled = true;
      try {
        await api.del(ctx.cityApi(`/translations/${lang}/${encodeURIComponent(x.key)}`));
        await after(t('mod-tr-reset-done', { key: x.key }));
      } catch (err) {
        reset.disabled = false;
        showError(f, f.status, err);
      }
    });
    f.querySelector('.form-actions').append(reset);
  }
  d = dialog({ title: t('mod-tr-edit-title', { key: x.key }), content: f });
  value.control.focus();
}

// ---- static pages ----

async function pages(ctx, q) {
  const slug = q.get('page');
  if (slug) return pageEditor(ctx, slug === 'new' ? null : slug);
  const list = await api.get(ctx.cityApi('/pages'), { drafts: true });
  return [
    h('p', { class: 'lead' }, t('mod-pages-lead')),
    canAct(ctx) ? h('p', {}, h('a', { class: 'btn primary', href: tabHref(ctx, 'content', { section: 'pages', page: 'new' }) }, t('mod-pages-new'))) : null,
    dataTable([
      [t('mod-pages-col-title'), (p) => h('a', { href: tabHref(ctx, 'content', { section: 'pages', page: p.slug }),
        'aria-label': t('mod-pages-edit', { title: pick(p.title) }) }, pick(p.title))],
      [t('mod-pages-col-slug'), (p) => h('code', {}, p.slug)],
      [t('mod-pages-col-position'), (p) => String(p.position)],
      [t('mod-pages-col-state'), (p) => p.published ? badge(t('mod-pages-published'), 'ok') : badge(t('mod-pages-draft'))],
    ], list, { empty: t('mod-pages-empty') }),
  ];
}

async function pageEditor(ctx, slug) {
  const page = slug ? await api.get(ctx.cityApi(`/pages/${encodeURIComponent(slug)}`)) : null;
  const back = h('p', {}, h('a', { href: tabHref(ctx, 'content', { section: 'pages' }) }, t('mod-pages-back')));
  const heading = h('h3', {}, page ? t('mod-page-edit-title', { title: pick(page.title) }) : t('mod-page-new-title'));
  const publicLink = page?.published ? h('p', {}, h('a', { href: ctx.path(`/about/${page.slug}`) }, t('mod-page-public'))) : null;
  const preview = page ? h('section', { class: 'mod-preview', 'aria-labelledby': 'mod-preview-title' },
    h('h3', { id: 'mod-preview-title' }, t('mod-page-preview')),
    h('h4', {}, t('mod-page-preview-uk')), h('div', { lang: 'uk' }, h('p', {}, h('strong', {}, page.title.uk)), renderedHtml(page.html.uk)),
    h('h4', {}, t('mod-page-preview-en')), h('div', { lang: 'en' }, h('p', {}, h('strong', {}, page.title.en)), renderedHtml(page.html.en))) : null;

  if (!canAct(ctx)) {
    return [back, heading, publicLink, facts([
      [t('mod-page-slug'), page.slug],
      [t('mod-pages-col-position'), String(page.position)],
      [t('mod-pages-col-state'), page.published ? t('mod-pages-published') : t('mod-pages-draft')],
    ]), preview];
  }

  const f = form({
    class: 'form mod-page-form',
    submitLabel: t('action-save'),
    children: [
      field({ label: t('mod-page-slug'), name: 'slug', required: true, value: page?.slug || '', hint: t('mod-page-slug-hint'),
        autocomplete: 'off', attrs: { lang: 'en', spellcheck: 'false' } }),
      field({ label: t('mod-page-title-uk'), name: 'title.uk', required: true, value: page?.title.uk || '', attrs: { lang: 'uk' } }),
      field({ label: t('mod-page-title-en'), name: 'title.en', required: true, value: page?.title.en || '', attrs: { lang: 'en' } }),
      field({ label: t('mod-page-body-uk'), name: 'body.uk', type: 'textarea', rows: 10, value: page?.body.uk || '', hint: t('mod-page-body-hint'), attrs: { lang: 'uk' } }),
      field({ label: t('mod-page-body-en'), name: 'body.en', type: 'textarea', rows: 10, value: page?.body.en || '', hint: t('mod-page-body-hint'), attrs: { lang: 'en' } }),
      field({ label: t('mod-page-position'), name: 'position', type: 'number', value: page ? String(page.position) : '0', attrs: { inputmode: 'numeric', step: '1' } }),
      field({ label: t('mod-page-published'), name: 'published', type: 'checkbox', value: page?.published || false }),
    ],
    onSubmit: async (v) => {
      const body = {
        slug: v.slug,
        title: { uk: v['title.uk'], en: v['title.en'] },
        body: { uk: v['body.uk'], en: v['body.en'] },
        published: v.published,
      };
      if (v.position !== '') body.position = Number.parseInt(v.position, 10);
      const saved = page
        ? await api.patch(ctx.cityApi(`/pages/${encodeURIComponent(page.slug)}`), body)
        : await api.post(ctx.cityApi('/pages'), body);
      later(t('mod-page-saved'));
      announce(t('mod-page-saved'));
      await ctx.navigate(tabHref(ctx, 'content', { section: 'pages', page: saved.slug }), { replace: true });
    },
  });
  f.id = 'mod-page-form';
  let remove = null;
  if (page) {
    remove = h('button', { type: 'button', class: 'btn danger' }, t('mod-page-delete'));
    remove.addEventListener('click', async () => {
      const ok = await ask({ title: t('mod-page-delete-title', { title: pick(page.title) }), text: t('mod-page-delete-text'), confirmLabel: t('action-delete') });
      if (!ok) return;
      try {
        await api.del(ctx.cityApi(`/pages/${encodeURIComponent(page.slug)}`));
        later(t('mod-page-deleted'));
        announce(t('mod-page-deleted'));
        await ctx.navigate(tabHref(ctx, 'content', { section: 'pages' }), { replace: true });
      } catch (err) {
        showError(f, f.status, err);
      }
    });
    f.querySelector('.form-actions').append(remove);
  }
  return [back, heading, publicLink, f, preview];
}
