//! Who may vote (Kyiv issue 13): a session's `voter_eligibility` judged from what Kyiv ID
//! verified (the settlement of the registration address, a taxpayer flag), recorded on the
//! account at every Kyiv ID sign-in. With the oidc-provider stand-in and a wiremock GraphQL
//! profile, as in `kyiv_id.rs`.

use entities::{audit_log, budget_session, city, user};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, Set,
};
use serde_json::{Value, json};

use crate::kyiv_id::{
    app_with_stub, app_with_stub_and, graphql, graphql_profile, graphql_server, me, sign_in,
};
use crate::projects::{City, PASSWORD, act, id_of, project};
use crate::support::{TestApp, problem, spawn_app};

const BASE: &str = "/api/v1/cities/kyiv";

/// Kyiv («Київ» / «Kyiv») in its voting stage under `rule`, with one admitted project; the
/// staff and the password resident signed in again after the clock moved.
async fn kyiv_voting(app: &TestApp, rule: &str) -> (City, i64) {
    let mut c = crate::projects::city(app).await;
    let kyiv = city::Entity::find()
        .filter(city::Column::Slug.eq("kyiv"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut kyiv = kyiv.into_active_model();
    kyiv.name_uk = Set("Київ".into());
    kyiv.name_en = Set("Kyiv".into());
    kyiv.update(&app.db).await.unwrap();
    let id = id_of(
        c.author
            .post(&format!("{BASE}/projects"), &project(&c, "Сквер", "10"))
            .await,
    )
    .await;
    assert_eq!(act(&c.author, id, "submit", None).await.status(), 200);
    assert_eq!(act(&c.moderator, id, "admit", None).await.status(), 200);
    let profile = c
        .resident
        .patch(
            "/api/v1/me",
            &json!({ "birth_date": "1990-01-01", "phone": "+380931000004" }),
        )
        .await;
    assert_eq!(profile.status(), 200);
    set_rule(app, rule).await;
    app.clock.advance(chrono::Duration::days(65));
    for (browser, login) in [
        (&mut c.resident, "+380931000004"),
        (&mut c.moderator, "+380931000002"),
    ] {
        assert_eq!(browser.login(login, PASSWORD).await.status(), 200);
    }
    (c, id)
}

/// The session's rule, set directly: its parameters are locked once it has started.
async fn set_rule(app: &TestApp, rule: &str) {
    let session = budget_session::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut session = session.into_active_model();
    session.voter_eligibility = Set(rule.into());
    session.update(&app.db).await.unwrap();
}

/// A resident signed in with Kyiv ID as `account`: their browser and CSRF token.
async fn kyiv_id_voter(app: &TestApp, account: &str) -> (reqwest::Client, String) {
    let (browser, response) = sign_in(app, account).await;
    assert_eq!(response.status(), 302, "{}", response.text().await.unwrap());
    let session = me(app, &browser).await;
    (browser, session["csrf_token"].as_str().unwrap().to_owned())
}

async fn vote(
    app: &TestApp,
    (browser, csrf): &(reqwest::Client, String),
    project: i64,
) -> reqwest::Response {
    browser
        .post(app.url(&format!("{BASE}/projects/{project}/vote")))
        .header("x-csrf-token", csrf)
        .header("accept-language", "uk")
        .json(&json!({}))
        .send()
        .await
        .unwrap()
}

async fn ballot(app: &TestApp, (browser, _): &(reqwest::Client, String), lang: &str) -> Value {
    let response = browser
        .get(app.url(&format!("{BASE}/me/ballot")))
        .header("accept-language", lang)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn account(app: &TestApp, login: &str) -> user::Model {
    user::Entity::find()
        .filter(user::Column::Login.eq(login))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

async fn votes(app: &TestApp) -> u64 {
    entities::vote::Entity::find().count(&app.db).await.unwrap()
}

#[tokio::test]
async fn registered_residents_vote_and_others_are_told_why_not() {
    let Some((app, stub)) = app_with_stub().await else {
        return;
    };
    let (c, project) = kyiv_voting(&app, "registered").await;

    // Registered in Kyiv (the stand-in's `address.locality`): votes.
    let kyivan = kyiv_id_voter(&app, "complete").await;
    let fresh = ballot(&app, &kyivan, "uk").await;
    assert_eq!(fresh["ineligible"], Value::Null, "{fresh}");
    assert_eq!(vote(&app, &kyivan, project).await.status(), 200);
    let recorded = account(&app, "+380501234567").await;
    assert_eq!(recorded.verified_settlement.as_deref(), Some("Київ"));
    assert_eq!(recorded.verified_taxpayer, None, "absent: unknown");
    assert!(recorded.verified_claims_at.is_some());

    // Registered elsewhere: refused, the settlement named, in the resident's language.
    stub.update_account(
        "no-birthdate",
        json!({ "birthdate": "1985-12-01",
                "address": { "formatted": "Львів, пл. Ринок, 1", "locality": "м. Львів" } }),
    )
    .await;
    let lviv = kyiv_id_voter(&app, "no-birthdate").await;
    let refused = problem(
        vote(&app, &lviv, project).await,
        403,
        "vote-eligibility-registered-elsewhere",
    )
    .await;
    let detail = refused["detail"].as_str().unwrap();
    assert!(
        detail.contains("м. Львів") && detail.contains("Київ"),
        "{detail}"
    );
    // The ballot says so before the resident tries, in English too.
    let shown = ballot(&app, &lviv, "en").await;
    assert_eq!(
        shown["ineligible"]["code"], "vote-eligibility-registered-elsewhere",
        "{shown}"
    );
    let detail = shown["ineligible"]["detail"].as_str().unwrap();
    assert!(
        detail.contains("registered in") && detail.contains("м. Львів") && detail.contains("Kyiv"),
        "{detail}"
    );
    assert_eq!(shown["remaining"], 5, "nothing was cast");

    // A password resident has no verified registration, whatever address they type.
    let typed = c
        .resident
        .patch(
            "/api/v1/me",
            &json!({ "registration_address": "м. Київ, вул. Хрещатик, 1" }),
        )
        .await;
    assert_eq!(typed.status(), 200);
    let refused = problem(
        c.resident
            .post(&format!("{BASE}/projects/{project}/vote"), &json!({}))
            .await,
        403,
        "vote-eligibility-unverified",
    )
    .await;
    assert!(
        refused["detail"].as_str().unwrap().contains("Kyiv ID"),
        "{refused}"
    );
    let mine: Value = c
        .resident
        .get(&format!("{BASE}/me/ballot"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine["ineligible"]["code"], "vote-eligibility-unverified");
    assert_eq!(votes(&app).await, 1);

    // Residents and taxpayers: the Lviv resident who pays taxes to Kyiv may vote once Kyiv ID
    // says so at their next sign-in; not before.
    set_rule(&app, "registered_or_taxpayer").await;
    problem(
        vote(&app, &lviv, project).await,
        403,
        "vote-eligibility-elsewhere-not-taxpayer",
    )
    .await;
    stub.update_account("no-birthdate", json!({ "taxpayer": true }))
        .await;
    problem(
        vote(&app, &lviv, project).await,
        403,
        "vote-eligibility-elsewhere-not-taxpayer",
    )
    .await;
    let lviv = kyiv_id_voter(&app, "no-birthdate").await;
    assert_eq!(
        account(&app, "+380671112233").await.verified_taxpayer,
        Some(true)
    );
    assert_eq!(ballot(&app, &lviv, "uk").await["ineligible"], Value::Null);
    assert_eq!(vote(&app, &lviv, project).await.status(), 200);
    problem(
        c.resident
            .post(&format!("{BASE}/projects/{project}/vote"), &json!({}))
            .await,
        403,
        "vote-eligibility-unverified",
    )
    .await;

    // `any`: as before the rule, everyone with an account.
    set_rule(&app, "any").await;
    let mine: Value = c
        .resident
        .get(&format!("{BASE}/me/ballot"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine["ineligible"], Value::Null);
    assert_eq!(
        c.resident
            .post(&format!("{BASE}/projects/{project}/vote"), &json!({}))
            .await
            .status(),
        200
    );
    assert_eq!(votes(&app).await, 3);

    // Paper ballots are not judged by the rule: the service centre checked the documents.
    set_rule(&app, "registered").await;
    let session_id = budget_session::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let paper = c
        .moderator
        .post(
            &format!("{BASE}/sessions/{session_id}/paper-ballots"),
            &json!({ "voter": "МЕ 123456", "projects": [project] }),
        )
        .await;
    assert_eq!(paper.status(), 201, "{}", paper.text().await.unwrap());
    assert_eq!(votes(&app).await, 4);
}

#[tokio::test]
async fn the_claims_are_refreshed_at_every_sign_in() {
    let Some((app, stub)) = app_with_stub().await else {
        return;
    };
    let (_c, project) = kyiv_voting(&app, "registered").await;
    let first = kyiv_id_voter(&app, "complete").await;
    let at_first = account(&app, "+380501234567").await;
    assert_eq!(at_first.verified_settlement.as_deref(), Some("Київ"));

    // The resident moved: Kyiv ID now says Brovary (and that they pay no tax to Kyiv).
    stub.update_account(
        "complete",
        json!({ "address": { "formatted": "Бровари, вул. Київська, 2", "locality": "Бровари" },
                "taxpayer": false }),
    )
    .await;
    // Until they sign in again the recorded facts stand.
    assert_eq!(ballot(&app, &first, "uk").await["ineligible"], Value::Null);
    app.clock.advance(chrono::Duration::hours(1));
    let again = kyiv_id_voter(&app, "complete").await;
    let refreshed = account(&app, "+380501234567").await;
    assert_eq!(refreshed.id, at_first.id, "the same account");
    assert_eq!(refreshed.verified_settlement.as_deref(), Some("Бровари"));
    assert_eq!(refreshed.verified_taxpayer, Some(false));
    assert!(
        refreshed.verified_claims_at.unwrap()
            >= at_first.verified_claims_at.unwrap() + chrono::Duration::minutes(59),
        "confirmed again now"
    );
    // The self-typed fields are not overwritten by the refresh.
    assert_eq!(
        refreshed.registration_address,
        at_first.registration_address
    );
    let refused = problem(
        vote(&app, &again, project).await,
        403,
        "vote-eligibility-registered-elsewhere",
    )
    .await;
    assert!(refused["detail"].as_str().unwrap().contains("Бровари"));
    set_rule(&app, "registered_or_taxpayer").await;
    problem(
        vote(&app, &again, project).await,
        403,
        "vote-eligibility-elsewhere-not-taxpayer",
    )
    .await;

    // The provider stops saying where they are registered: the record is cleared, not kept.
    stub.update_account("complete", json!({ "address": null, "taxpayer": null }))
        .await;
    let third = kyiv_id_voter(&app, "complete").await;
    let cleared = account(&app, "+380501234567").await;
    assert_eq!(cleared.verified_settlement, None);
    assert_eq!(cleared.verified_taxpayer, None);
    problem(
        vote(&app, &third, project).await,
        403,
        "vote-eligibility-unverified",
    )
    .await;

    // Each change of the facts is audited; a sign-in that changes nothing is not.
    let _fourth = kyiv_id_voter(&app, "complete").await;
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("user.verified_claims"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(audited, 3);
}

#[tokio::test]
async fn the_graphql_profile_gives_the_registration_settlement() {
    use wiremock::matchers::{body_partial_json, method, path};
    let api = graphql_server().await;
    let mut elsewhere = graphql_profile();
    // Lives in Kyiv (FACTUAL) but is registered in Irpin: the registration decides.
    elsewhere["name"]["lastName"] = json!("Франко");
    elsewhere["phones"] = json!([{ "phoneNumber": "+380671234598", "confirmed": false }]);
    elsewhere["emails"] = json!([{ "email": "ivan@example.org", "confirmed": true }]);
    elsewhere["addresses"][1]["settlementName"] = json!("Ірпінь");
    for (subject, profile) in [("complete", graphql_profile()), ("no-birthdate", elsewhere)] {
        wiremock::Mock::given(method("POST"))
            .and(path("/graphql"))
            .and(body_partial_json(json!({ "variables": { "id": subject } })))
            .respond_with(
                wiremock::ResponseTemplate::new(200)
                    .set_body_json(json!({ "data": { "profile": profile } })),
            )
            .mount(&api)
            .await;
    }
    let api_url = api.uri();
    let Some((app, _stub)) = app_with_stub_and(|s, _| graphql(s, &api_url)).await else {
        return;
    };
    let (_c, project) = kyiv_voting(&app, "registered").await;

    let kyivan = kyiv_id_voter(&app, "complete").await;
    assert_eq!(vote(&app, &kyivan, project).await.status(), 200);
    let irpin = kyiv_id_voter(&app, "no-birthdate").await;
    let refused = problem(
        vote(&app, &irpin, project).await,
        403,
        "vote-eligibility-registered-elsewhere",
    )
    .await;
    assert!(
        refused["detail"].as_str().unwrap().contains("Ірпінь"),
        "{refused}"
    );
    let recorded = user::Entity::find()
        .filter(user::Column::LastName.eq("Франко"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(recorded.verified_settlement.as_deref(), Some("Ірпінь"));
    assert_eq!(votes(&app).await, 1);
}

/// The parameter through the sessions API: `any` by default, checked, shown back.
#[tokio::test]
async fn the_rule_is_a_session_parameter() {
    let app = spawn_app().await;
    let _kyiv = crate::projects::city(&app).await;
    let current: Value = app
        .get(&format!("{BASE}/sessions/current"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        current["parameters"]["voter_eligibility"], "any",
        "{current}"
    );
    let id = current["id"].as_i64().unwrap();

    // Another city's session, not yet started, so its parameters may change.
    let lviv = app.city("lviv").await;
    let admin = crate::projects::signed_in(
        &app,
        "+380931000009",
        false,
        &[(lviv, entities::city_role::Role::Admin)],
    )
    .await;
    let day = |offset: i64| {
        (chrono::Utc::now().date_naive() + chrono::Duration::days(offset)).to_string()
    };
    let body = |rule: &str| {
        json!({
            "name": { "uk": "ГБ", "en": "PB" },
            "parameters": {
                "votes_per_voter": 5, "min_voter_age": 16, "min_author_age": 18,
                "results_rule": "greedy", "registration_methods": ["password"],
                "required_fields": ["last_name"], "voter_eligibility": rule
            },
            "stages": [
                { "kind": "submission", "start": day(10), "end": day(30) },
                { "kind": "review", "start": day(31), "end": day(60) },
                { "kind": "voting", "start": day(61), "end": day(90) },
                { "kind": "results", "start": day(91), "end": day(100) },
            ],
            "pots": [{ "name": { "uk": "Малі", "en": "Small" }, "scope": "citywide",
                       "total": "1000000", "max_project_cost": "100000" }],
        })
    };
    for bad in ["", "Registered", "taxpayer", "registered-or-taxpayer"] {
        let refused = problem(
            admin.post("/api/v1/cities/lviv/sessions", &body(bad)).await,
            422,
            "voter-eligibility-invalid",
        )
        .await;
        assert_eq!(refused["field"], "voter_eligibility", "{refused}");
    }
    let created = admin
        .post(
            "/api/v1/cities/lviv/sessions",
            &body("registered_or_taxpayer"),
        )
        .await;
    assert_eq!(created.status(), 201, "{}", created.text().await.unwrap());
    let created: Value = created.json().await.unwrap();
    assert_eq!(
        created["parameters"]["voter_eligibility"],
        "registered_or_taxpayer"
    );
    let mut parameters = created["parameters"].clone();
    parameters["voter_eligibility"] = json!("registered");
    let changed = admin
        .patch(
            &format!("/api/v1/cities/lviv/sessions/{}", created["id"]),
            &json!({ "parameters": parameters }),
        )
        .await;
    assert_eq!(changed.status(), 200, "{}", changed.text().await.unwrap());
    let changed: Value = changed.json().await.unwrap();
    assert_eq!(changed["parameters"]["voter_eligibility"], "registered");
    let stored = budget_session::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.voter_eligibility, "any");
}
