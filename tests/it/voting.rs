//! Voting end to end: the window, eligibility, the per-voter cap under concurrent requests,
//! withdrawal, paper ballots across channels, and when counts are shown.

use entities::{ballot, budget_session, project, vote};
use hromada::domain::Clock;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::{Value, json};

use crate::projects::{City, PASSWORD, act, city, id_of, project, signed_in};
use crate::support::{Browser, TestApp, problem, spawn_app};

const RESIDENT: &str = "+380931000004";

struct Election {
    c: City,
    /// Admitted projects.
    admitted: Vec<i64>,
    /// A project still on moderation.
    pending: i64,
    session: i64,
}

/// The fixture city with `n` admitted projects and one on moderation, the resident's profile
/// complete, the clock moved into the voting stage and everyone signed in again.
async fn election(app: &TestApp, n: usize) -> Election {
    let mut c = city(app).await;
    let mut admitted = vec![];
    for i in 0..n {
        let id = id_of(
            c.author
                .post(
                    "/api/v1/cities/kyiv/projects",
                    &project(&c, &format!("Проєкт {i}"), "10"),
                )
                .await,
        )
        .await;
        assert_eq!(act(&c.author, id, "submit", None).await.status(), 200);
        assert_eq!(act(&c.moderator, id, "admit", None).await.status(), 200);
        admitted.push(id);
    }
    let pending = id_of(
        c.author
            .post(
                "/api/v1/cities/kyiv/projects",
                &project(&c, "Ще на модерації", "10"),
            )
            .await,
    )
    .await;
    assert_eq!(act(&c.author, pending, "submit", None).await.status(), 200);
    let profile = c
        .resident
        .patch(
            "/api/v1/me",
            &json!({ "birth_date": "1990-01-01", "phone": RESIDENT }),
        )
        .await;
    assert_eq!(profile.status(), 200);
    // Not open yet.
    problem(vote(&c.resident, admitted[0]).await, 409, "vote-not-open").await;
    let session = budget_session::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    into_voting(app, &mut c).await;
    Election {
        c,
        admitted,
        pending,
        session,
    }
}

/// Moves the clock to day 65 of the fixture (its voting stage) and signs everyone in again.
async fn into_voting(app: &TestApp, c: &mut City) {
    app.clock.advance(chrono::Duration::days(65));
    for (browser, login) in [
        (&mut c.admin, "+380931000001"),
        (&mut c.moderator, "+380931000002"),
        (&mut c.author, "+380931000003"),
        (&mut c.resident, RESIDENT),
    ] {
        assert_eq!(browser.login(login, PASSWORD).await.status(), 200);
    }
}

async fn vote(browser: &Browser, project: i64) -> reqwest::Response {
    browser
        .post(
            &format!("/api/v1/cities/kyiv/projects/{project}/vote"),
            &json!({}),
        )
        .await
}

async fn votes_in_db(app: &TestApp) -> u64 {
    vote::Entity::find().count(&app.db).await.unwrap()
}

async fn counted(app: &TestApp) -> i64 {
    project::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .iter()
        .map(|p| p.vote_count)
        .sum()
}

#[tokio::test]
async fn fifty_concurrent_votes_from_one_voter_give_exactly_the_allowed_number() {
    let app = spawn_app().await;
    let e = election(&app, 20).await;
    let attempts = (0..50).map(|i| {
        let resident = &e.c.resident;
        let project = e.admitted[i % 20];
        async move { vote(resident, project).await }
    });
    let mut ok = 0;
    for response in futures_util::future::join_all(attempts).await {
        let status = response.status().as_u16();
        let body: Value = response.json().await.unwrap();
        match status {
            200 => ok += 1,
            409 => assert!(
                body["code"] == "vote-none-left" || body["code"] == "vote-already",
                "{body}"
            ),
            _ => panic!("{status}: {body}"),
        }
    }
    assert_eq!(ok, 5, "Kyiv: five votes each");
    assert_eq!(votes_in_db(&app).await, 5);
    assert_eq!(
        counted(&app).await,
        5,
        "project counts agree with the votes"
    );
    let ballot: Value =
        e.c.resident
            .get("/api/v1/cities/kyiv/me/ballot")
            .await
            .json()
            .await
            .unwrap();
    assert_eq!(ballot["cast"], 5);
    assert_eq!(ballot["remaining"], 0);
    assert_eq!(ballot["channel"], "internet");
    assert_eq!(ballot["projects"].as_array().unwrap().len(), 5);
    let unvoted = e
        .admitted
        .iter()
        .find(|id| !ballot["projects"].as_array().unwrap().contains(&json!(id)))
        .unwrap();
    problem(vote(&e.c.resident, *unvoted).await, 409, "vote-none-left").await;
}

#[tokio::test]
async fn every_refusal_has_its_reason() {
    let app = spawn_app().await;
    let mut e = election(&app, 3).await;
    let (a, b) = (e.admitted[0], e.admitted[1]);

    // Not signed in.
    assert_eq!(
        app.client
            .post(app.url(&format!("/api/v1/cities/kyiv/projects/{a}/vote")))
            .json(&json!({}))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    // Fields missing, named.
    let incomplete = signed_in(&app, "+380931000020", false, &[]).await;
    let missing = problem(vote(&incomplete, a).await, 422, "vote-profile-incomplete").await;
    assert!(
        missing["detail"]
            .as_str()
            .unwrap()
            .contains("Дата народження"),
        "{missing}"
    );
    // Too young.
    let young = signed_in(&app, "+380931000021", false, &[]).await;
    let today = app.clock.now().date_naive();
    let born = today - chrono::Duration::days(365 * 10);
    assert_eq!(
        young
            .patch(
                "/api/v1/me",
                &json!({ "birth_date": born.to_string(), "phone": "+380931000021" })
            )
            .await
            .status(),
        200
    );
    let too_young = problem(vote(&young, a).await, 403, "vote-too-young").await;
    assert!(too_young["detail"].as_str().unwrap().contains("16"));
    // Not admitted.
    problem(
        vote(&e.c.resident, e.pending).await,
        409,
        "vote-not-admitted",
    )
    .await;
    // Voted, and again.
    let first = vote(&e.c.resident, a).await;
    assert_eq!(first.status(), 200);
    assert_eq!(first.json::<Value>().await.unwrap()["remaining"], 4);
    problem(vote(&e.c.resident, a).await, 409, "vote-already").await;
    // This session keeps votes: no withdrawal.
    problem(
        e.c.resident
            .delete(&format!("/api/v1/cities/kyiv/projects/{a}/vote"))
            .await,
        409,
        "vote-withdrawal-off",
    )
    .await;
    // When the session allows it, a vote is taken back and can go elsewhere.
    let mut session: budget_session::ActiveModel = budget_session::Entity::find_by_id(e.session)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    session.vote_withdrawal = Set(true);
    session.update(&app.db).await.unwrap();
    let back =
        e.c.resident
            .delete(&format!("/api/v1/cities/kyiv/projects/{a}/vote"))
            .await;
    assert_eq!(back.status(), 200);
    assert_eq!(back.json::<Value>().await.unwrap()["remaining"], 5);
    problem(
        e.c.resident
            .delete(&format!("/api/v1/cities/kyiv/projects/{a}/vote"))
            .await,
        404,
        "vote-not-cast",
    )
    .await;
    assert_eq!(vote(&e.c.resident, b).await.status(), 200);
    assert_eq!(votes_in_db(&app).await, 1);
    assert_eq!(counted(&app).await, 1);
    // Closed.
    app.clock.advance(chrono::Duration::days(30));
    for (browser, login) in [(&mut e.c.resident, RESIDENT)] {
        assert_eq!(browser.login(login, PASSWORD).await.status(), 200);
    }
    problem(vote(&e.c.resident, e.admitted[2]).await, 409, "vote-closed").await;
}

#[tokio::test]
async fn paper_ballots_and_online_votes_make_one_ballot_per_person() {
    let app = spawn_app().await;
    let e = election(&app, 7).await;
    let p = &e.admitted;
    assert_eq!(vote(&e.c.resident, p[0]).await.status(), 200);

    let csv = format!(
        "voter,projects,birth_date\n\
         050 111 22 33,{} {},1980-05-01\n\
         093 100 0004,{},\n\
         +380501112233,{},\n\
         0671234567,{},\n\
         0672223344,{} {} {} {} {} {},\n\
         not a number,{},\n\
         0673334455,999999,\n\
         0674445566,{};{},02.03.1970\n\
         0675556677,{},2015-01-01\n",
        p[1],
        p[2],
        p[3],
        p[3],
        e.pending,
        p[0],
        p[1],
        p[2],
        p[3],
        p[4],
        p[5],
        p[1],
        p[5],
        p[6],
        p[6]
    );
    let url = format!(
        "/api/v1/cities/kyiv/sessions/{}/paper-ballots/import?name=cnap-1.csv",
        e.session
    );
    problem(
        e.c.resident
            .post_bytes(&url, csv.clone().into_bytes(), "text/csv")
            .await,
        403,
        "forbidden",
    )
    .await;
    let response =
        e.c.moderator
            .post_bytes(&url, csv.into_bytes(), "text/csv")
            .await;
    assert_eq!(response.status(), 200);
    let report: Value = response.json().await.unwrap();
    let outcome: Vec<(u64, bool, Value)> = report["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["line"].as_u64().unwrap(),
                l["accepted"].as_bool().unwrap(),
                l["code"].clone(),
            )
        })
        .collect();
    assert_eq!(
        outcome,
        [
            (2, true, json!(null)),
            (3, false, json!("vote-other-channel")),
            (4, false, json!("vote-already")),
            (5, false, json!("vote-not-admitted")),
            (6, false, json!("vote-none-left")),
            (7, false, json!("vote-voter-invalid")),
            (8, false, json!("vote-other-session")),
            (9, true, json!(null)),
            (10, false, json!("vote-too-young")),
        ],
        "{report}"
    );
    assert_eq!(report["accepted"], 2);
    assert_eq!(report["refused"], 7);
    assert_eq!(report["lines"][0]["voter"], "+38050*****33");
    assert!(
        report["lines"][1]["reason"]
            .as_str()
            .unwrap()
            .contains("онлайн")
    );
    // The report is kept; the import is audited.
    let imports: Value =
        e.c.admin
            .get(&format!(
                "/api/v1/cities/kyiv/sessions/{}/paper-ballots/imports",
                e.session
            ))
            .await
            .json()
            .await
            .unwrap();
    assert_eq!(imports["total"], 1);
    assert_eq!(imports["items"][0]["file_name"], "cnap-1.csv");
    assert_eq!(imports["items"][0]["refused"], 7);
    let id = imports["items"][0]["id"].as_i64().unwrap();
    let url = format!(
        "/api/v1/cities/kyiv/sessions/{}/paper-ballots/imports/{id}",
        e.session
    );
    let kept: Value = e.c.admin.get(&url).await.json().await.unwrap();
    assert_eq!(kept["lines"], report["lines"]);
    problem(e.c.resident.get(&url).await, 403, "forbidden").await;
    problem(
        e.c.admin.get(&format!("{url}0")).await,
        404,
        "vote-import-not-found",
    )
    .await;
    let audit: Value =
        e.c.admin
            .get("/api/v1/cities/kyiv/audit?limit=50")
            .await
            .json()
            .await
            .unwrap();
    assert!(audit.to_string().contains("votes.import"));

    // Paper votes are votes: counted, with their channel.
    assert_eq!(votes_in_db(&app).await, 1 + 2 + 2);
    let paper = vote::Entity::find()
        .filter(vote::Column::Channel.eq("paper"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(paper, 4);
    assert_eq!(counted(&app).await, 5);

    // …and the other way round: the paper voter cannot vote online.
    let paper_voter = signed_in(&app, "+380501112233", false, &[]).await;
    assert_eq!(
        paper_voter
            .patch(
                "/api/v1/me",
                &json!({ "birth_date": "1980-05-01", "phone": "+380501112233" })
            )
            .await
            .status(),
        200
    );
    let refused = problem(vote(&paper_voter, p[4]).await, 409, "vote-other-channel").await;
    assert!(refused["detail"].as_str().unwrap().contains("паперовим"));

    // One ballot by hand.
    let by_hand =
        e.c.moderator
            .post(
                &format!("/api/v1/cities/kyiv/sessions/{}/paper-ballots", e.session),
                &json!({ "voter": "МЕ 123456", "projects": [p[6]] }),
            )
            .await;
    assert_eq!(by_hand.status(), 201);
    problem(
        e.c.moderator
            .post(
                &format!("/api/v1/cities/kyiv/sessions/{}/paper-ballots", e.session),
                &json!({ "voter": "ме123456", "projects": [p[5]] }),
            )
            .await,
        409,
        "vote-already",
    )
    .await;
    let ballots = ballot::Entity::find().count(&app.db).await.unwrap();
    assert_eq!(ballots, 4);
    // The ballot entered by hand is audited with it; the refused one is not.
    let audit: Value =
        e.c.admin
            .get("/api/v1/cities/kyiv/audit?action=votes.paper")
            .await
            .json()
            .await
            .unwrap();
    assert_eq!(audit["total"], 1, "{audit}");
    assert!(
        audit["items"][0].to_string().contains("МЕ12**56"),
        "{audit}"
    );
}

/// A person is one voter whichever number they give: a passport login with a phone in the
/// profile, or a phone at the service centre and a passport online. Two accounts that merely
/// share a profile phone both vote online.
#[tokio::test]
async fn a_person_is_one_voter_under_each_of_their_numbers() {
    let app = spawn_app().await;
    let e = election(&app, 3).await;
    let p = &e.admitted;
    let paper = |voter: &str, project: i64| {
        let body = json!({ "voter": voter, "projects": [project] });
        let url = format!("/api/v1/cities/kyiv/sessions/{}/paper-ballots", e.session);
        let moderator = &e.c.moderator;
        async move { moderator.post(&url, &body).await }
    };
    let resident = |login: &'static str, phone: &'static str| {
        let app = &app;
        async move {
            let browser = signed_in(app, login, false, &[]).await;
            let profile = json!({ "birth_date": "1985-01-01", "phone": phone });
            assert_eq!(browser.patch("/api/v1/me", &profile).await.status(), 200);
            browser
        }
    };

    // Online first under a passport, then on paper under the profile's phone.
    let online = resident("КА654321", "+380509998877").await;
    assert_eq!(vote(&online, p[0]).await.status(), 200);
    problem(
        paper("050 999 88 77", p[1]).await,
        409,
        "vote-other-channel",
    )
    .await;

    // On paper first under a phone, then online under a passport with that phone.
    assert_eq!(paper("063 123 12 34", p[1]).await.status(), 201);
    let late = resident("КВ111222", "+380631231234").await;
    problem(vote(&late, p[2]).await, 409, "vote-other-channel").await;
    // Twice on paper, once under each number: the second is the same person again.
    problem(paper("кв 111222", p[2]).await, 409, "vote-already").await;

    // A second account with the first one's phone in its profile still votes online.
    let namesake = resident("+380671110000", "+380509998877").await;
    assert_eq!(vote(&namesake, p[0]).await.status(), 200);

    assert_eq!(votes_in_db(&app).await, 3);
    assert_eq!(ballot::Entity::find().count(&app.db).await.unwrap(), 3);
}

#[tokio::test]
async fn counts_are_shown_live_or_after_the_results() {
    let app = spawn_app().await;
    let e = election(&app, 2).await;
    assert_eq!(vote(&e.c.resident, e.admitted[0]).await.status(), 200);
    let list_url = |sort: &str| {
        format!(
            "/api/v1/cities/kyiv/projects?session={}&sort={sort}",
            e.session
        )
    };
    // Live (the default): counts on the list and the page, and the list sorts by them.
    let list: Value = app.get(&list_url("votes")).await.json().await.unwrap();
    assert_eq!(list["items"][0]["id"], e.admitted[0]);
    assert_eq!(list["items"][0]["votes"], 1);
    assert_eq!(list["items"][1]["votes"], 0);
    let one: Value = app
        .get(&format!("/api/v1/cities/kyiv/projects/{}", e.admitted[0]))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(one["votes"], 1);
    // Hidden until the results: no counts, and no ordering that would reveal them.
    let mut session: budget_session::ActiveModel = budget_session::Entity::find_by_id(e.session)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    session.show_counts = Set("after_results".into());
    session.update(&app.db).await.unwrap();
    let list: Value = app.get(&list_url("newest")).await.json().await.unwrap();
    assert!(list["items"][0]["votes"].is_null(), "{list}");
    let one: Value = app
        .get(&format!("/api/v1/cities/kyiv/projects/{}", e.admitted[0]))
        .await
        .json()
        .await
        .unwrap();
    assert!(one["votes"].is_null());
    problem(app.get(&list_url("votes")).await, 422, "sort-votes-hidden").await;
}

#[tokio::test]
async fn results_are_computed_reviewed_published_and_recounted_from_open_data() {
    let app = spawn_app().await;
    let mut e = election(&app, 4).await;
    // A pot of 25.00: two projects of 10.30 fit, the third does not.
    let pot = entities::budget_pot::Entity::find()
        .filter(entities::budget_pot::Column::BudgetSessionId.eq(e.session))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut small: entities::budget_pot::ActiveModel = pot.clone().into();
    small.total_minor = Set(2_500);
    small.update(&app.db).await.unwrap();
    let (a, b, c, d) = (e.admitted[0], e.admitted[1], e.admitted[2], e.admitted[3]);
    // Votes: a 3, b 2, c 1, d 0.
    let mut voters = vec![];
    for i in 0..2 {
        let login = format!("+38093100005{i}");
        let voter = signed_in(&app, &login, false, &[]).await;
        let profile = voter
            .patch(
                "/api/v1/me",
                &json!({ "birth_date": "1985-01-01", "phone": login }),
            )
            .await;
        assert_eq!(profile.status(), 200);
        voters.push(voter);
    }
    for (voter, projects) in [
        (&e.c.resident, vec![a, b, c]),
        (&voters[0], vec![a, b]),
        (&voters[1], vec![a]),
    ] {
        for p in projects {
            assert_eq!(vote(voter, p).await.status(), 200);
        }
    }
    let results = format!("/api/v1/cities/kyiv/sessions/{}/results", e.session);
    problem(
        e.c.moderator
            .post(&format!("{results}/compute"), &json!({}))
            .await,
        409,
        "results-voting-open",
    )
    .await;

    // Voting closes.
    app.clock.advance(chrono::Duration::days(30));
    for (browser, login) in [
        (&mut e.c.moderator, "+380931000002"),
        (&mut e.c.admin, "+380931000001"),
        (&mut e.c.resident, RESIDENT),
    ] {
        assert_eq!(browser.login(login, PASSWORD).await.status(), 200);
    }
    problem(app.get(&results).await, 404, "results-not-published").await;
    // Service centres still hand in ballots after voting closes, until results are computed.
    let late =
        e.c.moderator
            .post(
                &format!("/api/v1/cities/kyiv/sessions/{}/paper-ballots", e.session),
                &json!({ "voter": "0509998877", "projects": [d] }),
            )
            .await;
    assert_eq!(late.status(), 201);
    problem(
        e.c.resident
            .post(&format!("{results}/compute"), &json!({}))
            .await,
        403,
        "forbidden",
    )
    .await;
    let computed =
        e.c.moderator
            .post(&format!("{results}/compute"), &json!({}))
            .await;
    assert_eq!(computed.status(), 200);
    let computed: Value = computed.json().await.unwrap();
    let pot_result = &computed["pots"][0];
    assert_eq!(pot_result["rule"], "greedy");
    assert!(
        pot_result["explanation"]
            .as_str()
            .unwrap()
            .contains("голосів")
    );
    let rows: Vec<(i64, u64, bool)> = pot_result["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["project_id"].as_i64().unwrap(),
                r["votes"].as_u64().unwrap(),
                r["selected"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [(a, 3, true), (b, 2, true), (c, 1, false), (d, 1, false)]
    );
    assert_eq!(pot_result["spent"], "20.60");
    assert_eq!(pot_result["left"], "4.40");
    assert_eq!(pot_result["voters"], 4);
    // Under review: staff see it, the public does not.
    assert_eq!(e.c.admin.get(&results).await.status(), 200);
    problem(app.get(&results).await, 404, "results-not-published").await;
    let stats_early = format!(
        "/api/v1/cities/kyiv/sessions/{}/statistics/implementation",
        e.session
    );
    problem(app.get(&stats_early).await, 404, "results-not-published").await;
    // Once results are computed the count is fixed: no more paper ballots; computing again
    // gives the same results.
    problem(
        e.c.moderator
            .post(
                &format!("/api/v1/cities/kyiv/sessions/{}/paper-ballots", e.session),
                &json!({ "voter": "0509998866", "projects": [d] }),
            )
            .await,
        409,
        "vote-closed",
    )
    .await;
    let recomputed: Value =
        e.c.moderator
            .post(&format!("{results}/compute"), &json!({}))
            .await
            .json()
            .await
            .unwrap();
    assert_eq!(recomputed["pots"], computed["pots"]);

    // Published: statuses, history, e-mails, public results.
    let emails_before = entities::outbox::Entity::find()
        .count(&app.db)
        .await
        .unwrap();
    let published =
        e.c.moderator
            .post(&format!("{results}/publish"), &json!({}))
            .await;
    assert_eq!(published.status(), 200);
    let statuses: Vec<String> = {
        let mut out = vec![];
        for id in [a, b, c, d] {
            let p: Value = app
                .get(&format!("/api/v1/cities/kyiv/projects/{id}"))
                .await
                .json()
                .await
                .unwrap();
            out.push(p["status"].as_str().unwrap().to_owned());
        }
        out
    };
    assert_eq!(
        statuses,
        ["winner", "winner", "not_selected", "not_selected"]
    );
    let emails_after = entities::outbox::Entity::find()
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(emails_after - emails_before, 4, "each author is told");
    let public: Value = app.get(&results).await.json().await.unwrap();
    assert!(public["published_at"].is_string());
    problem(
        e.c.moderator
            .post(&format!("{results}/publish"), &json!({}))
            .await,
        409,
        "results-published",
    )
    .await;
    problem(
        e.c.moderator
            .post(&format!("{results}/compute"), &json!({}))
            .await,
        409,
        "results-published",
    )
    .await;
    problem(
        e.c.moderator
            .post(
                &format!("/api/v1/cities/kyiv/sessions/{}/paper-ballots", e.session),
                &json!({ "voter": "0509998800", "projects": [d] }),
            )
            .await,
        409,
        "vote-closed",
    )
    .await;

    // Statistics: public now, computed from the votes.
    let district = entities::project::Entity::find_by_id(a)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .district_id
        .unwrap();
    assert_eq!(
        e.c.admin
            .patch(
                &format!("/api/v1/cities/kyiv/districts/{district}"),
                &json!({ "population": 1000 }),
            )
            .await
            .status(),
        200
    );
    let stats = format!("/api/v1/cities/kyiv/sessions/{}/statistics", e.session);
    let p: Value = app
        .get(&format!("{stats}/participation"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(p["total"], json!({ "voters": 4, "votes": 7 }), "{p}");
    assert_eq!(
        p["by_channel"],
        json!([
            { "channel": "internet", "voters": 3, "votes": 6 },
            { "channel": "paper", "voters": 1, "votes": 1 }
        ])
    );
    let ages: Vec<(String, u64)> = p["by_age"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["voters"] != 0)
        .map(|g| {
            (
                g["group"].as_str().unwrap().to_owned(),
                g["voters"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(ages, [("30_44".to_owned(), 3), ("unknown".to_owned(), 1)]);
    let online_days: u64 = p["by_day"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["internet"].as_u64().unwrap())
        .sum();
    assert_eq!(online_days, 6);
    assert_eq!(p["by_district"][0]["district_id"], district);
    assert_eq!(p["by_district"][0]["voters"], 4);
    assert_eq!(p["by_district"][0]["turnout"], "0.004");
    // The tracker: one winner implemented, one still waiting.
    assert_eq!(
        act(&e.c.moderator, a, "start_implementation", None)
            .await
            .status(),
        200
    );
    assert_eq!(
        act(&e.c.moderator, a, "mark_implemented", None)
            .await
            .status(),
        200
    );
    let i: Value = app
        .get(&format!("{stats}/implementation"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(i["winners"], 2, "{i}");
    assert_eq!(i["implemented_on_time"], 1);
    assert_eq!(i["on_time_share"], "0.5");
    assert_eq!(i["rating"][0]["district_id"], district);
    assert_eq!(i["rating"][0]["implemented"], 1);

    // Open data: the pabulib file recounts to the same winners; JSON and CSV carry the same
    // ballots, with no personal data.
    let pb = app
        .get(&format!("{results}/pots/{}/ballots.pb", pot.id))
        .await;
    assert_eq!(pb.status(), 200);
    let pb = pb.text().await.unwrap();
    assert!(!pb.contains("+38093") && !pb.contains("0509998877"));
    passes_pabulib_checker(&pb);
    let recount = hromada::app::tally::tally_pabulib(pb.as_bytes(), None).unwrap();
    let mut winners: Vec<String> = recount
        .outcome
        .winner_ids(&recount.projects)
        .into_iter()
        .map(str::to_owned)
        .collect();
    winners.sort();
    let mut expected = vec![a.to_string(), b.to_string()];
    expected.sort();
    assert_eq!(winners, expected);
    let selected: Vec<&str> = recount
        .election
        .projects
        .iter()
        .filter(|p| p.selected == Some(true))
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(selected.len(), 2);
    let json: Value = app
        .get(&format!("{results}/ballots.json"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(json["pots"][0]["ballots"].as_array().unwrap().len(), 4);
    let csv = app
        .get(&format!("{results}/ballots.csv"))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(csv.lines().count(), 1 + 3 + 2 + 1 + 1);
    assert!(csv.contains(",paper,"));
}

/// Runs pabulib-checker (PyPI) on an exported file. CI installs it; elsewhere the check is
/// skipped with a note when the package is missing.
fn passes_pabulib_checker(pb: &str) {
    use std::process::Command;
    let installed = Command::new("python3")
        .args(["-c", "import pabulib.checker"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !installed {
        assert!(
            std::env::var_os("CI").is_none(),
            "pabulib-checker is required in CI (python3 -m pip install pabulib-checker)"
        );
        eprintln!("skipped: python3 -m pip install pabulib-checker to check exported files");
        return;
    }
    let dir = std::env::temp_dir().join(format!("hromada-pb-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("export.pb");
    std::fs::write(&file, pb).unwrap();
    let output = Command::new("python3")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/pabulib/check.py"
        ))
        .arg(&file)
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert!(
        output.status.success(),
        "pabulib-checker refused the export:\n{}\n{}\n{pb}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[tokio::test]
async fn a_pots_own_limit_holds() {
    let app = spawn_app().await;
    let e = election(&app, 3).await;
    let pot = entities::budget_pot::Entity::find()
        .filter(entities::budget_pot::Column::BudgetSessionId.eq(e.session))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut limited: entities::budget_pot::ActiveModel = pot.into();
    limited.max_votes_per_voter = Set(Some(2));
    limited.update(&app.db).await.unwrap();
    assert_eq!(vote(&e.c.resident, e.admitted[0]).await.status(), 200);
    assert_eq!(vote(&e.c.resident, e.admitted[1]).await.status(), 200);
    let refused = problem(
        vote(&e.c.resident, e.admitted[2]).await,
        409,
        "vote-pot-limit",
    )
    .await;
    assert!(refused["detail"].as_str().unwrap().contains('2'));
    // Refused whole: the ballot still has two votes, three left in the session.
    let ballot: Value =
        e.c.resident
            .get("/api/v1/cities/kyiv/me/ballot")
            .await
            .json()
            .await
            .unwrap();
    assert_eq!(ballot["cast"], 2);
    assert_eq!(ballot["remaining"], 3);
    assert_eq!(votes_in_db(&app).await, 2);
}
