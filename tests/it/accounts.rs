//! Registration, sign-in, sessions, CSRF, throttling and the profile, over HTTP.

use chrono::Duration;
use serde_json::{Value, json};

use crate::support::{png, problem, spawn_app, spawn_app_with};

const PASSWORD: &str = "каштани цвітуть 2027";

fn registration(login: &str) -> Value {
    json!({
        "login": login,
        "password": PASSWORD,
        "last_name": "Коваленко",
        "first_name": "Олена",
        "birth_date": "1990-05-12",
    })
}

#[tokio::test]
async fn registration_accepts_and_normalizes_every_login_form() {
    let app = spawn_app().await;
    for (typed, normalized) in [
        ("050-123-45-67", "+380501234567"),
        ("+38 (067) 765 43 21", "+380677654321"),
        ("мe 123456", "МЕ123456"),
        ("123 456 789", "123456789"),
    ] {
        let mut browser = app.browser();
        let response = browser.register(registration(typed)).await;
        assert_eq!(response.status(), 201, "{typed}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["user"]["login"], normalized, "{typed}");
        assert!(body["csrf_token"].as_str().is_some_and(|t| t.len() == 64));
        // Registration signs in.
        let me: Value = browser.get("/api/v1/me").await.json().await.unwrap();
        assert_eq!(me["login"], normalized);
    }

    // A phone login also becomes the contact phone; a passport login does not.
    let mut browser = app.browser();
    browser.login("0501234567", PASSWORD).await;
    let me: Value = browser.get("/api/v1/me").await.json().await.unwrap();
    assert_eq!(me["phone"], "+380501234567");
    assert_eq!(me["missing_fields"], json!([]));
    let mut passport = app.browser();
    passport.login("МЕ 123456", PASSWORD).await;
    let me: Value = passport.get("/api/v1/me").await.json().await.unwrap();
    assert_eq!(me["missing_fields"], json!(["phone"]));

    // The same phone in another spelling is the same login.
    let duplicate = app
        .browser()
        .register(registration("+380 50 123 45 67"))
        .await;
    let body = problem(duplicate, 409, "login-taken").await;
    assert_eq!(body["field"], "login");

    let invalid = app.browser().register(registration("hello")).await;
    let body = problem(invalid, 422, "login-invalid").await;
    assert!(body["detail"].as_str().unwrap().contains("+380"), "{body}");
    problem(
        app.browser()
            .register(registration("+1 202 555 0101"))
            .await,
        422,
        "phone-not-ukrainian",
    )
    .await;
}

#[tokio::test]
async fn weak_passwords_and_bad_fields_are_refused_in_the_request_language() {
    let app = spawn_app().await;
    let mut body = registration("0631112233");
    body["password"] = json!("short");
    let response = app
        .client
        .post(app.url("/api/v1/auth/register"))
        .header("accept-language", "en")
        .json(&body)
        .send()
        .await
        .unwrap();
    let p = problem(response, 422, "password-too-short").await;
    assert_eq!(p["title"], "Password too short");
    assert!(p["detail"].as_str().unwrap().contains("10"));

    body["password"] = json!("qwertyuiop");
    problem(
        app.browser().register(body.clone()).await,
        422,
        "password-too-common",
    )
    .await;
    body["password"] = json!("my number 0631112233!");
    problem(
        app.browser().register(body.clone()).await,
        422,
        "password-contains-login",
    )
    .await;
    body["password"] = json!(PASSWORD);
    body["email"] = json!("not an address");
    problem(
        app.browser().register(body.clone()).await,
        422,
        "email-invalid",
    )
    .await;
    body["email"] = json!(null);
    body["first_name"] = json!("   ");
    let p = problem(
        app.browser().register(body.clone()).await,
        422,
        "field-required",
    )
    .await;
    assert_eq!(p["field"], "first_name");
    body["first_name"] = json!("Олена");
    body["birth_date"] = json!("2100-01-01");
    problem(
        app.browser().register(body).await,
        422,
        "birth-date-invalid",
    )
    .await;
}

#[tokio::test]
async fn sign_in_rotates_the_session_and_sign_out_ends_it() {
    let app = spawn_app().await;
    app.browser().register(registration("0501112233")).await;

    let mut browser = app.browser();
    let wrong = browser.login("0501112233", "not the password!").await;
    let p = problem(wrong, 401, "login-failed").await;
    assert_eq!(p["title"], "Не вдалося увійти");
    let unknown = browser.login("0509999999", PASSWORD).await;
    problem(unknown, 401, "login-failed").await;

    let first = browser.login("050 111 22 33", PASSWORD).await;
    assert_eq!(first.status(), 200);
    let cookie = first.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let first_csrf = browser.csrf.clone().unwrap();
    assert_eq!(browser.get("/api/v1/auth/session").await.status(), 200);

    // Signing in again gives a new session id and CSRF token; the old session is gone.
    let second = browser.login("0501112233", PASSWORD).await;
    assert_eq!(second.status(), 200);
    let second_cookie = second.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert_ne!(session_id(&cookie), session_id(&second_cookie));
    assert_ne!(browser.csrf.clone().unwrap(), first_csrf);
    let stale = app
        .client
        .get(app.url("/api/v1/me"))
        .header("cookie", format!("hromada_session={}", session_id(&cookie)))
        .send()
        .await
        .unwrap();
    problem(stale, 401, "unauthenticated").await;

    // A state change without the CSRF token is refused.
    let token = browser.csrf.take();
    problem(
        browser.post("/api/v1/auth/logout", &json!({})).await,
        403,
        "csrf-failed",
    )
    .await;
    browser.csrf = Some("0".repeat(64));
    problem(
        browser.post("/api/v1/auth/logout", &json!({})).await,
        403,
        "csrf-failed",
    )
    .await;
    browser.csrf = token;
    assert_eq!(
        browser.get("/api/v1/me").await.status(),
        200,
        "still signed in"
    );

    let out = browser.post("/api/v1/auth/logout", &json!({})).await;
    assert_eq!(out.status(), 204);
    assert!(
        out.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("Max-Age=0")
    );
    problem(browser.get("/api/v1/me").await, 401, "unauthenticated").await;
    // The session is deleted on the server, not only forgotten by the browser.
    let replayed = app
        .client
        .get(app.url("/api/v1/me"))
        .header(
            "cookie",
            format!("hromada_session={}", session_id(&second_cookie)),
        )
        .send()
        .await
        .unwrap();
    problem(replayed, 401, "unauthenticated").await;
}

fn session_id(set_cookie: &str) -> String {
    set_cookie
        .split(';')
        .next()
        .and_then(|kv| kv.split_once('='))
        .map(|(_, v)| v.to_owned())
        .unwrap()
}

#[tokio::test]
async fn sessions_expire_idle_and_absolutely() {
    let app = spawn_app_with(|s| {
        s.auth.session_idle_minutes = 30;
        s.auth.session_absolute_hours = 2;
    })
    .await;
    app.browser().register(registration("0502223344")).await;

    let mut idle = app.browser();
    idle.login("0502223344", PASSWORD).await;
    app.clock.advance(Duration::minutes(29));
    assert_eq!(
        idle.get("/api/v1/me").await.status(),
        200,
        "used within the idle time"
    );
    app.clock.advance(Duration::minutes(31));
    problem(idle.get("/api/v1/me").await, 401, "unauthenticated").await;

    let mut busy = app.browser();
    busy.login("0502223344", PASSWORD).await;
    for _ in 0..4 {
        app.clock.advance(Duration::minutes(25));
        assert_eq!(busy.get("/api/v1/me").await.status(), 200);
    }
    app.clock.advance(Duration::minutes(25));
    problem(busy.get("/api/v1/me").await, 401, "unauthenticated").await;
}

#[tokio::test]
async fn logout_everywhere_ends_every_device() {
    let app = spawn_app().await;
    app.browser().register(registration("0503334455")).await;
    let mut phone = app.browser();
    let mut laptop = app.browser();
    phone.login("0503334455", PASSWORD).await;
    laptop.login("0503334455", PASSWORD).await;
    assert_eq!(phone.get("/api/v1/me").await.status(), 200);
    assert_eq!(
        laptop
            .post("/api/v1/auth/logout-everywhere", &json!({}))
            .await
            .status(),
        204
    );
    problem(phone.get("/api/v1/me").await, 401, "unauthenticated").await;
    problem(laptop.get("/api/v1/me").await, 401, "unauthenticated").await;
}

#[tokio::test]
async fn repeated_failures_are_throttled_with_retry_after() {
    let app = spawn_app_with(|s| {
        s.auth.max_failures_per_account = 3;
        s.auth.max_failures_per_address = 100;
        s.auth.failure_window_secs = 600;
    })
    .await;
    app.browser().register(registration("0504445566")).await;
    let mut attacker = app.browser();
    for _ in 0..3 {
        problem(
            attacker.login("0504445566", "guess guess guess").await,
            401,
            "login-failed",
        )
        .await;
    }
    // Locked now, even with the right password, and from another browser.
    let locked = app.browser().login("0504445566", PASSWORD).await;
    let retry_after: u64 = locked.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=600).contains(&retry_after), "{retry_after}");
    problem(locked, 429, "login-throttled").await;

    app.clock.advance(Duration::seconds(601));
    let mut owner = app.browser();
    assert_eq!(
        owner.login("0504445566", PASSWORD).await.status(),
        200,
        "the window has passed"
    );
    // Success resets the account's count: two more failures do not lock it.
    for _ in 0..2 {
        problem(
            attacker.login("0504445566", "guess guess guess").await,
            401,
            "login-failed",
        )
        .await;
    }
    assert_eq!(
        app.browser().login("0504445566", PASSWORD).await.status(),
        200
    );
}

#[tokio::test]
async fn one_address_trying_many_accounts_is_throttled() {
    let app = spawn_app_with(|s| {
        s.auth.max_failures_per_account = 100;
        s.auth.max_failures_per_address = 4;
    })
    .await;
    app.browser().register(registration("0505556677")).await;
    let mut attacker = app.browser();
    for i in 0..4 {
        problem(
            attacker
                .login(&format!("050000000{i}"), "guess guess guess")
                .await,
            401,
            "login-failed",
        )
        .await;
    }
    let locked = attacker.login("0505556677", PASSWORD).await;
    assert!(locked.headers().contains_key("retry-after"));
    problem(locked, 429, "login-throttled").await;
}

#[tokio::test]
async fn the_profile_and_its_photo() {
    let app = spawn_app().await;
    let mut browser = app.browser();
    browser.register(registration("МЕ 654321")).await;
    let me: Value = browser.get("/api/v1/me").await.json().await.unwrap();
    assert_eq!(me["missing_fields"], json!(["phone"]));
    assert_eq!(me["has_photo"], false);

    let changed = browser
        .patch(
            "/api/v1/me",
            &json!({
                "phone": "(096) 111-22-33",
                "patronymic": "Петрівна",
                "residence_address": "вул. Хрещатик, 1",
                "facebook_url": "https://www.facebook.com/olena.k",
                "lang": "en"
            }),
        )
        .await;
    assert_eq!(changed.status(), 200);
    let me: Value = changed.json().await.unwrap();
    assert_eq!(me["phone"], "+380961112233");
    assert_eq!(me["missing_fields"], json!([]));
    assert_eq!(me["lang"], "en");
    problem(
        browser
            .patch(
                "/api/v1/me",
                &json!({ "facebook_url": "https://evil.example/x" }),
            )
            .await,
        422,
        "facebook-url-invalid",
    )
    .await;
    problem(
        browser.patch("/api/v1/me", &json!({ "phone": "12" })).await,
        422,
        "phone-invalid",
    )
    .await;

    let photo = png(64, 48);
    // Checked by content: a PNG that calls itself a JPEG is refused.
    problem(
        browser
            .put_bytes("/api/v1/me/photo", photo.clone(), "image/jpeg")
            .await,
        422,
        "image-mismatch",
    )
    .await;
    let stored = browser
        .put_bytes(
            "/api/v1/me/photo",
            photo.clone(),
            "application/octet-stream",
        )
        .await;
    assert_eq!(stored.status(), 204);
    let got = browser.get("/api/v1/me/photo").await;
    assert_eq!(got.headers()["content-type"], "image/png");
    assert_eq!(got.bytes().await.unwrap().to_vec(), photo);

    problem(
        browser
            .put_bytes(
                "/api/v1/me/photo",
                b"GIF89a not allowed".to_vec(),
                "image/gif",
            )
            .await,
        422,
        "image-type",
    )
    .await;
    let mut truncated = png(64, 48);
    truncated.truncate(truncated.len() / 2);
    problem(
        browser
            .put_bytes("/api/v1/me/photo", truncated, "image/png")
            .await,
        422,
        "image-corrupt",
    )
    .await;
    let mut huge = png(8, 8);
    huge.resize(6 * 1024 * 1024, 0);
    problem(
        browser
            .put_bytes("/api/v1/me/photo", huge, "image/png")
            .await,
        413,
        "image-too-large",
    )
    .await;

    problem(
        app.browser().get("/api/v1/me/photo").await,
        401,
        "unauthenticated",
    )
    .await;
}

#[tokio::test]
async fn changing_the_password_ends_other_sessions() {
    let app = spawn_app().await;
    let mut here = app.browser();
    here.register(registration("0507778899")).await;
    let mut there = app.browser();
    there.login("0507778899", PASSWORD).await;

    let wrong = here
        .post(
            "/api/v1/me/password",
            &json!({ "current_password": "nope nope nope", "new_password": "новий довгий пароль" }),
        )
        .await;
    problem(wrong, 422, "password-wrong").await;
    let ok = here
        .post(
            "/api/v1/me/password",
            &json!({ "current_password": PASSWORD, "new_password": "новий довгий пароль" }),
        )
        .await;
    assert_eq!(ok.status(), 204);
    assert_eq!(
        here.get("/api/v1/me").await.status(),
        200,
        "this device stays signed in"
    );
    problem(there.get("/api/v1/me").await, 401, "unauthenticated").await;
    problem(
        app.browser().login("0507778899", PASSWORD).await,
        401,
        "login-failed",
    )
    .await;
    assert_eq!(
        app.browser()
            .login("0507778899", "новий довгий пароль")
            .await
            .status(),
        200
    );
}

/// `GET /me` of a resident without an email, patronymic or addresses: those are `null`, and
/// the OpenAPI document says they may be (schemathesis found the profile breaking its schema).
#[tokio::test]
async fn profile_nulls_are_declared_nullable() {
    let app = crate::support::spawn_app().await;
    let c = crate::projects::city(&app).await;
    let me: serde_json::Value = c.resident.get("/api/v1/me").await.json().await.unwrap();
    assert!(me["patronymic"].is_null() && me["email"].is_null(), "{me}");
    let spec: serde_json::Value = app.get("/api/openapi.json").await.json().await.unwrap();
    let profile = &spec["components"]["schemas"]["ProfileDto"]["properties"];
    for field in [
        "patronymic",
        "birth_date",
        "phone",
        "email",
        "registration_address",
        "residence_address",
        "facebook_url",
    ] {
        assert_eq!(profile[field]["nullable"], true, "ProfileDto.{field}");
    }
    // And everywhere else: no optional field of any schema is left non-nullable.
    for (name, schema) in spec["components"]["schemas"].as_object().unwrap() {
        let required: Vec<&str> = schema["required"]
            .as_array()
            .map(|r| r.iter().filter_map(|v| v.as_str()).collect())
            .unwrap_or_default();
        let Some(props) = schema["properties"].as_object() else {
            continue;
        };
        for (field, prop) in props {
            if !required.contains(&field.as_str()) && prop.get("default").is_none() {
                assert_eq!(prop["nullable"], true, "{name}.{field} may be null");
            }
        }
    }
}
