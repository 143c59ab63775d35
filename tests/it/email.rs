//! E-mail end to end: the outbox, the delivery worker, a real SMTP server.

use std::time::Duration;

use entities::outbox::{self, EmailStatus};
use sea_orm::{EntityTrait, QueryOrder};
use serde_json::json;

use crate::smtp::{self, SmtpSink, free_port, smtp_to, token_in};
use crate::support::{TestApp, problem, spawn_app, spawn_app_with};

const PASSWORD: &str = "каштани цвітуть 2027";

async fn outbox_rows(app: &TestApp) -> Vec<outbox::Model> {
    outbox::Entity::find()
        .order_by_asc(outbox::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
}

/// Polls the outbox until `done`, moving the app's clock along so that retries come due.
async fn wait_until(
    app: &TestApp,
    what: &str,
    done: impl Fn(&[outbox::Model]) -> bool,
) -> Vec<outbox::Model> {
    for _ in 0..400 {
        let rows = outbox_rows(app).await;
        if done(&rows) {
            return rows;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
        app.clock.advance(chrono::Duration::milliseconds(100));
    }
    panic!(
        "timed out waiting until {what}: {:?}",
        outbox_rows(app).await
    );
}

#[tokio::test]
async fn password_reset_end_to_end_through_smtp() {
    if !smtp::available() {
        return;
    }
    let sink = SmtpSink::start(free_port()).await;
    let app = spawn_app_with(smtp_to(sink.port)).await;
    let mut browser = app.browser();
    let registered = browser
        .register(json!({
            "login": "0661234567", "password": PASSWORD, "last_name": "Шевчук", "first_name": "Тарас",
            "email": "taras@example.org", "lang": "en"
        }))
        .await;
    assert_eq!(registered.status(), 201);

    // The verification e-mail, in the user's language, with a link to the public address.
    let verification = &sink.wait_for(1).await[0];
    assert_eq!(verification["to"], json!(["taras@example.org"]));
    assert!(
        verification["subject"]
            .as_str()
            .unwrap()
            .contains("Confirm"),
        "{verification}"
    );
    assert!(
        verification["body"]
            .as_str()
            .unwrap()
            .contains("https://hromada.example/verify-email?token=")
    );
    let token = token_in(verification);
    assert_eq!(
        browser
            .post("/api/v1/auth/email/verify", &json!({ "token": token }))
            .await
            .status(),
        204
    );
    problem(
        browser
            .post("/api/v1/auth/email/verify", &json!({ "token": token }))
            .await,
        422,
        "token-invalid",
    )
    .await;
    let me: serde_json::Value = browser.get("/api/v1/me").await.json().await.unwrap();
    assert_eq!(me["email_verified"], true);

    // Reset: the answer never tells whether the account exists.
    let anonymous = app.browser();
    assert_eq!(
        anonymous
            .post(
                "/api/v1/auth/password-reset",
                &json!({ "login": "+380669999999" })
            )
            .await
            .status(),
        202
    );
    assert_eq!(
        anonymous
            .post(
                "/api/v1/auth/password-reset",
                &json!({ "login": "066 123 45 67" })
            )
            .await
            .status(),
        202
    );
    let reset = &sink.wait_for(2).await[1];
    // Asking again at once sends nothing more: the form cannot flood an inbox.
    assert_eq!(
        anonymous
            .post(
                "/api/v1/auth/password-reset",
                &json!({ "login": "0661234567" })
            )
            .await
            .status(),
        202
    );
    assert!(
        reset["subject"]
            .as_str()
            .unwrap()
            .contains("Password reset"),
        "{reset}"
    );
    let token = token_in(reset);

    let weak = anonymous
        .post(
            "/api/v1/auth/password-reset/confirm",
            &json!({ "token": token, "new_password": "short" }),
        )
        .await;
    problem(weak, 422, "password-too-short").await;
    let done = anonymous
        .post(
            "/api/v1/auth/password-reset/confirm",
            &json!({ "token": token, "new_password": "нове гасло для громади" }),
        )
        .await;
    assert_eq!(done.status(), 204);
    let again = anonymous
        .post(
            "/api/v1/auth/password-reset/confirm",
            &json!({ "token": token, "new_password": "ще одне нове гасло" }),
        )
        .await;
    problem(again, 422, "token-invalid").await;

    problem(browser.get("/api/v1/me").await, 401, "unauthenticated").await;
    problem(
        app.browser().login("0661234567", PASSWORD).await,
        401,
        "login-failed",
    )
    .await;
    assert_eq!(
        app.browser()
            .login("0661234567", "нове гасло для громади")
            .await
            .status(),
        200
    );
    assert_eq!(sink.messages().len(), 2, "nothing for the unknown login");
}

#[tokio::test]
async fn reset_tokens_expire() {
    if !smtp::available() {
        return;
    }
    let sink = SmtpSink::start(free_port()).await;
    let app = spawn_app_with(smtp_to(sink.port)).await;
    app.browser()
        .register(json!({
            "login": "0671234567", "password": PASSWORD, "last_name": "А", "first_name": "Б", "email": "b@example.org"
        }))
        .await;
    let token = token_in(&sink.wait_for(1).await[0]);
    app.clock.advance(chrono::Duration::minutes(61));
    problem(
        app.browser()
            .post("/api/v1/auth/email/verify", &json!({ "token": token }))
            .await,
        422,
        "token-invalid",
    )
    .await;
}

#[tokio::test]
async fn smtp_down_then_up_delivers_every_email_exactly_once() {
    if !smtp::available() {
        return;
    }
    let port = free_port();
    let app = spawn_app_with(smtp_to(port)).await;
    for i in 0..3 {
        let response = app
            .browser()
            .register(json!({
                "login": format!("063000000{i}"), "password": PASSWORD, "last_name": "Л", "first_name": "І",
                "email": format!("person{i}@example.org")
            }))
            .await;
        assert_eq!(response.status(), 201);
    }
    // Nothing listens: every e-mail fails at least once and stays queued.
    let rows = wait_until(&app, "each e-mail failed once", |rows| {
        rows.len() == 3
            && rows
                .iter()
                .all(|r| r.attempts >= 1 && r.status == EmailStatus::Pending)
    })
    .await;
    assert!(rows.iter().all(|r| r.last_error.is_some()));

    let sink = SmtpSink::start(port).await;
    wait_until(&app, "all sent", |rows| {
        rows.iter().all(|r| r.status == EmailStatus::Sent)
    })
    .await;
    // Give a duplicate time to show up, if there were one.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let messages = sink.messages();
    assert_eq!(messages.len(), 3, "{messages:?}");
    let mut recipients: Vec<_> = messages
        .iter()
        .map(|m| m["to"][0].as_str().unwrap().to_owned())
        .collect();
    recipients.sort();
    assert_eq!(
        recipients,
        [
            "person0@example.org",
            "person1@example.org",
            "person2@example.org"
        ]
    );
    let mut ids: Vec<_> = messages
        .iter()
        .map(|m| m["message_id"].as_str().unwrap().to_owned())
        .collect();
    ids.dedup();
    assert_eq!(ids.len(), 3);
}

#[tokio::test]
async fn failed_emails_wait_for_an_admin_to_retry_them() {
    if !smtp::available() {
        return;
    }
    let port = free_port();
    let app = spawn_app_with(|s| {
        smtp_to(port)(s);
        s.outbox.max_attempts = 2;
    })
    .await;
    app.browser()
        .register(json!({
            "login": "0681112233", "password": PASSWORD, "last_name": "Л", "first_name": "І", "email": "late@example.org"
        }))
        .await;
    let rows = wait_until(&app, "failed for good", |rows| {
        rows.iter().all(|r| r.status == EmailStatus::Failed)
    })
    .await;
    assert_eq!(rows[0].attempts, 2);

    let sink = SmtpSink::start(port).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        sink.messages().is_empty(),
        "a failed e-mail is not retried by itself"
    );

    app.user("+380681110000", PASSWORD, true, &[]).await;
    let mut admin = app.browser();
    admin.login("+380681110000", PASSWORD).await;
    let failed: serde_json::Value = admin
        .get("/api/v1/platform/emails?status=failed")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(failed["total"], 1);
    let id = failed["items"][0]["id"].as_i64().unwrap();
    assert_eq!(
        admin
            .post(&format!("/api/v1/platform/emails/{id}/retry"), &json!({}))
            .await
            .status(),
        204
    );
    problem(
        admin
            .post(&format!("/api/v1/platform/emails/{id}/retry"), &json!({}))
            .await,
        409,
        "email-not-failed",
    )
    .await;
    sink.wait_for(1).await;
    wait_until(&app, "sent", |rows| {
        rows.iter().all(|r| r.status == EmailStatus::Sent)
    })
    .await;
}

#[tokio::test]
async fn without_smtp_emails_are_logged_and_marked_sent() {
    let app = spawn_app().await;
    app.browser()
        .register(json!({
            "login": "0689998877", "password": PASSWORD, "last_name": "Л", "first_name": "І", "email": "demo@example.org"
        }))
        .await;
    let rows = wait_until(&app, "sent", |rows| {
        rows.len() == 1 && rows[0].status == EmailStatus::Sent
    })
    .await;
    assert!(rows[0].body_text.contains("token="));
}
