#!/usr/bin/env node
// Drives the Kyiv ID stand-in (provider.mjs) through the authorization-code
// flow with PKCE exactly as a non-browser test client must: plain fetch, manual
// redirects, a hand-rolled cookie jar, no extra packages. It exists to prove the
// provider works and to document the HTTP steps for the Rust test author.
//
// Usage:
//   node tests/oidc/drive.mjs <provider-url> [account] [redirect-uri]
//     provider-url  e.g. http://127.0.0.1:4455 (the URL of provider.mjs's `ready` line)
//     account       complete | no-phone | no-birthdate   (default complete)
//     redirect-uri  default http://127.0.0.1:8080/api/v1/auth/kyiv-id/callback
//                   (must be one of the provider's REDIRECT_URIS; nothing needs
//                   to listen there: the driver stops at the redirect)
// Prints one JSON document on stdout; the step-by-step trace goes to stderr.
// Exits non-zero on any unexpected answer.

import * as crypto from 'node:crypto';

const [issuerArg, account = 'complete', redirectUri = 'http://127.0.0.1:8080/api/v1/auth/kyiv-id/callback'] = process.argv.slice(2);
if (!issuerArg) {
  console.error('usage: node drive.mjs <provider-url> [account] [redirect-uri]');
  process.exit(2);
}
const issuer = issuerArg.replace(/\/$/, '');
const CLIENT_ID = 'hromada-test';
const CLIENT_SECRET = 'hromada-test-secret';

const trace = (...args) => console.error('[drive]', ...args);
function fail(msg) {
  console.error(`[drive] FAILED: ${msg}`);
  process.exit(1);
}

// ------------------------------------------------------------ cookie jar --
// Minimal RFC 6265 subset: name=value, Path, Max-Age/Expires deletion. All
// requests go to one host, so domains are ignored. Path matters: oidc-provider
// scopes `_interaction` to /interaction/<uid> and `_interaction_resume` to
// /auth/<uid>.
const jar = new Map(); // key `${path}\n${name}` -> { name, value, path }

function storeCookies(res) {
  for (const header of res.headers.getSetCookie()) {
    const [pair, ...attrs] = header.split(';').map((s) => s.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    let path = '/';
    let expired = false;
    for (const attr of attrs) {
      const [k, v = ''] = attr.split('=');
      const key = k.toLowerCase();
      if (key === 'path') path = v || '/';
      if (key === 'max-age' && Number(v) <= 0) expired = true;
      if (key === 'expires' && Date.parse(v) <= Date.now()) expired = true;
    }
    const id = `${path}\n${name}`;
    if (expired) jar.delete(id);
    else jar.set(id, { name, value, path });
  }
}

function cookieHeader(url) {
  const { pathname } = new URL(url);
  const matching = [...jar.values()].filter(({ path }) => pathname === path
    || pathname.startsWith(path.endsWith('/') ? path : `${path}/`));
  return matching.map(({ name, value }) => `${name}=${value}`).join('; ');
}

async function request(method, url, { form, headers = {} } = {}) {
  const h = { ...headers };
  const cookies = cookieHeader(url);
  if (cookies) h.cookie = cookies;
  let body;
  if (form) {
    body = new URLSearchParams(form).toString();
    h['content-type'] = 'application/x-www-form-urlencoded';
  }
  const res = await fetch(url, {
    method, headers: h, body, redirect: 'manual',
  });
  storeCookies(res);
  const text = await res.text();
  trace(`${method} ${url}${form ? ` ${body}` : ''} -> ${res.status}${res.headers.get('location') ? ` Location: ${res.headers.get('location')}` : ''}`);
  return { res, text };
}

// Follows redirects on the provider (GET each Location) until an HTML page
// (200) or a redirect leaving the provider (to the client's redirect_uri).
async function follow(first) {
  let current = first;
  for (let hops = 0; hops < 10; hops += 1) {
    const { res } = current;
    if (res.status < 300 || res.status >= 400) return current;
    const next = new URL(res.headers.get('location'), issuer + '/').href;
    if (!next.startsWith(`${issuer}/`)) return { ...current, location: next };
    current = await request('GET', next);
  }
  return fail('too many redirects');
}

function formOf(html, what) {
  const action = html.match(/<form[^>]*action="([^"]+)"[^>]*method="post"/i)?.[1];
  if (!action) fail(`no <form method="post"> on the ${what} page:\n${html}`);
  const fields = Object.fromEntries([...html.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/gi)]
    .map((m) => [m[1], m[2]]));
  return { action: new URL(action.replaceAll('&amp;', '&'), issuer + '/').href, fields };
}

const b64url = (buf) => Buffer.from(buf).toString('base64url');
function decodeJwt(jwt) {
  const [h, p] = jwt.split('.');
  return { header: JSON.parse(Buffer.from(h, 'base64url')), payload: JSON.parse(Buffer.from(p, 'base64url')) };
}

// ------------------------------------------------------------------- flow --

// 0. discovery
const discovery = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
if (discovery.issuer !== issuer) fail(`issuer mismatch: ${discovery.issuer}`);

// 1. authorization request with PKCE S256, state and nonce
const codeVerifier = b64url(crypto.randomBytes(32));
const codeChallenge = b64url(crypto.createHash('sha256').update(codeVerifier).digest());
const state = b64url(crypto.randomBytes(16));
const nonce = b64url(crypto.randomBytes(16));
const authUrl = new URL(discovery.authorization_endpoint);
authUrl.search = new URLSearchParams({
  response_type: 'code',
  client_id: CLIENT_ID,
  redirect_uri: redirectUri,
  scope: 'openid profile email phone address',
  state,
  nonce,
  code_challenge: codeChallenge,
  code_challenge_method: 'S256',
}).toString();

let page = await follow(await request('GET', authUrl.href));

// 2. login page: POST prompt=login, login=<account id>, password=<anything>
if (page.res.status !== 200 || !page.text.includes('name="login"')) fail(`expected the login page, got ${page.res.status}:\n${page.text}`);
const login = formOf(page.text, 'login');
page = await follow(await request('POST', login.action, {
  form: { ...login.fields, login: account, password: 'any-password' },
}));

// 3. consent page: POST prompt=consent
if (page.res.status !== 200 || !page.text.includes('value="consent"')) fail(`expected the consent page, got ${page.res.status}:\n${page.text}`);
const consent = formOf(page.text, 'consent');
page = await follow(await request('POST', consent.action, { form: { ...consent.fields } }));

// 4. redirect to the client's redirect_uri with code, state (and iss)
if (!page.location?.startsWith(redirectUri)) fail(`expected a redirect to ${redirectUri}, got ${page.res.status} ${page.location ?? ''}\n${page.text}`);
const callback = new URL(page.location);
if (callback.searchParams.get('error')) fail(`authorization error: ${callback.search}`);
if (callback.searchParams.get('state') !== state) fail('state mismatch');
if (callback.searchParams.has('iss') && callback.searchParams.get('iss') !== issuer) fail('iss mismatch');
const code = callback.searchParams.get('code');
if (!code) fail('no code');

// 5. token request (client_secret_basic; client_secret_post works too)
const tokenRes = await fetch(discovery.token_endpoint, {
  method: 'POST',
  headers: {
    authorization: `Basic ${Buffer.from(`${encodeURIComponent(CLIENT_ID)}:${encodeURIComponent(CLIENT_SECRET)}`).toString('base64')}`,
    'content-type': 'application/x-www-form-urlencoded',
  },
  body: new URLSearchParams({
    grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: codeVerifier,
  }),
});
const tokens = await tokenRes.json();
trace(`POST ${discovery.token_endpoint} -> ${tokenRes.status}`);
if (tokenRes.status !== 200) fail(`token endpoint: ${JSON.stringify(tokens)}`);

// 6. ID token: check signature against /jwks, iss, aud, nonce
const idToken = decodeJwt(tokens.id_token);
const jwks = await (await fetch(discovery.jwks_uri)).json();
const jwk = jwks.keys.find((k) => k.kid === idToken.header.kid);
if (!jwk) fail(`kid ${idToken.header.kid} not in JWKS`);
const [h, p, s] = tokens.id_token.split('.');
const signatureOk = crypto.verify('RSA-SHA256', Buffer.from(`${h}.${p}`), crypto.createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(s, 'base64url'));
if (!signatureOk) fail('ID token signature does not verify');
if (idToken.payload.iss !== issuer) fail('ID token iss');
if (idToken.payload.aud !== CLIENT_ID) fail('ID token aud');
if (idToken.payload.nonce !== nonce) fail('ID token nonce');
if (idToken.payload.sub !== account) fail('ID token sub');

// 7. userinfo
const userinfoRes = await fetch(discovery.userinfo_endpoint, { headers: { authorization: `Bearer ${tokens.access_token}` } });
const userinfo = await userinfoRes.json();
trace(`GET ${discovery.userinfo_endpoint} -> ${userinfoRes.status}`);
if (userinfoRes.status !== 200) fail(`userinfo: ${JSON.stringify(userinfo)}`);

process.stdout.write(`${JSON.stringify({
  account,
  callback: Object.fromEntries(callback.searchParams),
  token_response: { ...tokens, id_token: '(decoded below)', access_token: '(opaque)' },
  id_token_header: idToken.header,
  id_token_claims: idToken.payload,
  userinfo,
}, null, 2)}\n`);
