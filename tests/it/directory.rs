//! The city directory, budget sessions, translations and static pages, over HTTP.

use chrono::{TimeZone, Utc};
use entities::city_role::Role;
use serde_json::{Value, json};

use crate::support::{Browser, TestApp, jpeg, png, problem, spawn_app, spawn_app_with};

const PASSWORD: &str = "довгий тестовий пароль";

struct Staff {
    platform: Browser,
    admin: Browser,
    moderator: Browser,
    observer: Browser,
}

async fn staff(app: &TestApp) -> (i64, Staff) {
    let kyiv = app.city("kyiv").await;
    let sign_in = async |login: &str, platform: bool, roles: &[(i64, Role)]| {
        app.user(login, PASSWORD, platform, roles).await;
        let mut b = app.browser();
        assert_eq!(b.login(login, PASSWORD).await.status(), 200);
        b
    };
    let platform = sign_in("+380931000001", true, &[]).await;
    let admin = sign_in("+380931000002", false, &[(kyiv, Role::Admin)]).await;
    let moderator = sign_in("+380931000003", false, &[(kyiv, Role::Moderator)]).await;
    let observer = sign_in("+380931000004", false, &[(kyiv, Role::Observer)]).await;
    (
        kyiv,
        Staff {
            platform,
            admin,
            moderator,
            observer,
        },
    )
}

fn session_body(stages: Value) -> Value {
    json!({
        "name": { "uk": "Громадський бюджет 2027", "en": "Participatory budget 2027" },
        "parameters": {
            "votes_per_voter": 5, "min_voter_age": 16, "min_author_age": 18, "results_rule": "greedy",
            "registration_methods": ["password", "kyiv_id"],
            "required_fields": ["last_name", "first_name", "birth_date", "phone"]
        },
        "stages": stages,
        "pots": [
            { "name": { "uk": "Малі проєкти", "en": "Small projects" }, "scope": "citywide", "total": "50000000.00", "max_project_cost": "1999999.99" },
            { "name": { "uk": "Великі проєкти", "en": "Large projects" }, "scope": "citywide", "total": "100000000", "max_project_cost": "20000000" }
        ]
    })
}

fn kyiv_2027() -> Value {
    json!([
        { "kind": "submission", "start": "2027-01-10", "end": "2027-02-28" },
        { "kind": "review", "start": "2027-03-01", "end": "2027-03-27" },
        { "kind": "voting", "start": "2027-03-28", "end": "2027-04-30" },
        { "kind": "results", "start": "2027-05-01", "end": "2027-05-15" },
        { "kind": "implementation", "start": "2027-05-16", "end": "2027-12-31" }
    ])
}

#[tokio::test]
async fn platform_admins_create_change_and_delete_cities() {
    let app = spawn_app().await;
    app.user("+380931000001", PASSWORD, true, &[]).await;
    let mut platform = app.browser();
    platform.login("+380931000001", PASSWORD).await;

    let created = platform
        .post(
            "/api/v1/cities",
            &json!({ "slug": "lviv", "name": { "uk": "Львів", "en": "Lviv" } }),
        )
        .await;
    assert_eq!(created.status(), 201);
    problem(
        platform
            .post(
                "/api/v1/cities",
                &json!({ "slug": "lviv", "name": { "uk": "Л", "en": "L" } }),
            )
            .await,
        409,
        "city-exists",
    )
    .await;
    problem(
        platform
            .post(
                "/api/v1/cities",
                &json!({ "slug": "Bad Slug", "name": { "uk": "Л", "en": "L" } }),
            )
            .await,
        422,
        "slug-invalid",
    )
    .await;

    let changed = platform
        .patch(
            "/api/v1/cities/lviv",
            &json!({ "name": { "uk": "Львів", "en": "Lviv City" }, "contacts": "вул. Галицька, 1", "time_zone": "Europe/Kiev", "slug": "lviv-city" }),
        )
        .await;
    assert_eq!(changed.status(), 200);
    let body: Value = changed.json().await.unwrap();
    assert_eq!(body["slug"], "lviv-city");
    assert_eq!(
        body["time_zone"], "Europe/Kyiv",
        "the legacy zone name is normalized"
    );
    problem(
        platform
            .patch(
                "/api/v1/cities/lviv-city",
                &json!({ "time_zone": "Mars/Olympus" }),
            )
            .await,
        422,
        "time-zone-invalid",
    )
    .await;

    let detail: Value = app
        .get("/api/v1/cities/lviv-city")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(detail["name"]["en"], "Lviv City");
    assert_eq!(detail["contacts"], "вул. Галицька, 1");
    assert_eq!(
        detail["map"]["tile_url"],
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    );
    assert_eq!(detail["logo_url"], Value::Null);

    assert_eq!(
        platform.delete("/api/v1/cities/lviv-city").await.status(),
        204
    );
    problem(
        app.get("/api/v1/cities/lviv-city").await,
        404,
        "city-not-found",
    )
    .await;
}

#[tokio::test]
async fn settings_logo_and_hints_follow_the_per_field_roles() {
    let app = spawn_app().await;
    let (_, s) = staff(&app).await;

    // «Інші налаштування»: admins change them, observers read them, moderators neither.
    problem(
        s.moderator.get("/api/v1/cities/kyiv/settings").await,
        403,
        "forbidden",
    )
    .await;
    let new_settings = json!({ "allow_commission": true, "tile_url": "https://tiles.kyiv.example/{z}/{x}/{y}.png", "map": { "lat": 50.45, "lon": 30.52, "zoom": 12 } });
    problem(
        s.moderator
            .put_json("/api/v1/cities/kyiv/settings", &new_settings)
            .await,
        403,
        "forbidden",
    )
    .await;
    problem(
        s.observer
            .put_json("/api/v1/cities/kyiv/settings", &new_settings)
            .await,
        403,
        "forbidden",
    )
    .await;
    let saved = s
        .admin
        .put_json("/api/v1/cities/kyiv/settings", &new_settings)
        .await;
    assert_eq!(saved.status(), 200);
    let seen: Value = s
        .observer
        .get("/api/v1/cities/kyiv/settings")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(seen["allow_commission"], true);
    problem(
        s.admin.put_json("/api/v1/cities/kyiv/settings", &json!({ "allow_commission": true, "tile_url": "javascript:alert(1)", "map": { "lat": 50.45, "lon": 30.52, "zoom": 12 } })).await,
        422,
        "tile-url-invalid",
    )
    .await;
    problem(
        s.admin.put_json("/api/v1/cities/kyiv/settings", &json!({ "allow_commission": true, "tile_url": "https://t.example/{z}/{x}/{y}.png", "map": { "lat": 95.0, "lon": 30.52, "zoom": 12 } })).await,
        422,
        "map-view-invalid",
    )
    .await;

    // Pots and parameters: admins only.
    let created = s
        .admin
        .post("/api/v1/cities/kyiv/sessions", &session_body(kyiv_2027()))
        .await;
    assert_eq!(created.status(), 201);
    let session: Value = created.json().await.unwrap();
    let id = session["id"].as_i64().unwrap();
    let pots = json!({ "pots": [{ "name": { "uk": "Один", "en": "One" }, "scope": "citywide", "total": "100", "max_project_cost": "10" }] });
    problem(
        s.moderator
            .patch(&format!("/api/v1/cities/kyiv/sessions/{id}"), &pots)
            .await,
        403,
        "forbidden",
    )
    .await;
    assert_eq!(
        s.admin
            .patch(&format!("/api/v1/cities/kyiv/sessions/{id}"), &pots)
            .await
            .status(),
        200
    );

    // Logo and stage hints: moderators may.
    assert_eq!(
        s.moderator
            .put_bytes("/api/v1/cities/kyiv/logo", png(40, 20), "image/png")
            .await
            .status(),
        204
    );
    let hint = json!({ "uk": "Подайте свій проєкт", "en": "Submit your project" });
    assert_eq!(
        s.moderator
            .put_json(
                &format!("/api/v1/cities/kyiv/sessions/{id}/stages/submission/hint"),
                &hint
            )
            .await
            .status(),
        204
    );
    let current: Value = app
        .get(&format!("/api/v1/cities/kyiv/sessions/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(current["stages"][0]["hint"]["uk"], "Подайте свій проєкт");
    problem(
        s.observer
            .put_json(
                &format!("/api/v1/cities/kyiv/sessions/{id}/stages/submission/hint"),
                &hint,
            )
            .await,
        403,
        "forbidden",
    )
    .await;

    // Districts and categories: admins.
    let district = json!({ "name": { "uk": "Печерський", "en": "Pecherskyi" } });
    problem(
        s.moderator
            .post("/api/v1/cities/kyiv/districts", &district)
            .await,
        403,
        "forbidden",
    )
    .await;
    assert_eq!(
        s.admin
            .post("/api/v1/cities/kyiv/districts", &district)
            .await
            .status(),
        201
    );
    let audit: Value = s
        .platform
        .get("/api/v1/cities/kyiv/audit?limit=100")
        .await
        .json()
        .await
        .unwrap();
    let actions: Vec<&str> = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for action in [
        "city.settings",
        "session.create",
        "session.update",
        "city.logo",
        "stage.hint",
        "district.save",
    ] {
        assert!(actions.contains(&action), "{action} audited: {actions:?}");
    }
}

#[tokio::test]
async fn logos_are_checked_by_content() {
    let app = spawn_app().await;
    let (_, s) = staff(&app).await;
    let logo = "/api/v1/cities/kyiv/logo";
    problem(app.get(logo).await, 404, "logo-not-found").await;

    let png = png(64, 32);
    assert_eq!(
        s.moderator
            .put_bytes(logo, png.clone(), "image/png")
            .await
            .status(),
        204
    );
    let got = app.get(logo).await;
    assert_eq!(got.headers()["content-type"], "image/png");
    assert!(got.headers().contains_key("etag"));
    assert_eq!(got.bytes().await.unwrap().to_vec(), png);
    let detail: Value = app.get("/api/v1/cities/kyiv").await.json().await.unwrap();
    let first_url = detail["logo_url"].as_str().unwrap().to_owned();
    assert!(
        first_url.starts_with("/api/v1/cities/kyiv/logo?v="),
        "{first_url}"
    );

    let jpeg = jpeg(64, 32);
    assert_eq!(
        s.admin
            .put_bytes(logo, jpeg.clone(), "image/jpeg")
            .await
            .status(),
        204,
        "replaced"
    );
    let got = app.get(logo).await;
    assert_eq!(got.headers()["content-type"], "image/jpeg");
    assert_eq!(got.bytes().await.unwrap().to_vec(), jpeg);
    // A new logo has a new address, so pages show it despite caches.
    let detail: Value = app.get("/api/v1/cities/kyiv").await.json().await.unwrap();
    assert_ne!(detail["logo_url"], first_url.as_str());
    let versioned = app.get(detail["logo_url"].as_str().unwrap()).await;
    assert_eq!(versioned.bytes().await.unwrap().to_vec(), jpeg);

    let mut too_big = png.clone();
    too_big.resize(10 * 1024 * 1024 + 1, 0);
    problem(
        s.moderator.put_bytes(logo, too_big, "image/png").await,
        413,
        "image-too-large",
    )
    .await;
    let gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;".to_vec();
    problem(
        s.moderator.put_bytes(logo, gif, "image/gif").await,
        422,
        "image-type",
    )
    .await;
    problem(
        s.moderator.put_bytes(logo, png.clone(), "image/jpeg").await,
        422,
        "image-mismatch",
    )
    .await;
    let mut truncated = png.clone();
    truncated.truncate(png.len() - 20);
    problem(
        s.moderator.put_bytes(logo, truncated, "image/png").await,
        422,
        "image-corrupt",
    )
    .await;
    // The refused uploads left the last good logo in place.
    assert_eq!(app.get(logo).await.bytes().await.unwrap().to_vec(), jpeg);
}

#[tokio::test]
async fn stage_dates_are_validated() {
    let app = spawn_app().await;
    let (_, s) = staff(&app).await;
    let url = "/api/v1/cities/kyiv/sessions";
    let gap = json!([
        { "kind": "submission", "start": "2027-01-10", "end": "2027-02-28" },
        { "kind": "review", "start": "2027-03-02", "end": "2027-03-27" },
        { "kind": "voting", "start": "2027-03-28", "end": "2027-04-30" },
        { "kind": "results", "start": "2027-05-01", "end": "2027-05-15" }
    ]);
    let body = problem(
        s.admin.post(url, &session_body(gap)).await,
        422,
        "stage-not-next-day",
    )
    .await;
    assert!(
        body["detail"].as_str().unwrap().contains("2027-03-01"),
        "{body}"
    );
    let reversed = json!([
        { "kind": "submission", "start": "2027-01-10", "end": "2027-01-09" },
        { "kind": "review", "start": "2027-01-10", "end": "2027-03-27" },
        { "kind": "voting", "start": "2027-03-28", "end": "2027-04-30" },
        { "kind": "results", "start": "2027-05-01", "end": "2027-05-15" }
    ]);
    let reversed = problem(
        s.admin.post(url, &session_body(reversed)).await,
        422,
        "stage-reversed",
    )
    .await;
    assert!(
        reversed["detail"]
            .as_str()
            .unwrap()
            .contains("«Подання проєктів»"),
        "{reversed}"
    );
    let overlap = json!([
        { "kind": "submission", "start": "2027-01-10", "end": "2027-03-05" },
        { "kind": "review", "start": "2027-03-01", "end": "2027-03-27" },
        { "kind": "voting", "start": "2027-03-28", "end": "2027-04-30" },
        { "kind": "results", "start": "2027-05-01", "end": "2027-05-15" }
    ]);
    problem(
        s.admin.post(url, &session_body(overlap)).await,
        422,
        "stage-not-next-day",
    )
    .await;
    let no_voting = json!([
        { "kind": "submission", "start": "2027-01-10", "end": "2027-02-28" },
        { "kind": "review", "start": "2027-03-01", "end": "2027-03-27" },
        { "kind": "results", "start": "2027-03-28", "end": "2027-05-15" }
    ]);
    problem(
        s.admin.post(url, &session_body(no_voting)).await,
        422,
        "stage-missing",
    )
    .await;
    let mut bad_pot = session_body(kyiv_2027());
    bad_pot["pots"][0]["max_project_cost"] = json!("60000000");
    problem(
        s.admin.post(url, &bad_pot).await,
        422,
        "pot-amounts-invalid",
    )
    .await;

    assert_eq!(
        s.admin.post(url, &session_body(kyiv_2027())).await.status(),
        201
    );
    problem(
        s.admin.post(url, &session_body(kyiv_2027())).await,
        409,
        "sessions-overlap",
    )
    .await;
}

#[tokio::test]
async fn the_current_stage_follows_the_clock_in_kyiv_time() {
    // The clock jumps months; sessions must outlive that.
    let app = spawn_app_with(|s| {
        s.auth.session_idle_minutes = 10_000_000;
        s.auth.session_absolute_hours = 100_000;
    })
    .await;
    let (_, s) = staff(&app).await;
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap());
    let created = s
        .admin
        .post("/api/v1/cities/kyiv/sessions", &session_body(kyiv_2027()))
        .await;
    assert_eq!(created.status(), 201);
    let id = created.json::<Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();

    let now = |app: &TestApp| {
        let app_url = app.url("/api/v1/cities/kyiv/sessions/current");
        async move {
            reqwest::get(app_url)
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()["now"]
                .clone()
        }
    };
    let before = now(&app).await;
    assert_eq!(before["kind"], "not_started");
    assert_eq!(
        before["until"], "2027-01-09T22:00:00+00:00",
        "00:00 Kyiv time in winter is 22:00 UTC"
    );

    // The switch to summer time: 2027-03-28 03:00 → 04:00 Kyiv time.
    app.clock
        .set(Utc.with_ymd_and_hms(2027, 3, 27, 21, 59, 59).unwrap());
    assert_eq!(
        now(&app).await["stage"],
        "review",
        "23:59:59 on the 27th, Kyiv time (UTC+2)"
    );
    app.clock
        .set(Utc.with_ymd_and_hms(2027, 3, 27, 22, 0, 0).unwrap());
    let voting = now(&app).await;
    assert_eq!(voting["stage"], "voting", "00:00 on the 28th");
    assert_eq!(
        voting["until"], "2027-04-30T21:00:00+00:00",
        "voting closes at 00:00 Kyiv summer time (UTC+3)"
    );

    app.clock
        .set(Utc.with_ymd_and_hms(2027, 4, 30, 20, 59, 59).unwrap());
    let last = now(&app).await;
    assert_eq!(last["stage"], "voting", "23:59:59 on April 30, Kyiv time");
    assert_eq!(last["remaining_secs"], 1);
    app.clock
        .set(Utc.with_ymd_and_hms(2027, 4, 30, 21, 0, 0).unwrap());
    assert_eq!(
        now(&app).await["stage"],
        "results",
        "00:00 on May 1, Kyiv time"
    );

    // Once started, parameters are fixed and opened stages keep their dates; later ones may move.
    let locked = s
        .admin
        .patch(
            &format!("/api/v1/cities/kyiv/sessions/{id}"),
            &json!({ "pots": [] }),
        )
        .await;
    problem(locked, 409, "session-started").await;
    let mut moved = kyiv_2027();
    moved[2]["end"] = json!("2027-05-05");
    moved[3]["start"] = json!("2027-05-06");
    problem(
        s.admin
            .patch(
                &format!("/api/v1/cities/kyiv/sessions/{id}"),
                &json!({ "stages": moved }),
            )
            .await,
        409,
        "stage-started",
    )
    .await;
    let mut later = kyiv_2027();
    later[4]["start"] = json!("2027-05-16");
    later[4]["end"] = json!("2028-03-31");
    assert_eq!(
        s.admin
            .patch(
                &format!("/api/v1/cities/kyiv/sessions/{id}"),
                &json!({ "stages": later })
            )
            .await
            .status(),
        200
    );

    app.clock
        .set(Utc.with_ymd_and_hms(2029, 1, 1, 0, 0, 0).unwrap());
    assert_eq!(now(&app).await["kind"], "finished");
}

#[tokio::test]
async fn translation_overrides_apply_at_once_and_reset() {
    let app = spawn_app().await;
    let (_, s) = staff(&app).await;
    let key = "/api/v1/cities/kyiv/translations/en/problem-page-not-found";
    let before = problem(
        app.get("/api/v1/cities/kyiv/pages/nowhere").await,
        404,
        "page-not-found",
    )
    .await;
    assert_eq!(before["title"], "Сторінку не знайдено");

    problem(
        s.observer.put_json(key, &json!({ "value": "x" })).await,
        403,
        "forbidden",
    )
    .await;
    problem(
        s.moderator
            .put_json(
                "/api/v1/cities/kyiv/translations/en/no-such-key",
                &json!({ "value": "x" }),
            )
            .await,
        404,
        "translation-key-unknown",
    )
    .await;
    problem(
        s.moderator
            .put_json(key, &json!({ "value": "{ unclosed" }))
            .await,
        422,
        "translation-invalid",
    )
    .await;
    assert_eq!(
        s.moderator
            .put_json(key, &json!({ "value": "Nothing here, sorry" }))
            .await
            .status(),
        204
    );
    let detail_key = "/api/v1/cities/kyiv/translations/en/problem-page-not-found.detail";
    assert_eq!(
        s.moderator
            .put_json(
                detail_key,
                &json!({ "value": "No page { $slug } in Kyiv." })
            )
            .await
            .status(),
        204
    );

    let en = app
        .client
        .get(app.url("/api/v1/cities/kyiv/pages/nowhere"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    let after = problem(en, 404, "page-not-found").await;
    assert_eq!(after["title"], "Nothing here, sorry");
    assert_eq!(after["detail"], "No page nowhere in Kyiv.");

    let list: Value = app
        .get("/api/v1/cities/kyiv/translations/en")
        .await
        .json()
        .await
        .unwrap();
    let entry = list
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["key"] == "problem-page-not-found")
        .unwrap()
        .clone();
    assert_eq!(entry["default"], "Page not found");
    assert_eq!(entry["override"], "Nothing here, sorry");
    assert_eq!(entry["value"], "Nothing here, sorry");

    assert_eq!(s.moderator.delete(key).await.status(), 204);
    problem(
        s.moderator.delete(key).await,
        404,
        "translation-not-overridden",
    )
    .await;
    let en = app
        .client
        .get(app.url("/api/v1/cities/kyiv/pages/nowhere"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(
        problem(en, 404, "page-not-found").await["title"],
        "Page not found"
    );
}

#[tokio::test]
async fn the_web_apps_messages_carry_overrides_and_revalidate_by_etag() {
    let app = spawn_app().await;
    let (_, s) = staff(&app).await;
    let url = "/api/v1/cities/kyiv/messages/uk";
    let first = app.get(url).await;
    assert_eq!(first.status(), 200);
    assert_eq!(first.headers()["cache-control"], "no-cache");
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();
    let messages: Value = first.json().await.unwrap();
    assert_eq!(messages["nav-projects"], "Проєкти");
    // Fluent source, selectors included, for the app to format; problems and e-mails are the
    // server's own.
    assert!(
        messages["home-votes-per-voter"]
            .as_str()
            .unwrap()
            .contains("$count ->")
    );
    assert!(messages.get("problem-not-found").is_none());
    assert!(
        messages
            .as_object()
            .unwrap()
            .keys()
            .all(|k| !k.starts_with("email-"))
    );
    let again = app
        .client
        .get(app.url(url))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);

    let key = "/api/v1/cities/kyiv/translations/uk/nav-projects";
    let set = s
        .moderator
        .put_json(key, &json!({ "value": "Ідеї міста" }))
        .await;
    assert_eq!(set.status(), 204);
    let changed = app
        .client
        .get(app.url(url))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), 200);
    assert_ne!(changed.headers()["etag"].to_str().unwrap(), etag);
    let messages: Value = changed.json().await.unwrap();
    assert_eq!(messages["nav-projects"], "Ідеї міста");
    // Without a city, the messages as shipped.
    let shipped: Value = app.get("/api/v1/messages/uk").await.json().await.unwrap();
    assert_eq!(shipped["nav-projects"], "Проєкти");
    problem(app.get("/api/v1/messages/de").await, 422, "lang-invalid").await;
}

#[tokio::test]
async fn pages_publish_and_never_carry_scripts() {
    let app = spawn_app().await;
    let (_, s) = staff(&app).await;
    let body = json!({
        "slug": "about",
        "title": { "uk": "Про проект", "en": "About" },
        "body": {
            "uk": "# Громадський бюджет\n\n**Голосуйте** за [проєкти](https://kyiv.example).\n\n<script>alert('xss')</script>\n\n[клік](javascript:alert(1)) <img src=x onerror=alert(2)>",
            "en": "Vote <iframe src=https://evil.example></iframe>"
        }
    });
    let created = s.moderator.post("/api/v1/cities/kyiv/pages", &body).await;
    assert_eq!(created.status(), 201);
    let page: Value = created.json().await.unwrap();
    let html = page["html"]["uk"].as_str().unwrap();
    assert!(html.contains("<strong>Голосуйте</strong>"), "{html}");
    assert!(html.contains("href=\"https://kyiv.example\""), "{html}");
    for bad in ["<script", "javascript:", "onerror", "alert('xss')"] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }
    assert!(!page["html"]["en"].as_str().unwrap().contains("iframe"));

    // A draft: staff see it, the public does not.
    problem(
        app.get("/api/v1/cities/kyiv/pages/about").await,
        404,
        "page-not-found",
    )
    .await;
    let public: Value = app
        .get("/api/v1/cities/kyiv/pages")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(public, json!([]));
    assert_eq!(
        s.observer
            .get("/api/v1/cities/kyiv/pages/about")
            .await
            .status(),
        200
    );
    let drafts: Value = s
        .observer
        .get("/api/v1/cities/kyiv/pages?drafts=true")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(drafts.as_array().unwrap().len(), 1);
    problem(
        app.get("/api/v1/cities/kyiv/pages?drafts=true").await,
        401,
        "unauthenticated",
    )
    .await;

    assert_eq!(
        s.moderator
            .patch(
                "/api/v1/cities/kyiv/pages/about",
                &json!({ "published": true })
            )
            .await
            .status(),
        200
    );
    let public: Value = app
        .get("/api/v1/cities/kyiv/pages")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(public[0]["slug"], "about");
    assert!(
        !public[0]["html"]["uk"]
            .as_str()
            .unwrap()
            .contains("<script")
    );
    assert_eq!(
        s.moderator
            .patch(
                "/api/v1/cities/kyiv/pages/about",
                &json!({ "published": false })
            )
            .await
            .status(),
        200
    );
    problem(
        app.get("/api/v1/cities/kyiv/pages/about").await,
        404,
        "page-not-found",
    )
    .await;

    problem(
        s.moderator.post("/api/v1/cities/kyiv/pages", &body).await,
        409,
        "page-exists",
    )
    .await;
    problem(
        s.observer
            .post(
                "/api/v1/cities/kyiv/pages",
                &json!({ "slug": "x", "title": { "uk": "x", "en": "x" } }),
            )
            .await,
        403,
        "forbidden",
    )
    .await;
    assert_eq!(
        s.moderator
            .delete("/api/v1/cities/kyiv/pages/about")
            .await
            .status(),
        204
    );
}

#[tokio::test]
async fn districts_take_validated_boundaries() {
    let app = spawn_app().await;
    let (_, s) = staff(&app).await;
    let square = json!({ "type": "Polygon", "coordinates": [[[30.5, 50.4], [30.6, 50.4], [30.6, 50.5], [30.5, 50.5], [30.5, 50.4]]] }).to_string();
    let created = s
        .admin
        .post(
            "/api/v1/cities/kyiv/districts",
            &json!({ "name": { "uk": "Печерський", "en": "Pecherskyi" }, "boundary": square }),
        )
        .await;
    assert_eq!(created.status(), 201);
    let id = created.json::<Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    let open_ring = json!({ "type": "Polygon", "coordinates": [[[30.5, 50.4], [30.6, 50.4], [30.6, 50.5], [30.5, 50.5]]] }).to_string();
    let refused = s
        .admin
        .patch(
            &format!("/api/v1/cities/kyiv/districts/{id}"),
            &json!({ "boundary": open_ring }),
        )
        .await;
    problem(refused, 422, "boundary-invalid").await;
    problem(
        s.admin
            .patch(
                &format!("/api/v1/cities/kyiv/districts/{id}"),
                &json!({ "boundary": "not json" }),
            )
            .await,
        422,
        "boundary-invalid",
    )
    .await;
    let detail: Value = app.get("/api/v1/cities/kyiv").await.json().await.unwrap();
    assert_eq!(detail["districts"][0]["boundary"]["type"], "Polygon");

    let category = s
        .admin
        .post(
            "/api/v1/cities/kyiv/categories",
            &json!({ "name": { "uk": "Спорт", "en": "Sport" }, "position": 2 }),
        )
        .await;
    assert_eq!(category.status(), 201);
    let cid = category.json::<Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    assert_eq!(
        s.admin
            .patch(
                &format!("/api/v1/cities/kyiv/categories/{cid}"),
                &json!({ "active": false })
            )
            .await
            .status(),
        200
    );
    let detail: Value = app.get("/api/v1/cities/kyiv").await.json().await.unwrap();
    assert_eq!(
        detail["categories"],
        json!([]),
        "inactive categories are not offered"
    );
    let all: Value = app
        .get("/api/v1/cities/kyiv/categories")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        all,
        json!([{ "id": cid, "name": { "uk": "Спорт", "en": "Sport" }, "position": 2, "active": false }]),
        "the directory's editors see every category"
    );
    assert_eq!(
        s.admin
            .delete(&format!("/api/v1/cities/kyiv/categories/{cid}"))
            .await
            .status(),
        204
    );
    assert_eq!(
        s.admin
            .delete(&format!("/api/v1/cities/kyiv/districts/{id}"))
            .await
            .status(),
        204
    );
}

#[tokio::test]
async fn the_current_session_decides_which_profile_fields_are_required() {
    let app = spawn_app().await;
    let (_, s) = staff(&app).await;
    let mut resident = app.browser();
    let registered = resident
        .register(json!({ "login": "0501112299", "password": PASSWORD, "last_name": "Коваль", "first_name": "Ігор" }))
        .await;
    assert_eq!(registered.status(), 201);
    let before: Value = resident
        .get("/api/v1/cities/kyiv/me")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        before["missing_fields"],
        json!(["birth_date"]),
        "the default list without a session"
    );

    let mut body = session_body(kyiv_2027());
    body["parameters"]["required_fields"] =
        json!(["last_name", "first_name", "email", "residence_address"]);
    assert_eq!(
        s.admin
            .post("/api/v1/cities/kyiv/sessions", &body)
            .await
            .status(),
        201
    );
    let during: Value = resident
        .get("/api/v1/cities/kyiv/me")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        during["missing_fields"],
        json!(["email", "residence_address"])
    );
    problem(
        app.browser().get("/api/v1/cities/kyiv/me").await,
        401,
        "unauthenticated",
    )
    .await;
}

/// A category that projects use cannot be deleted: a 409 problem, not a 500 from the database's
/// foreign key (found by schemathesis; SQLite reports the restriction as a trigger constraint).
#[tokio::test]
async fn deleting_a_category_in_use_is_a_conflict() {
    let app = spawn_app().await;
    let c = crate::projects::city(&app).await;
    let draft = c
        .author
        .post(
            "/api/v1/cities/kyiv/projects",
            &crate::projects::project(&c, "Лавки", "100.00"),
        )
        .await;
    assert!(draft.status().is_success(), "{}", draft.status());
    problem(
        c.admin
            .delete(&format!("/api/v1/cities/kyiv/categories/{}", c.category))
            .await,
        409,
        "entry-in-use",
    )
    .await;
}
