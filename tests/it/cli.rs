//! The command line: migrate, admin create, configuration errors.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use crate::lifecycle::tempdir;
use crate::support::TestDb;

fn hromada(args: &[&str], dir: &std::path::Path, stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hromada"))
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_LOG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run hromada");
    {
        let mut pipe = child.stdin.take().unwrap();
        if let Some(input) = stdin {
            pipe.write_all(input.as_bytes()).unwrap();
        }
    }
    child.wait_with_output().unwrap()
}

#[tokio::test]
async fn migrate_and_admin_create() {
    let db = TestDb::new().await;
    let dir = tempdir();
    let url = db.persistent_url(&dir);

    let migrate = hromada(&["migrate", "--database-url", &url], &dir, None);
    assert!(
        migrate.status.success(),
        "{}",
        String::from_utf8_lossy(&migrate.stderr)
    );
    assert!(String::from_utf8_lossy(&migrate.stdout).contains("migrations applied"));
    // Applying again is a no-op.
    assert!(
        hromada(&["migrate", "--database-url", &url], &dir, None)
            .status
            .success()
    );

    let generated = hromada(
        &[
            "admin",
            "create",
            "--login",
            "+380671112233",
            "--database-url",
            &url,
        ],
        &dir,
        None,
    );
    let out = String::from_utf8_lossy(&generated.stdout);
    assert!(
        generated.status.success(),
        "{out} {}",
        String::from_utf8_lossy(&generated.stderr)
    );
    assert!(out.contains("created platform admin"), "{out}");
    let password = out
        .lines()
        .find_map(|l| l.strip_prefix("password (shown once): "))
        .expect("generated password printed");
    assert_eq!(password.len(), 20);

    let from_stdin = hromada(
        &[
            "admin",
            "create",
            "--login",
            "МЕ123456",
            "--password-stdin",
            "--database-url",
            &url,
        ],
        &dir,
        Some("a long secret passphrase\n"),
    );
    let out = String::from_utf8_lossy(&from_stdin.stdout);
    assert!(
        from_stdin.status.success(),
        "{}",
        String::from_utf8_lossy(&from_stdin.stderr)
    );
    assert!(
        !out.contains("a long secret passphrase") && !out.contains("password"),
        "{out}"
    );

    let duplicate = hromada(
        &[
            "admin",
            "create",
            "--login",
            "+380671112233",
            "--database-url",
            &url,
        ],
        &dir,
        None,
    );
    assert!(!duplicate.status.success());
    assert!(String::from_utf8_lossy(&duplicate.stderr).contains("login-taken"));

    let no_city = hromada(
        &[
            "admin",
            "create",
            "--login",
            "+380671112299",
            "--city",
            "atlantis",
            "--database-url",
            &url,
        ],
        &dir,
        None,
    );
    assert!(!no_city.status.success());
    assert!(String::from_utf8_lossy(&no_city.stderr).contains("city-not-found"));
}

#[test]
fn bad_configuration_is_reported_not_panicked() {
    let dir = tempdir();
    std::fs::write(
        dir.join("hromada.toml"),
        "[server]\nbind = \"not an address\"\n",
    )
    .unwrap();
    let out = hromada(&["migrate"], &dir, None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("configuration error"));

    let missing = hromada(&["--config", "nope.toml", "migrate"], &dir, None);
    assert_eq!(missing.status.code(), Some(2));
}
