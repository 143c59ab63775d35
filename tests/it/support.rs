//! `spawn_app()`: the real server on port 0 against a fresh database, with a cookie-keeping
//! client and a clock the test can move.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use entities::city_role::Role;
use hromada::auth::password::Passwords;
use hromada::config::{AuthSettings, Settings};
use hromada::domain::{Clock, ManualClock};
use hromada::{Server, build_state};
use poem::{EndpointExt, Route, get, handler};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// A fresh, empty database for one test; PostgreSQL databases are dropped afterwards.
pub struct TestDb {
    pub url: String,
    drop_from: Option<(String, String)>,
}

impl TestDb {
    pub async fn new() -> TestDb {
        match std::env::var("TEST_DATABASE_URL") {
            Ok(admin_url) if !admin_url.is_empty() => {
                let name = format!("hromada_test_{}", uuid::Uuid::new_v4().simple());
                let admin = Database::connect(&admin_url)
                    .await
                    .expect("connect TEST_DATABASE_URL");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                    .await
                    .expect("create test database");
                admin.close().await.ok();
                TestDb {
                    url: with_database(&admin_url, &name),
                    drop_from: Some((admin_url, name)),
                }
            }
            _ => TestDb {
                url: "sqlite::memory:".to_owned(),
                drop_from: None,
            },
        }
    }

    /// A fresh database that other processes can open too: a file for SQLite.
    pub async fn shared(dir: &std::path::Path) -> TestDb {
        let mut db = TestDb::new().await;
        if !db.is_postgres() {
            db.url = format!("sqlite://{}/hromada.db?mode=rwc", dir.display());
        }
        db
    }

    pub fn is_postgres(&self) -> bool {
        self.drop_from.is_some()
    }

    /// A URL for a database that lives on disk and outlives a process (for the binary's tests).
    pub fn persistent_url(&self, dir: &std::path::Path) -> String {
        if self.is_postgres() {
            self.url.clone()
        } else {
            format!("sqlite://{}/hromada.db?mode=rwc", dir.display())
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some((admin_url, name)) = self.drop_from.take() else {
            return;
        };
        // Drop runs outside async; use a small runtime of our own on another thread.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            rt.block_on(async {
                if let Ok(admin) = Database::connect(&admin_url).await {
                    let _ = admin
                        .execute_unprepared(&format!(
                            "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                        ))
                        .await;
                    let _ = admin.close().await;
                }
            });
            Ok::<_, std::io::Error>(())
        })
        .join();
    }
}

/// Replaces the database name in a PostgreSQL URL, keeping any query string.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_part = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{host_part}/{name}?{q}"),
        None => format!("{host_part}/{name}"),
    }
}

pub struct TestApp {
    pub addr: SocketAddr,
    pub client: reqwest::Client,
    pub db: DatabaseConnection,
    pub clock: Arc<ManualClock>,
    pub settings: Settings,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<std::io::Result<()>>>,
    // Declared last: dropped after the server has let go of it.
    _db: TestDb,
}

impl TestApp {
    /// An application state on the test's database and clock, for calling services directly
    /// (what the server's background jobs do).
    pub fn state(&self) -> hromada::state::AppState {
        hromada::state::AppState::new(self.db.clone(), self.clock.clone(), self.settings.clone())
            .unwrap()
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request sent")
    }

    pub async fn post_json(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .expect("request sent")
    }

    /// Triggers graceful shutdown; the handle resolves when the server has stopped.
    pub fn trigger_shutdown(&mut self) -> JoinHandle<std::io::Result<()>> {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        self.server.take().expect("running")
    }
}

impl TestApp {
    /// A new browser with its own cookie jar.
    pub fn browser(&self) -> Browser {
        Browser {
            client: reqwest::Client::builder()
                .cookie_store(true)
                .timeout(Duration::from_secs(30))
                .build()
                .unwrap(),
            base: format!("http://{}", self.addr),
            csrf: None,
        }
    }

    /// An account written straight to the database, with staff roles.
    pub async fn user(
        &self,
        login: &str,
        password: &str,
        platform_admin: bool,
        roles: &[(i64, Role)],
    ) -> i64 {
        let passwords = Passwords::new(&AuthSettings::default()).unwrap();
        let now = self.clock.now();
        let user = hromada::store::users::insert(
            &self.db,
            hromada::store::users::NewUser {
                login: login.to_owned(),
                password_hash: Some(passwords.hash(password.to_owned()).await.unwrap()),
                last_name: "Тестова".into(),
                first_name: "Особа".into(),
                patronymic: None,
                email: None,
                phone: None,
                birth_date: None,
                lang: "uk".into(),
                is_platform_admin: platform_admin,
                registration_address: None,
                residence_address: None,
            },
            now,
        )
        .await
        .unwrap();
        for (city, role) in roles {
            hromada::store::users::grant_role(&self.db, user.id, *city, *role, now)
                .await
                .unwrap();
        }
        user.id
    }

    /// A city written straight to the database.
    pub async fn city(&self, slug: &str) -> i64 {
        use sea_orm::{ActiveModelTrait, Set};
        entities::city::ActiveModel {
            slug: Set(slug.into()),
            name_uk: Set(format!("Місто {slug}")),
            name_en: Set(format!("City {slug}")),
            time_zone: Set("Europe/Kyiv".into()),
            created_at: Set(self.clock.now()),
            ..Default::default()
        }
        .insert(&self.db)
        .await
        .unwrap()
        .id
    }
}

/// A browser: its own cookies, and the CSRF token of its session once signed in.
pub struct Browser {
    pub client: reqwest::Client,
    base: String,
    pub csrf: Option<String>,
}

impl Browser {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn with_csrf(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.csrf {
            Some(token) => request.header("x-csrf-token", token),
            None => request,
        }
    }

    pub async fn login(&mut self, login: &str, password: &str) -> reqwest::Response {
        let response = self
            .post(
                "/api/v1/auth/login",
                &serde_json::json!({ "login": login, "password": password }),
            )
            .await;
        self.remember_csrf(response).await
    }

    pub async fn register(&mut self, body: serde_json::Value) -> reqwest::Response {
        let response = self.post("/api/v1/auth/register", &body).await;
        self.remember_csrf(response).await
    }

    /// Keeps the CSRF token of a successful sign-in; returns an equivalent response.
    async fn remember_csrf(&mut self, response: reqwest::Response) -> reqwest::Response {
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.unwrap();
        if status.is_success()
            && let Ok(body) = serde_json::from_slice::<serde_json::Value>(&bytes)
            && let Some(token) = body["csrf_token"].as_str()
        {
            self.csrf = Some(token.to_owned());
        }
        let mut rebuilt = poem::http::Response::builder().status(status.as_u16());
        for (name, value) in &headers {
            rebuilt = rebuilt.header(name.as_str(), value.as_bytes());
        }
        reqwest::Response::from(rebuilt.body(bytes.to_vec()).unwrap())
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    pub async fn post(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.with_csrf(self.client.post(self.url(path)).json(body))
            .send()
            .await
            .unwrap()
    }

    pub async fn patch(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.with_csrf(self.client.patch(self.url(path)).json(body))
            .send()
            .await
            .unwrap()
    }

    pub async fn put_json(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.with_csrf(self.client.put(self.url(path)).json(body))
            .send()
            .await
            .unwrap()
    }

    pub async fn delete(&self, path: &str) -> reqwest::Response {
        self.with_csrf(self.client.delete(self.url(path)))
            .send()
            .await
            .unwrap()
    }

    pub async fn put_bytes(
        &self,
        path: &str,
        bytes: Vec<u8>,
        content_type: &str,
    ) -> reqwest::Response {
        self.send_bytes(reqwest::Method::PUT, path, bytes, content_type)
            .await
    }

    pub async fn post_bytes(
        &self,
        path: &str,
        bytes: Vec<u8>,
        content_type: &str,
    ) -> reqwest::Response {
        self.send_bytes(reqwest::Method::POST, path, bytes, content_type)
            .await
    }

    async fn send_bytes(
        &self,
        method: reqwest::Method,
        path: &str,
        bytes: Vec<u8>,
        content_type: &str,
    ) -> reqwest::Response {
        self.with_csrf(
            self.client
                .request(method, self.url(path))
                .header("content-type", content_type)
                .body(bytes),
        )
        .send()
        .await
        .unwrap()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Like [`spawn_app`], with settings adjusted by the test.
pub async fn spawn_app_with(adjust: impl FnOnce(&mut Settings)) -> TestApp {
    let db = TestDb::new().await;
    spawn_on(db, adjust).await
}

pub async fn spawn_on(test_db: TestDb, adjust: impl FnOnce(&mut Settings)) -> TestApp {
    try_spawn_on(test_db, adjust).await.expect("bind")
}

/// Like [`spawn_on`], but a port that cannot be bound (someone took it) is an error to retry.
pub async fn try_spawn_on(
    test_db: TestDb,
    adjust: impl FnOnce(&mut Settings),
) -> std::io::Result<TestApp> {
    let mut settings = Settings::default();
    settings.server.bind = "127.0.0.1:0".parse().unwrap();
    settings.server.shutdown_timeout_secs = 10;
    settings.database.url = test_db.url.clone();
    settings.database.max_connections = 5;
    // reqwest's cookie store keeps Secure cookies off plain http.
    settings.auth.cookie_secure = false;
    settings.storage.path = std::env::temp_dir()
        .join(format!("hromada-files-{}", uuid::Uuid::new_v4().simple()))
        .display()
        .to_string();
    settings.outbox.poll_interval_ms = 50;
    settings.outbox.backoff_base_ms = 100;
    settings.outbox.backoff_cap_ms = 400;
    // Tests read the catalogue right after changing it; tests/it/list_cache.rs turns the
    // catalogue's cache on where it checks it.
    settings.projects.list_cache_ttl_ms = 0;
    adjust(&mut settings);
    let clock = Arc::new(ManualClock::new(Utc::now()));
    let state = build_state(settings.clone(), clock.clone())
        .await
        .expect("application state");
    let db = state.db.clone();
    let server = Server::bind(state, Some(test_routes(clock.clone()))).await?;
    let addr = server.local_addr();
    let (tx, rx) = oneshot::channel::<()>();
    let handle = tokio::spawn(server.run_until(async {
        let _ = rx.await;
    }));
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    Ok(TestApp {
        addr,
        client,
        db,
        clock,
        settings,
        shutdown: Some(tx),
        server: Some(handle),
        _db: test_db,
    })
}

/// Signalled when `/__test/slow` has started handling a request.
pub static SLOW_STARTED: tokio::sync::Notify = tokio::sync::Notify::const_new();

#[derive(serde::Deserialize)]
struct Advance {
    #[serde(default)]
    days: i64,
    #[serde(default)]
    hours: i64,
}

/// Endpoints for tests, mounted under `/__test` with the real middleware: some misbehave on
/// purpose; `POST /__test/clock?days=&hours=` moves the clock for tests in another process
/// (the browser tests).
fn test_routes(clock: Arc<ManualClock>) -> Route {
    #[handler]
    fn advance(
        poem::web::Data(clock): poem::web::Data<&Arc<ManualClock>>,
        poem::web::Query(by): poem::web::Query<Advance>,
    ) -> String {
        clock.advance(chrono::Duration::days(by.days) + chrono::Duration::hours(by.hours));
        clock.now().to_rfc3339()
    }

    #[handler]
    fn panics() -> &'static str {
        panic!("deliberate test panic: secret internals")
    }

    #[handler]
    async fn slow() -> &'static str {
        SLOW_STARTED.notify_one();
        tokio::time::sleep(Duration::from_millis(1500)).await;
        "done"
    }

    Route::new()
        .at("/panic", get(panics))
        .at("/slow", get(slow))
        .at("/clock", poem::post(advance).data(clock))
}

/// The first line a helper process prints on stdout (its "ready" line), within `seconds`.
pub async fn ready_line(child: &mut std::process::Child, what: &str, seconds: u64) -> String {
    let stdout = child.stdout.take().expect("stdout piped");
    let ready = tokio::task::spawn_blocking(move || {
        use std::io::BufRead;
        std::io::BufReader::new(stdout)
            .lines()
            .next()
            .and_then(Result::ok)
    });
    tokio::time::timeout(Duration::from_secs(seconds), ready)
        .await
        .unwrap_or_else(|_| panic!("{what} did not start"))
        .unwrap()
        .unwrap_or_else(|| panic!("{what} printed nothing"))
}

/// Asserts a problem+json response and returns its body.
pub async fn problem(response: reqwest::Response, status: u16, code: &str) -> serde_json::Value {
    assert_eq!(
        response.status().as_u16(),
        status,
        "status of {}",
        response.url()
    );
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    assert_eq!(content_type, "application/problem+json");
    let body: serde_json::Value = response.json().await.expect("problem body is JSON");
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(body["status"], status, "{body}");
    assert_eq!(body["type"], format!("urn:hromada:problem:{code}"));
    for member in ["title", "detail", "request_id"] {
        assert!(
            body[member].as_str().is_some_and(|s| !s.is_empty()),
            "{member} in {body}"
        );
    }
    body
}

#[test]
fn database_name_is_replaced_in_urls() {
    assert_eq!(
        with_database("postgres://postgres@127.0.0.1:5432/postgres", "t1"),
        "postgres://postgres@127.0.0.1:5432/t1"
    );
    assert_eq!(
        with_database("postgres://u:p@h/postgres?sslmode=disable", "t1"),
        "postgres://u:p@h/t1?sslmode=disable"
    );
    assert_eq!(
        with_database("postgres://h:5432", "t1"),
        "postgres://h:5432/t1"
    );
}

/// A one-colour PNG image.
/// A small whole PDF.
pub const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

pub fn pdf() -> Vec<u8> {
    PDF.to_vec()
}

pub fn png(width: u32, height: u32) -> Vec<u8> {
    encode(width, height, [0, 87, 184], image::ImageFormat::Png)
}

/// A one-colour JPEG image.
pub fn jpeg(width: u32, height: u32) -> Vec<u8> {
    encode(width, height, [255, 213, 0], image::ImageFormat::Jpeg)
}

fn encode(width: u32, height: u32, rgb: [u8; 3], format: image::ImageFormat) -> Vec<u8> {
    let mut bytes = vec![];
    image::RgbImage::from_pixel(width, height, image::Rgb(rgb))
        .write_to(&mut std::io::Cursor::new(&mut bytes), format)
        .unwrap();
    bytes
}
