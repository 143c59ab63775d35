//! The audit log: append-only in the database, and any tampering is found by `audit verify`.

use std::process::Command;

use sea_orm::{ConnectionTrait, DatabaseBackend};
use serde_json::json;

use crate::lifecycle::tempdir;
use crate::support::{TestDb, spawn_on};

#[tokio::test]
async fn a_tampered_row_breaks_the_chain_and_is_named() {
    let dir = tempdir();
    let db = TestDb::shared(&dir).await;
    let url = db.url.clone();
    let app = spawn_on(db, |_| {}).await;
    app.user("+380501000001", "довгий тестовий пароль", true, &[])
        .await;
    for login in ["+380501000002", "+380501000003"] {
        app.user(login, "довгий тестовий пароль", false, &[]).await;
    }
    let mut admin = app.browser();
    admin.login("+380501000001", "довгий тестовий пароль").await;
    let created = admin
        .post(
            "/api/v1/cities",
            &json!({ "slug": "kyiv", "name": { "uk": "Київ", "en": "Kyiv" } }),
        )
        .await;
    assert_eq!(created.status(), 201);
    for (login, role) in [
        ("+380501000002", "moderator"),
        ("+380501000003", "observer"),
    ] {
        let granted = admin
            .post(
                "/api/v1/cities/kyiv/staff",
                &json!({ "login": login, "role": role }),
            )
            .await;
        assert_eq!(granted.status(), 201);
    }

    let verify = || {
        Command::new(env!("CARGO_BIN_EXE_hromada"))
            .args(["audit", "verify", "--database-url", &url])
            .current_dir(&dir)
            .env_remove("RUST_LOG")
            .output()
            .unwrap()
    };
    let intact = verify();
    assert!(
        intact.status.success(),
        "{}",
        String::from_utf8_lossy(&intact.stderr)
    );
    assert!(String::from_utf8_lossy(&intact.stdout).contains("audit chain intact: 3 rows"));

    // The city's admins and observers see the same verdict in the web app.
    let verification = "/api/v1/cities/kyiv/audit/verification";
    let seen = admin.get(verification).await;
    assert_eq!(seen.status(), 200);
    let seen: serde_json::Value = seen.json().await.unwrap();
    assert_eq!(seen["intact"], true, "{seen}");
    assert_eq!(seen["rows_checked"], 3, "{seen}");
    assert!(seen["broken_row_id"].is_null(), "{seen}");
    let mut observer = app.browser();
    observer
        .login("+380501000003", "довгий тестовий пароль")
        .await;
    assert_eq!(observer.get(verification).await.status(), 200);
    let mut moderator = app.browser();
    moderator
        .login("+380501000002", "довгий тестовий пароль")
        .await;
    assert_eq!(moderator.get(verification).await.status(), 403);
    assert_eq!(app.browser().get(verification).await.status(), 401);

    // The database itself refuses changes to the log.
    let backend = app.db.get_database_backend();
    assert!(
        app.db
            .execute_unprepared("UPDATE audit_log SET target = 'user:999' WHERE id = 2")
            .await
            .is_err()
    );
    assert!(
        app.db
            .execute_unprepared("DELETE FROM audit_log WHERE id = 3")
            .await
            .is_err()
    );

    // Someone with full access to the database gets round that; the chain still tells.
    let disable = match backend {
        DatabaseBackend::Postgres => "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change",
        _ => "DROP TRIGGER audit_log_no_UPDATE",
    };
    app.db.execute_unprepared(disable).await.unwrap();
    app.db
        .execute_unprepared("UPDATE audit_log SET target = 'user:999' WHERE id = 2")
        .await
        .unwrap();
    let broken = verify();
    assert!(!broken.status.success());
    let stderr = String::from_utf8_lossy(&broken.stderr);
    assert!(stderr.contains("audit chain broken at row 2"), "{stderr}");
    let seen: serde_json::Value = observer.get(verification).await.json().await.unwrap();
    assert_eq!(seen["intact"], false, "{seen}");
    assert_eq!(seen["broken_row_id"], 2, "{seen}");
    assert!(seen["rows_checked"].is_null(), "{seen}");
}
