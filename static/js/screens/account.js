// Accounts: the sign-in page as the Kyiv specification draws it (sign-in on the left,
// registration with the session's methods on the right), the resident's profile, and the
// pages e-mailed links open (verify an address, set a new password).

import { api, ApiError } from '../api.js';
import { t, label, currentLang } from '../i18n.js';
import { h, field, form, ask, dialog, announce, problemBox, useStyle, uid, setFlash, takeFlash } from '../dom.js';
import { currentSession } from './public.js';
import { displayName } from '../main.js';
import { addressField } from './resident-address.js';

const STYLE = '/css/resident.css';

/**
 * Where to go after signing in: `next` only when it is a path of this site (a single leading
 * slash, no scheme, no `//` or `/\`, no control characters), otherwise the city's home.
 */
export function safeNext(raw, fallback) {
  if (typeof raw !== 'string' || !raw) return fallback;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return fallback;
  // Browsers drop tabs and newlines from addresses, which could turn `/\t/x` into `//x`.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return fallback;
  try {
    const url = new URL(raw, location.origin);
    if (url.origin !== location.origin) return fallback;
    if (url.pathname.startsWith('/api/')) return fallback;
    if (/\/sign-in\/?$/.test(url.pathname)) return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}

/** A problem made here (not by the API), shown by `form()` like an API's: top and beside a field. */
function localProblem(title, fieldName) {
  return new ApiError(422, { title, field: fieldName });
}

// ---- sign-in and registration ----

export async function signIn(ctx) {
  useStyle(STYLE);
  const params = new URLSearchParams(location.search);
  const next = safeNext(params.get('next'), ctx.path());
  const parts = [h('h1', {}, t('signin-title'))];

  if (ctx.user) {
    parts.push(h('p', { class: 'notice' }, t('signin-already', { name: displayName(ctx.user) })),
      h('p', { class: 'actions' },
        h('a', { class: 'btn primary', href: next }, t('signin-continue')),
        h('a', { class: 'btn', href: ctx.path('/me') }, t('signin-to-profile'))));
    return parts;
  }

  const session = await currentSession(ctx);
  const methods = session?.parameters.registration_methods ?? ['password'];
  const serverMethods = ctx.meta?.sign_in_methods ?? ['password'];
  const required = new Set(session?.parameters.required_fields ?? []);

  parts.push(h('p', { class: 'lead' }, t('signin-lead')));
  parts.push(h('div', { class: 'auth-grid' },
    signInBlock(ctx, next),
    registerBlock(ctx, next, { methods, serverMethods, required })));
  return parts;
}

/**
 * The sign-in dialog, as the Kyiv specification draws it, over the page the reader is on: the
 * same two columns as the sign-in page, and afterwards back to this page (or wherever
 * registration leads).
 */
export async function signInDialog(ctx) {
  useStyle(STYLE);
  const next = safeNext(location.pathname + location.search, ctx.path());
  const session = await currentSession(ctx);
  const grid = h('div', { class: 'auth-grid' });
  const d = dialog({ title: t('signin-title'), content: [h('p', { class: 'lead' }, t('signin-lead')), grid], class: 'dialog auth-dialog' });
  // Moving on closes the dialog first.
  const inDialog = Object.create(ctx);
  inDialog.navigate = (url, opts) => { d.close(); return ctx.navigate(url, opts); };
  grid.append(
    signInBlock(inDialog, next),
    registerBlock(inDialog, next, {
      methods: session?.parameters.registration_methods ?? ['password'],
      serverMethods: ctx.meta?.sign_in_methods ?? ['password'],
      required: new Set(session?.parameters.required_fields ?? []),
    }));
  d.querySelector('input[name=login]')?.focus();
  return d;
}

function signInBlock(ctx, next) {
  const f = form({
    submitLabel: t('signin-submit'),
    children: [
      field({ label: t('signin-login'), name: 'login', required: true, autocomplete: 'username', hint: t('signin-login-hint') }),
      field({ label: t('signin-password'), name: 'password', type: 'password', required: true, autocomplete: 'current-password' }),
    ],
    onSubmit: async (v) => {
      if (!v.login) throw localProblem(t('signin-login-required'), 'login');
      if (!v.password) throw localProblem(t('signin-password-required'), 'password');
      await api.post('/auth/login', { login: v.login, password: v.password });
      await ctx.refreshUser();
      announce(t('signin-done'));
      await ctx.navigate(next, { replace: true });
    },
  });
  f.id = 'sign-in-form';
  f.setAttribute('aria-labelledby', 'signin-heading');

  const resetId = uid('reset');
  const toggle = h('button', { type: 'button', class: 'btn link', 'aria-expanded': 'false', 'aria-controls': resetId }, t('password-forgot'));
  const done = h('div', { 'aria-live': 'polite' });
  const resetForm = form({
    submitLabel: t('password-reset-send'),
    children: [
      h('p', { class: 'hint' }, t('password-reset-hint')),
      field({ label: t('password-reset-login'), name: 'login', required: true, autocomplete: 'username' }),
    ],
    onSubmit: async (v, el) => {
      if (!v.login) throw localProblem(t('signin-login-required'), 'login');
      await api.post('/auth/password-reset', { login: v.login });
      done.replaceChildren(h('p', { class: 'success' }, t('password-reset-sent')));
      el.reset();
    },
  });
  resetForm.id = 'password-reset-form';
  const region = h('div', { id: resetId, class: 'reset-box', hidden: true }, resetForm, done);
  toggle.addEventListener('click', () => {
    const open = region.hidden;
    region.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) region.querySelector('input')?.focus();
  });

  return h('section', { class: 'auth-block card', 'aria-labelledby': 'signin-heading' },
    h('h2', { id: 'signin-heading' }, t('signin-heading')),
    h('p', { class: 'muted' }, t('signin-intro')),
    f,
    h('p', { class: 'forgot' }, toggle),
    region);
}

function registerBlock(ctx, next, { methods, serverMethods, required }) {
  const body = [h('h2', { id: 'register-heading' }, t('register-heading'))];
  const kyivId = methods.includes('kyiv_id') && serverMethods.includes('kyiv_id');
  const password = methods.includes('password');
  if (!kyivId && !password) {
    body.push(h('p', { class: 'notice' }, t('register-closed')));
    return h('section', { class: 'auth-block card', 'aria-labelledby': 'register-heading' }, body);
  }
  body.push(h('p', { class: 'muted' }, t('register-intro')));
  if (kyivId) {
    body.push(h('div', { class: 'kyiv-id' },
      h('a', { class: 'btn primary kyiv-id-btn', href: `/api/v1/auth/kyiv-id/start?city=${encodeURIComponent(ctx.city.slug)}` }, t('register-kyiv-id')),
      h('p', { class: 'hint' }, t('register-kyiv-id-hint'))));
  }
  if (password) {
    if (kyivId) body.push(h('p', { class: 'or' }, h('span', {}, t('register-or'))));
    const req = (name) => required.has(name);
    const f = form({
      submitLabel: t('register-submit'),
      children: [
        field({ label: t('register-login'), name: 'login', required: true, autocomplete: 'username', hint: t('register-login-hint') }),
        field({ label: t('register-password'), name: 'password', type: 'password', required: true, autocomplete: 'new-password', hint: t('register-password-hint') }),
        field({ label: label('field', 'last_name'), name: 'last_name', required: true, autocomplete: 'family-name' }),
        field({ label: label('field', 'first_name'), name: 'first_name', required: true, autocomplete: 'given-name' }),
        field({ label: label('field', 'patronymic'), name: 'patronymic', required: req('patronymic'), autocomplete: 'additional-name' }),
        field({ label: label('field', 'birth_date'), name: 'birth_date', type: 'date', required: req('birth_date'), autocomplete: 'bday' }),
        field({ label: label('field', 'phone'), name: 'phone', type: 'tel', required: req('phone'), autocomplete: 'tel', hint: t('register-phone-hint') }),
        field({ label: label('field', 'email'), name: 'email', type: 'email', required: req('email'), autocomplete: 'email', hint: t('register-email-hint') }),
      ],
      onSubmit: async (v) => {
        for (const name of ['login', 'password', 'last_name', 'first_name']) {
          if (!v[name]) throw localProblem(t('register-required'), name);
        }
        const body = { login: v.login, password: v.password, last_name: v.last_name, first_name: v.first_name, lang: currentLang() };
        for (const name of ['patronymic', 'birth_date', 'phone', 'email']) if (v[name]) body[name] = v[name];
        await api.post('/auth/register', body);
        const me = await api.get(ctx.cityApi('/me')).catch(() => null);
        await ctx.refreshUser();
        if (me && me.missing_fields.length) {
          setFlash('success', t('register-done-complete'));
          await ctx.navigate(ctx.path('/me'), { replace: true });
        } else {
          announce(t('register-done'));
          await ctx.navigate(next, { replace: true });
        }
      },
    });
    f.id = 'register-form';
    f.setAttribute('aria-labelledby', 'register-heading');
    body.push(f);
  }
  return h('section', { class: 'auth-block card', 'aria-labelledby': 'register-heading' }, body);
}

// ---- the profile ----

const FIELDS = ['last_name', 'first_name', 'patronymic', 'birth_date', 'phone', 'email', 'registration_address', 'residence_address', 'facebook_url'];

export async function profile(ctx) {
  useStyle(STYLE);
  const [me, session] = await Promise.all([api.get(ctx.cityApi('/me')), currentSession(ctx)]);
  const required = new Set(['last_name', 'first_name', ...(session?.parameters.required_fields ?? [])]);
  const ids = {};
  const parts = [h('h1', {}, t('profile-title'))];
  const shown = takeFlash();
  if (shown) parts.push(shown);

  const notice = h('div', { class: 'missing-slot' });
  parts.push(notice);

  // Personal data
  const controls = {};
  const mk = (name, opts) => {
    const common = { name, value: me[name] ?? '', required: required.has(name), ...opts };
    const f = name.endsWith('_address')
      ? addressField({ ctx, label: label('field', name), ...common })
      : field({ label: opts.label || label('field', name), ...common });
    controls[name] = f.control;
    ids[name] = f.control.id;
    return f;
  };
  const emailState = h('div', { class: 'email-state' });
  const personal = form({
    submitLabel: t('profile-save'),
    children: [
      h('p', { class: 'muted' }, t('profile-login', { login: me.login })),
      mk('last_name', { autocomplete: 'family-name' }),
      mk('first_name', { autocomplete: 'given-name' }),
      mk('patronymic', { autocomplete: 'additional-name' }),
      mk('birth_date', { type: 'date', autocomplete: 'bday' }),
      mk('phone', { type: 'tel', autocomplete: 'tel' }),
      mk('email', { type: 'email', autocomplete: 'email', hint: t('profile-email-hint') }),
      emailState,
      mk('registration_address', { hint: t('profile-address-hint') }),
      mk('residence_address', { hint: t('profile-address-hint') }),
      mk('facebook_url', { type: 'url', label: t('profile-facebook'), hint: t('profile-facebook-hint'), autocomplete: 'url' }),
      field({ label: t('profile-lang'), name: 'lang', type: 'select', value: me.lang, hint: t('profile-lang-hint'),
        options: [['uk', t('lang-uk')], ['en', t('lang-en')]] }),
    ],
    onSubmit: async (v) => {
      const change = {};
      for (const name of FIELDS) {
        const before = me[name] ?? '';
        if (v[name] === before) continue;
        if (name === 'birth_date' && !v[name]) continue; // a birth date is changed, never removed
        change[name] = v[name];
      }
      if (v.lang !== me.lang) change.lang = v.lang;
      if (!Object.keys(change).length) {
        personal.status.replaceChildren(h('p', { class: 'notice', role: 'status' }, t('profile-nothing-changed')));
        return;
      }
      await api.patch('/me', change);
      setFlash('success', change.email !== undefined && change.email ? t('profile-saved-verify') : t('profile-saved'));
      await ctx.refreshUser();
    },
  });
  personal.id = 'profile-form';
  drawEmailState(emailState, me);
  ids.photo = 'photo-heading';

  drawMissing(notice, me, ids);

  parts.push(h('div', { class: 'profile-grid' },
    h('section', { class: 'profile-main', 'aria-labelledby': 'personal-heading' },
      h('h2', { id: 'personal-heading' }, t('profile-personal')),
      personal),
    h('div', { class: 'profile-side' },
      photoSection(ctx, me),
      (ctx.meta?.sign_in_methods ?? []).includes('kyiv_id') ? kyivIdSection(ctx) : null,
      passwordSection(),
      sessionsSection(ctx))));
  return parts;
}

/** The spec's missing-fields message: it names each field the session requires that is empty. */
function drawMissing(slot, me, ids) {
  if (!me.missing_fields.length) { slot.replaceChildren(); return; }
  const headId = uid('missing');
  slot.replaceChildren(h('section', { class: 'warning missing', role: 'region', 'aria-labelledby': headId },
    h('h2', { id: headId, class: 'missing-title' }, t('profile-missing-title')),
    h('p', {}, t('profile-missing-text', { count: me.missing_fields.length })),
    h('ul', {}, me.missing_fields.map((code) => h('li', {},
      ids[code]
        ? h('a', { href: `#${ids[code]}`, onclick: (ev) => { ev.preventDefault(); const el = document.getElementById(ids[code]); el?.scrollIntoView({ block: 'center' }); el?.focus(); } }, label('field', code))
        : label('field', code))))));
}

function drawEmailState(slot, me) {
  if (!me.email) { slot.replaceChildren(); return; }
  if (me.email_verified) {
    slot.replaceChildren(h('p', { class: 'email-ok' }, h('span', { class: 'badge ok' }, t('profile-email-verified'))));
    return;
  }
  const out = h('span', { 'aria-live': 'polite' });
  const resend = h('button', { type: 'button', class: 'btn' }, t('verify-resend'));
  resend.addEventListener('click', async () => {
    resend.disabled = true;
    try {
      await api.post('/auth/email/resend');
      out.replaceChildren(h('span', { class: 'success-text' }, t('verify-resent')));
    } catch (err) {
      out.replaceChildren(problemBox(err));
    } finally {
      resend.disabled = false;
    }
  });
  slot.replaceChildren(h('div', { class: 'email-unverified' },
    h('p', {}, h('span', { class: 'badge warn' }, t('profile-email-unverified')), ' ', t('profile-email-unverified-text')),
    resend, out));
}

function photoSection(ctx, me) {
  const img = me.has_photo
    ? h('img', { class: 'profile-photo', src: `/api/v1/me/photo?v=${Date.now()}`, alt: t('profile-photo-alt'), width: 160, height: 160 })
    : h('div', { class: 'profile-photo empty-photo', role: 'img', 'aria-label': t('profile-photo-none') }, initials(me));
  const f = form({
    submitLabel: t('profile-photo-upload'),
    children: [field({ label: t('profile-photo-file'), name: 'photo', type: 'file', hint: t('profile-photo-hint'), attrs: { accept: 'image/jpeg,image/png' } })],
    onSubmit: async (v) => {
      if (!v.photo) throw localProblem(t('profile-photo-choose'), 'photo');
      await api.upload('/me/photo', v.photo, 'PUT');
      setFlash('success', t('profile-photo-saved'));
      await ctx.refreshUser();
    },
  });
  f.id = 'photo-form';
  return h('section', { class: 'card', 'aria-labelledby': 'photo-heading' },
    h('h2', { id: 'photo-heading', tabindex: '-1' }, label('field', 'photo')),
    img, f);
}

function initials(me) {
  return [me.first_name, me.last_name].filter(Boolean).map((s) => s[0]).join('').toUpperCase() || '?';
}

function kyivIdSection(ctx) {
  return h('section', { class: 'card', 'aria-labelledby': 'kyiv-id-heading' },
    h('h2', { id: 'kyiv-id-heading' }, t('profile-kyiv-id')),
    h('p', { class: 'muted' }, t('profile-kyiv-id-text')),
    h('p', {}, h('a', { class: 'btn', href: `/api/v1/auth/kyiv-id/start?link=true&city=${encodeURIComponent(ctx.city.slug)}` }, t('profile-kyiv-id-link'))));
}

function passwordSection() {
  const f = form({
    submitLabel: t('password-change-submit'),
    children: [
      field({ label: t('password-current'), name: 'current_password', type: 'password', required: true, autocomplete: 'current-password' }),
      field({ label: t('password-new'), name: 'new_password', type: 'password', required: true, autocomplete: 'new-password', hint: t('register-password-hint') }),
      field({ label: t('password-repeat'), name: 'new_password_repeat', type: 'password', required: true, autocomplete: 'new-password' }),
    ],
    onSubmit: async (v, el) => {
      if (!v.current_password) throw localProblem(t('password-current-required'), 'current_password');
      if (!v.new_password) throw localProblem(t('password-new-required'), 'new_password');
      if (v.new_password !== v.new_password_repeat) throw localProblem(t('password-mismatch'), 'new_password_repeat');
      await api.post('/me/password', { current_password: v.current_password, new_password: v.new_password });
      el.reset();
      el.status.replaceChildren(h('p', { class: 'success', role: 'status' }, t('password-changed')));
    },
  });
  f.id = 'password-form';
  return h('section', { class: 'card', 'aria-labelledby': 'password-heading' },
    h('h2', { id: 'password-heading' }, t('password-change-title')), f);
}

function sessionsSection(ctx) {
  const btn = h('button', { type: 'button', class: 'btn danger' }, t('profile-sign-out-everywhere'));
  const out = h('div', {});
  btn.addEventListener('click', async () => {
    const ok = await ask({ title: t('profile-sign-out-everywhere'), text: t('profile-sign-out-everywhere-confirm'), confirmLabel: t('profile-sign-out-everywhere') });
    if (!ok) return;
    try {
      await api.post('/auth/logout-everywhere');
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401) { out.replaceChildren(problemBox(err)); return; }
    }
    history.replaceState(null, '', ctx.path());
    await ctx.refreshUser();
    announce(t('profile-signed-out-everywhere'));
  });
  return h('section', { class: 'card', 'aria-labelledby': 'sessions-heading' },
    h('h2', { id: 'sessions-heading' }, t('profile-sessions')),
    h('p', { class: 'muted' }, t('profile-sessions-text')),
    h('div', { class: 'actions' }, btn), out);
}

// ---- links from e-mails ----

function homeLink(ctx) {
  return ctx.city ? h('a', { href: ctx.path() }, t('verify-home')) : h('a', { href: '/' }, t('verify-home'));
}

export async function verifyEmail(ctx) {
  useStyle(STYLE);
  const params = new URLSearchParams(location.search);
  const token = params.get('token');
  const parts = [h('h1', {}, t('verify-title'))];
  if (params.get('done')) {
    parts.push(h('p', { class: 'success', role: 'status' }, t('verify-done')), h('p', {}, homeLink(ctx)));
    return parts;
  }
  if (!token) {
    parts.push(h('p', { class: 'problem', role: 'alert' }, t('verify-no-token')), h('p', {}, homeLink(ctx)));
    return parts;
  }
  try {
    await api.post('/auth/email/verify', { token });
    // A redraw (a language switch) must not send the used token again.
    history.replaceState(null, '', '/verify-email?done=1');
    parts.push(h('p', { class: 'success', role: 'status' }, t('verify-done')));
  } catch (err) {
    parts.push(problemBox(err), h('p', {}, t('verify-failed-hint')));
  }
  parts.push(h('p', {}, homeLink(ctx)));
  return parts;
}

export async function resetPassword(ctx) {
  useStyle(STYLE);
  const params = new URLSearchParams(location.search);
  const token = params.get('token');
  const parts = [h('h1', {}, t('password-reset-title'))];
  if (params.get('done')) {
    const signInHref = ctx.city ? ctx.path('/sign-in') : '/';
    parts.push(h('p', { class: 'success', role: 'status' }, t('password-reset-done')),
      h('p', {}, h('a', { class: 'btn primary', href: signInHref }, t('password-reset-sign-in'))));
    return parts;
  }
  if (!token) {
    parts.push(h('p', { class: 'problem', role: 'alert' }, t('verify-no-token')), h('p', {}, homeLink(ctx)));
    return parts;
  }
  const f = form({
    submitLabel: t('password-reset-submit'),
    children: [
      field({ label: t('password-new'), name: 'new_password', type: 'password', required: true, autocomplete: 'new-password', hint: t('register-password-hint') }),
      field({ label: t('password-repeat'), name: 'new_password_repeat', type: 'password', required: true, autocomplete: 'new-password' }),
    ],
    onSubmit: async (v) => {
      if (!v.new_password) throw localProblem(t('password-new-required'), 'new_password');
      if (v.new_password !== v.new_password_repeat) throw localProblem(t('password-mismatch'), 'new_password_repeat');
      await api.post('/auth/password-reset/confirm', { token, new_password: v.new_password });
      // Every session of the account has ended: read who is signed in again, and show the
      // outcome at an address that does not hold the used token.
      history.replaceState(null, '', '/reset-password?done=1');
      await ctx.refreshUser();
      announce(t('password-reset-done'));
    },
  });
  f.id = 'reset-password-form';
  parts.push(h('p', { class: 'lead' }, t('password-reset-lead')), f);
  return parts;
}
