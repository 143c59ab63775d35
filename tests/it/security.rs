//! Security tests over HTTP (issue 12): one resident cannot read or change another's objects
//! by their ids (IDOR), every state change needs the session's CSRF token, redirects stay on
//! this site, sign-in rotates the session id, the login throttle holds, and stored markup never
//! comes back executable. The role × endpoint table is in `roles.rs`.

use chrono::{Duration, Utc};
use entities::city_role::Role;
use serde_json::{Value, json};

use crate::projects::{PASSWORD, act, city, id_of, project, signed_in};
use crate::support::{Browser, TestApp, pdf, png, problem, spawn_app, spawn_app_with};

const KYIV: &str = "/api/v1/cities/kyiv";

fn day(offset: i64) -> String {
    (Utc::now().date_naive() + Duration::days(offset)).to_string()
}

/// The value of the session cookie a response sets.
fn session_id(response: &reqwest::Response) -> String {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix("hromada_session="))
        .and_then(|c| c.split(';').next())
        .expect("a session cookie")
        .to_owned()
}

/// A client that keeps no cookies: each request carries only what the test gives it.
fn bare() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// `GET path` with only the given session cookie.
async fn with_cookie(app: &TestApp, path: &str, token: &str) -> reqwest::Response {
    bare()
        .get(app.url(path))
        .header("cookie", format!("hromada_session={token}"))
        .send()
        .await
        .unwrap()
}

// ---------------------------------------------------------------------------------------------
// IDOR

#[tokio::test]
async fn a_resident_cannot_touch_another_residents_draft_project() {
    let app = spawn_app().await;
    let c = city(&app).await;
    let id = id_of(
        c.author
            .post(
                &format!("{KYIV}/projects"),
                &project(&c, "Моя чернетка", "10"),
            )
            .await,
    )
    .await;
    let file: Value = c
        .author
        .post_bytes(
            &format!("{KYIV}/projects/{id}/files?kind=image&name=a.png"),
            png(10, 10),
            "image/png",
        )
        .await
        .json()
        .await
        .unwrap();
    let file_id = file["id"].as_i64().expect("file id");
    let project_url = format!("{KYIV}/projects/{id}");
    let file_url = format!("{project_url}/files/{file_id}");

    // Reading: the draft, its file and the other's list of projects.
    problem(c.resident.get(&project_url).await, 404, "project-not-found").await;
    assert_eq!(c.resident.get(&file_url).await.status(), 404);
    let mine: Value = c
        .resident
        .get(&format!("{KYIV}/me/projects"))
        .await
        .json()
        .await
        .unwrap();
    assert!(!mine.to_string().contains("Моя чернетка"), "{mine}");
    let listed = c.resident.get(&format!("{KYIV}/projects")).await;
    assert!(!listed.text().await.unwrap().contains("Моя чернетка"));

    // Changing: edit, upload, delete a file, submit or withdraw it.
    problem(
        c.resident
            .put_json(&project_url, &project(&c, "Чуже", "1"))
            .await,
        404,
        "project-not-found",
    )
    .await;
    problem(
        c.resident
            .post_bytes(
                &format!("{project_url}/files?kind=image&name=b.png"),
                png(10, 10),
                "image/png",
            )
            .await,
        404,
        "project-not-found",
    )
    .await;
    assert_eq!(c.resident.delete(&file_url).await.status(), 404);
    for action in ["submit", "withdraw"] {
        let refused = act(&c.resident, id, action, None).await;
        assert_eq!(refused.status(), 404, "{action}");
    }

    // Untouched.
    let draft: Value = c.author.get(&project_url).await.json().await.unwrap();
    assert_eq!(draft["title"], "Моя чернетка");
    assert_eq!(draft["status"], "draft");
    assert_eq!(c.author.get(&file_url).await.status(), 200);
}

#[tokio::test]
async fn a_resident_cannot_read_or_decide_anothers_supporter_application() {
    let app = spawn_app().await;
    let c = city(&app).await;
    let outsider = signed_in(&app, "+380931000005", false, &[]).await;
    assert_eq!(
        c.resident
            .put_bytes("/api/v1/me/photo", png(20, 20), "image/png")
            .await
            .status(),
        204
    );
    let id = id_of(
        c.author
            .post(&format!("{KYIV}/projects"), &project(&c, "Сквер", "10"))
            .await,
    )
    .await;
    assert_eq!(act(&c.author, id, "submit", None).await.status(), 200);
    assert_eq!(act(&c.moderator, id, "admit", None).await.status(), 200);
    let team_url = format!("{KYIV}/projects/{id}/supporters");
    let applied = c
        .resident
        .post(&team_url, &json!({ "comment": "Мій приватний коментар" }))
        .await;
    assert_eq!(applied.status(), 201);
    let application = applied.json::<Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    let application_url = format!("{team_url}/{application}");

    // A pending application is the applicant's, the author's and staff's business.
    let team = outsider.get(&team_url).await.text().await.unwrap();
    assert!(!team.contains("Мій приватний коментар"), "{team}");
    assert_eq!(
        outsider
            .get(&format!("{application_url}/photo"))
            .await
            .status(),
        404
    );
    problem(
        outsider.get(&format!("{application_url}/history")).await,
        403,
        "forbidden",
    )
    .await;
    // Neither an outsider nor the applicant decides it.
    for (who, browser) in [("outsider", &outsider), ("applicant", &c.resident)] {
        let decided = browser
            .post(
                &format!("{application_url}/status"),
                &json!({ "status": "accepted", "comment": null }),
            )
            .await;
        assert_eq!(decided.status(), 403, "{who}");
    }
    let team: Value = c.author.get(&team_url).await.json().await.unwrap();
    assert!(team.to_string().contains("pending"), "{team}");
    assert!(!team.to_string().contains("accepted"), "{team}");
}

/// An election whose applications are open today. The fixture's session has started, when
/// «Дозволити ГБК» can no longer be switched on over the API: it is written directly.
async fn open_election(app: &TestApp, admin: &Browser) -> i64 {
    use sea_orm::{EntityTrait, sea_query::Expr};
    entities::city::Entity::update_many()
        .col_expr(entities::city::Column::AllowCommission, Expr::value(true))
        .exec(&app.db)
        .await
        .unwrap();
    let session: Value = app
        .get(&format!("{KYIV}/sessions/current"))
        .await
        .json()
        .await
        .unwrap();
    let session = session["id"].as_i64().expect("a current session");
    let created = admin
        .put_json(
            &format!("{KYIV}/sessions/{session}/election"),
            &json!({
                "min_votes_round2": 1, "votes_round1": 2, "votes_round2": 2, "seats": 3,
                "stages": [
                    { "stage": "applications", "start": day(0), "end": day(10) },
                    { "stage": "review", "start": day(11), "end": day(20) },
                    { "stage": "round1", "start": day(21), "end": day(30) },
                    { "stage": "round2", "start": day(31), "end": day(40) },
                    { "stage": "results", "start": day(41), "end": day(50) },
                ],
            }),
        )
        .await;
    let status = created.status();
    let body: Value = created.json().await.unwrap();
    assert_eq!(status, 200, "{body}");
    body["id"].as_i64().unwrap()
}

#[tokio::test]
async fn a_resident_cannot_read_or_change_anothers_candidate_application() {
    let app = spawn_app().await;
    let c = city(&app).await;
    let e = open_election(&app, &c.admin).await;
    let candidate = &c.author;
    let other = &c.resident;
    let created = candidate
        .post(&format!("{KYIV}/elections/{e}/applications"), &json!({}))
        .await;
    assert_eq!(created.status(), 201);
    let id = created.json::<Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    let url = format!("{KYIV}/elections/{e}/applications/{id}");
    let about =
        json!({ "motivation": "Моя мотивація", "experience": "ОСББ", "organization": null });
    let saved = candidate.put_json(&format!("{url}/about"), &about).await;
    let status = saved.status();
    assert_eq!(status, 200, "{}", saved.text().await.unwrap());
    let document: Value = candidate
        .post_bytes(
            &format!("{url}/documents?name=passport.pdf"),
            pdf(),
            "application/pdf",
        )
        .await
        .json()
        .await
        .unwrap();
    let document = document["id"].as_i64().expect("document id");

    // The draft is its candidate's alone: nothing of it can be read …
    for path in [
        url.clone(),
        format!("{url}/history"),
        format!("{url}/photo"),
        format!("{url}/documents/{document}"),
    ] {
        problem(other.get(&path).await, 404, "candidate-not-found").await;
    }
    let list = other
        .get(&format!("{KYIV}/elections/{e}/applications"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!list.contains("Моя мотивація"), "{list}");
    problem(
        other
            .get(&format!("{KYIV}/elections/{e}/applications/mine"))
            .await,
        404,
        "candidate-not-found",
    )
    .await;
    // … or changed.
    let pages = [
        ("personal", json!({})),
        (
            "about",
            json!({ "motivation": "Зламано", "experience": null, "organization": null }),
        ),
        ("consents", json!({ "personal_data": true, "rules": true })),
    ];
    for (page, body) in &pages {
        problem(
            other.put_json(&format!("{url}/{page}"), body).await,
            404,
            "candidate-not-found",
        )
        .await;
    }
    problem(
        other
            .post_bytes(
                &format!("{url}/documents?name=x.pdf"),
                pdf(),
                "application/pdf",
            )
            .await,
        404,
        "candidate-not-found",
    )
    .await;
    problem(
        other.delete(&format!("{url}/documents/{document}")).await,
        404,
        "candidate-not-found",
    )
    .await;
    problem(
        other
            .post(&format!("{url}/status"), &json!({ "action": "submit" }))
            .await,
        404,
        "candidate-not-found",
    )
    .await;

    let mine: Value = candidate.get(&url).await.json().await.unwrap();
    assert_eq!(mine["status"], "draft", "{mine}");
    assert!(mine.to_string().contains("Моя мотивація"), "{mine}");
    assert_eq!(
        candidate
            .get(&format!("{url}/documents/{document}"))
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn a_ballot_is_its_voters_alone() {
    let app = spawn_app().await;
    let mut c = city(&app).await;
    let author_id: i64 = c
        .author
        .get("/api/v1/me")
        .await
        .json::<Value>()
        .await
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let mut ids = vec![];
    for title in ["Перший", "Другий"] {
        let id = id_of(
            c.author
                .post(&format!("{KYIV}/projects"), &project(&c, title, "10"))
                .await,
        )
        .await;
        assert_eq!(act(&c.author, id, "submit", None).await.status(), 200);
        assert_eq!(act(&c.moderator, id, "admit", None).await.status(), 200);
        ids.push(id);
    }
    assert_eq!(
        c.resident
            .patch(
                "/api/v1/me",
                &json!({ "birth_date": "1990-01-01", "phone": "+380931000004" }),
            )
            .await
            .status(),
        200
    );
    app.clock.advance(Duration::days(65));
    assert_eq!(
        c.author.login("+380931000003", PASSWORD).await.status(),
        200
    );
    assert_eq!(
        c.resident.login("+380931000004", PASSWORD).await.status(),
        200
    );
    let vote = |id: i64| format!("{KYIV}/projects/{id}/vote");
    assert_eq!(c.author.post(&vote(ids[0]), &json!({})).await.status(), 200);
    assert_eq!(
        c.resident.post(&vote(ids[1]), &json!({})).await.status(),
        200
    );

    // Each sees only their own ballot, whatever the query names.
    for query in ["", "?user_id={author}", "?user={author}", "?voter={author}"] {
        let query = query.replace("{author}", &author_id.to_string());
        let ballot: Value = c
            .resident
            .get(&format!("{KYIV}/me/ballot{query}"))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(ballot["projects"], json!([ids[1]]), "{query}: {ballot}");
    }
    // Withdrawing a vote one never cast leaves the other's vote alone.
    let withdrawn = c.resident.delete(&vote(ids[0])).await;
    assert!(
        withdrawn.status().is_client_error(),
        "{}",
        withdrawn.status()
    );
    let ballot: Value = c
        .author
        .get(&format!("{KYIV}/me/ballot"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(ballot["projects"], json!([ids[0]]), "{ballot}");
    // Public project data does not say who voted.
    for path in [
        format!("{KYIV}/projects/{}", ids[0]),
        format!("{KYIV}/projects"),
    ] {
        let public = app.get(&path).await.text().await.unwrap();
        assert!(!public.contains("+380931000003"), "{path}: {public}");
        assert!(!public.contains("+380931000004"), "{path}: {public}");
    }
}

#[tokio::test]
async fn a_profile_and_its_photo_are_their_owners_alone() {
    let app = spawn_app().await;
    let c = city(&app).await;
    let author: Value = c.author.get("/api/v1/me").await.json().await.unwrap();
    let author_id = author["id"].as_i64().unwrap();
    assert_eq!(
        c.author
            .put_bytes("/api/v1/me/photo", png(20, 20), "image/png")
            .await
            .status(),
        204
    );
    // The resident's /me is the resident's, whatever ids the request carries.
    let mine: Value = c
        .resident
        .get(&format!("/api/v1/me?id={author_id}&user_id={author_id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_ne!(mine["id"], author_id);
    assert_eq!(
        c.resident
            .get(&format!("/api/v1/me/photo?user_id={author_id}"))
            .await
            .status(),
        404,
        "the resident has no photo; the author's is not served"
    );
    let patched = c
        .resident
        .patch(
            "/api/v1/me",
            &json!({ "id": author_id, "user_id": author_id, "first_name": "Зламано" }),
        )
        .await;
    assert!(patched.status().as_u16() < 500);
    let after: Value = c.author.get("/api/v1/me").await.json().await.unwrap();
    assert_eq!(after["first_name"], author["first_name"]);
    assert_eq!(after["email"], author["email"]);
    // Nobody signed out sees a profile or photo.
    assert_eq!(app.get("/api/v1/me").await.status(), 401);
    assert_eq!(app.get("/api/v1/me/photo").await.status(), 401);
}

// ---------------------------------------------------------------------------------------------
// CSRF

/// A plausible value for a path parameter.
fn plausible(name: &str) -> &'static str {
    match name {
        "slug" => "kyiv",
        "lang" => "uk",
        "kind" => "submission",
        "page" => "about",
        "key" => "site-title",
        _ => "1",
    }
}

#[tokio::test]
async fn every_state_change_needs_the_sessions_csrf_token() {
    let app = spawn_app().await;
    let kyiv = app.city("kyiv").await;
    // A platform admin: were the token not checked, most of these would succeed.
    let mut admin = signed_in(&app, "+380931000009", true, &[(kyiv, Role::Admin)]).await;
    let token = admin.csrf.clone().unwrap();
    let spec: Value = app.get("/api/openapi.json").await.json().await.unwrap();
    let paths = spec["paths"].as_object().expect("paths");
    let mut checked = 0;
    for (path, operations) in paths {
        for (method, operation) in operations.as_object().unwrap() {
            let method = method.to_ascii_uppercase();
            if !["POST", "PUT", "PATCH", "DELETE"].contains(&method.as_str()) {
                continue;
            }
            let mut url = format!("/api/v1{path}");
            for parameter in operation["parameters"].as_array().into_iter().flatten() {
                if parameter["in"] == "path" {
                    let name = parameter["name"].as_str().unwrap();
                    url = url.replace(&format!("{{{name}}}"), plausible(name));
                }
            }
            assert!(!url.contains('{'), "unfilled parameter in {url}");
            let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
            for sent in [None, Some("0".repeat(token.len())), Some(String::new())] {
                let mut request = admin
                    .client
                    .request(method.clone(), app.url(&url))
                    .json(&json!({}));
                if let Some(sent) = &sent {
                    request = request.header("x-csrf-token", sent);
                }
                let response = request.send().await.unwrap();
                let what = format!("{method} {url} with token {sent:?}");
                assert_eq!(response.status(), 403, "{what}");
                let body: Value = response.json().await.unwrap();
                assert_eq!(body["code"], "csrf-failed", "{what}: {body}");
            }
            checked += 1;
        }
    }
    assert!(checked >= 60, "only {checked} state-changing operations");
    // Nothing happened: still signed in (logout was refused), no city was created.
    assert_eq!(admin.get("/api/v1/me").await.status(), 200);
    assert_eq!(admin.get("/api/v1/auth/session").await.status(), 200);
    let cities: Value = app.get("/api/v1/cities").await.json().await.unwrap();
    assert_eq!(cities.as_array().map(Vec::len), Some(1), "{cities}");
    // Another session's token does not do either.
    let other = signed_in(&app, "+380931000008", false, &[]).await;
    admin.csrf = other.csrf.clone();
    problem(
        admin.post("/api/v1/auth/logout", &json!({})).await,
        403,
        "csrf-failed",
    )
    .await;
    // With its own token the same request goes through.
    admin.csrf = Some(token);
    assert_eq!(
        admin.post("/api/v1/auth/logout", &json!({})).await.status(),
        204
    );
}

#[tokio::test]
async fn without_a_session_there_is_no_token_to_check_and_nothing_to_change() {
    let app = spawn_app().await;
    let c = city(&app).await;
    // Signing in needs no token (there is no session yet) …
    let mut fresh = app.browser();
    app.user("+380931000007", PASSWORD, false, &[]).await;
    assert_eq!(fresh.login("+380931000007", PASSWORD).await.status(), 200);
    // … and a request without a (valid) session cookie changes nothing: it is anonymous.
    let id = id_of(
        c.author
            .post(&format!("{KYIV}/projects"), &project(&c, "Сквер", "10"))
            .await,
    )
    .await;
    for cookie in ["", "hromada_session=made-up-value"] {
        let response = bare()
            .post(app.url(&format!("{KYIV}/projects/{id}/status")))
            .header("cookie", cookie)
            .json(&json!({ "action": "submit" }))
            .send()
            .await
            .unwrap();
        problem(response, 401, "unauthenticated").await;
    }
    let draft: Value = c
        .author
        .get(&format!("{KYIV}/projects/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(draft["status"], "draft");
}

// ---------------------------------------------------------------------------------------------
// Redirects, session fixation, throttling

#[tokio::test]
async fn sign_in_redirects_never_leave_the_site() {
    let app = spawn_app().await;
    let evil = "https://evil.example/steal";
    for path in [
        format!("/api/v1/auth/kyiv-id/start?next={evil}&return_to={evil}&redirect_uri={evil}"),
        format!("/api/v1/auth/kyiv-id/callback?code=x&state=y&next={evil}&redirect_uri={evil}"),
        format!("/api/v1/auth/kyiv-id/callback?error=access_denied&next={evil}"),
        format!("/sign-in?next={evil}"),
        "//evil.example/".to_owned(),
    ] {
        let response = app.get(&path).await;
        if let Some(location) = response.headers().get("location") {
            let location = location.to_str().unwrap();
            assert!(
                location.starts_with('/') && !location.starts_with("//"),
                "{path} → {location}"
            );
        }
        let body = response.text().await.unwrap();
        assert!(!body.contains("evil.example"), "{path}: {body}");
    }
}

#[tokio::test]
async fn a_session_id_chosen_before_sign_in_is_not_the_one_after() {
    let app = spawn_app().await;
    app.user("+380931000006", PASSWORD, false, &[]).await;
    let planted = "a".repeat(43);
    let signed_in = bare()
        .post(app.url("/api/v1/auth/login"))
        .header("cookie", format!("hromada_session={planted}"))
        .json(&json!({ "login": "+380931000006", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 200);
    let issued = session_id(&signed_in);
    assert_ne!(issued, planted);
    problem(
        with_cookie(&app, "/api/v1/me", &planted).await,
        401,
        "unauthenticated",
    )
    .await;
    assert_eq!(with_cookie(&app, "/api/v1/me", &issued).await.status(), 200);

    // A real session planted in the victim's browser (the attacker's own) is replaced too:
    // the sign-in ends it, so the attacker cannot ride the victim's account through it.
    let attacker = bare()
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({ "login": "+380931000006", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    let attacker_id = session_id(&attacker);
    let attacker_csrf = attacker.json::<Value>().await.unwrap()["csrf_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let victim = bare()
        .post(app.url("/api/v1/auth/login"))
        .header("cookie", format!("hromada_session={attacker_id}"))
        .header("x-csrf-token", attacker_csrf)
        .json(&json!({ "login": "+380931000006", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(victim.status(), 200);
    let victim_id = session_id(&victim);
    assert_ne!(victim_id, attacker_id);
    problem(
        with_cookie(&app, "/api/v1/me", &attacker_id).await,
        401,
        "unauthenticated",
    )
    .await;

    // Signing out ends the id on the server: replaying it is refused.
    let csrf: Value = with_cookie(&app, "/api/v1/auth/session", &victim_id)
        .await
        .json()
        .await
        .unwrap();
    let out = bare()
        .post(app.url("/api/v1/auth/logout"))
        .header("cookie", format!("hromada_session={victim_id}"))
        .header("x-csrf-token", csrf["csrf_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 204);
    for path in ["/api/v1/me", "/api/v1/auth/session"] {
        problem(
            with_cookie(&app, path, &victim_id).await,
            401,
            "unauthenticated",
        )
        .await;
    }
}

#[tokio::test]
async fn the_login_throttle_refuses_even_the_right_password() {
    let app = spawn_app_with(|s| {
        s.auth.max_failures_per_account = 2;
        s.auth.max_failures_per_address = 1000;
        s.auth.failure_window_secs = 120;
    })
    .await;
    app.user("+380931000006", PASSWORD, false, &[]).await;
    let mut attacker = app.browser();
    for _ in 0..2 {
        problem(
            attacker.login("+380931000006", "wrong password!!").await,
            401,
            "login-failed",
        )
        .await;
    }
    // Locked: more guesses and the right password alike, in any spelling of the login.
    for (login, password) in [
        ("+380931000006", "wrong password!!"),
        ("+380931000006", PASSWORD),
        ("093 100 00 06", PASSWORD),
    ] {
        let locked = app.browser().login(login, password).await;
        let retry_after: i64 = locked.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=120).contains(&retry_after), "{retry_after}");
        problem(locked, 429, "login-throttled").await;
    }
    app.clock.advance(Duration::seconds(121));
    assert_eq!(
        app.browser()
            .login("+380931000006", PASSWORD)
            .await
            .status(),
        200
    );
}

// ---------------------------------------------------------------------------------------------
// Stored XSS

const PAYLOADS: [&str; 4] = [
    "<script>window.__xss=1</script>",
    "<img src=x onerror=\"window.__xss=2\">",
    "[клік](javascript:window.__xss=3)",
    "<a href=\"javascript:window.__xss=4\">a</a><svg onload=window.__xss=5>",
];

/// Rendered HTML with no executable markup: no script-capable elements, no event handler
/// attributes and no `javascript:` addresses in any tag. Escaped text (`&lt;svg onload…`) is
/// shown as text and is fine.
fn assert_inert(html: &str) {
    let lower = html.to_lowercase();
    for tag in lower.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or_default();
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        assert!(
            ![
                "script", "svg", "math", "iframe", "object", "embed", "style", "form", "base",
                "meta", "link"
            ]
            .contains(&name.as_str()),
            "<{tag}> in {html}"
        );
        let attributes = tag.replace(['"', '\'', '/', '\n', '\t'], " ");
        assert!(
            !attributes
                .split_whitespace()
                .any(|a| a.starts_with("on") && a.contains('=')),
            "an event handler in <{tag}> of {html}"
        );
        assert!(
            !attributes.contains("javascript:") && !attributes.contains("data:"),
            "a script address in <{tag}> of {html}"
        );
    }
}

#[tokio::test]
async fn stored_markup_never_comes_back_executable() {
    let app = spawn_app().await;
    let c = city(&app).await;
    let payload = PAYLOADS.join("\n\n");

    // A project: its description is rendered and sanitized; plain fields come back as given.
    let mut body = project(&c, PAYLOADS[0], "10");
    body["description"] = json!(payload);
    body["address"] = json!(PAYLOADS[1]);
    body["beneficiaries"] = json!(PAYLOADS[3]);
    body["items"][0]["name"] = json!(PAYLOADS[1]);
    let created = c.author.post(&format!("{KYIV}/projects"), &body).await;
    assert_eq!(created.status(), 201);
    let p: Value = created.json().await.unwrap();
    assert_inert(p["description_html"].as_str().unwrap());
    assert_eq!(p["title"], PAYLOADS[0]);
    assert_eq!(p["description"], payload);
    assert_eq!(p["address"], PAYLOADS[1]);
    assert_eq!(p["items"][0]["name"], PAYLOADS[1]);
    let id = p["id"].as_i64().unwrap();
    assert_eq!(act(&c.author, id, "submit", None).await.status(), 200);
    assert_eq!(act(&c.moderator, id, "admit", None).await.status(), 200);
    let public: Value = app
        .get(&format!("{KYIV}/projects/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_inert(public["description_html"].as_str().unwrap());
    assert_eq!(public["title"], PAYLOADS[0]);

    // A static page in both languages.
    let page = c
        .moderator
        .post(
            &format!("{KYIV}/pages"),
            &json!({
                "slug": "xss", "title": { "uk": PAYLOADS[0], "en": PAYLOADS[1] },
                "body": { "uk": payload, "en": payload }, "published": true
            }),
        )
        .await;
    assert_eq!(page.status(), 201);
    let page: Value = app
        .get(&format!("{KYIV}/pages/xss"))
        .await
        .json()
        .await
        .unwrap();
    for lang in ["uk", "en"] {
        assert_inert(page["html"][lang].as_str().unwrap());
        assert_eq!(page["body"][lang], payload);
    }
    assert_eq!(page["title"]["uk"], PAYLOADS[0]);

    // A supporter's comment comes back as text for the author.
    let comment = PAYLOADS[1];
    let applied = c
        .resident
        .post(
            &format!("{KYIV}/projects/{id}/supporters"),
            &json!({ "comment": comment }),
        )
        .await;
    assert_eq!(applied.status(), 201);
    let team: Value = c
        .author
        .get(&format!("{KYIV}/projects/{id}/supporters"))
        .await
        .json()
        .await
        .unwrap();
    assert!(
        team.to_string().contains(&json!(comment).to_string()),
        "{team}"
    );

    // A candidate's texts, as given.
    let e = open_election(&app, &c.admin).await;
    let created = c
        .resident
        .post(&format!("{KYIV}/elections/{e}/applications"), &json!({}))
        .await;
    let a = created.json::<Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    let saved = c
        .resident
        .put_json(
            &format!("{KYIV}/elections/{e}/applications/{a}/about"),
            &json!({ "motivation": PAYLOADS[0], "experience": PAYLOADS[1], "organization": PAYLOADS[3] }),
        )
        .await;
    assert_eq!(saved.status(), 200);
    let saved: Value = saved.json().await.unwrap();
    let text = saved.to_string();
    assert!(text.contains(&json!(PAYLOADS[0]).to_string()), "{saved}");
    // Nothing the API renders as HTML for an application carries markup.
    for (key, value) in saved.as_object().unwrap() {
        if key.ends_with("html") {
            assert_inert(value.as_str().unwrap_or_default());
        }
    }
}
