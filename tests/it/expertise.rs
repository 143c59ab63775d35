//! Expert review («експертиза», Kyiv issue 13): experts see their categories only, conclude
//! (correcting the cost with the reserve), the author revises once, the round-2 conclusion is
//! final, and the moderators' admission waits for a conclusion that does not block.

use chrono::Utc;
use entities::city_role::Role;
use entities::{expert_conclusion, outbox};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::{Value, json};

use crate::projects::{act, id_of, signed_in};
use crate::support::{Browser, TestApp, problem, spawn_app};

const BASE: &str = "/api/v1/cities/kyiv";

struct City {
    admin: Browser,
    moderator: Browser,
    author: Browser,
    resident: Browser,
    /// Reviews `sport`.
    expert: Browser,
    /// Reviews `parks`.
    other_expert: Browser,
    sport: i64,
    parks: i64,
    pot: i64,
}

async fn user_id(browser: &Browser) -> i64 {
    let me: Value = browser.get("/api/v1/me").await.json().await.unwrap();
    me["id"].as_i64().expect("an id")
}

async fn with_email(browser: &Browser, email: &str, phone: &str) {
    let response = browser
        .patch(
            "/api/v1/me",
            &json!({ "birth_date": "1990-03-09", "phone": phone, "email": email }),
        )
        .await;
    assert_eq!(response.status(), 200);
}

/// Kyiv in its submission stage with expert review on and a 20 % reserve; two categories, an
/// expert for each.
async fn city(app: &TestApp) -> City {
    let kyiv = app.city("kyiv").await;
    let admin = signed_in(app, "+380932000001", false, &[(kyiv, Role::Admin)]).await;
    let moderator = signed_in(app, "+380932000002", false, &[(kyiv, Role::Moderator)]).await;
    let author = signed_in(app, "+380932000003", false, &[]).await;
    let resident = signed_in(app, "+380932000004", false, &[]).await;
    let expert = signed_in(app, "+380932000005", false, &[(kyiv, Role::Expert)]).await;
    let other_expert = signed_in(app, "+380932000006", false, &[(kyiv, Role::Expert)]).await;
    with_email(&author, "author@example.org", "+380932000003").await;
    with_email(&expert, "sport-dept@example.org", "+380932000005").await;
    with_email(&other_expert, "parks-dept@example.org", "+380932000006").await;
    let category = |uk: &'static str, en: &'static str| {
        let admin = &admin;
        async move {
            id_of(
                admin
                    .post(
                        &format!("{BASE}/categories"),
                        &json!({ "name": { "uk": uk, "en": en } }),
                    )
                    .await,
            )
            .await
        }
    };
    let sport = category("Спорт", "Sport").await;
    let parks = category("Парки", "Parks").await;
    let day = |offset: i64| (Utc::now().date_naive() + chrono::Duration::days(offset)).to_string();
    let session = admin
        .post(
            &format!("{BASE}/sessions"),
            &json!({
                "name": { "uk": "ГБ", "en": "PB" },
                "parameters": {
                    "votes_per_voter": 5, "min_voter_age": 16, "min_author_age": 18,
                    "results_rule": "greedy", "registration_methods": ["password"],
                    "required_fields": ["last_name", "first_name", "birth_date", "phone"],
                    "cost_reserve_percent": "20", "expert_review": true
                },
                "stages": [
                    { "kind": "submission", "start": day(-1), "end": day(30) },
                    { "kind": "review", "start": day(31), "end": day(60) },
                    { "kind": "voting", "start": day(61), "end": day(90) },
                    { "kind": "results", "start": day(91), "end": day(100) },
                ],
                "pots": [
                    { "name": { "uk": "Малі", "en": "Small" }, "scope": "citywide", "total": "1000000", "max_project_cost": "100000" }
                ],
            }),
        )
        .await;
    assert_eq!(session.status(), 201);
    let session: Value = session.json().await.unwrap();
    assert_eq!(session["parameters"]["expert_review"], true, "{session}");
    let c = City {
        pot: session["pots"][0]["id"].as_i64().unwrap(),
        admin,
        moderator,
        author,
        resident,
        expert,
        other_expert,
        sport,
        parks,
    };
    for (who, category) in [(&c.expert, sport), (&c.other_expert, parks)] {
        let id = user_id(who).await;
        let assigned = c
            .admin
            .post(
                &format!("{BASE}/expert-categories"),
                &json!({ "user_id": id, "category_id": category }),
            )
            .await;
        assert_eq!(assigned.status(), 201);
    }
    c
}

fn lines(items: &[(&str, i64, &str)]) -> Value {
    json!(
        items
            .iter()
            .map(|(name, quantity, price)| json!({ "name": name, "quantity": quantity, "unit_price": price }))
            .collect::<Vec<_>>()
    )
}

/// A submitted project in `category` whose one line costs `price` (plus the 20 % reserve).
async fn submitted(c: &City, title: &str, category: i64, price: &str) -> i64 {
    let id = id_of(
        c.author
            .post(
                &format!("{BASE}/projects"),
                &json!({
                    "pot_id": c.pot, "category_id": category, "title": title,
                    "description": "Лавки", "items": lines(&[("Лавка", 1, price)]),
                }),
            )
            .await,
    )
    .await;
    assert_eq!(act(&c.author, id, "submit", None).await.status(), 200);
    id
}

async fn conclude(expert: &Browser, id: i64, body: Value) -> reqwest::Response {
    expert
        .post(&format!("{BASE}/projects/{id}/conclusions"), &body)
        .await
}

async fn revise(author: &Browser, id: i64, price: &str) -> reqwest::Response {
    author
        .post(
            &format!("{BASE}/projects/{id}/expert-revision"),
            &json!({ "description": "Лавки з кошторисом, уточненим після експертизи", "items": lines(&[("Лавка", 1, price)]) }),
        )
        .await
}

async fn assign(admin: &Browser, user: i64, category: i64) -> reqwest::Response {
    admin
        .post(
            &format!("{BASE}/expert-categories"),
            &json!({ "user_id": user, "category_id": category }),
        )
        .await
}

async fn queue(expert: &Browser) -> Value {
    let response = expert.get(&format!("{BASE}/expertise/queue")).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn emails(app: &TestApp, template: &str) -> Vec<String> {
    outbox::Entity::find()
        .filter(outbox::Column::Template.eq(template))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.to_address)
        .collect()
}

#[tokio::test]
async fn not_feasible_then_revision_then_a_final_feasible_conclusion_admits() {
    let app = spawn_app().await;
    let c = city(&app).await;
    let square = submitted(&c, "Сквер", c.sport, "10000").await;
    let pond = submitted(&c, "Ставок", c.parks, "500").await;

    // Each expert sees the projects of their own categories only.
    let mine = queue(&c.expert).await;
    assert_eq!(mine["categories"], json!([c.sport]), "{mine}");
    assert_eq!(mine["total"], 1, "{mine}");
    assert_eq!(mine["items"][0]["id"], square);
    assert_eq!(mine["items"][0]["round"], 1);
    assert_eq!(mine["items"][0]["cost"], "12000.00");
    let theirs = queue(&c.other_expert).await;
    assert_eq!(theirs["total"], 1, "{theirs}");
    assert_eq!(theirs["items"][0]["id"], pond);
    problem(
        conclude(&c.other_expert, square, json!({ "feasible": true })).await,
        403,
        "expert-category-not-assigned",
    )
    .await;
    // Not experts at all.
    for who in [&c.resident, &c.moderator, &c.admin, &c.author] {
        problem(
            conclude(who, square, json!({ "feasible": true })).await,
            403,
            "forbidden",
        )
        .await;
        problem(
            who.get(&format!("{BASE}/expertise/queue")).await,
            403,
            "forbidden",
        )
        .await;
    }

    // An expert who writes a project in their own category does not review it.
    let own = id_of(
        c.expert
            .post(
                &format!("{BASE}/projects"),
                &json!({
                    "pot_id": c.pot, "category_id": c.sport, "title": "Проєкт експерта",
                    "description": "Лавки", "items": lines(&[("Лавка", 1, "100")]),
                }),
            )
            .await,
    )
    .await;
    assert_eq!(act(&c.expert, own, "submit", None).await.status(), 200);
    problem(
        conclude(&c.expert, own, json!({ "feasible": true })).await,
        403,
        "expert-own-project",
    )
    .await;

    // No conclusion yet: the moderator cannot admit; nor can the author revise.
    problem(
        act(&c.moderator, square, "admit", None).await,
        409,
        "expert-conclusion-missing",
    )
    .await;
    problem(
        revise(&c.author, square, "9000").await,
        409,
        "expert-revision-early",
    )
    .await;

    // Round 1: not feasible, with reasons, and a corrected estimate (the reserve added).
    problem(
        conclude(&c.expert, square, json!({ "feasible": false })).await,
        422,
        "expert-reasons-required",
    )
    .await;
    let too_long = "я".repeat(10_001);
    problem(
        conclude(
            &c.expert,
            square,
            json!({ "feasible": false, "reasons": too_long }),
        )
        .await,
        422,
        "expert-reasons-too-long",
    )
    .await;
    problem(
        conclude(
            &c.expert,
            square,
            json!({ "feasible": true, "items": lines(&[("Лавка", 1, "90000")]) }),
        )
        .await,
        422,
        "expert-cost-over-limit",
    )
    .await;
    problem(
        conclude(
            &c.expert,
            square,
            json!({ "feasible": false, "reasons": "Ціни", "items": lines(&[("Лавка", 0, "1")]) }),
        )
        .await,
        422,
        "estimate-bad-quantity",
    )
    .await;
    assert!(
        emails(&app, "expert-conclusion").await.is_empty(),
        "nothing written by refused conclusions"
    );
    let first = conclude(
        &c.expert,
        square,
        json!({
            "feasible": false,
            "reasons": "Лавки такого типу коштують дорожче; ділянка потребує погодження.",
            "items": lines(&[("Лавка", 1, "15000")]),
        }),
    )
    .await;
    assert_eq!(first.status(), 201);
    let first: Value = first.json().await.unwrap();
    assert_eq!(first["round"], 1, "{first}");
    assert_eq!(first["feasible"], false);
    assert_eq!(first["cost_before"], "12000.00");
    assert_eq!(first["cost_after"], "18000.00");
    let shown: Value = app
        .get(&format!("{BASE}/projects/{square}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(shown["cost"], "18000.00", "{shown}");
    assert_eq!(shown["subtotal"], "15000.00");
    assert_eq!(shown["reserve"]["amount"], "3000.00");
    assert_eq!(shown["items"].as_array().unwrap().len(), 1);
    assert_eq!(shown["items"][0]["unit_price"], "15000.00");
    let history = shown["history"].as_array().unwrap();
    assert!(
        history.iter().any(|h| h["comment"]
            .as_str()
            .unwrap_or("")
            .contains("12000.00 → 18000.00")),
        "{shown}"
    );
    assert_eq!(
        emails(&app, "expert-conclusion").await,
        ["author@example.org"],
        "the author is told"
    );
    problem(
        conclude(&c.expert, square, json!({ "feasible": true })).await,
        409,
        "expert-conclusion-exists",
    )
    .await;
    problem(
        act(&c.moderator, square, "admit", None).await,
        409,
        "expert-conclusion-negative",
    )
    .await;
    assert_eq!(
        queue(&c.expert).await["total"],
        0,
        "nothing awaits the expert"
    );

    // Public, also anonymously: the conclusion, by role, without the expert's person.
    let public: Value = app
        .get(&format!("{BASE}/projects/{square}/expertise"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(public["enabled"], true, "{public}");
    assert_eq!(public["state"], "concluded");
    assert_eq!(public["revision_open"], true);
    let conclusion = &public["conclusions"][0];
    assert_eq!(conclusion["given_by"], "expert");
    assert!(conclusion["reasons"].as_str().unwrap().contains("дорожче"));
    assert!(conclusion.get("expert_id").is_none(), "{conclusion}");
    assert!(
        !public.to_string().contains("Тестова"),
        "no names: {public}"
    );

    // The author's one revision; only the author.
    problem(revise(&c.resident, square, "9000").await, 403, "forbidden").await;
    let revised = revise(&c.author, square, "9000").await;
    assert_eq!(revised.status(), 201);
    let revised: Value = revised.json().await.unwrap();
    assert_eq!(revised["cost_before"], "18000.00", "{revised}");
    assert_eq!(revised["cost_after"], "10800.00");
    let shown: Value = app
        .get(&format!("{BASE}/projects/{square}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(shown["cost"], "10800.00");
    assert!(shown["description"].as_str().unwrap().contains("уточненим"));
    assert_eq!(
        emails(&app, "expert-revision").await,
        ["sport-dept@example.org"],
        "the category's expert is told, not the other one"
    );
    problem(
        revise(&c.author, square, "8000").await,
        409,
        "expert-revision-used",
    )
    .await;
    problem(
        act(&c.moderator, square, "admit", None).await,
        409,
        "expert-conclusion-missing",
    )
    .await;
    let mine = queue(&c.expert).await;
    assert_eq!(mine["total"], 1);
    assert_eq!(mine["items"][0]["round"], 2, "{mine}");

    // Round 2, final.
    let last = conclude(&c.expert, square, json!({ "feasible": true })).await;
    assert_eq!(last.status(), 201);
    let last: Value = last.json().await.unwrap();
    assert_eq!(last["round"], 2);
    assert_eq!(last["cost_after"], Value::Null);
    problem(
        conclude(
            &c.expert,
            square,
            json!({ "feasible": false, "reasons": "Ні" }),
        )
        .await,
        409,
        "expert-conclusion-final",
    )
    .await;
    problem(
        revise(&c.author, square, "8000").await,
        409,
        "expert-revision-used",
    )
    .await;
    assert_eq!(
        emails(&app, "expert-conclusion").await.len(),
        2,
        "the author is told of both"
    );
    let public: Value = app
        .get(&format!("{BASE}/projects/{square}/expertise"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(public["state"], "final");
    assert_eq!(public["conclusions"].as_array().unwrap().len(), 2);
    assert_eq!(public["revision"]["cost_after"], "10800.00");
    assert_eq!(act(&c.moderator, square, "admit", None).await.status(), 200);

    // Audited: both conclusions and the revision.
    let audit: Value = c
        .admin
        .get(&format!("{BASE}/audit?action=expertise.conclusion"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(audit["total"], 2, "{audit}");
    let audit: Value = c
        .admin
        .get(&format!("{BASE}/audit?action=expertise.revision"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(audit["total"], 1, "{audit}");
}

#[tokio::test]
async fn a_negative_conclusion_blocks_until_overturned_and_a_feasible_one_needs_no_answer() {
    let app = spawn_app().await;
    let c = city(&app).await;
    let fine = submitted(&c, "Лавки", c.sport, "1000").await;
    let doubtful = submitted(&c, "Фонтан", c.sport, "2000").await;

    // Feasible at its cost: nothing to answer, admitted.
    assert_eq!(
        conclude(
            &c.expert,
            fine,
            json!({ "feasible": true, "reasons": "  " })
        )
        .await
        .status(),
        201
    );
    problem(
        revise(&c.author, fine, "900").await,
        409,
        "expert-revision-not-needed",
    )
    .await;
    let public: Value = app
        .get(&format!("{BASE}/projects/{fine}/expertise"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(public["revision_open"], false, "{public}");
    assert_eq!(public["conclusions"][0]["reasons"], Value::Null);
    assert_eq!(act(&c.moderator, fine, "admit", None).await.status(), 200);
    // Admitted: no longer under review.
    problem(
        conclude(&c.expert, fine, json!({ "feasible": true })).await,
        409,
        "expertise-not-in-review",
    )
    .await;

    // Not feasible and not answered: blocked, until the commission overturns it.
    assert_eq!(
        conclude(
            &c.expert,
            doubtful,
            json!({ "feasible": false, "reasons": "Немає водопостачання" })
        )
        .await
        .status(),
        201
    );
    problem(
        act(&c.moderator, doubtful, "admit", None).await,
        409,
        "expert-conclusion-negative",
    )
    .await;
    let row = expert_conclusion::Entity::find()
        .filter(expert_conclusion::Column::ProjectId.eq(doubtful))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut row: expert_conclusion::ActiveModel = row.into();
    row.overturned = Set(true);
    row.update(&app.db).await.unwrap();
    let public: Value = app
        .get(&format!("{BASE}/projects/{doubtful}/expertise"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(public["conclusions"][0]["overturned"], true, "{public}");
    assert_eq!(
        act(&c.moderator, doubtful, "admit", None).await.status(),
        200
    );
}

#[tokio::test]
async fn categories_are_assigned_to_experts_only_and_without_review_nothing_changes() {
    let app = spawn_app().await;
    let c = crate::projects::city(&app).await;
    let kyiv = entities::city::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let expert = signed_in(&app, "+380932000009", false, &[(kyiv, Role::Expert)]).await;
    let expert_id = user_id(&expert).await;
    let author_id = user_id(&c.author).await;
    let assign = |user: i64, category: i64| assign(&c.admin, user, category);
    problem(
        assign(author_id, c.category).await,
        409,
        "expert-role-missing",
    )
    .await;
    problem(assign(expert_id, 999_999).await, 422, "category-unknown").await;
    let assigned = assign(expert_id, c.category).await;
    assert_eq!(assigned.status(), 201);
    let assigned: Value = assigned.json().await.unwrap();
    problem(
        assign(expert_id, c.category).await,
        409,
        "expert-category-exists",
    )
    .await;
    problem(
        c.moderator
            .post(
                &format!("{BASE}/expert-categories"),
                &json!({ "user_id": expert_id, "category_id": c.category }),
            )
            .await,
        403,
        "forbidden",
    )
    .await;
    let list: Value = c
        .admin
        .get(&format!("{BASE}/expert-categories"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    assert_eq!(list[0]["user_id"], expert_id);

    // This session has no expert review: the moderators admit as before, experts have nothing.
    let id = id_of(
        c.author
            .post(
                &format!("{BASE}/projects"),
                &crate::projects::project(&c, "Сквер", "10"),
            )
            .await,
    )
    .await;
    assert_eq!(act(&c.author, id, "submit", None).await.status(), 200);
    assert_eq!(queue(&expert).await["total"], 0);
    problem(
        conclude(&expert, id, json!({ "feasible": true })).await,
        409,
        "expertise-off",
    )
    .await;
    let public: Value = app
        .get(&format!("{BASE}/projects/{id}/expertise"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(public["enabled"], false, "{public}");
    assert_eq!(act(&c.moderator, id, "admit", None).await.status(), 200);

    // Revoking the role takes the categories with it; a removed assignment is gone.
    let staff: Value = c
        .admin
        .get(&format!("{BASE}/staff"))
        .await
        .json()
        .await
        .unwrap();
    let grant = staff
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["role"] == "expert")
        .expect("the expert is staff")["id"]
        .as_i64()
        .unwrap();
    assert_eq!(
        c.admin
            .delete(&format!("{BASE}/staff/{grant}"))
            .await
            .status(),
        204
    );
    let list: Value = c
        .admin
        .get(&format!("{BASE}/expert-categories"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list, json!([]));
    problem(
        c.admin
            .delete(&format!("{BASE}/expert-categories/{}", assigned["id"]))
            .await,
        404,
        "expert-category-not-found",
    )
    .await;
}

/// However close together they come, a round has one conclusion and a project one revision:
/// the unique constraints decide, the others are told 409.
#[tokio::test]
async fn concurrent_conclusions_and_revisions_land_once() {
    let app = spawn_app().await;
    let c = city(&app).await;
    let id = submitted(&c, "Майданчик", c.sport, "3000").await;
    let body = json!({ "feasible": false, "reasons": "Немає місця", "items": lines(&[("Лавка", 1, "4000")]) });
    let attempts = (0..4).map(|_| conclude(&c.expert, id, body.clone()));
    let statuses: Vec<u16> = futures_util::future::join_all(attempts)
        .await
        .iter()
        .map(|r| r.status().as_u16())
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 201).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| [201, 409].contains(s)),
        "{statuses:?}"
    );
    let attempts = (0..4).map(|_| revise(&c.author, id, "3500"));
    let statuses: Vec<u16> = futures_util::future::join_all(attempts)
        .await
        .iter()
        .map(|r| r.status().as_u16())
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 201).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| [201, 409].contains(s)),
        "{statuses:?}"
    );
    let public: Value = app
        .get(&format!("{BASE}/projects/{id}/expertise"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        public["conclusions"].as_array().unwrap().len(),
        1,
        "{public}"
    );
    assert_eq!(public["state"], "revised");
    assert_eq!(emails(&app, "expert-conclusion").await.len(), 1);
    assert_eq!(emails(&app, "expert-revision").await.len(), 1);
}
