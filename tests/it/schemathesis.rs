//! Hostile input: schemathesis (PyPI) fuzzes every operation of `/api/openapi.json` against the
//! real server, once anonymously and once with a resident's session. No response may be a 5xx
//! or break the documented schema.
//!
//! Runs only on the SQLite pass (`TEST_DATABASE_URL` unset): the PostgreSQL pass would double
//! CI time for the same HTTP layer. Skipped outside CI when `st` is missing; fails in CI.

use std::process::{Command, Stdio};

use crate::projects::{PASSWORD, city};
use crate::support::{TestApp, spawn_app};

/// Fixed, so that a failure reproduces (`st run … --seed`).
const SEED: &str = "20261123";
/// Examples per operation and phase: about half a minute per run on 2 cores.
const MAX_EXAMPLES: &str = "5";

fn available() -> bool {
    let ok = Command::new("st")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "schemathesis is required in CI (python3 -m pip install schemathesis==4.32.5)"
        );
        eprintln!("skipped: python3 -m pip install schemathesis==4.32.5 to run the API fuzzing");
    }
    ok
}

fn on_sqlite() -> bool {
    std::env::var("TEST_DATABASE_URL").map_or(true, |url| url.is_empty())
}

/// Runs `st run` against the app with extra headers; panics with st's output on failure.
/// `exclude` always leaves out address search: it asks outside providers, unreachable from a
/// test, and answers 503 by design.
fn fuzz(app: &TestApp, headers: &[String], exclude: &str) {
    let report = std::env::temp_dir().join(format!(
        "hromada-schemathesis-{}",
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::create_dir_all(&report).unwrap();
    // Every `{slug}` is the fixture's city, so that the city's operations reach their handlers
    // instead of answering 404 to random slugs.
    let config = report.join("schemathesis.toml");
    std::fs::write(&config, "[parameters]\n\"path.slug\" = \"kyiv\"\n").unwrap();
    let mut cmd = Command::new("st");
    // st keeps its example database in the working directory: not in the repository.
    cmd.current_dir(&report)
        .arg("--config-file")
        .arg(&config)
        .arg("run")
        .arg(app.url("/api/openapi.json"))
        .arg("--url")
        .arg(app.url("/api/v1"))
        .args(["-c", "not_a_server_error,response_schema_conformance"])
        .args(["-n", MAX_EXAMPLES, "--seed", SEED, "--workers", "2"])
        .args(["--phases", "examples,coverage,fuzzing"])
        .args(["--no-color", "--report-dir"])
        .arg(&report)
        .args(["--exclude-path-regex", exclude]);
    for header in headers {
        cmd.args(["-H", header]);
    }
    let started = std::time::Instant::now();
    let output = cmd.output().expect("run st");
    let _ = std::fs::remove_dir_all(&report);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "schemathesis found failures ({:?}):\n{stdout}\n{stderr}",
        output.status
    );
    eprintln!("schemathesis passed in {:?}", started.elapsed());
}

#[tokio::test(flavor = "multi_thread")]
async fn schemathesis_finds_no_5xx_and_no_schema_violations() {
    if !on_sqlite() || !available() {
        return;
    }
    let app = spawn_app().await;
    // Kyiv with its staff, a session and pots, so that the city's endpoints have something.
    let _city = city(&app).await;

    // Anonymous.
    let app_ref = &app;
    tokio::task::block_in_place(|| fuzz(app_ref, &[], "/geocode$"));

    // A resident's own session (a second one for the fixture's resident): its raw cookie and
    // CSRF token as headers on every request. Signing out would end it mid-run: excluded.
    let client = reqwest::Client::new();
    let login = client
        .post(app.url("/api/v1/auth/login"))
        .json(&serde_json::json!({ "login": "+380931000004", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 200);
    let cookie = login
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("hromada_session="))
        .and_then(|v| v.split(';').next())
        .expect("session cookie")
        .to_owned();
    let body: serde_json::Value = login.json().await.unwrap();
    let csrf = body["csrf_token"].as_str().expect("csrf token").to_owned();
    let me = client
        .get(app.url("/api/v1/me"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200, "the raw cookie signs in");
    let headers = [format!("Cookie: {cookie}"), format!("X-CSRF-Token: {csrf}")];
    tokio::task::block_in_place(|| fuzz(app_ref, &headers, "/geocode$|^/auth/logout"));
}
