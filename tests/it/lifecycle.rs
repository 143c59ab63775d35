//! Start and stop: concurrent starts on one database, graceful shutdown, the real binary.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use hromada::domain::SystemClock;
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Statement};

use crate::support::{TestDb, spawn_app};

#[tokio::test]
async fn a_request_in_flight_at_shutdown_completes() {
    let mut app = spawn_app().await;
    let url = app.url("/__test/slow");
    let client = app.client.clone();
    let in_flight = tokio::spawn(async move { client.get(url).send().await });
    // Once the request is in the handler, ask the server to stop.
    tokio::time::timeout(
        Duration::from_secs(10),
        crate::support::SLOW_STARTED.notified(),
    )
    .await
    .expect("the request reached the handler");
    let server = app.trigger_shutdown();

    let response = in_flight
        .await
        .unwrap()
        .expect("the in-flight request got an answer");
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap(), "done");
    tokio::time::timeout(Duration::from_secs(10), server)
        .await
        .expect("server stopped")
        .unwrap()
        .expect("clean stop");
    assert!(
        reqwest::Client::new()
            .get(app.url("/healthz"))
            .send()
            .await
            .is_err(),
        "no longer accepting connections"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn instances_starting_together_apply_the_schema_once() {
    let db = TestDb::new().await;
    if !db.is_postgres() {
        // Several instances share a database only on PostgreSQL; SQLite is one process's file.
        eprintln!(
            "skipped on SQLite: concurrent instances need PostgreSQL (set TEST_DATABASE_URL)"
        );
        return;
    }
    const INSTANCES: usize = 4;
    let mut settings = hromada::config::Settings::default();
    settings.database.url = db.url.clone();
    settings.database.max_connections = 2;
    // Every instance connects first; then all migrate at the same moment.
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(INSTANCES));
    let starts: Vec<_> = (0..INSTANCES)
        .map(|_| {
            let settings = settings.database.clone();
            let barrier = barrier.clone();
            tokio::spawn(async move {
                let conn = hromada::db::connect(&settings).await.expect("connect");
                barrier.wait().await;
                hromada::db::migrate(&conn).await.map(|()| conn)
            })
        })
        .collect();
    let mut conns = vec![];
    for start in starts {
        conns.push(start.await.unwrap().expect("every instance comes up"));
    }
    let rows = conns[0]
        .query_all_raw(Statement::from_string(
            conns[0].get_database_backend(),
            "SELECT version FROM seaql_migrations",
        ))
        .await
        .unwrap();
    assert_eq!(
        rows.len(),
        Migrator::migrations().len(),
        "each migration recorded once"
    );
    for conn in conns {
        conn.ping().await.unwrap();
        conn.close().await.unwrap();
    }
    // And a whole application starts on the migrated database.
    let state = hromada::build_state(settings, std::sync::Arc::new(SystemClock))
        .await
        .unwrap();
    state.db.ping().await.unwrap();
}

/// The real binary: starts, serves, and on SIGTERM finishes the request in flight and exits 0.
#[tokio::test]
async fn the_binary_serves_and_exits_cleanly_on_sigterm() {
    let db = TestDb::new().await;
    let dir = tempdir();
    let mut child = Command::new(env!("CARGO_BIN_EXE_hromada"))
        .args([
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--database-url",
            &db.persistent_url(&dir),
        ])
        .current_dir(&dir)
        .env("HROMADA__SERVER__SHUTDOWN_TIMEOUT_SECS", "20")
        .env("HROMADA__LOG__FORMAT", "json")
        .env_remove("RUST_LOG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start hromada");
    let stdout = child.stdout.take().unwrap();
    let stderr = child.stderr.take().unwrap();
    let logs = tokio::task::spawn_blocking(move || {
        BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
            .collect::<Vec<_>>()
    });
    let addr = tokio::task::spawn_blocking(move || {
        BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .find_map(|line| {
                line.strip_prefix("hromada listening on http://")
                    .map(str::to_owned)
            })
    })
    .await
    .unwrap()
    .expect("the binary prints where it listens");

    let client = reqwest::Client::new();
    let health = client
        .get(format!("http://{addr}/healthz"))
        .header("x-request-id", "probe-42")
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);

    // A request whose body is still arriving when SIGTERM comes must still be answered.
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Vec<u8>, std::io::Error>>(2);
    let body = reqwest::Body::wrap_stream(tokio_stream_from(rx));
    let request = client
        .post(format!("http://{addr}/api/v1/estimates/price"))
        .header("content-type", "application/json")
        .body(body)
        .send();
    let in_flight = tokio::spawn(request);
    tx.send(Ok(r#"{"items": [{"name": "Лавка", "#.as_bytes().to_vec()))
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    tokio::time::sleep(Duration::from_millis(300)).await;
    tx.send(Ok(br#""quantity": 2, "unit_price": "10.50"}]}"#.to_vec()))
        .await
        .unwrap();
    drop(tx);

    let response = in_flight.await.unwrap().expect("answered despite SIGTERM");
    assert_eq!(response.status(), 200);
    let priced: serde_json::Value = response.json().await.unwrap();
    assert_eq!(priced["total"], "21.00");

    let exit = tokio::task::spawn_blocking(move || {
        for _ in 0..200 {
            if let Some(status) = child.try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        child.kill().ok();
        None
    })
    .await
    .unwrap()
    .expect("exited after SIGTERM");
    assert!(exit.success(), "exit status {exit:?}");

    // HROMADA__LOG__FORMAT=json: every line is a JSON object; the request's lines carry its id.
    let logs = logs.await.unwrap();
    assert!(!logs.is_empty());
    let parsed: Vec<serde_json::Value> = logs
        .iter()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}")))
        .collect();
    let probe = parsed
        .iter()
        .find(|l| l["span"]["request_id"] == "probe-42")
        .unwrap_or_else(|| panic!("a log line of the probe request with its id in {logs:#?}"));
    assert_eq!(probe["status"], 200);
}

fn tokio_stream_from<T: Send + 'static>(
    mut rx: tokio::sync::mpsc::Receiver<T>,
) -> impl futures_util::Stream<Item = T> + Send + 'static {
    futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx))
}

pub fn tempdir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("hromada-test-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
