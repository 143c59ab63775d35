//! Appeals and complaints decided by the public budget commission (issue 13): filing, the
//! members' recorded votes with reasons, a majority deciding once, the decision's effect.

use entities::project::{self, ProjectStatus};
use entities::{audit_log, outbox, project_history};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use crate::kyiv::seed_commission;
use crate::projects::{City, PASSWORD, act, city, id_of, project as project_body, signed_in};
use crate::support::{Browser, TestApp, problem, spawn_app};

const APPEALS: &str = "/api/v1/cities/kyiv/appeals";

/// A submitted project rejected by the moderator.
async fn rejected(c: &City, title: &str) -> i64 {
    let id = id_of(
        c.author
            .post(
                "/api/v1/cities/kyiv/projects",
                &project_body(c, title, "10"),
            )
            .await,
    )
    .await;
    assert_eq!(act(&c.author, id, "submit", None).await.status(), 200);
    let reject = act(&c.moderator, id, "reject", Some("Не відповідає умовам")).await;
    assert_eq!(reject.status(), 200);
    id
}

async fn session_id(app: &TestApp) -> i64 {
    entities::budget_session::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// `n` members of an elected commission, each signed in with an e-mail address.
async fn commission(app: &TestApp, n: usize) -> Vec<(Browser, String)> {
    let mut members = vec![];
    let mut ids = vec![];
    for i in 0..n {
        let login = format!("+38093100008{i}");
        let member = signed_in(app, &login, false, &[]).await;
        let me: Value = member
            .patch(
                "/api/v1/me",
                &json!({ "email": format!("member{i}@example.org") }),
            )
            .await
            .json()
            .await
            .unwrap();
        ids.push(me["id"].as_i64().unwrap());
        members.push((member, login));
    }
    seed_commission(app, session_id(app).await, &ids).await;
    members
}

async fn vote(member: &Browser, appeal: i64, uphold: bool, reason: &str) -> reqwest::Response {
    member
        .post(
            &format!("{APPEALS}/{appeal}/votes"),
            &json!({ "uphold": uphold, "reason": reason }),
        )
        .await
}

async fn mails(app: &TestApp, template: &str) -> Vec<outbox::Model> {
    outbox::Entity::find()
        .filter(outbox::Column::Template.eq(template))
        .all(&app.db)
        .await
        .unwrap()
}

async fn status_of(app: &TestApp, id: i64) -> ProjectStatus {
    project::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .status
}

async fn audits(app: &TestApp, action: &str) -> u64 {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(action))
        .count(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_rejection_appealed_and_upheld_by_a_majority_readmits_the_project() {
    let app = spawn_app().await;
    let c = city(&app).await;
    let id = rejected(&c, "Сквер на Подолі").await;
    let appeal = json!({ "kind": "appeal", "subject": "rejection", "project_id": id,
        "body": "Проєкт відповідає умовам: кошторис у межах ліміту." });

    // No commission yet: nobody to decide.
    problem(
        c.author.post(APPEALS, &appeal).await,
        409,
        "appeal-no-commission",
    )
    .await;
    let members = commission(&app, 3).await;
    // The election gave them the commission member role in Kyiv; nobody else has it.
    let kyiv = entities::city::Entity::find()
        .filter(entities::city::Column::Slug.eq("kyiv"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let me: Value = members[0].0.get("/api/v1/me").await.json().await.unwrap();
    assert!(
        me["roles"]
            .as_array()
            .unwrap()
            .contains(&json!({ "city_id": kyiv, "role": "commission_member" })),
        "{me}"
    );
    let me: Value = c.moderator.get("/api/v1/me").await.json().await.unwrap();
    assert!(
        !me["roles"].to_string().contains("commission_member"),
        "{me}"
    );

    // Only the author appeals; the subject must fit the kind; anonymous callers sign in.
    problem(
        app.browser().post(APPEALS, &appeal).await,
        401,
        "unauthenticated",
    )
    .await;
    problem(
        c.resident.post(APPEALS, &appeal).await,
        403,
        "appeal-author-only",
    )
    .await;
    let wrong =
        json!({ "kind": "complaint", "subject": "rejection", "project_id": id, "body": "Скарга" });
    problem(
        c.resident.post(APPEALS, &wrong).await,
        422,
        "appeal-subject-invalid",
    )
    .await;
    let blank =
        json!({ "kind": "appeal", "subject": "rejection", "project_id": id, "body": "   " });
    problem(c.author.post(APPEALS, &blank).await, 422, "field-required").await;

    let filed = c.author.post(APPEALS, &appeal).await;
    assert_eq!(filed.status(), 200);
    let filed: Value = filed.json().await.unwrap();
    assert_eq!(filed["status"], "pending", "{filed}");
    assert_eq!(filed["mine"], true);
    assert_eq!(filed["members"], 3);
    let appeal_id = filed["id"].as_i64().unwrap();
    problem(c.author.post(APPEALS, &appeal).await, 409, "appeal-exists").await;
    // Every member is told, in the same transaction as the filing.
    let told: Vec<String> = mails(&app, "appeal-filed")
        .await
        .into_iter()
        .map(|m| m.to_address)
        .collect();
    assert_eq!(told.len(), 3, "{told:?}");
    assert!(told.contains(&"member2@example.org".to_owned()));

    // Public, without the filer's personal data.
    let list: Value = app.get(APPEALS).await.json().await.unwrap();
    assert_eq!(list["total"], 1, "{list}");
    let item = &list["items"][0];
    assert_eq!(item["project_title"], "Сквер на Подолі");
    assert_eq!(item["mine"], false);
    assert!(item.get("filer_id").is_none() && item.get("filer").is_none());
    let author: Value = c.author.get("/api/v1/me").await.json().await.unwrap();
    let phone = author["login"].as_str().unwrap();
    assert!(!list.to_string().contains(phone), "{list}");

    // Only members vote, each with a reason.
    problem(
        vote(&c.moderator, appeal_id, true, "Так").await,
        403,
        "commission-only",
    )
    .await;
    let no_reason = members[0]
        .0
        .post(
            &format!("{APPEALS}/{appeal_id}/votes"),
            &json!({ "uphold": true }),
        )
        .await;
    assert_eq!(
        problem(no_reason, 422, "field-required").await["field"],
        "reason"
    );

    // One upholds, one dismisses: no majority. The second changes their mind: two of three.
    let step: Value = vote(&members[0].0, appeal_id, true, "Ліміт дотримано")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(step["status"], "pending");
    assert_eq!(step["may_vote"], true);
    let step: Value = vote(&members[1].0, appeal_id, false, "Немає підстав")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(step["status"], "pending");
    assert_eq!(status_of(&app, id).await, ProjectStatus::Rejected);
    let step: Value = vote(&members[1].0, appeal_id, true, "Переконали документи")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(step["status"], "upheld", "{step}");
    assert_eq!(step["effect"], "reinstated");
    assert_eq!(step["votes"].as_array().unwrap().len(), 2);
    assert_eq!(step["votes"][1]["reason"], "Переконали документи");
    assert!(step["decided_at"].is_string());

    // The decision took effect: admitted, with history, and the author told twice (the
    // status and the decision).
    assert_eq!(status_of(&app, id).await, ProjectStatus::Admitted);
    let history = project_history::Entity::find()
        .filter(project_history::Column::ProjectId.eq(id))
        .all(&app.db)
        .await
        .unwrap();
    let last = history.last().unwrap();
    assert!(
        last.comment
            .as_deref()
            .is_some_and(|c| c.contains(&appeal_id.to_string())),
        "{last:?}"
    );
    assert_eq!(mails(&app, "appeal-decided").await.len(), 1);
    assert_eq!(audits(&app, "appeal.decided").await, 1);
    assert_eq!(audits(&app, "appeal.vote").await, 3);
    assert_eq!(audits(&app, "appeal.filed").await, 1);

    // Nobody judges their own case: a member's own complaint is for the others to decide.
    let own = id_of(
        members[2]
            .0
            .post(
                APPEALS,
                &json!({ "kind": "complaint", "subject": "review", "session_id": session_id(&app).await, "body": "Черга модерації стоїть" }),
            )
            .await,
    )
    .await;
    problem(
        vote(&members[2].0, own, true, "Так").await,
        403,
        "appeal-own-case",
    )
    .await;
    let seen: Value = members[2]
        .0
        .get(&format!("{APPEALS}/{own}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(seen["may_vote"], false, "{seen}");
    assert_eq!(seen["mine"], true);
    assert_eq!(vote(&members[0].0, own, true, "Так").await.status(), 200);

    // Decided: no more votes.
    problem(
        vote(&members[2].0, appeal_id, false, "Запізно").await,
        409,
        "appeal-decided",
    )
    .await;
    let shown: Value = app
        .get(&format!("{APPEALS}/{appeal_id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(shown["status_label"], "Задоволено", "{shown}");
    assert_eq!(shown["may_vote"], false);
    let page: Value = app
        .get(&format!("{APPEALS}?status=upheld&project_id={id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["total"], 1);
    problem(
        app.get(&format!("{APPEALS}?status=maybe")).await,
        422,
        "appeal-status-invalid",
    )
    .await;
    problem(
        app.get(&format!("{APPEALS}/999999")).await,
        404,
        "appeal-not-found",
    )
    .await;
}

#[tokio::test]
async fn appeals_have_a_window_complaints_are_open_to_all_and_late_decisions_change_nothing() {
    let app = spawn_app().await;
    let mut c = city(&app).await;
    let late = rejected(&c, "Пізня апеляція").await;
    let kept = rejected(&c, "Вчасна апеляція").await;
    let mut members = commission(&app, 4).await;
    // Filed in time…
    let filed = c
        .author
        .post(
            APPEALS,
            &json!({ "kind": "appeal", "subject": "rejection", "project_id": kept, "body": "Прошу переглянути" }),
        )
        .await;
    assert_eq!(filed.status(), 200);
    let kept_appeal = id_of(filed).await;
    // … a complaint by any resident about a stage of the session …
    let session = session_id(&app).await;
    let complaint = id_of(
        c.resident
            .post(
                APPEALS,
                &json!({ "kind": "complaint", "subject": "submission", "session_id": session, "body": "Форма подання не працювала вночі" }),
            )
            .await,
    )
    .await;
    problem(
        c.resident
            .post(
                APPEALS,
                &json!({ "kind": "complaint", "subject": "voting", "body": "Без сесії" }),
            )
            .await,
        422,
        "field-required",
    )
    .await;
    problem(
        c.resident
            .post(
                APPEALS,
                &json!({ "kind": "petition", "subject": "voting", "session_id": session, "body": "?" }),
            )
            .await,
        422,
        "appeal-kind-invalid",
    )
    .await;

    // Eight days later the week to appeal is over.
    app.clock.advance(chrono::Duration::days(8));
    for (browser, login) in [
        (&mut c.author, "+380931000003"),
        (&mut c.resident, "+380931000004"),
    ] {
        assert_eq!(browser.login(login, PASSWORD).await.status(), 200);
    }
    for (browser, login) in members.iter_mut() {
        assert_eq!(browser.login(login, PASSWORD).await.status(), 200);
    }
    let closed = problem(
        c.author
            .post(
                APPEALS,
                &json!({ "kind": "appeal", "subject": "rejection", "project_id": late, "body": "Запізно" }),
            )
            .await,
        409,
        "appeal-window-closed",
    )
    .await;
    assert!(
        closed["detail"].as_str().unwrap().contains("UTC"),
        "{closed}"
    );

    // A tie of four members dismisses; a complaint upheld changes nothing by itself.
    for (i, (member, _)) in members.iter().enumerate().take(2) {
        let r = vote(member, complaint, i == 0, "Перевірили журнал").await;
        assert_eq!(r.status(), 200);
    }
    let tie: Value = app
        .get(&format!("{APPEALS}/{complaint}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(tie["status"], "pending", "one of each is no majority yet");
    let decided: Value = vote(&members[2].0, complaint, false, "Збій не підтверджено")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(decided["status"], "dismissed", "{decided}");
    assert_eq!(decided["effect"], "none");

    // Upheld only after voting began: recorded, but the project stays out of the vote.
    app.clock.advance(chrono::Duration::days(55));
    for (browser, login) in members.iter_mut() {
        assert_eq!(browser.login(login, PASSWORD).await.status(), 200);
    }
    for (member, _) in members.iter().take(3) {
        let r = vote(member, kept_appeal, true, "Підстави є").await;
        assert_eq!(r.status(), 200);
    }
    let shown: Value = app
        .get(&format!("{APPEALS}/{kept_appeal}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(shown["status"], "upheld", "{shown}");
    assert_eq!(shown["effect"], "too_late");
    assert_eq!(status_of(&app, kept).await, ProjectStatus::Rejected);
}

/// Members voting at the same moment: the majority decides exactly once.
#[tokio::test]
async fn concurrent_deciding_votes_decide_once() {
    let app = spawn_app().await;
    let c = city(&app).await;
    let id = rejected(&c, "Одночасні голоси").await;
    let members = commission(&app, 5).await;
    let appeal = id_of(
        c.author
            .post(
                APPEALS,
                &json!({ "kind": "appeal", "subject": "rejection", "project_id": id, "body": "Прошу" }),
            )
            .await,
    )
    .await;
    assert_eq!(vote(&members[0].0, appeal, true, "Так").await.status(), 200);
    assert_eq!(vote(&members[1].0, appeal, true, "Так").await.status(), 200);
    // Any of the last three makes the majority.
    let answers = futures_util::future::join_all(
        members[2..]
            .iter()
            .map(|(m, _)| vote(m, appeal, true, "Одночасно")),
    )
    .await;
    let mut ok = 0;
    for r in answers {
        match r.status().as_u16() {
            200 => ok += 1,
            409 => {
                problem(r, 409, "appeal-decided").await;
            }
            other => panic!("unexpected {other}"),
        }
    }
    assert!(ok >= 1);
    assert_eq!(audits(&app, "appeal.decided").await, 1);
    assert_eq!(mails(&app, "appeal-decided").await.len(), 1);
    assert_eq!(status_of(&app, id).await, ProjectStatus::Admitted);
    let admissions = project_history::Entity::find()
        .filter(project_history::Column::ProjectId.eq(id))
        .filter(project_history::Column::ToStatus.eq("admitted"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(admissions, 1);
}
