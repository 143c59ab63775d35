//! Kyiv practice (issue 13): the rules the Kyiv regulation adds around submission and voting.

use chrono::Utc;
use entities::city_role::Role;
use entities::project;
use sea_orm::{ActiveModelTrait, EntityTrait, PaginatorTrait, Set};
use serde_json::{Value, json};

use crate::projects::{act, id_of, signed_in};
use crate::support::{Browser, TestApp, problem, spawn_app};

const BASE: &str = "/api/v1/cities/kyiv";

/// A session body in its submission stage with the given cost reserve (percent as text).
fn session(reserve: Option<&str>) -> Value {
    let day = |offset: i64| (Utc::now().date_naive() + chrono::Duration::days(offset)).to_string();
    let mut parameters = json!({
        "votes_per_voter": 5, "min_voter_age": 16, "min_author_age": 18,
        "results_rule": "greedy", "registration_methods": ["password"],
        "required_fields": ["last_name", "first_name", "birth_date", "phone"]
    });
    if let Some(reserve) = reserve {
        parameters["cost_reserve_percent"] = json!(reserve);
        parameters["one_vote_per_category"] = json!(true);
    }
    json!({
        "name": { "uk": "ГБ", "en": "PB" },
        "parameters": parameters,
        "stages": [
            { "kind": "submission", "start": day(-1), "end": day(30) },
            { "kind": "review", "start": day(31), "end": day(60) },
            { "kind": "voting", "start": day(61), "end": day(90) },
            { "kind": "results", "start": day(91), "end": day(100) },
        ],
        "pots": [
            { "name": { "uk": "Малі", "en": "Small" }, "scope": "citywide", "total": "1000000", "max_project_cost": "100000" }
        ],
    })
}

struct Kyiv {
    admin: Browser,
    author: Browser,
    category: i64,
    pot: i64,
}

async fn kyiv_with_reserve(app: &TestApp, reserve: &str) -> Kyiv {
    let kyiv = app.city("kyiv").await;
    let admin = signed_in(app, "+380931000001", false, &[(kyiv, Role::Admin)]).await;
    let author = signed_in(app, "+380931000003", false, &[]).await;
    let profile = author
        .patch(
            "/api/v1/me",
            &json!({ "birth_date": "1990-03-09", "phone": "+380931000003" }),
        )
        .await;
    assert_eq!(profile.status(), 200);
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
        .post(&format!("{BASE}/sessions"), &session(Some(reserve)))
        .await;
    assert_eq!(created.status(), 201);
    let created: Value = created.json().await.unwrap();
    Kyiv {
        admin,
        author,
        category,
        pot: created["pots"][0]["id"].as_i64().unwrap(),
    }
}

fn lines(items: &[(&str, i64, &str)]) -> Value {
    json!(
        items
            .iter()
            .map(|(name, quantity, price)| json!({ "name": name, "quantity": quantity, "unit_price": price }))
            .collect::<Vec<_>>()
    )
}

#[tokio::test]
async fn the_cost_reserve_is_a_line_of_its_own_counted_in_the_cost_and_the_limit() {
    let app = spawn_app().await;
    let k = kyiv_with_reserve(&app, "20").await;

    // The session says so, and the parameter is checked.
    let current: Value = app
        .get(&format!("{BASE}/sessions/current"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        current["parameters"]["cost_reserve_percent"], "20",
        "{current}"
    );
    assert_eq!(current["parameters"]["one_vote_per_category"], true);
    for bad in ["50.01", "-1", "12,5", "abc", "0.001", ""] {
        let refused = k
            .admin
            .post(&format!("{BASE}/sessions"), &session(Some(bad)))
            .await;
        let body = problem(refused, 422, "cost-reserve-invalid").await;
        assert_eq!(body["field"], "cost_reserve_percent", "{bad}: {body}");
    }

    // Pricing on the form: the lines, the reserve rounded to the kopiyka, the total.
    let items = lines(&[("Лавка", 3, "4999.99"), ("Урна", 10, "0.10")]);
    let priced: Value = app
        .post_json(
            "/api/v1/estimates/price",
            &json!({ "items": items, "reserve_percent": "20" }),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(priced["subtotal"], "15000.97", "{priced}");
    assert_eq!(priced["reserve"]["percent"], "20");
    assert_eq!(priced["reserve"]["amount"], "3000.19");
    assert_eq!(priced["total"], "18001.16");
    let plain: Value = app
        .post_json("/api/v1/estimates/price", &json!({ "items": items }))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(plain["reserve"], Value::Null);
    assert_eq!(plain["total"], "15000.97");
    problem(
        app.post_json(
            "/api/v1/estimates/price",
            &json!({ "items": items, "reserve_percent": "51" }),
        )
        .await,
        422,
        "cost-reserve-invalid",
    )
    .await;

    // The limit holds with the reserve: 90,000 of lines is 108,000 with 20 %, over 100,000.
    let project = |price: &str| {
        json!({
            "pot_id": k.pot, "category_id": k.category, "title": "Сквер",
            "description": "Лавки", "lat": 50.45, "lon": 30.55,
            "items": lines(&[("Лавка", 1, "0.01"), ("Ліхтар", 1, price)]),
        })
    };
    let over = k
        .author
        .post(&format!("{BASE}/projects"), &project("89999.99"))
        .await;
    let body = problem(over, 422, "project-over-limit").await;
    assert!(body["detail"].to_string().contains("108"), "{body}");

    // 80,000.01 of lines: a reserve of 16,000.002 is 16,000.00 to the kopiyka.
    let id = id_of(
        k.author
            .post(&format!("{BASE}/projects"), &project("80000"))
            .await,
    )
    .await;
    let shown: Value = k
        .author
        .get(&format!("{BASE}/projects/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(shown["subtotal"], "80000.01", "{shown}");
    assert_eq!(shown["reserve"]["percent"], "20");
    assert_eq!(shown["reserve"]["amount"], "16000.00");
    assert_eq!(shown["cost"], "96000.01");
    assert_eq!(shown["items"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn a_session_without_a_reserve_prices_as_before() {
    let app = spawn_app().await;
    let k = kyiv_with_reserve(&app, "0").await;
    let current: Value = app
        .get(&format!("{BASE}/sessions/current"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(current["parameters"]["cost_reserve_percent"], "0");
    let id = id_of(
        k.author
            .post(
                &format!("{BASE}/projects"),
                &json!({
                    "pot_id": k.pot, "category_id": k.category, "title": "Сквер",
                    "description": "Лавки", "items": lines(&[("Лавка", 2, "1000")]),
                }),
            )
            .await,
    )
    .await;
    let shown: Value = k
        .author
        .get(&format!("{BASE}/projects/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(shown["reserve"], Value::Null, "{shown}");
    assert_eq!(shown["subtotal"], shown["cost"]);
}

/// One vote per theme (Kyiv since 2021: up to 10 votes, at most one per category): eleven
/// categories, two projects in the first; the session gives 10 votes, one per category.
#[tokio::test]
async fn one_vote_per_theme_holds_under_concurrent_requests() {
    let app = spawn_app().await;
    let mut c = crate::projects::city(&app).await;
    let mut categories = vec![c.category];
    for i in 1..11 {
        categories.push(
            id_of(
                c.admin
                    .post(
                        &format!("{BASE}/categories"),
                        &json!({ "name": { "uk": format!("Тема {i}"), "en": format!("Theme {i}") } }),
                    )
                    .await,
            )
            .await,
        );
    }
    // Project i is in category i; the last one is a second project in category 0.
    let mut projects = vec![];
    for (i, category) in categories.iter().chain([&categories[0]]).enumerate() {
        let mut body = crate::projects::project(&c, &format!("Проєкт {i}"), "10");
        body["category_id"] = json!(category);
        let id = id_of(c.author.post(&format!("{BASE}/projects"), &body).await).await;
        assert_eq!(act(&c.author, id, "submit", None).await.status(), 200);
        assert_eq!(act(&c.moderator, id, "admit", None).await.status(), 200);
        projects.push(id);
    }
    let twin = projects[11];
    // The session's parameters are locked once it has started: set here directly.
    let session = entities::budget_session::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut session: entities::budget_session::ActiveModel = session.into();
    session.votes_per_voter = Set(10);
    session.one_vote_per_category = Set(true);
    session.vote_withdrawal = Set(true);
    session.update(&app.db).await.unwrap();
    let profile = c
        .resident
        .patch(
            "/api/v1/me",
            &json!({ "birth_date": "1990-01-01", "phone": "+380931000004" }),
        )
        .await;
    assert_eq!(profile.status(), 200);
    app.clock.advance(chrono::Duration::days(65));
    assert_eq!(
        c.resident
            .login("+380931000004", crate::projects::PASSWORD)
            .await
            .status(),
        200
    );
    assert_eq!(
        c.moderator
            .login("+380931000002", crate::projects::PASSWORD)
            .await
            .status(),
        200
    );

    // Twenty requests at once for the two projects of category 0: exactly one vote lands.
    let attempts = (0..20).map(|i| {
        let resident = &c.resident;
        let project = if i % 2 == 0 { projects[0] } else { twin };
        async move { vote(resident, project).await }
    });
    let mut landed = vec![];
    for (i, response) in futures_util::future::join_all(attempts)
        .await
        .into_iter()
        .enumerate()
    {
        let status = response.status().as_u16();
        let body: Value = response.json().await.unwrap();
        match status {
            200 => landed.push(if i % 2 == 0 { projects[0] } else { twin }),
            409 => assert!(
                body["code"] == "vote-category-used" || body["code"] == "vote-already",
                "{body}"
            ),
            _ => panic!("{status}: {body}"),
        }
    }
    assert_eq!(landed.len(), 1, "one vote in the category");
    let first = landed[0];
    let other = if first == twin { projects[0] } else { twin };
    assert_eq!(votes(&app).await, 1);
    let refused = problem(vote(&c.resident, other).await, 409, "vote-category-used").await;
    assert!(
        refused["detail"]
            .as_str()
            .unwrap()
            .contains("один голос на тему"),
        "{refused}"
    );

    // Categories 1 to 9: ten votes in all. The eleventh, in category 10, is refused.
    for project in &projects[1..10] {
        assert_eq!(vote(&c.resident, *project).await.status(), 200);
    }
    problem(vote(&c.resident, projects[10]).await, 409, "vote-none-left").await;
    assert_eq!(votes(&app).await, 10);

    // Taking back the vote in category 0 frees it for the other project of that category.
    let taken = c
        .resident
        .delete(&format!("{BASE}/projects/{first}/vote"))
        .await;
    assert_eq!(taken.status(), 200);
    assert_eq!(vote(&c.resident, other).await.status(), 200);
    problem(vote(&c.resident, first).await, 409, "vote-none-left").await;
    let counted: i64 = project::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .iter()
        .map(|p| p.vote_count)
        .sum();
    assert_eq!(counted, 10, "project counts agree with the votes");

    // A paper ballot with two projects of one category is refused whole.
    let session_id = entities::budget_session::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let path = format!("{BASE}/sessions/{session_id}/paper-ballots");
    let paper = |projects: Vec<i64>| {
        let moderator = &c.moderator;
        let path = path.clone();
        async move {
            moderator
                .post(
                    &path,
                    &json!({ "voter": "МЕ 123456", "projects": projects }),
                )
                .await
        }
    };
    problem(
        paper(vec![projects[0], projects[1], twin]).await,
        409,
        "vote-category-used",
    )
    .await;
    assert_eq!(paper(vec![projects[0], projects[1]]).await.status(), 201);
    assert_eq!(votes(&app).await, 12);
}

async fn vote(browser: &Browser, project: i64) -> reqwest::Response {
    browser
        .post(&format!("{BASE}/projects/{project}/vote"), &json!({}))
        .await
}

async fn mails(app: &TestApp, template: &str) -> u64 {
    use sea_orm::{ColumnTrait, QueryFilter};
    entities::outbox::Entity::find()
        .filter(entities::outbox::Column::Template.eq(template))
        .count(&app.db)
        .await
        .unwrap()
}

async fn votes(app: &TestApp) -> u64 {
    entities::vote::Entity::find().count(&app.db).await.unwrap()
}

/// Seeds an elected commission of Kyiv: a decided election of `session` with `members`
/// elected (the election itself is tested in `elections.rs`); the city holds elections.
pub(crate) async fn seed_commission(app: &TestApp, session: i64, members: &[i64]) {
    use entities::{candidate_application, city, commission_election};
    use hromada::domain::Clock;
    let now = app.clock.now();
    use sea_orm::{ColumnTrait, QueryFilter};
    let kyiv = city::Entity::find()
        .filter(city::Column::Slug.eq("kyiv"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let city_id = kyiv.id;
    let mut kyiv: city::ActiveModel = kyiv.into();
    kyiv.allow_commission = Set(true);
    kyiv.update(&app.db).await.unwrap();
    let election = commission_election::ActiveModel {
        city_id: Set(city_id),
        budget_session_id: Set(session),
        min_votes_round2: Set(1),
        votes_round1: Set(1),
        votes_round2: Set(1),
        seats: Set(members.len() as i32),
        tie_break: Set("earlier".into()),
        round1_closed_at: Set(Some(now)),
        round2_closed_at: Set(Some(now)),
        tie: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    for member in members {
        candidate_application::ActiveModel {
            election_id: Set(election.id),
            user_id: Set(*member),
            status: Set("elected".into()),
            page: Set(3),
            motivation: Set(None),
            experience: Set(None),
            organization: Set(None),
            consent_personal_data: Set(true),
            consent_rules: Set(true),
            moderator_comment: Set(None),
            submitted_at: Set(Some(now)),
            round1_votes: Set(1),
            round2_votes: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
}

/// Where the city has an elected commission, computed results are published only once more
/// than half of its members approve the winners list by recorded votes; a new computation is a
/// new list; everything is public once published.
#[tokio::test]
async fn the_commission_approves_the_winners_before_they_are_published() {
    let app = spawn_app().await;
    let mut c = crate::projects::city(&app).await;
    let mut admitted = vec![];
    for i in 0..2 {
        let id = id_of(
            c.author
                .post(
                    &format!("{BASE}/projects"),
                    &crate::projects::project(&c, &format!("Проєкт {i}"), "10"),
                )
                .await,
        )
        .await;
        assert_eq!(act(&c.author, id, "submit", None).await.status(), 200);
        assert_eq!(act(&c.moderator, id, "admit", None).await.status(), 200);
        admitted.push(id);
    }
    let session = entities::budget_session::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let mut members = vec![];
    let mut browsers = vec![];
    for i in 0..3 {
        let login = format!("+38093100007{i}");
        let member = signed_in(&app, &login, false, &[]).await;
        let me: Value = member
            .patch(
                "/api/v1/me",
                &json!({ "email": format!("member{i}@example.org") }),
            )
            .await
            .json()
            .await
            .unwrap();
        members.push(me["id"].as_i64().unwrap());
        browsers.push((member, login));
    }
    seed_commission(&app, session, &members).await;
    let staff_mail = c
        .moderator
        .patch("/api/v1/me", &json!({ "email": "moderator@example.org" }))
        .await;
    assert_eq!(staff_mail.status(), 200);

    // Voting is over.
    app.clock.advance(chrono::Duration::days(95));
    for (browser, login) in browsers.iter_mut() {
        assert_eq!(
            browser
                .login(login, crate::projects::PASSWORD)
                .await
                .status(),
            200
        );
    }
    for (browser, login) in [
        (&mut c.moderator, "+380931000002"),
        (&mut c.resident, "+380931000004"),
    ] {
        assert_eq!(
            browser
                .login(login, crate::projects::PASSWORD)
                .await
                .status(),
            200
        );
    }
    let results = format!("{BASE}/sessions/{session}/results");
    let approval = format!("{results}/approval");
    // Nothing to approve before the computation.
    problem(
        browsers[0]
            .0
            .post(&approval, &json!({ "approve": true }))
            .await,
        409,
        "results-not-computed",
    )
    .await;
    let computed: Value = c
        .moderator
        .post(&format!("{results}/compute"), &json!({}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(computed["approval"]["members"], 3, "{computed}");
    // Each member is asked by e-mail, with the computation.
    assert_eq!(mails(&app, "results-approval-needed").await, 3);
    assert_eq!(computed["approval"]["decision"], "pending");
    assert_eq!(computed["approval"]["member"], false);
    let not_yet = problem(
        c.moderator
            .post(&format!("{results}/publish"), &json!({}))
            .await,
        409,
        "results-not-approved",
    )
    .await;
    assert!(not_yet["detail"].to_string().contains('3'), "{not_yet}");

    // Members read the unpublished list; others do not.
    let seen: Value = browsers[0].0.get(&results).await.json().await.unwrap();
    assert_eq!(seen["approval"]["member"], true, "{seen}");
    problem(app.get(&results).await, 404, "results-not-published").await;
    problem(c.resident.get(&results).await, 404, "results-not-published").await;
    // Only members vote; a refusal needs its reason.
    problem(
        c.resident
            .post(&approval, &json!({ "approve": true }))
            .await,
        403,
        "commission-only",
    )
    .await;
    problem(
        c.moderator
            .post(&approval, &json!({ "approve": true }))
            .await,
        403,
        "commission-only",
    )
    .await;
    let reason = problem(
        browsers[0]
            .0
            .post(&approval, &json!({ "approve": false, "comment": "  " }))
            .await,
        422,
        "approval-reason-required",
    )
    .await;
    assert_eq!(reason["field"], "comment");

    // One refuses, one approves: no majority yet. The first changes their mind: two of three.
    let decided = |r: Value| r["approval"]["decision"].as_str().unwrap().to_owned();
    let step = browsers[0]
        .0
        .post(
            &approval,
            &json!({ "approve": false, "comment": "Перевірити кошторис" }),
        )
        .await
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(decided(step), "pending");
    let step = browsers[1]
        .0
        .post(&approval, &json!({ "approve": true }))
        .await
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(decided(step), "pending");
    let step = browsers[0]
        .0
        .post(
            &approval,
            &json!({ "approve": true, "comment": "Кошторис перевірено" }),
        )
        .await
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(step["approval"]["votes"].as_array().unwrap().len(), 2);
    assert_eq!(decided(step), "approved");
    // The deciding vote tells the staff who publish (the moderator has an address).
    assert_eq!(mails(&app, "results-approval-decided").await, 1);

    // A new computation is a new list: the votes on the old one no longer count.
    let recomputed: Value = c
        .moderator
        .post(&format!("{results}/compute"), &json!({}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(decided(recomputed), "pending");
    problem(
        c.moderator
            .post(&format!("{results}/publish"), &json!({}))
            .await,
        409,
        "results-not-approved",
    )
    .await;
    // Two refusals of three: the list cannot be approved as it is.
    for i in [0, 2] {
        browsers[i]
            .0
            .post(&approval, &json!({ "approve": false, "comment": "Ні" }))
            .await;
    }
    let refused: Value = browsers[1].0.get(&results).await.json().await.unwrap();
    assert_eq!(decided(refused), "refused");
    assert_eq!(mails(&app, "results-approval-needed").await, 6);
    assert_eq!(mails(&app, "results-approval-decided").await, 2);
    for i in [0, 1] {
        let ok = browsers[i]
            .0
            .post(&approval, &json!({ "approve": true }))
            .await;
        assert_eq!(ok.status(), 200);
    }
    let published = c
        .moderator
        .post(&format!("{results}/publish"), &json!({}))
        .await;
    assert_eq!(published.status(), 200);
    // Refused, then pending (no e-mail), then approved again.
    assert_eq!(mails(&app, "results-approval-decided").await, 3);

    // Public now, with the members' votes; no more voting on it.
    let public: Value = app.get(&results).await.json().await.unwrap();
    assert_eq!(public["approval"]["decision"], "approved", "{public}");
    let votes = public["approval"]["votes"].as_array().unwrap();
    assert_eq!(votes.len(), 3);
    assert!(
        votes
            .iter()
            .any(|v| v["approve"] == false && v["comment"] == "Ні")
    );
    assert!(!public.to_string().contains("+38093"), "no personal data");
    problem(
        browsers[2]
            .0
            .post(&approval, &json!({ "approve": true }))
            .await,
        409,
        "results-published",
    )
    .await;
    let audited = entities::audit_log::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.action == "results.approval")
        .count();
    assert_eq!(audited, 7, "every recorded vote is audited");
}
