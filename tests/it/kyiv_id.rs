//! Kyiv ID sign-in, end to end. Two providers play Kyiv ID:
//!
//! - the `oidc-provider` npm package (`tests/oidc/provider.mjs`), a real OpenID Connect
//!   provider: the whole browser flow through its login and consent pages, the missing-fields
//!   rule, linking, and signing-key rotation;
//! - a small provider in this file that answers with ID tokens forged on purpose (wrong issuer,
//!   audience, nonce, signature, algorithm, expiry, key), each of which must be refused.
//!
//! The stand-in also plays a provider without a discovery document (its endpoints configured by
//! hand, with and without its keys), and, with a wiremock GraphQL server, Kyiv ID's profile API.

use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Utc;
use entities::{oidc_flow, user, user_identity};
use hromada::config::{KyivIdClientAuth, KyivIdEndpoints, KyivIdProfile, Settings};
use hromada::domain::Clock;
use openidconnect::core::{
    CoreHmacKey, CoreIdToken, CoreIdTokenClaims, CoreJsonWebKeySet, CoreJwsSigningAlgorithm,
    CoreRsaPrivateSigningKey,
};
use openidconnect::{JsonWebKeyId, PkceCodeChallenge, PkceCodeVerifier, PrivateSigningKey};
use poem::web::{Data, Form, Json};
use poem::{EndpointExt, Route, get, handler, post};
use reqwest::Url;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use crate::smtp::free_port;
use crate::support::{Browser, TestApp, TestDb, spawn_app, spawn_app_with, try_spawn_on};

const CLIENT_ID: &str = "hromada-test";
const CLIENT_SECRET: &str = "hromada-test-secret";
const CALLBACK: &str = "/api/v1/auth/kyiv-id/callback";

/// A browser: its own cookies, redirects followed by hand.
pub(crate) fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

fn location(response: &reqwest::Response) -> Url {
    let value = response
        .headers()
        .get("location")
        .unwrap_or_else(|| panic!("a redirect, got {}", response.status()))
        .to_str()
        .unwrap();
    response.url().join(value).unwrap()
}

fn set_cookies(response: &reqwest::Response) -> Vec<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect()
}

fn has_session_cookie(response: &reqwest::Response) -> bool {
    set_cookies(response)
        .iter()
        .any(|c| c.starts_with("hromada_session=") && !c.contains("Max-Age=0"))
}

async fn users_with_login(app: &TestApp, login: &str) -> u64 {
    user::Entity::find()
        .filter(user::Column::Login.eq(login))
        .count(&app.db)
        .await
        .unwrap()
}

async fn identities(app: &TestApp) -> Vec<user_identity::Model> {
    user_identity::Entity::find().all(&app.db).await.unwrap()
}

// ------------------------------------------------------------------------------------------
// The oidc-provider stand-in
// ------------------------------------------------------------------------------------------

pub(crate) struct KyivIdStub {
    url: String,
    child: Child,
}

impl KyivIdStub {
    fn dir() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oidc")
    }

    /// Whether node and the stand-in's packages are installed; without them (outside CI) the
    /// interoperability tests are skipped.
    fn available() -> bool {
        let node = Command::new("node")
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        let ok = node && Self::dir().join("node_modules/oidc-provider").is_dir();
        if !ok {
            assert!(
                std::env::var_os("CI").is_none(),
                "node and `npm ci --prefix tests/oidc` are required in CI"
            );
            eprintln!("skipped: install node and run `npm ci --prefix tests/oidc`");
        }
        ok
    }

    async fn start(redirect_uri: &str) -> KyivIdStub {
        let mut child = Command::new("node")
            .arg(Self::dir().join("provider.mjs"))
            .arg("0")
            .env("REDIRECT_URIS", redirect_uri)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start node");
        let line = crate::support::ready_line(&mut child, "the Kyiv ID stand-in", 30).await;
        let url = line
            .strip_prefix("ready ")
            .expect("`ready <url>`")
            .to_owned();
        KyivIdStub { url, child }
    }

    async fn rotate_keys(&self) {
        let response = reqwest::Client::new()
            .post(format!("{}/__test/rotate-keys", self.url))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
    }

    /// How hromada authenticated at the last token request: `basic` or `post`.
    async fn last_token_auth(&self) -> String {
        let answer: Value = reqwest::get(format!("{}/__test/last-token-auth", self.url))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        answer["auth"].as_str().unwrap_or("none").to_owned()
    }

    async fn set_redirect_uri(&self, uri: &str) {
        let response = reqwest::Client::new()
            .post(format!("{}/__test/redirect-uris", self.url))
            .json(&json!([uri]))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
    }

    /// The resident edits their profile at the provider.
    pub(crate) async fn update_account(&self, account: &str, patch: Value) {
        let response = reqwest::Client::new()
            .post(format!("{}/__test/accounts/{account}", self.url))
            .json(&patch)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
    }
}

impl Drop for KyivIdStub {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The app, on a port chosen before it starts (the provider must know the exact redirect
/// URI), with Kyiv ID at the stand-in.
pub(crate) async fn app_with_stub() -> Option<(TestApp, KyivIdStub)> {
    app_with_stub_and(|_, _| {}).await
}

/// Like [`app_with_stub`], with more settings: `adjust` gets them and the stand-in's URL.
pub(crate) async fn app_with_stub_and(
    adjust: impl Fn(&mut Settings, &str),
) -> Option<(TestApp, KyivIdStub)> {
    if !KyivIdStub::available() {
        return None;
    }
    let stub = KyivIdStub::start("http://127.0.0.1:1/unused").await;
    let issuer = stub.url.clone();
    // The redirect URI names the app's port, which is chosen just before the app binds it;
    // another process may take it in between, so try again then.
    for _ in 0..10 {
        let port = free_port();
        let public_url = format!("http://127.0.0.1:{port}");
        stub.set_redirect_uri(&format!("{public_url}{CALLBACK}"))
            .await;
        let bound = try_spawn_on(TestDb::new().await, |s| {
            s.server.bind = ([127, 0, 0, 1], port).into();
            s.server.public_url = public_url;
            enable(s, &issuer);
            adjust(s, &issuer);
        })
        .await;
        if let Ok(app) = bound {
            return Some((app, stub));
        }
    }
    panic!("no free port for the app")
}

fn enable(settings: &mut Settings, issuer: &str) {
    settings.kyiv_id.enabled = true;
    settings.kyiv_id.issuer = issuer.to_owned();
    settings.kyiv_id.client_id = CLIENT_ID.into();
    settings.kyiv_id.client_secret = CLIENT_SECRET.into();
}

/// Walks a browser from `start` (a path on the app) through the provider's login and consent
/// pages as `account`, and returns the app's answer on the callback.
pub(crate) async fn sign_in_via(
    app: &TestApp,
    browser: &reqwest::Client,
    start: &str,
    account: &str,
    lang: &str,
) -> reqwest::Response {
    let callback = callback_url(app, browser, start, account).await;
    browser
        .get(callback)
        .header("accept-language", lang)
        .send()
        .await
        .unwrap()
}

/// Like [`sign_in_via`], but stops before the browser comes back to the app.
async fn callback_url(app: &TestApp, browser: &reqwest::Client, start: &str, account: &str) -> Url {
    let started = browser.get(app.url(start)).send().await.unwrap();
    assert_eq!(started.status(), 302, "{}", started.text().await.unwrap());
    let mut next = location(&started);
    for _ in 0..20 {
        if next.as_str().starts_with(&app.url(CALLBACK)) {
            return next;
        }
        let response = browser.get(next.clone()).send().await.unwrap();
        if response.status().is_redirection() {
            next = location(&response);
            continue;
        }
        assert_eq!(response.status(), 200, "at {next}");
        let page = response.text().await.unwrap();
        let form: &[(&str, &str)] = if page.contains("name=\"login\"") {
            &[("prompt", "login"), ("login", account), ("password", "any")]
        } else {
            assert!(page.contains("value=\"consent\""), "{page}");
            &[("prompt", "consent")]
        };
        let posted = browser.post(next.clone()).form(form).send().await.unwrap();
        assert!(posted.status().is_redirection(), "{}", posted.status());
        next = location(&posted);
    }
    panic!("the provider never sent the browser back");
}

pub(crate) async fn sign_in(app: &TestApp, account: &str) -> (reqwest::Client, reqwest::Response) {
    let browser = browser();
    let response = sign_in_via(app, &browser, "/api/v1/auth/kyiv-id/start", account, "uk").await;
    (browser, response)
}

/// A browser signed in with a password (no CSRF token needed: it only navigates).
async fn password_browser(app: &TestApp, login: &str) -> reqwest::Client {
    let browser = browser();
    let response = browser
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({ "login": login, "password": "correct horse battery" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    browser
}

pub(crate) async fn me(app: &TestApp, browser: &reqwest::Client) -> Value {
    let response = browser
        .get(app.url("/api/v1/auth/session"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

#[tokio::test]
async fn a_first_sign_in_makes_the_account_from_the_claims_and_the_next_finds_it() {
    let Some((app, _stub)) = app_with_stub().await else {
        return;
    };
    let (browser, response) = sign_in(&app, "complete").await;
    assert_eq!(response.status(), 302, "{}", response.text().await.unwrap());
    assert_eq!(location(&response).path(), "/");
    assert!(has_session_cookie(&response));

    let session = me(&app, &browser).await;
    let user = &session["user"];
    assert_eq!(user["login"], "+380501234567");
    assert_eq!(user["last_name"], "Шевченко");
    assert_eq!(user["first_name"], "Тарас");
    assert_eq!(user["patronymic"], "Григорович");
    assert_eq!(user["birth_date"], "1990-03-09");
    assert_eq!(user["email"], "taras@example.org");
    assert_eq!(user["email_verified"], true);
    assert_eq!(user["registration_address"], "Київ, вул. Хрещатик, 1");
    assert_eq!(user["missing_fields"], json!([]));
    // A Kyiv ID account has no password: the password form cannot sign in to it.
    let by_password = app
        .post_json(
            "/api/v1/auth/login",
            &json!({ "login": "+380501234567", "password": "" }),
        )
        .await;
    assert!(by_password.status().is_client_error());

    let again = sign_in(&app, "complete").await.1;
    assert_eq!(again.status(), 302);
    assert_eq!(users_with_login(&app, "+380501234567").await, 1);
    let linked = identities(&app).await;
    assert_eq!(linked.len(), 1);
    assert_eq!(linked[0].subject, "complete");
    assert_eq!(linked[0].issuer, _stub.url);
    assert_eq!(linked[0].user_id, user["id"].as_i64().unwrap());
}

#[tokio::test]
async fn missing_fields_are_named_in_the_residents_language_and_nothing_is_left_behind() {
    let Some((app, stub)) = app_with_stub().await else {
        return;
    };
    let users_before = user::Entity::find().count(&app.db).await.unwrap();

    let browser = browser();
    let start = "/api/v1/auth/kyiv-id/start";
    let refused = sign_in_via(&app, &browser, start, "no-birthdate", "uk").await;
    assert_eq!(refused.status(), 422);
    assert!(!has_session_cookie(&refused));
    let page = refused.text().await.unwrap();
    assert!(page.contains("Дата народження"), "{page}");
    assert!(
        !page.contains("Номер телефону"),
        "only what is missing: {page}"
    );

    let refused = sign_in_via(&app, &browser, start, "no-birthdate", "en").await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("Date of birth"));

    // Nothing half-made: no account, no identity, no session.
    assert_eq!(
        user::Entity::find().count(&app.db).await.unwrap(),
        users_before
    );
    assert!(identities(&app).await.is_empty());
    let session = browser
        .get(app.url("/api/v1/auth/session"))
        .send()
        .await
        .unwrap();
    assert_eq!(session.status(), 401);

    // The resident completes their Kyiv ID profile and comes back.
    stub.update_account("no-birthdate", json!({ "birthdate": "1985-12-01" }))
        .await;
    let admitted = sign_in_via(&app, &browser, start, "no-birthdate", "uk").await;
    assert_eq!(admitted.status(), 302);
    let session = me(&app, &browser).await;
    assert_eq!(session["user"]["birth_date"], "1985-12-01");
    assert_eq!(session["user"]["login"], "+380671112233");
}

/// A budget session of `city` in its submission stage.
async fn create_session(admin: &Browser, city: &str, methods: &[&str], required: &[&str]) {
    let day = |offset: i64| (Utc::now().date_naive() + chrono::Duration::days(offset)).to_string();
    let created = admin
        .post(
            &format!("/api/v1/cities/{city}/sessions"),
            &json!({
                "name": { "uk": "Громадський бюджет", "en": "Participatory budget" },
                "parameters": {
                    "votes_per_voter": 5, "min_voter_age": 16, "min_author_age": 18,
                    "results_rule": "greedy", "registration_methods": methods,
                    "required_fields": required
                },
                "stages": [
                    { "kind": "submission", "start": day(-1), "end": day(30) },
                    { "kind": "review", "start": day(31), "end": day(60) },
                    { "kind": "voting", "start": day(61), "end": day(90) },
                    { "kind": "results", "start": day(91), "end": day(100) },
                ],
                "pots": [{
                    "name": { "uk": "Малі проєкти", "en": "Small projects" },
                    "scope": "citywide", "total": "1000000", "max_project_cost": "100000"
                }],
            }),
        )
        .await;
    assert_eq!(created.status(), 201, "{}", created.text().await.unwrap());
}

#[tokio::test]
async fn the_city_sessions_required_fields_decide_who_is_admitted() {
    let Some((app, _stub)) = app_with_stub().await else {
        return;
    };
    // Without a phone the default requirements are not met…
    let refused = sign_in(&app, "no-phone").await.1;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("Номер телефону"));

    // …but a city whose current session does not ask for one admits the resident.
    app.city("phone-free").await;
    app.user("+380931000001", "correct horse battery", true, &[])
        .await;
    let mut admin = app.browser();
    let login = admin.login("+380931000001", "correct horse battery").await;
    assert_eq!(login.status(), 200);
    let methods = ["password", "kyiv_id"];
    create_session(
        &admin,
        "phone-free",
        &methods,
        &["last_name", "first_name", "birth_date"],
    )
    .await;

    let browser = browser();
    let admitted = sign_in_via(
        &app,
        &browser,
        "/api/v1/auth/kyiv-id/start?city=phone-free",
        "no-phone",
        "uk",
    )
    .await;
    assert_eq!(admitted.status(), 302, "{}", admitted.text().await.unwrap());
    let session = me(&app, &browser).await;
    assert_eq!(session["user"]["phone"], Value::Null);
    assert!(
        session["user"]["login"]
            .as_str()
            .unwrap()
            .starts_with("kyiv-id:")
    );

    // A session that does not offer Kyiv ID as a registration method does not start it.
    app.city("password-only").await;
    create_session(&admin, "password-only", &["password"], &["last_name"]).await;
    let not_offered = browser
        .get(app.url("/api/v1/auth/kyiv-id/start?city=password-only"))
        .send()
        .await
        .unwrap();
    assert_eq!(not_offered.status(), 404);
    let meta: Value = app.get("/api/v1/meta").await.json().await.unwrap();
    assert_eq!(meta["sign_in_methods"], json!(["password", "kyiv_id"]));
}

#[tokio::test]
async fn a_password_account_links_kyiv_id_and_is_never_merged_silently() {
    let Some((app, _stub)) = app_with_stub().await else {
        return;
    };
    // Someone registered with the phone that Kyiv ID's `complete` account carries.
    let owner = app
        .user("+380501234567", "correct horse battery", false, &[])
        .await;

    // Signing in with Kyiv ID does not take over that account.
    let refused = sign_in(&app, "complete").await.1;
    assert_eq!(refused.status(), 409);
    assert!(identities(&app).await.is_empty());

    // Linking needs a signed-in resident.
    let anonymous = browser()
        .get(app.url("/api/v1/auth/kyiv-id/start?link=true"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);

    // The owner links Kyiv ID from their profile…
    let browser = password_browser(&app, "+380501234567").await;
    let linked = sign_in_via(
        &app,
        &browser,
        "/api/v1/auth/kyiv-id/start?link=true",
        "complete",
        "uk",
    )
    .await;
    assert_eq!(linked.status(), 302, "{}", linked.text().await.unwrap());
    assert_eq!(location(&linked).query(), Some("kyiv_id=linked"));
    let linked = identities(&app).await;
    assert_eq!(linked.len(), 1);
    assert_eq!(linked[0].user_id, owner);

    // …and from then on Kyiv ID signs them in to it.
    let (browser, signed_in) = sign_in(&app, "complete").await;
    assert_eq!(signed_in.status(), 302);
    assert_eq!(me(&app, &browser).await["user"]["id"], owner);

    // The same Kyiv ID cannot be linked to a second account.
    app.user("+380991112233", "correct horse battery", false, &[])
        .await;
    let other = password_browser(&app, "+380991112233").await;
    let refused = sign_in_via(
        &app,
        &other,
        "/api/v1/auth/kyiv-id/start?link=true",
        "complete",
        "en",
    )
    .await;
    assert_eq!(refused.status(), 409);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("Kyiv ID already linked")
    );
    assert_eq!(identities(&app).await.len(), 1);
}

#[tokio::test]
async fn a_rotated_signing_key_is_fetched_again() {
    let Some((app, stub)) = app_with_stub().await else {
        return;
    };
    // The first sign-in caches the provider's metadata and keys.
    assert_eq!(sign_in(&app, "complete").await.1.status(), 302);
    stub.rotate_keys().await;
    let response = sign_in(&app, "complete").await.1;
    assert_eq!(response.status(), 302, "{}", response.text().await.unwrap());
}

#[tokio::test]
async fn a_callback_is_used_once_and_only_by_the_browser_that_started_it() {
    let Some((app, _stub)) = app_with_stub().await else {
        return;
    };
    let started_here = browser();
    let callback = callback_url(
        &app,
        &started_here,
        "/api/v1/auth/kyiv-id/start",
        "complete",
    )
    .await;

    // Another browser (say, a link sent to a victim) cannot finish it.
    let elsewhere = browser()
        .get(callback.clone())
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(elsewhere.status(), 400);
    assert!(!has_session_cookie(&elsewhere));
    assert!(
        elsewhere
            .text()
            .await
            .unwrap()
            .contains("Sign-in session not valid")
    );

    // The state was spent by that attempt: even the right browser cannot replay it.
    let replayed = started_here.get(callback).send().await.unwrap();
    assert_eq!(replayed.status(), 400);
    assert!(!has_session_cookie(&replayed));
    assert!(user::Entity::find().all(&app.db).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_resident_who_cancels_at_the_provider_is_told_so() {
    let Some((app, _stub)) = app_with_stub().await else {
        return;
    };
    let browser = browser();
    let started = browser
        .get(app.url("/api/v1/auth/kyiv-id/start"))
        .send()
        .await
        .unwrap();
    let login_page = browser.get(location(&started)).send().await.unwrap();
    let login_page = location(&login_page);
    let mut next = login_page
        .join(&format!("{}/abort", login_page.path()))
        .unwrap();
    while !next.as_str().starts_with(&app.url(CALLBACK)) {
        next = location(&browser.get(next).send().await.unwrap());
    }
    let cancelled = browser
        .get(next)
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(cancelled.status(), 400);
    assert!(
        cancelled
            .text()
            .await
            .unwrap()
            .contains("Sign-in cancelled")
    );
}

// ------------------------------------------------------------------------------------------
// Without discovery: the endpoints by hand; the profile from GraphQL
// ------------------------------------------------------------------------------------------

/// Kyiv ID without discovery: the stand-in's endpoints given by hand. `jwks` is the path of its
/// keys, or `"none"`.
fn explicit(settings: &mut Settings, url: &str, auth: KyivIdClientAuth, jwks: &str) {
    settings.kyiv_id.discovery = false;
    settings.kyiv_id.client_auth = auth;
    settings.kyiv_id.endpoints = KyivIdEndpoints {
        authorization: format!("{url}/auth"),
        token: format!("{url}/token"),
        jwks: if jwks == "none" {
            jwks.to_owned()
        } else {
            format!("{url}{jwks}")
        },
        userinfo: format!("{url}/me"),
    };
}

#[tokio::test]
async fn without_discovery_the_configured_endpoints_sign_in_with_basic_and_post_auth() {
    for (auth, name) in [
        (KyivIdClientAuth::Basic, "basic"),
        (KyivIdClientAuth::Post, "post"),
    ] {
        let Some((app, stub)) = app_with_stub_and(|s, url| explicit(s, url, auth, "/jwks")).await
        else {
            return;
        };
        // The app never asks for the discovery document.
        let (browser, response) = sign_in(&app, "complete").await;
        assert_eq!(
            response.status(),
            302,
            "{name}: {}",
            response.text().await.unwrap()
        );
        assert_eq!(stub.last_token_auth().await, name);
        let user = me(&app, &browser).await["user"].clone();
        assert_eq!(user["login"], "+380501234567", "{name}");
        assert_eq!(user["birth_date"], "1990-03-09");
        assert_eq!(user["email_verified"], true);
        let linked = identities(&app).await;
        assert_eq!(
            (linked[0].issuer.as_str(), linked[0].subject.as_str()),
            (stub.url.as_str(), "complete")
        );

        // The keys rotate: they are fetched again from the configured JWKS URL.
        stub.rotate_keys().await;
        let again = sign_in(&app, "complete").await.1;
        assert_eq!(
            again.status(),
            302,
            "{name}: {}",
            again.text().await.unwrap()
        );
        assert_eq!(users_with_login(&app, "+380501234567").await, 1);
    }
}

#[tokio::test]
async fn without_the_providers_keys_the_identity_comes_from_userinfo() {
    let Some((app, stub)) =
        app_with_stub_and(|s, url| explicit(s, url, KyivIdClientAuth::Post, "none")).await
    else {
        return;
    };
    let (browser, response) = sign_in(&app, "no-birthdate").await;
    assert_eq!(response.status(), 422, "the claims still decide");
    stub.update_account("no-birthdate", json!({ "birthdate": "1985-12-01" }))
        .await;
    let response = sign_in_via(
        &app,
        &browser,
        "/api/v1/auth/kyiv-id/start",
        "no-birthdate",
        "uk",
    )
    .await;
    assert_eq!(response.status(), 302, "{}", response.text().await.unwrap());
    let user = me(&app, &browser).await["user"].clone();
    assert_eq!(user["login"], "+380671112233");
    assert_eq!(user["birth_date"], "1985-12-01");
    let linked = identities(&app).await;
    assert_eq!(linked.len(), 1);
    assert_eq!(linked[0].subject, "no-birthdate", "userinfo's sub");
    assert_eq!(linked[0].issuer, stub.url);
}

#[tokio::test]
async fn jwks_none_without_userinfo_is_refused_at_start() {
    let mut settings = Settings::default();
    enable(&mut settings, "http://127.0.0.1:9");
    explicit(
        &mut settings,
        "http://127.0.0.1:9",
        KyivIdClientAuth::Basic,
        "none",
    );
    settings.kyiv_id.endpoints.userinfo = String::new();
    let error = hromada::auth::kyiv_id::KyivId::new(&settings.kyiv_id, "http://127.0.0.1:8080")
        .unwrap_err();
    assert!(error.to_string().contains("userinfo"), "{error}");

    settings.kyiv_id.endpoints.userinfo = "http://127.0.0.1:9/me".into();
    settings.kyiv_id.profile = KyivIdProfile::Graphql;
    let error = hromada::auth::kyiv_id::KyivId::new(&settings.kyiv_id, "http://127.0.0.1:8080")
        .unwrap_err();
    assert!(error.to_string().contains("graphql_url"), "{error}");
}

/// Kyiv ID's profile API, answering `profile(id)` in its shape.
pub(crate) async fn graphql_server() -> wiremock::MockServer {
    wiremock::MockServer::start().await
}

pub(crate) fn graphql_profile() -> Value {
    json!({
        "name": { "lastName": "Косач", "firstName": "Лариса", "middleName": "Петрівна" },
        "birthday": { "date": "1971-02-25" },
        "gender": "FEMALE",
        "phones": [ { "phoneNumber": "+380671234599", "confirmed": false } ],
        "emails": [
            { "email": "old@example.org", "confirmed": false },
            { "email": "lesya@example.org", "confirmed": true }
        ],
        "addresses": [
            { "type": "FACTUAL", "settlementName": "Київ", "district": "Печерський",
              "street": "вул. Лесі Українки", "house": "7", "flat": null, "zipCode": "01133" },
            { "type": "REGISTRATION", "settlementName": "Київ", "district": null,
              "street": "вул. Хрещатик", "house": "1", "flat": "5", "zipCode": "01001" }
        ],
        "passportInternal": { "series": "МЕ", "number": "123456" }
    })
}

pub(crate) fn graphql(settings: &mut Settings, url: &str) {
    settings.kyiv_id.profile = KyivIdProfile::Graphql;
    settings.kyiv_id.graphql_url = format!("{url}/graphql");
}

#[tokio::test]
async fn the_profile_comes_from_graphql_and_only_confirmed_contacts_are_verified() {
    use wiremock::matchers::{body_partial_json, header_regex, method, path};
    let api = graphql_server().await;
    wiremock::Mock::given(method("POST"))
        .and(path("/graphql"))
        .and(header_regex("authorization", "^Bearer .+"))
        .and(body_partial_json(
            json!({ "variables": { "id": "complete" } }),
        ))
        .respond_with(
            wiremock::ResponseTemplate::new(200)
                .set_body_json(json!({ "data": { "profile": graphql_profile() } })),
        )
        .expect(2)
        .mount(&api)
        .await;
    let api_url = api.uri();
    for jwks in ["/jwks", "none"] {
        let Some((app, _stub)) = app_with_stub_and(|s, url| {
            explicit(s, url, KyivIdClientAuth::Post, jwks);
            graphql(s, &api_url);
        })
        .await
        else {
            return;
        };
        let (browser, response) = sign_in(&app, "complete").await;
        assert_eq!(
            response.status(),
            302,
            "{jwks}: {}",
            response.text().await.unwrap()
        );
        let user = me(&app, &browser).await["user"].clone();
        // Not the stand-in's claims (Шевченко): the GraphQL profile.
        assert_eq!(user["last_name"], "Косач", "{jwks}");
        assert_eq!(user["first_name"], "Лариса");
        assert_eq!(user["patronymic"], "Петрівна");
        assert_eq!(user["birth_date"], "1971-02-25");
        assert_eq!(
            user["registration_address"],
            "Київ, вул. Хрещатик, 1, кв. 5, 01001"
        );
        assert_eq!(
            user["residence_address"],
            "Київ, Печерський, вул. Лесі Українки, 7, 01133"
        );
        // The confirmed e-mail is verified; the unconfirmed phone fills the field but is not
        // taken as verified: it does not become the login.
        assert_eq!(user["email"], "lesya@example.org");
        assert_eq!(user["email_verified"], true);
        assert_eq!(user["phone"], "+380671234599");
        let login = user["login"].as_str().unwrap();
        assert!(login.starts_with("kyiv-id:"), "{login}");
        assert_eq!(users_with_login(&app, "+380671234599").await, 0);
        assert_eq!(identities(&app).await[0].subject, "complete");
    }
    // The query and its variables, with the access token.
    let requests = api.received_requests().await.unwrap();
    let body: Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(body["query"], hromada::auth::kyiv_id::GRAPHQL_PROFILE_QUERY);
    assert!(body["query"].as_str().unwrap().contains("profile(id: $id)"));
}

#[tokio::test]
async fn graphql_errors_failures_and_timeouts_give_the_unavailable_page() {
    use wiremock::matchers::{method, path};
    let api = graphql_server().await;
    let api_url = api.uri();
    let Some((app, _stub)) = app_with_stub_and(|s, url| {
        explicit(s, url, KyivIdClientAuth::Basic, "/jwks");
        graphql(s, &api_url);
        s.kyiv_id.timeout_secs = 1;
    })
    .await
    else {
        return;
    };
    let answers = [
        (
            "GraphQL errors",
            wiremock::ResponseTemplate::new(200).set_body_json(json!({
                "data": { "profile": null },
                "errors": [{ "message": "profile not found", "path": ["profile"] }]
            })),
        ),
        (
            "errors next to data",
            wiremock::ResponseTemplate::new(200).set_body_json(json!({
                "data": { "profile": graphql_profile() },
                "errors": [{ "message": "partial" }]
            })),
        ),
        (
            "HTTP 500",
            wiremock::ResponseTemplate::new(500).set_body_string("oops"),
        ),
        (
            "HTTP 401",
            wiremock::ResponseTemplate::new(401).set_body_json(json!({ "errors": [] })),
        ),
        (
            "not JSON",
            wiremock::ResponseTemplate::new(200).set_body_string("<html>"),
        ),
        (
            "no profile",
            wiremock::ResponseTemplate::new(200)
                .set_body_json(json!({ "data": { "profile": null } })),
        ),
        (
            "too slow",
            wiremock::ResponseTemplate::new(200)
                .set_body_json(json!({ "data": { "profile": graphql_profile() } }))
                .set_delay(Duration::from_secs(3)),
        ),
    ];
    for (what, answer) in answers {
        api.reset().await;
        wiremock::Mock::given(method("POST"))
            .and(path("/graphql"))
            .respond_with(answer)
            .mount(&api)
            .await;
        let browser = browser();
        let started = std::time::Instant::now();
        let response = sign_in_via(
            &app,
            &browser,
            "/api/v1/auth/kyiv-id/start",
            "complete",
            "en",
        )
        .await;
        assert_eq!(response.status(), 502, "{what}");
        assert!(!has_session_cookie(&response), "{what}");
        let page = response.text().await.unwrap();
        assert!(page.contains("Kyiv ID unavailable"), "{what}: {page}");
        assert!(
            !page.contains("profile not found"),
            "{what}: no provider text"
        );
        assert!(started.elapsed() < Duration::from_secs(20), "{what}");
    }
    assert!(user::Entity::find().all(&app.db).await.unwrap().is_empty());
    assert!(identities(&app).await.is_empty());
}

// ------------------------------------------------------------------------------------------
// A provider that forges ID tokens
// ------------------------------------------------------------------------------------------

#[derive(Default)]
struct Forgery {
    /// The ID token the token endpoint hands out next.
    id_token: Option<String>,
    /// The last token request's form.
    token_request: Option<HashMap<String, String>>,
}

struct ForgingProvider {
    url: String,
    forgery: Arc<Mutex<Forgery>>,
    _server: tokio::task::JoinHandle<()>,
}

fn key(name: &str, kid: &str) -> CoreRsaPrivateSigningKey {
    let pem = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/data/{name}")),
    )
    .unwrap();
    CoreRsaPrivateSigningKey::from_pem(&pem, Some(JsonWebKeyId::new(kid.into()))).unwrap()
}

const KID: &str = "forging-provider-1";

impl ForgingProvider {
    async fn start() -> ForgingProvider {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let forgery = Arc::new(Mutex::new(Forgery::default()));

        #[handler]
        fn discovery(Data(url): Data<&String>) -> Json<Value> {
            Json(json!({
                "issuer": url,
                "authorization_endpoint": format!("{url}/auth"),
                "token_endpoint": format!("{url}/token"),
                "jwks_uri": format!("{url}/jwks"),
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
            }))
        }

        #[handler]
        fn jwks() -> Json<CoreJsonWebKeySet> {
            let public = key("oidc-test-key-a.pem", KID).as_verification_key();
            Json(CoreJsonWebKeySet::new(vec![public]))
        }

        #[handler]
        fn token(
            Data(forgery): Data<&Arc<Mutex<Forgery>>>,
            Form(form): Form<HashMap<String, String>>,
        ) -> Json<Value> {
            let mut forgery = forgery.lock().unwrap();
            forgery.token_request = Some(form);
            Json(json!({
                "access_token": "forged-access-token",
                "token_type": "Bearer",
                "expires_in": 600,
                "id_token": forgery.id_token.clone().expect("a forged ID token"),
            }))
        }

        let routes = Route::new()
            .at("/.well-known/openid-configuration", get(discovery))
            .at("/jwks", get(jwks))
            .at("/token", post(token))
            .data(url.clone())
            .data(forgery.clone());
        let acceptor = poem::listener::TcpAcceptor::from_std(listener).unwrap();
        let server = tokio::spawn(async move {
            let _ = poem::Server::new_with_acceptor(acceptor).run(routes).await;
        });
        ForgingProvider {
            url,
            forgery,
            _server: server,
        }
    }

    /// Claims of a valid ID token for `nonce`, for the forgeries to spoil.
    fn claims(&self, nonce: &str) -> Value {
        let now = Utc::now().timestamp();
        json!({
            "iss": self.url,
            "aud": [CLIENT_ID],
            "sub": "forged-subject",
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
            "family_name": "Франко",
            "given_name": "Іван",
            "birthdate": "1956-08-27",
            "phone_number": "+380443334455",
        })
    }
}

fn sign(claims: &Value, key: &CoreRsaPrivateSigningKey) -> String {
    let claims: CoreIdTokenClaims = serde_json::from_value(claims.clone()).unwrap();
    let token = CoreIdToken::new(
        claims,
        key,
        CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
        None,
        None,
    )
    .unwrap();
    serde_json::to_value(&token)
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned()
}

fn with_claim(mut claims: Value, name: &str, value: Value) -> Value {
    claims[name] = value;
    claims
}

/// Each way an ID token can be wrong.
fn forgeries(provider: &ForgingProvider, nonce: &str) -> Vec<(&'static str, String)> {
    let good = provider.claims(nonce);
    let ours = key("oidc-test-key-a.pem", KID);
    let theirs = key("oidc-test-key-b.pem", KID);
    let now = Utc::now().timestamp();
    let valid = sign(&good, &ours);
    let mut parts = valid.split('.');
    let (header, payload) = (parts.next().unwrap(), parts.next().unwrap());
    let other_signature = sign(&good, &theirs).rsplit('.').next().unwrap().to_owned();
    let hmac = {
        let claims: CoreIdTokenClaims = serde_json::from_value(good.clone()).unwrap();
        let token = CoreIdToken::new(
            claims,
            &CoreHmacKey::new(CLIENT_SECRET.as_bytes()),
            CoreJwsSigningAlgorithm::HmacSha256,
            None,
            None,
        )
        .unwrap();
        serde_json::to_value(&token)
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned()
    };
    vec![
        (
            "another issuer",
            sign(
                &with_claim(good.clone(), "iss", json!("https://evil.example")),
                &ours,
            ),
        ),
        (
            "another audience",
            sign(
                &with_claim(good.clone(), "aud", json!(["someone-else"])),
                &ours,
            ),
        ),
        (
            "another nonce",
            sign(
                &with_claim(good.clone(), "nonce", json!("a-replayed-nonce")),
                &ours,
            ),
        ),
        (
            "no nonce",
            sign(
                &{
                    let mut c = good.clone();
                    c.as_object_mut().unwrap().remove("nonce");
                    c
                },
                &ours,
            ),
        ),
        (
            "expired",
            sign(
                &with_claim(
                    with_claim(good.clone(), "exp", json!(now - 3600)),
                    "iat",
                    json!(now - 7200),
                ),
                &ours,
            ),
        ),
        (
            "signed by another key under our kid",
            format!("{header}.{payload}.{other_signature}"),
        ),
        (
            "signed by a key the provider does not publish",
            sign(&good, &key("oidc-test-key-b.pem", "unknown-kid")),
        ),
        // base64url of {"alg":"none"}, and no signature.
        ("alg none", format!("eyJhbGciOiJub25lIn0.{payload}.")),
        ("HS256 with the client secret", hmac),
        ("not a JWT", "garbage".to_owned()),
    ]
}

/// Starts a sign-in at the app against the forging provider; returns the browser, the state and
/// the nonce the app put in the authorization request, and its PKCE challenge.
async fn start_forged(app: &TestApp) -> (reqwest::Client, HashMap<String, String>) {
    let browser = browser();
    let started = browser
        .get(app.url("/api/v1/auth/kyiv-id/start"))
        .send()
        .await
        .unwrap();
    assert_eq!(started.status(), 302);
    let params = location(&started).query_pairs().into_owned().collect();
    (browser, params)
}

async fn finish_forged(app: &TestApp, browser: &reqwest::Client, state: &str) -> reqwest::Response {
    browser
        .get(app.url(&format!("{CALLBACK}?code=forged-code&state={state}")))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn forged_id_tokens_are_refused_and_a_genuine_one_is_accepted() {
    let provider = ForgingProvider::start().await;
    let issuer = provider.url.clone();
    let app = spawn_app_with(|s| enable(s, &issuer)).await;

    for (forgery, _) in forgeries(&provider, "placeholder") {
        let (browser, params) = start_forged(&app).await;
        let id_token = forgeries(&provider, &params["nonce"])
            .into_iter()
            .find(|(name, _)| *name == forgery)
            .unwrap()
            .1;
        provider.forgery.lock().unwrap().id_token = Some(id_token);
        let response = finish_forged(&app, &browser, &params["state"]).await;
        assert_eq!(response.status(), 400, "{forgery}");
        assert!(!has_session_cookie(&response), "{forgery}");
        let page = response.text().await.unwrap();
        assert!(page.contains("Kyiv ID answer refused"), "{forgery}: {page}");
    }
    assert!(user::Entity::find().all(&app.db).await.unwrap().is_empty());
    assert!(identities(&app).await.is_empty());

    // The control: the same provider's genuine token signs the resident in, so the refusals
    // above are the checks at work, not a broken provider.
    let (browser, params) = start_forged(&app).await;
    assert_eq!(params["response_type"], "code");
    assert_eq!(params["client_id"], CLIENT_ID);
    assert_eq!(params["code_challenge_method"], "S256");
    let redirect_uri = format!("{}{CALLBACK}", app.settings.server.public_url);
    assert_eq!(params["redirect_uri"], redirect_uri);
    let genuine = sign(
        &provider.claims(&params["nonce"]),
        &key("oidc-test-key-a.pem", KID),
    );
    provider.forgery.lock().unwrap().id_token = Some(genuine);
    let response = finish_forged(&app, &browser, &params["state"]).await;
    assert_eq!(response.status(), 302, "{}", response.text().await.unwrap());
    assert!(has_session_cookie(&response));
    // PKCE: the verifier sent with the code matches the challenge of the authorization request.
    let request = provider
        .forgery
        .lock()
        .unwrap()
        .token_request
        .clone()
        .unwrap();
    let verifier = PkceCodeVerifier::new(request["code_verifier"].clone());
    assert_eq!(
        PkceCodeChallenge::from_code_verifier_sha256(&verifier).as_str(),
        params["code_challenge"]
    );
    assert_eq!(request["redirect_uri"], redirect_uri);

    // A second use of the same state is refused before the provider is asked.
    let replayed = finish_forged(&app, &browser, &params["state"]).await;
    assert_eq!(replayed.status(), 400);
    assert!(
        replayed
            .text()
            .await
            .unwrap()
            .contains("Sign-in session not valid")
    );
}

#[tokio::test]
async fn an_unknown_or_expired_state_is_refused() {
    let provider = ForgingProvider::start().await;
    let issuer = provider.url.clone();
    let app = spawn_app_with(|s| enable(s, &issuer)).await;

    let (browser, params) = start_forged(&app).await;
    let unknown = finish_forged(&app, &browser, "not-the-state").await;
    assert_eq!(unknown.status(), 400);
    let no_code = browser
        .get(app.url(&format!("{CALLBACK}?state={}", params["state"])))
        .send()
        .await
        .unwrap();
    assert_eq!(no_code.status(), 400);

    // A sign-in left at the provider for longer than ten minutes has expired.
    let (browser, params) = start_forged(&app).await;
    provider.forgery.lock().unwrap().id_token = Some(sign(
        &provider.claims(&params["nonce"]),
        &key("oidc-test-key-a.pem", KID),
    ));
    app.clock.advance(chrono::Duration::minutes(11));
    let late = finish_forged(&app, &browser, &params["state"]).await;
    assert_eq!(late.status(), 400);
    assert!(!has_session_cookie(&late));

    // Sign-ins abandoned at the provider are cleaned up; live ones stay.
    start_forged(&app).await;
    start_forged(&app).await;
    app.clock.advance(chrono::Duration::minutes(11));
    start_forged(&app).await;
    let removed = hromada::store::identities::delete_expired_flows(&app.db, app.clock.now())
        .await
        .unwrap();
    assert_eq!(
        removed, 3,
        "the one left by the first attempts above, and two abandoned since"
    );
    assert_eq!(oidc_flow::Entity::find().count(&app.db).await.unwrap(), 1);
}

#[tokio::test]
async fn kyiv_id_is_off_unless_configured_and_an_unreachable_provider_is_reported() {
    let app = spawn_app().await;
    let off = browser()
        .get(app.url("/api/v1/auth/kyiv-id/start"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(off.status(), 404);
    let meta: Value = app.get("/api/v1/meta").await.json().await.unwrap();
    assert_eq!(meta["sign_in_methods"], json!(["password"]));
    assert!(
        off.text()
            .await
            .unwrap()
            .contains("Kyiv ID sign-in unavailable")
    );

    let nowhere = format!("http://127.0.0.1:{}", free_port());
    let app = spawn_app_with(|s| enable(s, &nowhere)).await;
    let down = browser()
        .get(app.url("/api/v1/auth/kyiv-id/start"))
        .header("accept-language", "uk")
        .send()
        .await
        .unwrap();
    assert_eq!(down.status(), 502);
    assert!(down.text().await.unwrap().contains("lang=\"uk\""));
}
