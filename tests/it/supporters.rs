//! Supporter teams end to end: apply, the author decides, the public sees the team, e-mails
//! reach the applicant through a real SMTP server.

use serde_json::{Value, json};

use crate::projects::{act, city, id_of, project};
use crate::smtp::{self, SmtpSink, free_port, mail_to, smtp_to};
use crate::support::{Browser, TestApp, png, problem, spawn_app, spawn_app_with};

async fn team(browser: Option<&Browser>, app: &TestApp, id: i64) -> Value {
    let path = format!("/api/v1/cities/kyiv/projects/{id}/supporters");
    let response = match browser {
        Some(b) => b.get(&path).await,
        None => app.get(&path).await,
    };
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn apply(browser: &Browser, id: i64, comment: &str) -> reqwest::Response {
    browser
        .post(
            &format!("/api/v1/cities/kyiv/projects/{id}/supporters"),
            &json!({ "comment": comment }),
        )
        .await
}

async fn decide(
    browser: &Browser,
    id: i64,
    application: i64,
    status: &str,
    comment: Option<&str>,
) -> reqwest::Response {
    browser
        .post(
            &format!("/api/v1/cities/kyiv/projects/{id}/supporters/{application}/status"),
            &json!({ "status": status, "comment": comment }),
        )
        .await
}

#[tokio::test]
async fn a_team_is_built_applied_accepted_removed_rejected_and_accepted_again() {
    if !smtp::available() {
        return;
    }
    let sink = SmtpSink::start(free_port()).await;
    let app = spawn_app_with(smtp_to(sink.port)).await;
    let c = city(&app).await;
    let profile = c
        .resident
        .patch(
            "/api/v1/me",
            &json!({
                "last_name": "Коваленко", "first_name": "Олена", "patronymic": "Петрівна",
                "email": "olena@example.org", "phone": "+380931000004",
                "facebook_url": "https://www.facebook.com/olena.kovalenko"
            }),
        )
        .await;
    assert_eq!(profile.status(), 200, "{}", profile.text().await.unwrap());
    assert_eq!(
        c.resident
            .put_bytes("/api/v1/me/photo", png(20, 20), "image/png")
            .await
            .status(),
        204
    );
    let id = id_of(
        c.author
            .post("/api/v1/cities/kyiv/projects", &project(&c, "Сквер", "10"))
            .await,
    )
    .await;
    assert_eq!(act(&c.author, id, "submit", None).await.status(), 200);

    // Not before the project passed moderation.
    problem(
        apply(&c.resident, id, "Хочу допомогти").await,
        409,
        "supporter-not-admitted",
    )
    .await;
    assert_eq!(act(&c.moderator, id, "admit", None).await.status(), 200);
    problem(
        apply(&c.author, id, "Я сам").await,
        403,
        "supporter-own-project",
    )
    .await;
    assert_eq!(
        app.client
            .post(app.url(&format!("/api/v1/cities/kyiv/projects/{id}/supporters")))
            .json(&json!({}))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );

    // «Стати прихильником»: pending until the author decides; the author is told.
    let applied = apply(&c.resident, id, "Хочу допомогти").await;
    assert_eq!(applied.status(), 201);
    let first: Value = applied.json().await.unwrap();
    assert_eq!(first["status"], "pending");
    let first_id = first["id"].as_i64().unwrap();
    problem(
        apply(&c.resident, id, "Ще раз").await,
        409,
        "supporter-pending",
    )
    .await;
    mail_to(
        &sink,
        "author@example.org",
        &["Коваленко Олена Петрівна", "Хочу допомогти"],
        1,
    )
    .await;

    // The public sees nobody yet; the applicant sees their application.
    assert_eq!(team(None, &app, id).await["supporters"], json!([]));
    let own = team(Some(&c.resident), &app, id).await;
    assert_eq!(own["supporters"], json!([]));
    assert_eq!(own["mine"]["status"], "pending");
    // The author sees the application with contacts.
    let for_author = team(Some(&c.author), &app, id).await;
    assert_eq!(for_author["full"], true);
    let row = &for_author["supporters"][0];
    assert_eq!(row["status"], "pending");
    assert_eq!(row["phone"], "+380931000004");
    assert_eq!(row["email"], "olena@example.org");
    assert_eq!(row["comment"], "Хочу допомогти");

    // Only the author decides.
    problem(
        decide(&c.moderator, id, first_id, "accepted", None).await,
        403,
        "forbidden",
    )
    .await;
    problem(
        decide(&c.resident, id, first_id, "accepted", None).await,
        403,
        "forbidden",
    )
    .await;
    let invalid = problem(
        decide(&c.author, id, first_id, "removed", None).await,
        409,
        "supporter-transition-invalid",
    )
    .await;
    assert!(
        invalid["detail"]
            .as_str()
            .unwrap()
            .contains("«На модерації»"),
        "{invalid}"
    );
    let accepted = decide(&c.author, id, first_id, "accepted", Some("Ласкаво просимо")).await;
    assert_eq!(accepted.status(), 200);
    mail_to(
        &sink,
        "olena@example.org",
        &["Прихильник", "Ласкаво просимо"],
        1,
    )
    .await;

    // Everyone sees the supporter: name, photo, Facebook; no contact data.
    let public = team(None, &app, id).await;
    assert_eq!(public["full"], false);
    let shown = &public["supporters"][0];
    assert_eq!(shown["name"], "Коваленко Олена Петрівна");
    assert_eq!(
        shown["facebook_url"],
        "https://www.facebook.com/olena.kovalenko"
    );
    for private in ["phone", "email", "comment", "applied_at"] {
        assert!(shown[private].is_null(), "{private} is shown: {public}");
    }
    assert!(!public.to_string().contains("olena@example.org"));
    let photo = app.get(shown["photo_url"].as_str().unwrap()).await;
    assert_eq!(photo.status(), 200);
    assert_eq!(photo.headers()["content-type"], "image/png");
    problem(
        apply(&c.resident, id, "Ще раз").await,
        409,
        "supporter-already",
    )
    .await;

    // The author removes the supporter, with a reason the e-mail carries.
    let removed = decide(
        &c.author,
        id,
        first_id,
        "removed",
        Some("Команду сформовано"),
    )
    .await;
    assert_eq!(removed.status(), 200);
    mail_to(
        &sink,
        "olena@example.org",
        &["Відмовлено", "Команду сформовано"],
        1,
    )
    .await;
    assert_eq!(team(None, &app, id).await["supporters"], json!([]));
    problem(
        app.get(shown["photo_url"].as_str().unwrap()).await,
        404,
        "supporter-not-found",
    )
    .await;

    // Again: rejected, which needs a reason.
    let second = id_of(apply(&c.resident, id, "Я передумала").await).await;
    assert_ne!(second, first_id);
    problem(
        decide(&c.author, id, second, "rejected", None).await,
        422,
        "comment-required",
    )
    .await;
    assert_eq!(
        decide(&c.author, id, second, "rejected", Some("Не цього разу"))
            .await
            .status(),
        200
    );
    mail_to(
        &sink,
        "olena@example.org",
        &["Відхилено", "Не цього разу"],
        1,
    )
    .await;
    assert_eq!(
        team(Some(&c.resident), &app, id).await["mine"]["decision_comment"],
        "Не цього разу"
    );

    // And again: accepted.
    let third = id_of(apply(&c.resident, id, "Останній раз").await).await;
    assert_eq!(
        decide(&c.author, id, third, "accepted", None)
            .await
            .status(),
        200
    );
    mail_to(&sink, "olena@example.org", &["Прихильник"], 2).await;
    let public = team(None, &app, id).await;
    assert_eq!(public["supporters"].as_array().unwrap().len(), 1);
    assert_eq!(public["supporters"][0]["id"], third);
    assert_eq!(
        team(Some(&c.author), &app, id).await["supporters"]
            .as_array()
            .unwrap()
            .len(),
        3
    );

    // Each application's history, for moderators (and the author), not for others.
    let history = format!("/api/v1/cities/kyiv/projects/{id}/supporters/{first_id}/history");
    let steps: Value = c.moderator.get(&history).await.json().await.unwrap();
    let steps: Vec<(Value, Value, Value)> = steps
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["from"].clone(), s["to"].clone(), s["comment"].clone()))
        .collect();
    assert_eq!(
        steps,
        [
            (json!(null), json!("pending"), json!("Хочу допомогти")),
            (
                json!("pending"),
                json!("accepted"),
                json!("Ласкаво просимо")
            ),
            (
                json!("accepted"),
                json!("removed"),
                json!("Команду сформовано")
            ),
        ]
    );
    assert_eq!(c.author.get(&history).await.status(), 200);
    problem(c.resident.get(&history).await, 403, "forbidden").await;
    problem(app.get(&history).await, 401, "unauthenticated").await;
}

#[tokio::test]
async fn concurrent_applications_by_one_resident_yield_one() {
    let app = spawn_app().await;
    let c = city(&app).await;
    let id = id_of(
        c.author
            .post("/api/v1/cities/kyiv/projects", &project(&c, "Сквер", "10"))
            .await,
    )
    .await;
    assert_eq!(act(&c.author, id, "submit", None).await.status(), 200);
    assert_eq!(act(&c.moderator, id, "admit", None).await.status(), 200);
    let attempts = (0..20).map(|i| {
        let resident = &c.resident;
        async move { apply(resident, id, &format!("спроба {i}")).await }
    });
    let responses = futures_util::future::join_all(attempts).await;
    let mut created = 0;
    for response in responses {
        match response.status().as_u16() {
            201 => created += 1,
            409 => {
                let body: Value = response.json().await.unwrap();
                assert_eq!(body["code"], "supporter-pending", "{body}");
            }
            other => panic!("{other}: {}", response.text().await.unwrap()),
        }
    }
    assert_eq!(created, 1);
    let rows = team(Some(&c.author), &app, id).await;
    assert_eq!(rows["supporters"].as_array().unwrap().len(), 1);
}
