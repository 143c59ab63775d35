// Users and roles: the city's moderators, admins and observers; granting a role by login
// (city admins grant moderators and observers, platform admins admins too) and revoking it.

import { api } from '../api.js';
import { t, dateTime } from '../i18n.js';
import { h, field, form, ask, announce, problemBox, table, badge } from '../dom.js';
import { expertAssignments } from './expertise.js';

const ROLE_ORDER = { admin: 0, moderator: 1, observer: 2, expert: 3 };

/** A person as the staff page names them: the name and, to tell namesakes apart, the login. */
function who(m) {
  const name = m.name || t('adm-staff-no-name');
  return m.login ? `${name} (${m.login})` : name;
}

export async function draw(ctx, opts) {
  const staff = await api.get(ctx.cityApi('/staff'));
  staff.sort((a, b) => (ROLE_ORDER[a.role] - ROLE_ORDER[b.role]) || String(a.name).localeCompare(String(b.name)));
  const platform = Boolean(ctx.user?.platform_admin);
  const status = h('div', { class: 'adm-list-status' });
  const cols = [
    [t('adm-staff-person'), (m) => h('span', {}, h('strong', {}, m.name || t('adm-staff-no-name')), m.login ? [h('br'), h('span', { class: 'muted' }, m.login)] : null)],
    [t('adm-staff-role'), (m) => badge(t(`adm-role-${m.role}`), m.role === 'admin' ? 'ok' : '')],
    [t('adm-staff-granted'), (m) => dateTime(m.granted_at, ctx.city.time_zone)],
  ];
  if (!opts.readOnly) {
    cols.push([t('adm-actions'), (m) => (m.role !== 'admin' || platform
      ? h('button', {
        type: 'button', class: 'btn danger', onclick: () => revoke(ctx, opts, m, status),
        'aria-label': t('adm-staff-revoke-named', { role: t(`adm-role-${m.role}`), name: who(m) }),
      }, t('adm-staff-revoke'))
      : h('span', { class: 'muted' }, t('adm-staff-platform-only')))]);
  }
  return [
    h('h2', {}, t('adm-staff-title')),
    h('p', { class: 'lead' }, t('adm-staff-lead')),
    status,
    table(cols, staff, { caption: t('adm-staff-caption', { count: staff.length }), empty: t('adm-staff-empty') }),
    opts.readOnly ? null : grantForm(ctx, opts, platform),
    await expertAssignments(ctx, opts, staff.filter((m) => m.role === 'expert')),
  ];
}

function grantForm(ctx, opts, platform) {
  const roles = ['moderator', 'observer', 'expert', ...(platform ? ['admin'] : [])];
  return [
    h('h3', {}, t('adm-staff-grant-title')),
    form({
      submitLabel: t('adm-staff-grant'),
      children: [
        field({ label: t('adm-staff-login'), name: 'login', required: true, hint: t('adm-staff-login-hint'), autocomplete: 'off', attrs: { spellcheck: 'false' } }),
        field({ label: t('adm-staff-role'), name: 'role', type: 'select', value: 'moderator', options: roles.map((r) => [r, t(`adm-role-${r}`)]) }),
      ],
      onSubmit: async (v) => {
        const m = await api.post(ctx.cityApi('/staff'), { login: v.login, role: v.role });
        await opts.reload();
        opts.flash(t('adm-staff-granted-msg', { role: t(`adm-role-${m.role}`), name: who(m) }));
      },
    }),
  ];
}

async function revoke(ctx, opts, m, status) {
  const ok = await ask({
    title: t('adm-staff-revoke-title', { role: t(`adm-role-${m.role}`), name: who(m) }),
    text: t('adm-staff-revoke-text'),
    confirmLabel: t('adm-staff-revoke'),
  });
  if (!ok) return;
  try {
    await api.del(ctx.cityApi(`/staff/${m.id}`));
  } catch (err) {
    status.replaceChildren(problemBox(err));
    announce(err.message);
    return;
  }
  if (m.user_id === ctx.user.id) { await ctx.refreshUser(); return; }
  await opts.reload();
  opts.flash(t('adm-staff-revoked-msg', { role: t(`adm-role-${m.role}`), name: who(m) }));
}
