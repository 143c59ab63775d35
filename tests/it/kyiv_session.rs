//! A Kyiv-style budget session end to end (issue 13), with the test clock: submission with a
//! 20 % cost reserve, endorsements below and above the pot's minimum, expert review with a
//! corrected cost and the author's one revision, a rejection appealed and upheld by the
//! commission's votes, voting with one vote per theme (the eleventh vote and a second vote in
//! one theme refused, also under concurrency), a Kyiv ID voter whose profile comes from the
//! GraphQL profile API with an unconfirmed phone, `greedy-per-cost` results equal to
//! pabutools', and the commission's approval before publication.

use std::path::PathBuf;
use std::process::Command;

use chrono::Utc;
use entities::city_role::Role;
use entities::project::ProjectStatus;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use crate::kyiv::seed_commission;
use crate::kyiv_id::{app_with_stub_and, graphql, graphql_profile, graphql_server, me, sign_in};
use crate::projects::{PASSWORD, act, id_of};
use crate::support::{Browser, TestApp, problem};

const BASE: &str = "/api/v1/cities/kyiv";
const ADMIN: &str = "+380933000001";
const MODERATOR: &str = "+380933000002";
const AUTHOR: &str = "+380933000003";
const EXPERT: &str = "+380933000004";
/// Eleven themes: one project each, so that a ballot of ten has an eleventh to refuse.
const THEMES: usize = 11;

fn day(offset: i64) -> String {
    (Utc::now().date_naive() + chrono::Duration::days(offset)).to_string()
}

fn voter(i: usize) -> String {
    format!("+3809330001{i:02}")
}

/// A browser signed in again (sessions lapse after an idle hour; the clock moves by weeks).
async fn as_(app: &TestApp, login: &str) -> Browser {
    let mut browser = app.browser();
    let response = browser.login(login, PASSWORD).await;
    assert_eq!(response.status(), 200, "{login}");
    browser
}

async fn ok(response: reqwest::Response) -> Value {
    let status = response.status();
    let url = response.url().to_string();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    assert!(status.is_success(), "{url}: {status} {body}");
    body
}

fn items(price: &str) -> Value {
    json!([{ "name": "Роботи", "quantity": 1, "unit_price": price }])
}

async fn status_of(app: &TestApp, id: i64) -> ProjectStatus {
    entities::project::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .status
}

async fn vote(browser: &Browser, project: i64) -> reqwest::Response {
    browser
        .post(&format!("{BASE}/projects/{project}/vote"), &json!({}))
        .await
}

async fn votes_of(app: &TestApp, login: &str) -> u64 {
    let user = entities::user::Entity::find()
        .filter(entities::user::Column::Login.eq(login))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let ballots: Vec<i64> = entities::ballot::Entity::find()
        .filter(entities::ballot::Column::UserId.eq(user.id))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|b| b.id)
        .collect();
    entities::vote::Entity::find()
        .filter(entities::vote::Column::BallotId.is_in(ballots))
        .count(&app.db)
        .await
        .unwrap()
}

/// The winners of `hromada tally FILE --rule greedy-per-cost`, after `tests/pabutools/
/// compare.py` found the command equal to pabutools on the file (every rule). Without
/// pabutools outside CI, only the command's winners.
fn tally_of_the_open_data(pb: &str) -> Vec<String> {
    let dir = std::env::temp_dir().join(format!("hromada-kyiv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path: PathBuf = dir.join("kyiv.pb");
    std::fs::write(&path, pb).unwrap();
    let binary = env!("CARGO_BIN_EXE_hromada");
    let pabutools = Command::new("python3")
        .args(["-c", "import pabutools"])
        .output()
        .is_ok_and(|o| o.status.success());
    if pabutools {
        let compared = Command::new("python3")
            .arg(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/pabutools/compare.py"
            ))
            .arg(binary)
            .arg(&path)
            .output()
            .expect("compare.py");
        assert!(
            compared.status.success(),
            "hromada and pabutools differ on the session's open data:\n{}\n{}",
            String::from_utf8_lossy(&compared.stdout),
            String::from_utf8_lossy(&compared.stderr)
        );
    } else {
        assert!(
            std::env::var_os("CI").is_none(),
            "pabutools is required in CI"
        );
    }
    let out = Command::new(binary)
        .arg("tally")
        .arg(&path)
        .args(["--rule", "greedy-per-cost", "--json"])
        .output()
        .expect("hromada tally");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::remove_dir_all(&dir).ok();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut winners: Vec<String> = report["winners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            w.as_str()
                .map(str::to_owned)
                .unwrap_or_else(|| w.to_string())
        })
        .collect();
    winners.sort();
    winners
}

#[tokio::test]
async fn a_kyiv_style_session_end_to_end() {
    // Kyiv ID with its GraphQL profile API: a resident registered in Kyiv whose phone is not
    // confirmed.
    use wiremock::matchers::{method, path};
    let api = graphql_server().await;
    wiremock::Mock::given(method("POST"))
        .and(path("/graphql"))
        .respond_with(
            wiremock::ResponseTemplate::new(200)
                .set_body_json(json!({ "data": { "profile": graphql_profile() } })),
        )
        .mount(&api)
        .await;
    let api_url = api.uri();
    let Some((app, _stub)) = app_with_stub_and(|s, _| graphql(s, &api_url)).await else {
        return;
    };

    // ---- Day 0: the city, its staff, the session ----
    let kyiv = app.city("kyiv").await;
    app.user(ADMIN, PASSWORD, false, &[(kyiv, Role::Admin)])
        .await;
    app.user(MODERATOR, PASSWORD, false, &[(kyiv, Role::Moderator)])
        .await;
    app.user(EXPERT, PASSWORD, false, &[(kyiv, Role::Expert)])
        .await;
    app.user(AUTHOR, PASSWORD, false, &[]).await;
    let voters: Vec<String> = (0..9).map(voter).collect();
    for login in &voters {
        app.user(login, PASSWORD, false, &[]).await;
    }
    let admin = as_(&app, ADMIN).await;
    let author = as_(&app, AUTHOR).await;
    ok(author
        .patch(
            "/api/v1/me",
            &json!({ "birth_date": "1988-05-01", "phone": AUTHOR, "email": "author@example.org" }),
        )
        .await)
    .await;
    for (i, login) in voters.iter().enumerate() {
        let browser = as_(&app, login).await;
        ok(browser
            .patch(
                "/api/v1/me",
                &json!({ "birth_date": "1990-01-01", "phone": login, "email": format!("voter{i}@example.org") }),
            )
            .await)
        .await;
    }
    let mut themes = vec![];
    for i in 0..THEMES {
        themes.push(
            id_of(
                admin
                    .post(
                        &format!("{BASE}/categories"),
                        &json!({ "name": { "uk": format!("Тема {i}"), "en": format!("Theme {i}") } }),
                    )
                    .await,
            )
            .await,
        );
    }
    let session = ok(admin
        .post(
            &format!("{BASE}/sessions"),
            &json!({
                "name": { "uk": "Громадський бюджет", "en": "Public budget" },
                "parameters": {
                    "votes_per_voter": 10, "min_voter_age": 16, "min_author_age": 18,
                    "results_rule": "greedy-per-cost",
                    "registration_methods": ["password", "kyiv_id"],
                    "required_fields": ["last_name", "first_name", "birth_date", "phone"],
                    "cost_reserve_percent": "20", "one_vote_per_category": true,
                    "expert_review": true, "appeal_days": 7
                },
                "stages": [
                    { "kind": "submission", "start": day(-1), "end": day(10) },
                    { "kind": "endorsement", "start": day(11), "end": day(20) },
                    { "kind": "review", "start": day(21), "end": day(40) },
                    { "kind": "voting", "start": day(41), "end": day(60) },
                    { "kind": "results", "start": day(61), "end": day(70) },
                ],
                "pots": [
                    { "name": { "uk": "Загальноміський", "en": "Citywide" }, "scope": "citywide",
                      "total": "400000", "max_project_cost": "100000", "min_endorsements": 2 }
                ],
            }),
        )
        .await)
    .await;
    let session_id = session["id"].as_i64().unwrap();
    let pot = session["pots"][0]["id"].as_i64().unwrap();
    assert_eq!(session["parameters"]["cost_reserve_percent"], "20");
    let expert_id = ok(as_(&app, EXPERT).await.get("/api/v1/me").await).await["id"]
        .as_i64()
        .unwrap();
    for theme in &themes {
        let assigned = admin
            .post(
                &format!("{BASE}/expert-categories"),
                &json!({ "user_id": expert_id, "category_id": theme }),
            )
            .await;
        assert_eq!(assigned.status(), 201);
    }

    // ---- Submission: every estimate carries the 20 % reserve as a line of its own ----
    let submit = |title: String, theme: i64, price: &'static str| {
        let author = &author;
        async move {
            let created = ok(author
                .post(
                    &format!("{BASE}/projects"),
                    &json!({ "pot_id": pot, "category_id": theme, "title": title,
                             "description": "Опис проєкту", "items": items(price) }),
                )
                .await)
            .await;
            let id = created["id"].as_i64().unwrap();
            assert_eq!(act(author, id, "submit", None).await.status(), 200);
            (id, created)
        }
    };
    let prices = [
        "10000", "20000", "30000", "40000", "50000", "15000", "25000", "35000", "45000", "55000",
        "60000",
    ];
    let mut projects = vec![];
    for (i, price) in prices.iter().enumerate() {
        let (id, created) = submit(format!("Проєкт {i}"), themes[i], price).await;
        if i == 0 {
            assert_eq!(created["subtotal"], "10000.00", "{created}");
            assert_eq!(created["reserve"]["amount"], "2000.00", "{created}");
            assert_eq!(created["cost"], "12000.00");
        }
        projects.push(id);
    }
    // A second project in theme 0, one that will lack endorsements, one that will be rejected.
    let (second_in_theme, _) = submit("Ще один у темі 0".into(), themes[0], "20000").await;
    let (unendorsed, _) = submit("Без підписів".into(), themes[1], "5000").await;
    let (appealed, _) = submit("Відхилений і оскаржений".into(), themes[2], "18000").await;

    // ---- Endorsements (days 11–20): the pot asks for two ----
    app.clock.advance(chrono::Duration::days(11));
    let mut all = projects.clone();
    all.extend([second_in_theme, appealed]);
    for login in &voters[..2] {
        let browser = as_(&app, login).await;
        for id in &all {
            ok(browser
                .post(&format!("{BASE}/projects/{id}/endorsement"), &json!({}))
                .await)
            .await;
        }
    }
    let endorser = as_(&app, &voters[0]).await;
    let one = ok(endorser
        .post(
            &format!("{BASE}/projects/{unendorsed}/endorsement"),
            &json!({}),
        )
        .await)
    .await;
    assert_eq!(one["endorsements"], 1, "{one}");
    assert_eq!(one["min_endorsements"], 2);
    problem(
        endorser
            .post(
                &format!("{BASE}/projects/{unendorsed}/endorsement"),
                &json!({}),
            )
            .await,
        409,
        "endorsement-exists",
    )
    .await;
    // The author hears once per project that reached the minimum.
    let reached = entities::outbox::Entity::find()
        .filter(entities::outbox::Column::Template.eq("endorsements-reached"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(reached as usize, all.len());

    // ---- Review (days 21–40): the expert, the author's revision, the moderator ----
    app.clock.advance(chrono::Duration::days(10));
    let expert = as_(&app, EXPERT).await;
    let moderator = as_(&app, MODERATOR).await;
    let author = as_(&app, AUTHOR).await;
    let conclude = |id: i64, body: Value| {
        let expert = &expert;
        async move {
            expert
                .post(&format!("{BASE}/projects/{id}/conclusions"), &body)
                .await
        }
    };
    // Project 0: feasible, its cost corrected (12 500 + 20 % = 15 000).
    let corrected = ok(conclude(
        projects[0],
        json!({ "feasible": true, "reasons": "Ціни уточнено", "items": items("12500") }),
    )
    .await)
    .await;
    assert_eq!(corrected["cost_before"], "12000.00", "{corrected}");
    assert_eq!(corrected["cost_after"], "15000.00");
    // Project 1: not feasible; the author revises once; the final conclusion is feasible.
    ok(conclude(
        projects[1],
        json!({ "feasible": false, "reasons": "Потрібне погодження власника ділянки" }),
    )
    .await)
    .await;
    problem(
        act(&moderator, projects[1], "admit", None).await,
        409,
        "expert-conclusion-negative",
    )
    .await;
    ok(author
        .post(
            &format!("{BASE}/projects/{}/expert-revision", projects[1]),
            &json!({ "description": "Погодження отримано; кошторис зменшено", "items": items("18000") }),
        )
        .await)
    .await;
    problem(
        author
            .post(
                &format!("{BASE}/projects/{}/expert-revision", projects[1]),
                &json!({ "description": "Ще раз", "items": items("17000") }),
            )
            .await,
        409,
        "expert-revision-used",
    )
    .await;
    let final_ = ok(conclude(projects[1], json!({ "feasible": true })).await).await;
    assert_eq!(final_["round"], 2, "{final_}");
    for id in projects[2..]
        .iter()
        .chain([&second_in_theme, &unendorsed, &appealed])
    {
        ok(conclude(*id, json!({ "feasible": true })).await).await;
    }
    let public: Value = ok(app
        .get(&format!("{BASE}/projects/{}/expertise", projects[1]))
        .await)
    .await;
    assert_eq!(public["state"], "final", "{public}");

    // Admission: below the minimum of endorsements, refused; the rest admitted.
    let short = problem(
        act(&moderator, unendorsed, "admit", None).await,
        409,
        "endorsements-below-minimum",
    )
    .await;
    assert!(short["detail"].to_string().contains('2'), "{short}");
    for id in projects.iter().chain([&second_in_theme]) {
        let admitted = act(&moderator, *id, "admit", None).await;
        assert_eq!(
            admitted.status(),
            200,
            "{id}: {}",
            admitted.text().await.unwrap()
        );
    }
    let p1: Value = ok(app.get(&format!("{BASE}/projects/{}", projects[1])).await).await;
    assert_eq!(p1["cost"], "21600.00", "18 000 + 20 %: {p1}");

    // A rejection appealed: the commission (three elected members) upholds it by two votes.
    assert_eq!(
        act(&moderator, appealed, "reject", Some("Дублює інший проєкт"))
            .await
            .status(),
        200
    );
    let mut member_ids = vec![];
    for login in &voters[3..6] {
        let me: Value = ok(as_(&app, login).await.get("/api/v1/me").await).await;
        member_ids.push(me["id"].as_i64().unwrap());
    }
    seed_commission(&app, session_id, &member_ids).await;
    let appeal = ok(author
        .post(
            "/api/v1/cities/kyiv/appeals",
            &json!({ "kind": "appeal", "subject": "rejection", "project_id": appealed,
                     "body": "Проєкт не дублює інший: інша адреса та інші роботи." }),
        )
        .await)
    .await;
    let appeal_id = appeal["id"].as_i64().unwrap();
    let members: Vec<Browser> = {
        let mut m = vec![];
        for login in &voters[3..6] {
            m.push(as_(&app, login).await);
        }
        m
    };
    let first = ok(members[0]
        .post(
            &format!("/api/v1/cities/kyiv/appeals/{appeal_id}/votes"),
            &json!({ "uphold": true, "reason": "Адреси різні" }),
        )
        .await)
    .await;
    assert_eq!(first["status"], "pending");
    let decided = ok(members[1]
        .post(
            &format!("/api/v1/cities/kyiv/appeals/{appeal_id}/votes"),
            &json!({ "uphold": true, "reason": "Роботи різні" }),
        )
        .await)
    .await;
    assert_eq!(decided["status"], "upheld", "{decided}");
    assert_eq!(decided["effect"], "reinstated");
    assert_eq!(status_of(&app, appealed).await, ProjectStatus::Admitted);
    assert_eq!(
        status_of(&app, unendorsed).await,
        ProjectStatus::OnModeration
    );

    // ---- Voting (days 41–60): ten votes, one per theme ----
    app.clock.advance(chrono::Duration::days(20));
    let v0 = as_(&app, &voters[0]).await;
    for id in &projects[..10] {
        assert_eq!(vote(&v0, *id).await.status(), 200);
    }
    problem(vote(&v0, projects[10]).await, 409, "vote-none-left").await;
    let v1 = as_(&app, &voters[1]).await;
    assert_eq!(vote(&v1, projects[0]).await.status(), 200);
    problem(vote(&v1, second_in_theme).await, 409, "vote-category-used").await;
    // Twenty requests at once for the two projects of theme 0: one vote lands.
    let v2 = as_(&app, &voters[2]).await;
    let answers = futures_util::future::join_all((0..20).map(|i| {
        vote(
            &v2,
            if i % 2 == 0 {
                projects[0]
            } else {
                second_in_theme
            },
        )
    }))
    .await;
    let landed = answers.iter().filter(|r| r.status() == 200).count();
    assert_eq!(landed, 1);
    assert_eq!(votes_of(&app, &voters[2]).await, 1);
    // More ballots, so that votes per hryvnia has something to weigh.
    for (i, login) in voters[3..].iter().enumerate() {
        let browser = as_(&app, login).await;
        // The reinstated project is in theme 2: not project 2 as well.
        assert_eq!(vote(&browser, appealed).await.status(), 200);
        for id in projects
            .iter()
            .skip(i % 3)
            .step_by(2)
            .filter(|id| **id != projects[2])
            .take(5)
        {
            assert_eq!(vote(&browser, *id).await.status(), 200);
        }
    }
    // The Kyiv ID resident: the profile from GraphQL; the unconfirmed phone fills the field
    // but does not become the login.
    let (kyiv_id, signed) = sign_in(&app, "complete").await;
    assert_eq!(signed.status(), 302, "{}", signed.text().await.unwrap());
    let session_me = me(&app, &kyiv_id).await;
    let user = &session_me["user"];
    assert_eq!(user["last_name"], "Косач", "{session_me}");
    assert_eq!(user["phone"], "+380671234599");
    assert!(
        user["login"].as_str().unwrap().starts_with("kyiv-id:"),
        "{user}"
    );
    let csrf = session_me["csrf_token"].as_str().unwrap().to_owned();
    for id in [projects[5], second_in_theme] {
        let cast = kyiv_id
            .post(app.url(&format!("{BASE}/projects/{id}/vote")))
            .header("x-csrf-token", &csrf)
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(cast.status(), 200);
    }

    // ---- Results (day 61): votes per hryvnia, approved by the commission, published ----
    app.clock.advance(chrono::Duration::days(20));
    let moderator = as_(&app, MODERATOR).await;
    let results = format!("{BASE}/sessions/{session_id}/results");
    let computed = ok(moderator
        .post(&format!("{results}/compute"), &json!({}))
        .await)
    .await;
    assert_eq!(computed["pots"][0]["rule"], "greedy-per-cost", "{computed}");
    let mut winners: Vec<String> = computed["pots"][0]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["selected"] == true)
        .map(|r| r["project_id"].to_string())
        .collect();
    winners.sort();
    assert!(!winners.is_empty());
    problem(
        moderator
            .post(&format!("{results}/publish"), &json!({}))
            .await,
        409,
        "results-not-approved",
    )
    .await;
    let mut members = vec![];
    for login in &voters[3..6] {
        members.push(as_(&app, login).await);
    }
    for member in &members[..2] {
        ok(member
            .post(&format!("{results}/approval"), &json!({ "approve": true }))
            .await)
        .await;
    }
    let published = ok(moderator
        .post(&format!("{results}/publish"), &json!({}))
        .await)
    .await;
    assert_eq!(published["approval"]["decision"], "approved");
    for id in &winners {
        let id: i64 = id.parse().unwrap();
        assert_eq!(status_of(&app, id).await, ProjectStatus::Winner);
    }

    // The open data's ballots give the same winners by pabutools' rule.
    let pb = app.get(&format!("{results}/pots/{pot}/ballots.pb")).await;
    assert_eq!(pb.status(), 200);
    let pb = pb.text().await.unwrap();
    assert_eq!(tally_of_the_open_data(&pb), winners);
}
