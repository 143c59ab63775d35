// The moderator's workplace (АРМ модератора): the projects' queue and decisions, commission
// candidates' applications, paper ballots, results, and the city's content (stage hints, logo,
// translations, static pages). Each tab has its own address, /cities/:city/moderation/<tab>.
// Observers see every tab without the buttons that change anything.

import { ApiError } from '../api.js';
import { t } from '../i18n.js';
import { h, tabs, useStyle, problemBox } from '../dom.js';

const TABS = {
  projects: () => import('./moderation-projects.js').then((m) => m.projectsTab),
  candidates: () => Promise.resolve(candidatesTab),
  paper: () => import('./moderation-paper.js').then((m) => m.paperTab),
  results: () => import('./moderation-results.js').then((m) => m.resultsTab),
  content: () => import('./moderation-content.js').then((m) => m.contentTab),
};

export async function moderation(ctx, params) {
  useStyle('/css/moderation.css');
  if (!ctx.user) throw new ApiError(401, {});
  const title = h('h1', {}, t('mod-title'));
  if (!ctx.isStaff()) return [title, h('p', { class: 'problem', role: 'alert' }, t('mod-forbidden'))];
  const tab = params.tab || 'projects';
  if (!TABS[tab]) throw new ApiError(404, {});
  const nav = tabs(Object.keys(TABS).map((key) => [ctx.path(`/moderation/${key}`), t(`mod-tab-${key}`), key]),
    tab, t('mod-tabs'));
  const draw = await TABS[tab]();
  const body = await draw(ctx);
  return [title, nav, h('div', { class: 'mod-tab', id: `mod-${tab}` }, body)];
}

/** Commission candidates' applications: the elections screens draw the queue. */
async function candidatesTab(ctx) {
  let mod;
  try {
    mod = await import('./elections-moderation.js');
  } catch (err) {
    return [h('h2', {}, t('mod-tab-candidates')),
      h('div', { class: 'problem', role: 'alert' },
        h('strong', {}, t('mod-candidates-load-error')),
        h('p', { class: 'muted' }, String(err?.message || err)))];
  }
  try {
    return await mod.candidatesQueue(ctx);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) throw err;
    return [h('h2', {}, t('mod-tab-candidates')), h('p', {}, t('mod-candidates-load-error')), problemBox(err)];
  }
}
