// Every page of the web app: an address pattern and the screen that draws it. Screens are
// loaded on first use, so the public pages never download the staff screens.
//
// A screen is `async (ctx, params) => Node | Node[]`; it draws its own <h1>.

const screen = (load, name) => ({ load, name });
const publicPages = () => import('./screens/public.js');
const projectPages = () => import('./screens/project.js');
const resultPages = () => import('./screens/results.js');
const electionPages = () => import('./screens/elections.js');
const accountPages = () => import('./screens/account.js');
const residentPages = () => import('./screens/resident.js');
const moderationPages = () => import('./screens/moderation.js');
const adminPages = () => import('./screens/admin.js');
const appealPages = () => import('./screens/appeals.js');
const expertPages = () => import('./screens/expertise.js');

export const ROUTES = [
  ['/', screen(publicPages, 'cities'), { global: true }],
  ['/verify-email', screen(accountPages, 'verifyEmail'), { global: true }],
  ['/reset-password', screen(accountPages, 'resetPassword'), { global: true }],
  ['/cities/:city', screen(publicPages, 'home')],
  ['/cities/:city/projects', screen(projectPages, 'catalogue')],
  ['/cities/:city/projects/:id', screen(projectPages, 'project')],
  ['/cities/:city/results', screen(resultPages, 'results')],
  ['/cities/:city/open-data', screen(resultPages, 'openData')],
  ['/cities/:city/about', screen(publicPages, 'pages')],
  ['/cities/:city/about/:page', screen(publicPages, 'page')],
  ['/cities/:city/election', screen(electionPages, 'currentElection')],
  ['/cities/:city/elections/:id', screen(electionPages, 'election')],
  ['/cities/:city/commission', screen(electionPages, 'commission')],
  ['/cities/:city/appeals', screen(appealPages, 'appeals')],
  ['/cities/:city/appeals/:id', screen(appealPages, 'appeal')],
  ['/cities/:city/sign-in', screen(accountPages, 'signIn')],
  ['/cities/:city/me', screen(accountPages, 'profile')],
  ['/cities/:city/me/projects', screen(residentPages, 'myProjects')],
  ['/cities/:city/me/projects/new', screen(residentPages, 'newProject')],
  ['/cities/:city/me/projects/:id', screen(residentPages, 'editProject')],
  ['/cities/:city/me/votes', screen(residentPages, 'myVotes')],
  ['/cities/:city/me/candidate', screen(electionPages, 'candidateWizard')],
  ['/cities/:city/moderation', screen(moderationPages, 'moderation')],
  ['/cities/:city/moderation/:tab', screen(moderationPages, 'moderation')],
  ['/cities/:city/expertise', screen(expertPages, 'expertQueue')],
  ['/cities/:city/admin', screen(adminPages, 'admin')],
  ['/cities/:city/admin/:tab', screen(adminPages, 'admin')],
];

/** The route for a path, with its parameters, or null. */
export function match(path) {
  const parts = path.replace(/\/+$/, '').split('/').filter(Boolean);
  for (const [pattern, target, opts] of ROUTES) {
    const pp = pattern.split('/').filter(Boolean);
    if (pp.length !== parts.length) continue;
    const params = {};
    let ok = true;
    for (let i = 0; i < pp.length; i++) {
      if (pp[i].startsWith(':')) params[pp[i].slice(1)] = decodeURIComponent(parts[i]);
      else if (pp[i] !== parts[i]) { ok = false; break; }
    }
    if (ok) return { target, params, opts: opts || {} };
  }
  return null;
}
