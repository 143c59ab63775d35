//! Faults of the services around the platform (issue 12, «Faults»): the SMTP server down for a
//! whole run, Kyiv ID down or hanging, the file storage unable to write. Each must end in a
//! clear answer, no hang, no panic, nothing lost and nothing half-written.
//!
//! `email.rs` covers one instance retrying three verification e-mails through an SMTP outage;
//! here two instances share the database and the outbox, with e-mails of several kinds queued
//! on both, every one failing repeatedly before the server comes up.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use entities::outbox::{self, EmailStatus};
use entities::{candidate_document, city, project_file, user};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::projects::{PASSWORD, id_of, project};
use crate::smtp::{self, SmtpSink, free_port, smtp_to};
use crate::support::{Browser, TestApp, TestDb, pdf, png, problem, spawn_app_with, spawn_on};

// ------------------------------------------------------------------------------------------
// SMTP down for the whole run, then up
// ------------------------------------------------------------------------------------------

async fn outbox_rows(app: &TestApp) -> Vec<outbox::Model> {
    outbox::Entity::find().all(&app.db).await.unwrap()
}

/// Polls the shared outbox until `done`, moving both instances' clocks so retries come due.
async fn wait_until(
    apps: [&TestApp; 2],
    what: &str,
    done: impl Fn(&[outbox::Model]) -> bool,
) -> Vec<outbox::Model> {
    for _ in 0..600 {
        let rows = outbox_rows(apps[0]).await;
        if done(&rows) {
            return rows;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
        for app in apps {
            app.clock.advance(chrono::Duration::milliseconds(100));
        }
    }
    panic!(
        "timed out waiting until {what}: {:?}",
        outbox_rows(apps[0]).await
    );
}

#[tokio::test]
async fn smtp_down_for_the_whole_run_then_up_delivers_every_email_once_across_instances() {
    if !smtp::available() {
        return;
    }
    let port = free_port();
    let dir = crate::lifecycle::tempdir();
    let db = TestDb::shared(&dir).await;
    let url = db.url.clone();
    // Two instances on one database, both running the outbox worker, both pointed at an SMTP
    // port where nothing listens.
    let a = spawn_on(db, smtp_to(port)).await;
    let b = spawn_app_with(|s| {
        smtp_to(port)(s);
        s.database.url = url;
    })
    .await;

    // Verification e-mails, queued on A by registrations.
    for i in 0..3 {
        let response = a
            .browser()
            .register(json!({
                "login": format!("063100000{i}"), "password": PASSWORD, "last_name": "Л",
                "first_name": "І", "email": format!("new{i}@example.org"), "lang": "en"
            }))
            .await;
        assert_eq!(response.status(), 201);
    }
    // Password-reset e-mails, queued on B for residents with a verified address.
    for i in 0..3 {
        let login = format!("+38063200000{i}");
        let id = a.user(&login, PASSWORD, false, &[]).await;
        let mut resident = user::Entity::find_by_id(id)
            .one(&a.db)
            .await
            .unwrap()
            .unwrap()
            .into_active_model();
        resident.email = Set(Some(format!("old{i}@example.org")));
        resident.email_verified_at = Set(Some(chrono::Utc::now()));
        resident.update(&a.db).await.unwrap();
        let asked = b
            .browser()
            .post("/api/v1/auth/password-reset", &json!({ "login": login }))
            .await;
        assert_eq!(asked.status(), 202);
    }

    // The SMTP server stays down while every e-mail fails, is put back and fails again.
    let failed = wait_until([&a, &b], "each e-mail failed twice", |rows| {
        rows.len() == 6
            && rows
                .iter()
                .all(|r| r.attempts >= 2 && r.status == EmailStatus::Pending)
    })
    .await;
    assert!(failed.iter().all(|r| r.last_error.is_some()));
    assert!(failed.iter().all(|r| r.sent_at.is_none()));

    let sink = SmtpSink::start(port).await;
    let sent = wait_until([&a, &b], "all sent", |rows| {
        rows.iter().all(|r| r.status == EmailStatus::Sent)
    })
    .await;
    assert!(sent.iter().all(|r| r.sent_at.is_some()));
    // Give a duplicate time to show up, if there were one.
    for app in [&a, &b] {
        app.clock.advance(chrono::Duration::minutes(10));
    }
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert!(
        outbox_rows(&a)
            .await
            .iter()
            .all(|r| r.status == EmailStatus::Sent)
    );

    let messages = sink.messages();
    let mut received: BTreeMap<(String, String), usize> = BTreeMap::new();
    for m in &messages {
        assert_eq!(m["to"].as_array().unwrap().len(), 1, "{m}");
        let key = (
            m["to"][0].as_str().unwrap().to_owned(),
            m["subject"].as_str().unwrap().to_owned(),
        );
        *received.entry(key).or_default() += 1;
    }
    let queued: BTreeMap<(String, String), usize> = sent
        .iter()
        .map(|r| ((r.to_address.clone(), r.subject.clone()), 1))
        .collect();
    assert_eq!(received, queued, "every queued e-mail arrived exactly once");
    let mut ids: Vec<_> = messages.iter().map(|m| m["message_id"].clone()).collect();
    ids.sort_by_key(ToString::to_string);
    ids.dedup();
    assert_eq!(ids.len(), 6);
    for i in 0..3 {
        assert!(received.keys().any(|(to, subject)| {
            *to == format!("new{i}@example.org") && subject.contains("Confirm")
        }));
        assert!(
            received
                .keys()
                .any(|(to, _)| *to == format!("old{i}@example.org"))
        );
    }
    drop(b);
    drop(a);
    std::fs::remove_dir_all(dir).ok();
}

// ------------------------------------------------------------------------------------------
// Kyiv ID outage
// ------------------------------------------------------------------------------------------

fn kyiv_id_at(issuer: String) -> impl FnOnce(&mut hromada::config::Settings) {
    move |s| {
        s.kyiv_id.enabled = true;
        s.kyiv_id.issuer = issuer;
        s.kyiv_id.client_id = "hromada-test".into();
        s.kyiv_id.client_secret = "hromada-test-secret".into();
        s.kyiv_id.timeout_secs = 1;
    }
}

/// A browser that follows no redirects.
fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

/// Asserts the localized HTML error page of a failed Kyiv ID sign-in.
async fn outage_page(response: reqwest::Response, lang: &str, title: &str, detail: &str) {
    assert_eq!(response.status(), 502, "{}", response.url());
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(content_type.starts_with("text/html"), "{content_type}");
    let html = response.text().await.unwrap();
    assert!(html.contains(&format!("lang=\"{lang}\"")), "{html}");
    assert!(html.contains(&format!("<h1>{title}</h1>")), "{html}");
    assert!(html.contains(detail), "{html}");
    assert!(!html.to_lowercase().contains("panic"), "{html}");
}

/// A resident with a password signs in and reads their profile.
async fn password_sign_in_works(app: &TestApp, login: &str) {
    app.user(login, PASSWORD, false, &[]).await;
    let mut browser = app.browser();
    assert_eq!(browser.login(login, PASSWORD).await.status(), 200);
    assert_eq!(browser.get("/api/v1/me").await.status(), 200);
}

#[tokio::test]
async fn a_kyiv_id_that_never_answers_gives_a_clear_page_in_bounded_time() {
    // Accepts connections and never answers: a provider hung behind its load balancer.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let issuer = format!("http://{}", listener.local_addr().unwrap());
    let hung = tokio::spawn(async move {
        let mut held = vec![];
        while let Ok((stream, _)) = listener.accept().await {
            held.push(stream);
        }
    });
    let app = spawn_app_with(kyiv_id_at(issuer)).await;
    app.city("kyiv").await;

    let start = async {
        let started = Instant::now();
        let response = no_redirects()
            .get(app.url("/api/v1/auth/kyiv-id/start?city=kyiv"))
            .header("accept-language", "en")
            .send()
            .await;
        (response, started.elapsed())
    };
    // Password sign-in is not held up while the provider hangs.
    let ((start, waited), ()) = tokio::join!(start, password_sign_in_works(&app, "+380501110001"));
    outage_page(
        start.unwrap(),
        "en",
        "Kyiv ID unavailable",
        "Kyiv ID could not be reached. Try again in a few minutes.",
    )
    .await;
    // It did hang (this is no refused connection), and only for kyiv_id.timeout_secs.
    assert!(
        waited >= Duration::from_millis(900) && waited < Duration::from_secs(5),
        "bounded by kyiv_id.timeout_secs = 1: {waited:?}"
    );

    let start = no_redirects()
        .get(app.url("/api/v1/auth/kyiv-id/start?city=kyiv"))
        .header("accept-language", "uk")
        .send()
        .await
        .unwrap();
    outage_page(
        start,
        "uk",
        "Kyiv ID недоступний",
        "Не вдалося зв’язатися з Kyiv ID. Спробуйте за кілька хвилин.",
    )
    .await;
    password_sign_in_works(&app, "+380501110002").await;
    hung.abort();
}

/// A provider that answers discovery (and nothing else) until it is stopped. Every answer
/// closes its connection, so once stopped nothing of it is left to answer.
struct TinyProvider {
    url: String,
    server: tokio::task::JoinHandle<()>,
}

impl TinyProvider {
    async fn start() -> TinyProvider {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let base = url.clone();
        let server = tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let mut request = vec![];
                let mut buf = [0u8; 1024];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf).await {
                        Ok(0) | Err(_) => break,
                        Ok(n) => request.extend_from_slice(&buf[..n]),
                    }
                }
                let head = String::from_utf8_lossy(&request);
                let body = if head.starts_with("GET /.well-known/openid-configuration ") {
                    json!({
                        "issuer": base,
                        "authorization_endpoint": format!("{base}/auth"),
                        "token_endpoint": format!("{base}/token"),
                        "jwks_uri": format!("{base}/jwks"),
                        "response_types_supported": ["code"],
                        "subject_types_supported": ["public"],
                        "id_token_signing_alg_values_supported": ["RS256"],
                    })
                } else if head.starts_with("GET /jwks ") {
                    json!({ "keys": [] })
                } else {
                    json!({ "error": "unexpected" })
                }
                .to_string();
                let response = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(response.as_bytes()).await;
                let _ = stream.shutdown().await;
            }
        });
        TinyProvider { url, server }
    }

    /// Kyiv ID goes down: its port refuses connections from now on.
    async fn stop(self) {
        self.server.abort();
        let _ = self.server.await;
    }
}

#[tokio::test]
async fn kyiv_id_going_down_in_the_middle_of_a_sign_in_gives_a_clear_page() {
    let provider = TinyProvider::start().await;
    let app = spawn_app_with(kyiv_id_at(provider.url.clone())).await;
    app.city("kyiv").await;
    let browser = no_redirects();
    let started = browser
        .get(app.url("/api/v1/auth/kyiv-id/start?city=kyiv"))
        .send()
        .await
        .unwrap();
    assert_eq!(started.status(), 302);
    let location = reqwest::Url::parse(started.headers()["location"].to_str().unwrap()).unwrap();
    assert!(
        location
            .as_str()
            .starts_with(&format!("{}/auth?", provider.url))
    );
    let state = location
        .query_pairs()
        .find(|(k, _)| k == "state")
        .unwrap()
        .1
        .into_owned();

    // The resident is at Kyiv ID when it goes down; the code it gave cannot be exchanged.
    provider.stop().await;
    let callback = browser
        .get(app.url(&format!(
            "/api/v1/auth/kyiv-id/callback?code=some-code&state={state}"
        )))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    outage_page(
        callback,
        "en",
        "Kyiv ID unavailable",
        "Kyiv ID could not be reached. Try again in a few minutes.",
    )
    .await;
    // No session came of it; password sign-in keeps working.
    assert_eq!(
        browser
            .get(app.url("/api/v1/me"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    password_sign_in_works(&app, "+380501110003").await;
}

// ------------------------------------------------------------------------------------------
// Disk full for uploads
// ------------------------------------------------------------------------------------------

/// Makes the storage folder unwritable, even for root: it is moved aside and a plain file
/// takes its place (every write below it fails with ENOTDIR, as on a full disk). Dropping it
/// puts the folder back, with the files it held.
struct BrokenStorage {
    root: std::path::PathBuf,
    aside: std::path::PathBuf,
}

impl BrokenStorage {
    fn new(app: &TestApp) -> BrokenStorage {
        let root = std::path::PathBuf::from(&app.settings.storage.path);
        let aside = root.with_extension("aside");
        std::fs::rename(&root, &aside).unwrap();
        std::fs::write(&root, b"not a folder").unwrap();
        BrokenStorage { root, aside }
    }
}

impl Drop for BrokenStorage {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.root);
        let _ = std::fs::rename(&self.aside, &self.root);
    }
}

async fn upload_in(
    browser: &Browser,
    app: &TestApp,
    path: &str,
    bytes: Vec<u8>,
    content_type: &str,
    lang: &str,
) -> reqwest::Response {
    browser
        .client
        .post(app.url(path))
        .header("content-type", content_type)
        .header("accept-language", lang)
        .header("x-csrf-token", browser.csrf.clone().unwrap())
        .body(bytes)
        .send()
        .await
        .unwrap()
}

async fn files_of(app: &TestApp, project: i64) -> Vec<project_file::Model> {
    project_file::Entity::find()
        .filter(project_file::Column::ProjectId.eq(project))
        .all(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn uploads_the_storage_cannot_take_are_a_clear_503_and_leave_no_rows() {
    let app = spawn_app_with(|_| {}).await;
    let c = crate::projects::city(&app).await;
    let id = id_of(
        c.author
            .post("/api/v1/cities/kyiv/projects", &project(&c, "Сквер", "10"))
            .await,
    )
    .await;
    let files = format!("/api/v1/cities/kyiv/projects/{id}/files");
    let image = format!("{files}?kind=image&name=a.png");
    let document = format!("{files}?kind=document&name=plan.pdf");
    let kept = id_of(c.author.post_bytes(&image, png(8, 8), "image/png").await).await;
    let before = files_of(&app, id).await;
    assert_eq!(before.len(), 1);
    let page_before: Value = c
        .author
        .get(&format!("/api/v1/cities/kyiv/projects/{id}"))
        .await
        .json()
        .await
        .unwrap();

    let broken = BrokenStorage::new(&app);
    // A project image, in Ukrainian (the default) and a document in English.
    let refused = upload_in(&c.author, &app, &image, png(8, 8), "image/png", "uk").await;
    assert_eq!(
        refused
            .headers()
            .get("retry-after")
            .map(|v| v.to_str().unwrap()),
        Some("60")
    );
    let body = problem(refused, 503, "storage-unavailable").await;
    assert_eq!(body["title"], "Сховище файлів недоступне");
    assert_eq!(body["detail"], "Файл не збережено. Спробуйте трохи згодом.");
    let body = problem(
        upload_in(&c.author, &app, &document, pdf(), "application/pdf", "en").await,
        503,
        "storage-unavailable",
    )
    .await;
    assert_eq!(body["title"], "File storage unavailable");
    assert_eq!(
        body["detail"],
        "The file was not saved. Try again a little later."
    );
    // The city's logo (a 500 before) says the same.
    problem(
        c.admin
            .put_bytes("/api/v1/cities/kyiv/logo", png(40, 20), "image/png")
            .await,
        503,
        "storage-unavailable",
    )
    .await;
    // A file already attached cannot be read now: a clear answer too, never a 500.
    problem(
        c.author.get(&format!("{files}/{kept}")).await,
        503,
        "storage-unavailable",
    )
    .await;
    // Profile photos live in the database, not in the file storage: unaffected.
    assert!(
        c.resident
            .put_bytes("/api/v1/me/photo", png(64, 48), "image/png")
            .await
            .status()
            .is_success()
    );

    // Nothing half-written: the project's files, its page and the city are as they were.
    assert_eq!(files_of(&app, id).await, before);
    let page_after: Value = c
        .author
        .get(&format!("/api/v1/cities/kyiv/projects/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page_after["images"], page_before["images"]);
    assert_eq!(page_after["documents"], page_before["documents"]);
    let kyiv = city::Entity::find()
        .filter(city::Column::Slug.eq("kyiv"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kyiv.logo_key, None);

    // The storage comes back: the old file is served and uploads work again.
    drop(broken);
    let download = c.author.get(&format!("{files}/{kept}")).await;
    assert_eq!(download.status(), 200);
    assert_eq!(
        c.author
            .post_bytes(&document, pdf(), "application/pdf")
            .await
            .status(),
        201
    );
    assert_eq!(files_of(&app, id).await.len(), 2);
    std::fs::remove_dir_all(&app.settings.storage.path).ok();
}

#[tokio::test]
async fn a_candidate_document_the_storage_cannot_take_is_a_clear_503_and_leaves_no_row() {
    let app = spawn_app_with(|_| {}).await;
    let election = crate::elections::election(&app, json!(null), 2).await;
    let e = election.id;
    let login = "+380671000001";
    let mut candidate = crate::elections::resident(&app, login, "Андрієнко").await;
    crate::elections::advance(&app, 1, &mut [(&mut candidate, login)]).await;
    let application = crate::elections::apply(&candidate, e).await;
    let docs = format!(
        "/api/v1/cities/kyiv/elections/{e}/applications/{application}/documents?name=passport.pdf"
    );
    let documents = || async {
        candidate_document::Entity::find()
            .filter(candidate_document::Column::ApplicationId.eq(application))
            .all(&app.db)
            .await
            .unwrap()
    };
    assert_eq!(
        candidate
            .post_bytes(&docs, pdf(), "application/pdf")
            .await
            .status(),
        201
    );
    let before = documents().await;
    assert_eq!(before.len(), 1);

    let broken = BrokenStorage::new(&app);
    let body = problem(
        upload_in(&candidate, &app, &docs, pdf(), "application/pdf", "en").await,
        503,
        "storage-unavailable",
    )
    .await;
    assert_eq!(body["title"], "File storage unavailable");
    assert_eq!(documents().await, before, "no row without its file");

    drop(broken);
    assert_eq!(
        candidate
            .post_bytes(&docs, pdf(), "application/pdf")
            .await
            .status(),
        201
    );
    assert_eq!(documents().await.len(), 2);
    std::fs::remove_dir_all(&app.settings.storage.path).ok();
}
