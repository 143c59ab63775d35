#!/usr/bin/env node
// Stand-in for the city's identity provider "Kyiv ID", for hromada's
// integration tests only. NEVER use this outside tests: it accepts any
// password, uses fixed cookie keys and plain HTTP.
//
// Usage:
//   node tests/oidc/provider.mjs [PORT]        (PORT may also come from env PORT;
//                                               0 or nothing = pick a free port)
// Environment:
//   REDIRECT_URIS       comma-separated redirect URIs of the test client
//                       (default http://127.0.0.1:8080/api/v1/auth/kyiv-id/callback)
//   ROTATE_AFTER_START  "1": rotate the signing key once, right after the JWKS
//                       endpoint has been served for the first time (so a relying
//                       party that cached the first key then gets ID tokens
//                       signed with a key it does not know yet).
//
// stdout carries exactly one line, `ready http://127.0.0.1:<port>`, once the
// server listens; every other message goes to stderr.
//
// Account data: POST /__test/accounts/<id> with a JSON object merges it into the
// account's claims (null removes a claim), as if the resident had edited their
// profile at the provider.
//
// Key rotation ("replace the signing key with a new one with a new kid"):
//   * send SIGUSR2 to the process (`kill -USR2 <pid>`), or
//   * POST http://127.0.0.1:<port>/__test/rotate-keys  (answers {"kid": "..."}), or
//   * ROTATE_AFTER_START=1 (see above).
// The old key is dropped from /jwks at once (replace, not overlap). oidc-provider
// has no public API to change keys of a running Provider, so rotation builds a
// new Provider instance with the new key and swaps the HTTP handler. Sessions,
// interactions, grants, codes and tokens survive the swap: oidc-provider's
// built-in memory adapter keeps them in module-level storage shared by all
// Provider instances, and the cookie keys are fixed.
//
// Stop it with SIGTERM or SIGINT.

import * as crypto from 'node:crypto';
import * as http from 'node:http';

// oidc-provider prints some notices with console.info (stdout); keep stdout
// for the `ready` line alone.
const writeStdout = (line) => process.stdout.write(`${line}\n`);
console.log = console.error;
console.info = console.error;
console.debug = console.error;

const { default: Provider } = await import('oidc-provider');

const log = (...args) => console.error('[kyiv-id-stub]', ...args);

const DEFAULT_REDIRECT_URI = 'http://127.0.0.1:8080/api/v1/auth/kyiv-id/callback';
const CLIENT_ID = 'hromada-test';
const CLIENT_SECRET = 'hromada-test-secret';

const portArg = process.argv[2] ?? process.env.PORT ?? '0';
const requestedPort = Number.parseInt(portArg, 10);
if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65535) {
  log(`invalid port: ${JSON.stringify(portArg)}`);
  process.exit(2);
}

let redirectUris = (process.env.REDIRECT_URIS ?? DEFAULT_REDIRECT_URI)
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);

// ---------------------------------------------------------------- accounts --

const BASE_ACCOUNT = {
  family_name: 'Шевченко',
  given_name: 'Тарас',
  middle_name: 'Григорович',
  birthdate: '1990-03-09',
  email: 'taras@example.org',
  email_verified: true,
  phone_number: '+380501234567',
  phone_number_verified: true,
  address: {
    formatted: 'Київ, вул. Хрещатик, 1',
    locality: 'Київ',
  },
};

const ACCOUNTS = {
  complete: { ...BASE_ACCOUNT },
  'no-phone': (() => {
    const { phone_number: _p, phone_number_verified: _pv, ...rest } = BASE_ACCOUNT;
    return { ...rest, email: 'no-phone@example.org' };
  })(),
  'no-birthdate': (() => {
    const { birthdate: _b, ...rest } = BASE_ACCOUNT;
    return { ...rest, email: 'no-birthdate@example.org', phone_number: '+380671112233' };
  })(),
};

async function findAccount(_ctx, id) {
  const data = ACCOUNTS[id];
  if (!data) {
    // Unknown login names are not accepted: the flow then loops back to the
    // login page (devInteractions cannot show an error).
    log(`findAccount: unknown account ${JSON.stringify(id)} (known: ${Object.keys(ACCOUNTS).join(', ')})`);
    return undefined;
  }
  return {
    accountId: id,
    // The provider filters these by the granted scopes / claims.
    async claims(_use, _scope, _claims, _rejected) {
      return { sub: id, ...structuredClone(data) };
    },
  };
}

// -------------------------------------------------------------------- keys --

let keyCounter = 0;

function generateSigningJwk() {
  keyCounter += 1;
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  return {
    ...jwk,
    kid: `kyiv-id-test-${keyCounter}-${crypto.randomBytes(4).toString('hex')}`,
    alg: 'RS256',
    use: 'sig',
  };
}

// ---------------------------------------------------------- configuration --

function configuration(signingJwk) {
  return {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        // client_secret_post is accepted too: oidc-provider treats
        // client_secret_basic and client_secret_post as interchangeable.
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'RS256',
      },
    ],
    // PKCE is mandatory for every authorization request, S256 only.
    pkce: { methods: ['S256'], required: () => true },
    scopes: ['openid', 'profile', 'email', 'phone', 'address'],
    claims: {
      openid: ['sub'],
      // `taxpayer` (boolean, Kyiv ID's own claim: pays taxes to the city's budget) is released
      // only when a test sets it on an account.
      profile: ['family_name', 'given_name', 'middle_name', 'birthdate', 'taxpayer'],
      email: ['email', 'email_verified'],
      phone: ['phone_number', 'phone_number_verified'],
      address: ['address'],
    },
    // Release scope claims in the ID token too, not only at userinfo.
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: true },
      userinfo: { enabled: true },
      revocation: { enabled: false },
      introspection: { enabled: false },
    },
    findAccount,
    jwks: { keys: [signingJwk] },
    cookies: {
      keys: ['hromada-test-cookie-key-not-a-secret'],
    },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    renderError(ctx, out, error) {
      log('renderError', out, error?.message);
      ctx.type = 'html';
      ctx.body = `<!DOCTYPE html><html><body><h1>oops</h1><pre>${
        Object.entries(out).map(([k, v]) => `${k}: ${String(v).replace(/[<>&"]/g, '')}`).join('\n')
      }</pre></body></html>`;
    },
  };
}

// ------------------------------------------------------------------ server --

let issuer;
let currentKid;
let currentHandler;
let rotateAfterFirstJwks = process.env.ROTATE_AFTER_START === '1';

function buildProvider() {
  const jwk = generateSigningJwk();
  const provider = new Provider(issuer, configuration(jwk));
  for (const event of ['server_error', 'authorization.error', 'grant.error',
    'userinfo.error', 'jwks.error', 'discovery.error', 'end_session.error']) {
    provider.on(event, (_ctx, err) => log(event, err?.name, err?.message, err?.error_description ?? ''));
  }
  currentKid = jwk.kid;
  currentHandler = provider.callback();
  return jwk.kid;
}

function rotate(reason) {
  const old = currentKid;
  const kid = buildProvider();
  log(`signing key rotated (${reason}): ${old} -> ${kid}`);
  return kid;
}

// How the client authenticated at the last token request: "basic" (an
// Authorization: Basic header, client_secret_basic) or "post" (client_secret_post).
let lastTokenAuth = null;

const server = http.createServer((req, res) => {
  const path = (req.url ?? '').split('?')[0];

  if (path === '/token' && req.method === 'POST') {
    lastTokenAuth = /^basic /i.test(req.headers.authorization ?? '') ? 'basic' : 'post';
  }

  if (path === '/__test/last-token-auth' && req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ auth: lastTokenAuth }));
    return;
  }

  if (path === '/__test/rotate-keys' && req.method === 'POST') {
    const kid = rotate('HTTP');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ kid }));
    return;
  }

  if (path === '/__test/redirect-uris' && req.method === 'POST') {
    // The client's redirect URIs change (the app under test learns its port late).
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      let uris;
      try {
        uris = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch (err) {
        uris = undefined;
      }
      if (!Array.isArray(uris) || uris.some((u) => typeof u !== 'string')) {
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('expected a JSON array of URIs\n');
        return;
      }
      redirectUris = uris;
      rotate('redirect URIs changed');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ redirect_uris: redirectUris }));
    });
    return;
  }

  const accountPath = /^\/__test\/accounts\/([^/]+)$/.exec(path);
  if (accountPath && req.method === 'POST') {
    // The resident completes their profile at the provider: merge the JSON body
    // into the account's claims (a null value removes the claim).
    const id = decodeURIComponent(accountPath[1]);
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      let patch;
      try {
        patch = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch (err) {
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`invalid JSON: ${err.message}\n`);
        return;
      }
      if (!Object.hasOwn(ACCOUNTS, id) || typeof patch !== 'object' || patch === null) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`unknown test account ${JSON.stringify(id)}\n`);
        return;
      }
      for (const [key, value] of Object.entries(patch)) {
        if (value === null) delete ACCOUNTS[id][key];
        else ACCOUNTS[id][key] = value;
      }
      log(`account ${id} updated: ${JSON.stringify(patch)}`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ sub: id, ...ACCOUNTS[id] }));
    });
    return;
  }

  if (rotateAfterFirstJwks && path === '/jwks' && req.method === 'GET') {
    rotateAfterFirstJwks = false;
    res.on('finish', () => rotate('ROTATE_AFTER_START=1, after first JWKS fetch'));
  }

  if (req.method === 'POST' && /^\/interaction\/[^/]+$/.test(path)) {
    // devInteractions accepts any login name and would only fail later with
    // a 500 on the consent page; reject unknown accounts here with a clear
    // 400 instead. oidc-provider reads an already consumed body from req.body.
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const form = new URLSearchParams(raw);
      if (form.get('prompt') === 'login' && !Object.hasOwn(ACCOUNTS, form.get('login') ?? '')) {
        const msg = `unknown test account ${JSON.stringify(form.get('login'))}; known: ${Object.keys(ACCOUNTS).join(', ')}`;
        log(msg);
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`${msg}\n`);
        return;
      }
      req.body = raw;
      currentHandler(req, res);
    });
    return;
  }

  currentHandler(req, res);
});

server.on('error', (err) => {
  log('server error:', err.message);
  process.exit(1);
});

server.listen(requestedPort, '127.0.0.1', () => {
  const { port } = server.address();
  issuer = `http://127.0.0.1:${port}`;
  try {
    buildProvider();
  } catch (err) {
    log('failed to configure oidc-provider:', err);
    process.exit(1);
  }
  log(`issuer ${issuer}, client ${CLIENT_ID}, redirect_uris ${redirectUris.join(' ')}, kid ${currentKid}`);
  writeStdout(`ready ${issuer}`);
});

process.on('SIGUSR2', () => {
  if (issuer) rotate('SIGUSR2');
});

function shutdown(signal) {
  log(`${signal}: shutting down`);
  server.close(() => process.exit(0));
  server.closeAllConnections?.();
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
