//! Endorsements («збір підписів підтримки», Kyiv issue 13): residents endorse published projects
//! during the session's endorsement stage; a pot's minimum gates admission; the author hears
//! once when the minimum is reached. Sessions without the stage behave as before.

use chrono::Utc;
use entities::city_role::Role;
use entities::{endorsement, outbox, project};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use crate::projects::{PASSWORD, act, id_of, signed_in};
use crate::support::{Browser, TestApp, problem, spawn_app};

const BASE: &str = "/api/v1/cities/kyiv";
const ADMIN: &str = "+380932000001";
const MODERATOR: &str = "+380932000002";
const AUTHOR: &str = "+380932000003";
/// Residents who endorse; the last one is too young to (the session's voter age is 16).
const RESIDENTS: [&str; 4] = [
    "+380932000011",
    "+380932000012",
    "+380932000013",
    "+380932000014",
];
const AUTHOR_EMAIL: &str = "author@example.org";
const REACHED: &str = "endorsements-reached";

fn day(offset: i64) -> String {
    (Utc::now().date_naive() + chrono::Duration::days(offset)).to_string()
}

/// A session in its submission stage (days −1..10), then endorsements (11..20) when
/// `endorsement`, review, voting and results. Its first pot asks for `minimum` endorsements;
/// the second leaves `min_endorsements` out (the default, none).
fn session(endorsement: bool, minimum: i32) -> Value {
    let mut stages = vec![json!({ "kind": "submission", "start": day(-1), "end": day(10) })];
    if endorsement {
        stages.push(json!({ "kind": "endorsement", "start": day(11), "end": day(20) }));
    }
    stages.extend([
        json!({ "kind": "review", "start": day(if endorsement { 21 } else { 11 }), "end": day(40) }),
        json!({ "kind": "voting", "start": day(41), "end": day(60) }),
        json!({ "kind": "results", "start": day(61), "end": day(70) }),
    ]);
    json!({
        "name": { "uk": "ГБ", "en": "PB" },
        "parameters": {
            "votes_per_voter": 5, "min_voter_age": 16, "min_author_age": 18,
            "results_rule": "greedy", "registration_methods": ["password"],
            "required_fields": ["last_name", "first_name", "birth_date", "phone"]
        },
        "stages": stages,
        "pots": [
            { "name": { "uk": "Малі", "en": "Small" }, "scope": "citywide", "total": "1000000",
              "max_project_cost": "100000", "min_endorsements": minimum },
            { "name": { "uk": "Великі", "en": "Large" }, "scope": "citywide", "total": "2000000",
              "max_project_cost": "500000" }
        ],
    })
}

struct Kyiv {
    admin: Browser,
    moderator: Browser,
    author: Browser,
    residents: Vec<Browser>,
    category: i64,
    /// The pot with a minimum, and the one without.
    pots: [i64; 2],
}

async fn kyiv(app: &TestApp, endorsement: bool, minimum: i32) -> Kyiv {
    let kyiv = app.city("kyiv").await;
    let admin = signed_in(app, ADMIN, false, &[(kyiv, Role::Admin)]).await;
    let moderator = signed_in(app, MODERATOR, false, &[(kyiv, Role::Moderator)]).await;
    let author = signed_in(app, AUTHOR, false, &[]).await;
    let profile = author
        .patch(
            "/api/v1/me",
            &json!({ "birth_date": "1990-03-09", "phone": AUTHOR, "email": AUTHOR_EMAIL }),
        )
        .await;
    assert_eq!(profile.status(), 200);
    let mut residents = vec![];
    for login in RESIDENTS {
        residents.push(signed_in(app, login, false, &[]).await);
    }
    // The last resident is 10; the first has no birth date at all (no age to hold against).
    let ten = (Utc::now().date_naive() - chrono::Duration::days(3660)).to_string();
    let young = residents[3]
        .patch("/api/v1/me", &json!({ "birth_date": ten }))
        .await;
    assert_eq!(young.status(), 200);
    let adult = residents[1]
        .patch("/api/v1/me", &json!({ "birth_date": "2000-01-01" }))
        .await;
    assert_eq!(adult.status(), 200);
    let category = id_of(
        admin
            .post(
                &format!("{BASE}/categories"),
                &json!({ "name": { "uk": "Спорт", "en": "Sport" } }),
            )
            .await,
    )
    .await;
    let created = admin
        .post(&format!("{BASE}/sessions"), &session(endorsement, minimum))
        .await;
    assert_eq!(created.status(), 201);
    let created: Value = created.json().await.unwrap();
    assert_eq!(created["pots"][0]["min_endorsements"], minimum, "{created}");
    assert_eq!(created["pots"][1]["min_endorsements"], 0, "{created}");
    let pots = [
        created["pots"][0]["id"].as_i64().unwrap(),
        created["pots"][1]["id"].as_i64().unwrap(),
    ];
    Kyiv {
        admin,
        moderator,
        author,
        residents,
        category,
        pots,
    }
}

/// A project of `pot`, submitted to moderation (during submission).
async fn submitted(k: &Kyiv, pot: i64, title: &str) -> i64 {
    let id = id_of(
        k.author
            .post(
                &format!("{BASE}/projects"),
                &json!({
                    "pot_id": pot, "category_id": k.category, "title": title,
                    "description": "Лавки", "lat": 50.45, "lon": 30.55,
                    "items": [{ "name": "Лавка", "quantity": 2, "unit_price": "1000" }]
                }),
            )
            .await,
    )
    .await;
    assert_eq!(act(&k.author, id, "submit", None).await.status(), 200);
    id
}

/// Moves the clock by `days` and signs everyone in again.
async fn after(app: &TestApp, k: &mut Kyiv, days: i64) {
    app.clock.advance(chrono::Duration::days(days));
    for (browser, login) in [
        (&mut k.admin, ADMIN),
        (&mut k.moderator, MODERATOR),
        (&mut k.author, AUTHOR),
    ] {
        assert_eq!(browser.login(login, PASSWORD).await.status(), 200);
    }
    for (browser, login) in k.residents.iter_mut().zip(RESIDENTS) {
        assert_eq!(browser.login(login, PASSWORD).await.status(), 200);
    }
}

async fn endorse(browser: &Browser, project: i64) -> reqwest::Response {
    browser
        .post(
            &format!("{BASE}/projects/{project}/endorsement"),
            &json!({}),
        )
        .await
}

async fn withdraw(browser: &Browser, project: i64) -> reqwest::Response {
    browser
        .delete(&format!("{BASE}/projects/{project}/endorsement"))
        .await
}

async fn json_of(response: reqwest::Response, status: u16) -> Value {
    let got = response.status().as_u16();
    let body: Value = response.json().await.unwrap();
    assert_eq!(got, status, "{body}");
    body
}

async fn detail(browser: &Browser, project: i64) -> Value {
    json_of(
        browser.get(&format!("{BASE}/projects/{project}")).await,
        200,
    )
    .await
}

/// The project's entry in the public catalogue, as `browser` sees it.
async fn entry(browser: &Browser, project: i64) -> Value {
    let page = json_of(
        browser
            .get(&format!("{BASE}/projects?sort=newest&limit=100"))
            .await,
        200,
    )
    .await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == project)
        .cloned()
        .unwrap_or_else(|| panic!("{project} in {page}"))
}

async fn rows(app: &TestApp, project: i64) -> u64 {
    endorsement::Entity::find()
        .filter(endorsement::Column::ProjectId.eq(project))
        .count(&app.db)
        .await
        .unwrap()
}

async fn reached_emails(app: &TestApp) -> Vec<outbox::Model> {
    outbox::Entity::find()
        .filter(outbox::Column::Template.eq(REACHED))
        .all(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn residents_endorse_and_withdraw_during_the_stage_only() {
    let app = spawn_app().await;
    let mut k = kyiv(&app, true, 2).await;
    let id = submitted(&k, k.pots[0], "Сквер").await;
    let rejected = submitted(&k, k.pots[0], "Відхилений").await;

    // Before the stage: not open yet; and nobody signed in is asked to sign in.
    problem(
        endorse(&k.residents[0], id).await,
        409,
        "endorsement-not-open",
    )
    .await;
    problem(endorse(&app.browser(), id).await, 401, "unauthenticated").await;

    after(&app, &mut k, 15).await;
    let current = json_of(app.get(&format!("{BASE}/sessions/current")).await, 200).await;
    assert_eq!(current["now"]["stage"], "endorsement", "{current}");
    // Submission is closed in the endorsement stage.
    let late = k
        .author
        .post(
            &format!("{BASE}/projects"),
            &json!({
                "pot_id": k.pots[0], "category_id": k.category, "title": "Пізній",
                "description": "Лавки", "items": [{ "name": "Лавка", "quantity": 1, "unit_price": "1" }]
            }),
        )
        .await;
    problem(late, 409, "submission-closed").await;
    // Moderation goes on.
    assert_eq!(
        act(&k.moderator, rejected, "reject", Some("Не за адресою"))
            .await
            .status(),
        200
    );

    // The author may not endorse their own project; a rejected project collects nothing; the
    // 10-year-old is too young.
    let own = problem(endorse(&k.author, id).await, 403, "endorsement-own-project").await;
    assert!(own["title"].as_str().unwrap().contains("Власний"), "{own}");
    let body = problem(
        endorse(&k.residents[0], rejected).await,
        409,
        "endorsement-not-endorsable",
    )
    .await;
    assert!(
        body["detail"].as_str().unwrap().contains("Відхилено"),
        "{body}"
    );
    let young = problem(
        endorse(&k.residents[3], id).await,
        403,
        "endorsement-too-young",
    )
    .await;
    assert!(young["detail"].as_str().unwrap().contains("16"), "{young}");

    // A resident without a birth date and one old enough endorse.
    let first = json_of(endorse(&k.residents[0], id).await, 200).await;
    assert_eq!(
        first,
        json!({ "endorsements": 1, "min_endorsements": 2, "endorsed": true })
    );
    // Twice is a conflict, with its own code, and nothing more is counted.
    problem(
        endorse(&k.residents[0], id).await,
        409,
        "endorsement-exists",
    )
    .await;
    let second = json_of(endorse(&k.residents[1], id).await, 200).await;
    assert_eq!(second["endorsements"], 2);
    assert_eq!(rows(&app, id).await, 2);

    // The detail and the catalogue show the count, the minimum and the caller's own mark.
    let seen = detail(&k.residents[0], id).await;
    assert_eq!(seen["endorsements"], 2, "{seen}");
    assert_eq!(seen["min_endorsements"], 2);
    assert_eq!(seen["endorsed"], true);
    assert_eq!(detail(&k.residents[2], id).await["endorsed"], false);
    assert_eq!(detail(&app.browser(), id).await["endorsed"], Value::Null);
    let listed = entry(&k.residents[1], id).await;
    assert_eq!(listed["endorsements"], 2, "{listed}");
    assert_eq!(listed["min_endorsements"], 2);
    assert_eq!(listed["endorsed"], true);
    assert_eq!(entry(&k.residents[2], id).await["endorsed"], false);
    let anonymous = entry(&app.browser(), id).await;
    assert_eq!(anonymous["endorsements"], 2);
    assert_eq!(anonymous["endorsed"], Value::Null);
    // The moderation queue shows them too.
    let queue = json_of(
        k.moderator
            .get(&format!("{BASE}/moderation/projects"))
            .await,
        200,
    )
    .await;
    let queued = queue["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .unwrap();
    assert_eq!(queued["endorsements"], 2, "{queued}");
    assert_eq!(queued["min_endorsements"], 2);

    // Withdraw one's own; there is nothing to withdraw for someone who never endorsed.
    let withdrawn = json_of(withdraw(&k.residents[0], id).await, 200).await;
    assert_eq!(
        withdrawn,
        json!({ "endorsements": 1, "min_endorsements": 2, "endorsed": false })
    );
    problem(
        withdraw(&k.residents[0], id).await,
        404,
        "endorsement-not-found",
    )
    .await;
    problem(
        withdraw(&k.residents[2], id).await,
        404,
        "endorsement-not-found",
    )
    .await;
    assert_eq!(rows(&app, id).await, 1);
    // Endorsing again after withdrawing is fine.
    assert_eq!(
        json_of(endorse(&k.residents[0], id).await, 200).await["endorsements"],
        2
    );

    // After the stage: closed both ways, in English too.
    after(&app, &mut k, 10).await;
    let resident = &k.residents[2];
    let closed = resident
        .client
        .post(app.url(&format!("{BASE}/projects/{id}/endorsement")))
        .header("accept-language", "en")
        .header("x-csrf-token", resident.csrf.clone().unwrap_or_default())
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    let body = problem(closed, 409, "endorsement-closed").await;
    assert_eq!(body["title"], "Endorsements have ended", "{body}");
    problem(
        withdraw(&k.residents[0], id).await,
        409,
        "endorsement-closed",
    )
    .await;
    assert_eq!(detail(&app.browser(), id).await["endorsements"], 2);
}

#[tokio::test]
async fn ten_concurrent_endorsements_of_one_resident_make_one_row() {
    let app = spawn_app().await;
    let mut k = kyiv(&app, true, 5).await;
    let id = submitted(&k, k.pots[0], "Сквер").await;
    after(&app, &mut k, 15).await;
    let resident = &k.residents[1];
    let attempts = (0..10).map(|_| endorse(resident, id));
    let mut created = 0;
    let mut conflicts = 0;
    for response in futures_util::future::join_all(attempts).await {
        match response.status().as_u16() {
            200 => created += 1,
            409 => {
                let body: Value = response.json().await.unwrap();
                assert_eq!(body["code"], "endorsement-exists", "{body}");
                conflicts += 1;
            }
            other => panic!("{other}: {}", response.text().await.unwrap()),
        }
    }
    assert_eq!((created, conflicts), (1, 9));
    assert_eq!(rows(&app, id).await, 1);
    let counted = project::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .endorsement_count;
    assert_eq!(counted, 1);
    assert_eq!(detail(resident, id).await["endorsements"], 1);
}

#[tokio::test]
async fn admission_needs_the_minimum_and_the_author_hears_once_when_it_is_reached() {
    let app = spawn_app().await;
    let mut k = kyiv(&app, true, 2).await;
    let gated = submitted(&k, k.pots[0], "Сквер").await;
    let free = submitted(&k, k.pots[1], "Без мінімуму").await;
    after(&app, &mut k, 15).await;

    // Below the minimum: refused with what it has and what it needs.
    let body = problem(
        act(&k.moderator, gated, "admit", None).await,
        409,
        "endorsements-below-minimum",
    )
    .await;
    let detail_text = body["detail"].as_str().unwrap();
    assert!(
        detail_text.contains('0') && detail_text.contains('2'),
        "{body}"
    );
    // A pot without a minimum is not gated.
    assert_eq!(act(&k.moderator, free, "admit", None).await.status(), 200);

    assert_eq!(endorse(&k.residents[0], gated).await.status(), 200);
    assert!(reached_emails(&app).await.is_empty());
    let body = problem(
        act(&k.moderator, gated, "admit", None).await,
        409,
        "endorsements-below-minimum",
    )
    .await;
    assert!(body["detail"].as_str().unwrap().contains('1'), "{body}");

    // The endorsement that reaches the minimum writes the e-mail to the author, once.
    assert_eq!(endorse(&k.residents[1], gated).await.status(), 200);
    let emails = reached_emails(&app).await;
    assert_eq!(emails.len(), 1);
    assert_eq!(emails[0].to_address, AUTHOR_EMAIL);
    assert!(emails[0].subject.contains("Сквер"), "{}", emails[0].subject);
    assert!(
        emails[0].body_text.contains(&format!("/projects/{gated}")),
        "{}",
        emails[0].body_text
    );
    // Falling below and reaching it again, or going beyond it: no second e-mail.
    assert_eq!(withdraw(&k.residents[1], gated).await.status(), 200);
    assert_eq!(endorse(&k.residents[1], gated).await.status(), 200);
    assert_eq!(endorse(&k.residents[2], gated).await.status(), 200);
    assert_eq!(reached_emails(&app).await.len(), 1);

    // At the minimum (and above), admitted.
    let admitted = json_of(act(&k.moderator, gated, "admit", None).await, 200).await;
    assert_eq!(admitted["status"], "admitted");
    assert_eq!(admitted["endorsements"], 3);
    // Admitted projects still collect endorsements while the stage lasts.
    assert_eq!(endorse(&k.admin, gated).await.status(), 200);
}

#[tokio::test]
async fn a_session_without_the_endorsement_stage_is_not_gated() {
    let app = spawn_app().await;
    // A pot with a minimum, but no endorsement stage: the minimum does not apply.
    let mut k = kyiv(&app, false, 5).await;
    let id = submitted(&k, k.pots[0], "Сквер").await;
    problem(
        endorse(&k.residents[0], id).await,
        409,
        "endorsement-no-stage",
    )
    .await;
    // Review follows submission, as before.
    after(&app, &mut k, 15).await;
    let current = json_of(app.get(&format!("{BASE}/sessions/current")).await, 200).await;
    assert_eq!(current["now"]["stage"], "review", "{current}");
    problem(
        endorse(&k.residents[0], id).await,
        409,
        "endorsement-no-stage",
    )
    .await;
    let admitted = json_of(act(&k.moderator, id, "admit", None).await, 200).await;
    assert_eq!(admitted["status"], "admitted");
    assert_eq!(admitted["endorsements"], 0);
    assert_eq!(admitted["min_endorsements"], 5);
    assert_eq!(rows(&app, id).await, 0);
}

#[tokio::test]
async fn a_pots_minimum_is_a_whole_number_from_zero() {
    let app = spawn_app().await;
    let k = kyiv(&app, true, 0).await;
    for bad in [-1, 1_000_001] {
        let refused = k
            .admin
            .post(&format!("{BASE}/sessions"), &session(true, bad))
            .await;
        let body = problem(refused, 422, "pot-min-endorsements-invalid").await;
        assert_eq!(body["field"], "pots[0].min_endorsements", "{body}");
    }
    // The stage is optional and in its place: not after review.
    let mut misplaced = session(true, 1);
    let stages = misplaced["stages"].as_array_mut().unwrap();
    stages.swap(1, 2);
    let body = problem(
        k.admin.post(&format!("{BASE}/sessions"), &misplaced).await,
        422,
        "stage-out-of-order",
    )
    .await;
    assert_eq!(body["field"], "stages");
    // Read back as set.
    let sessions = json_of(app.get(&format!("{BASE}/sessions/current")).await, 200).await;
    let kinds: Vec<&str> = sessions["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["submission", "endorsement", "review", "voting", "results"]
    );
    assert_eq!(sessions["pots"][0]["min_endorsements"], 0);
}

/// For the browser test: the fixture session's submission stage (days −1 to 30) ends 15 days
/// earlier and an endorsement stage takes its last 15 days; the pot `pot` asks for 2.
pub(crate) async fn into_fixture(app: &TestApp, session: i64, pot: i64) {
    use entities::{budget_pot, stage};
    use hromada::domain::timeline::start_of_day;
    use sea_orm::{ActiveModelTrait, Set};
    let kyiv = chrono_tz::Europe::Kyiv;
    let submission = stage::Entity::find()
        .filter(stage::Column::BudgetSessionId.eq(session))
        .filter(stage::Column::Kind.eq(stage::StageKind::Submission))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the submission stage");
    let last_day = (submission.ends_at - chrono::Duration::seconds(1))
        .with_timezone(&kyiv)
        .date_naive();
    let split = start_of_day(last_day - chrono::Duration::days(14), kyiv);
    stage::ActiveModel {
        budget_session_id: Set(session),
        kind: Set(stage::StageKind::Endorsement),
        starts_at: Set(split),
        ends_at: Set(submission.ends_at),
        hint_uk: Set(None),
        hint_en: Set(None),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    let mut shortened: stage::ActiveModel = submission.into();
    shortened.ends_at = Set(split);
    shortened.update(&app.db).await.unwrap();
    let row = budget_pot::Entity::find_by_id(pot)
        .one(&app.db)
        .await
        .unwrap()
        .expect("the pot");
    let mut row: budget_pot::ActiveModel = row.into();
    row.min_endorsements = Set(2);
    row.update(&app.db).await.unwrap();
}
