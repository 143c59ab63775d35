//! Every protected endpoint × every kind of caller: the status each one gets.

use entities::city_role::Role;
use hromada::domain::Clock;
use hromada::store;
use serde_json::{Value, json};

use crate::support::{Browser, TestApp, spawn_app};

const PASSWORD: &str = "довгий тестовий пароль";

const WHO: [&str; 7] = [
    "anonymous",
    "resident",
    "moderator of this city",
    "moderator of another city",
    "admin",
    "observer",
    "platform admin",
];

/// A login, whether a platform admin, and city roles.
type Account = (&'static str, bool, Vec<(i64, Role)>);

enum Call {
    Get(String),
    Post(String, Value),
    Patch(String, Value),
    Put(String, Vec<u8>),
    Delete(String),
}

/// Endpoints whose calls need a fresh fixture in every cell (a grant to revoke, a failed e-mail).
#[derive(Clone, Copy)]
enum Row {
    Me,
    Session,
    UpdateMe,
    PublicCities,
    CreateCity,
    ListStaff,
    GrantModerator,
    GrantAdmin,
    RevokeModerator,
    CityAudit,
    CityEmails,
    RetryCityEmail,
    PlatformAudit,
    PlatformEmails,
    RetryPlatformEmail,
    MyPhoto,
    PutMyPhoto,
    ChangePassword,
    ResendVerification,
    MeInCity,
    UpdateCity,
    DeleteCity,
    ViewSettings,
    UpdateSettings,
    PutLogo,
    CreateDistrict,
    CreateCategory,
    CreateSession,
    SetHint,
    SetTranslation,
    ListDrafts,
    CreatePage,
    ModerationQueue,
    MyProjects,
    ListApiKeys,
    CreateApiKey,
    RevokeApiKey,
    PaperImports,
    ComputeResults,
    PublishResults,
    ApproveResults,
    FileComplaint,
    VoteOnAppeal,
    ConfigureElection,
    ExpertQueue,
    ConcludeOnProject,
    ReviseForExpert,
    ProjectExpertise,
    ListExpertCategories,
    AssignExpertCategory,
    UnassignExpertCategory,
    Endorse,
    WithdrawEndorsement,
    LogoutEverywhere,
}

/// Session years: each cell that may create a session gets its own, so they never overlap.
fn session_body(year: i32) -> Value {
    json!({
        "name": { "uk": "Сесія", "en": "Session" },
        "parameters": {
            "votes_per_voter": 5, "min_voter_age": 16, "min_author_age": 18, "results_rule": "greedy",
            "registration_methods": ["password"], "required_fields": ["phone"]
        },
        "stages": [
            { "kind": "submission", "start": format!("{year}-01-01"), "end": format!("{year}-01-31") },
            { "kind": "review", "start": format!("{year}-02-01"), "end": format!("{year}-02-20") },
            { "kind": "voting", "start": format!("{year}-02-21"), "end": format!("{year}-03-31") },
            { "kind": "results", "start": format!("{year}-04-01"), "end": format!("{year}-04-30") }
        ],
        "pots": [{ "name": { "uk": "Усе", "en": "All" }, "scope": "citywide", "total": "1000000", "max_project_cost": "100000" }]
    })
}

async fn failed_email(app: &TestApp, city_id: Option<i64>) -> i64 {
    let now = app.clock.now();
    let id = store::outbox::enqueue(
        &app.db,
        store::outbox::NewEmail {
            city_id,
            to_address: "nobody@example.invalid".into(),
            lang: "uk".into(),
            template: "test".into(),
            subject: "s".into(),
            body_text: "b".into(),
        },
        // Far in the future, so the delivery worker leaves it alone.
        now + chrono::Duration::days(365),
    )
    .await
    .unwrap();
    store::outbox::mark_failed_attempt(&app.db, id, "test", None)
        .await
        .unwrap();
    id
}

/// A project on moderation in the fixture session, by an author of its own (`login`).
async fn project_on_moderation(app: &TestApp, kyiv: i64, session: i64, login: &str) -> i64 {
    use sea_orm::{ActiveModelTrait, Set};
    let author = app.user(login, PASSWORD, false, &[]).await;
    let category = entities::category::ActiveModel {
        city_id: Set(kyiv),
        name_uk: Set(format!("Категорія {login}")),
        name_en: Set(format!("Category {login}")),
        position: Set(0),
        active: Set(true),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    let money = |text: &str| text.parse::<hromada::domain::Money>().unwrap();
    let project = store::projects::insert(
        &app.db,
        store::projects::NewProject {
            budget_session_id: session,
            author_id: author,
            status: entities::project::ProjectStatus::OnModeration,
            content: store::projects::Content {
                pot_id: None,
                category_id: category.id,
                district_id: None,
                title: "Сквер".into(),
                description: "Лавки".into(),
                address: None,
                lat: None,
                lon: None,
                beneficiaries: None,
                implementation_notes: None,
                cost: money("100"),
                reserve: hromada::domain::estimate::Reserve::from_basis_points(0).unwrap(),
                reserve_amount: money("0"),
            },
        },
        app.clock.now(),
    )
    .await
    .unwrap();
    project.id
}

/// A complaint waiting for the commission, filed by the first user.
async fn pending_appeal(app: &TestApp, kyiv: i64, session: i64) -> i64 {
    use sea_orm::EntityTrait;
    let filer = entities::user::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    store::appeals::insert(
        &app.db,
        store::appeals::NewAppeal {
            city_id: kyiv,
            session_id: session,
            project_id: None,
            kind: "complaint",
            subject: "voting",
            filer_id: filer.id,
            body: "Скарга".into(),
        },
        app.clock.now(),
    )
    .await
    .unwrap()
    .id
}

async fn call_for(app: &TestApp, row: Row, cell: usize, kyiv: i64, session: i64) -> Call {
    let fresh_login = |tag: u32| format!("+38050{:07}", tag * 100 + cell as u32);
    match row {
        Row::Me => Call::Get("/api/v1/me".into()),
        Row::Session => Call::Get("/api/v1/auth/session".into()),
        Row::UpdateMe => Call::Patch("/api/v1/me".into(), json!({ "patronymic": "Іванович" })),
        Row::PublicCities => Call::Get("/api/v1/cities".into()),
        Row::CreateCity => Call::Post(
            "/api/v1/cities".into(),
            json!({ "slug": format!("city-{cell}"), "name": { "uk": "Нове", "en": "New" } }),
        ),
        Row::ListStaff => Call::Get("/api/v1/cities/kyiv/staff".into()),
        Row::GrantModerator | Row::GrantAdmin => {
            let login = fresh_login(if matches!(row, Row::GrantModerator) {
                1
            } else {
                2
            });
            app.user(&login, PASSWORD, false, &[]).await;
            let role = if matches!(row, Row::GrantModerator) {
                "moderator"
            } else {
                "admin"
            };
            Call::Post(
                "/api/v1/cities/kyiv/staff".into(),
                json!({ "login": login, "role": role }),
            )
        }
        Row::RevokeModerator => {
            let user = app.user(&fresh_login(3), PASSWORD, false, &[]).await;
            let grant =
                store::users::grant_role(&app.db, user, kyiv, Role::Moderator, app.clock.now())
                    .await
                    .unwrap();
            Call::Delete(format!("/api/v1/cities/kyiv/staff/{}", grant.id))
        }
        Row::CityAudit => Call::Get("/api/v1/cities/kyiv/audit?limit=5".into()),
        Row::CityEmails => Call::Get("/api/v1/cities/kyiv/emails?status=failed".into()),
        Row::RetryCityEmail => {
            let id = failed_email(app, Some(kyiv)).await;
            Call::Post(format!("/api/v1/cities/kyiv/emails/{id}/retry"), json!({}))
        }
        Row::PlatformAudit => Call::Get("/api/v1/platform/audit".into()),
        Row::PlatformEmails => Call::Get("/api/v1/platform/emails".into()),
        Row::RetryPlatformEmail => {
            let id = failed_email(app, None).await;
            Call::Post(format!("/api/v1/platform/emails/{id}/retry"), json!({}))
        }
        Row::MyPhoto => Call::Get("/api/v1/me/photo".into()),
        Row::PutMyPhoto => {
            let mut png = vec![];
            image::RgbImage::from_pixel(4, 4, image::Rgb([255, 213, 0]))
                .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
                .unwrap();
            Call::Put("/api/v1/me/photo".into(), png)
        }
        // A wrong current password: the permission passes, the check after it refuses.
        Row::ChangePassword => Call::Post(
            "/api/v1/me/password".into(),
            json!({ "current_password": "not my password", "new_password": "інший довгий пароль" }),
        ),
        Row::ResendVerification => Call::Post("/api/v1/auth/email/resend".into(), json!({})),
        Row::MeInCity => Call::Get("/api/v1/cities/kyiv/me".into()),
        Row::UpdateCity => Call::Patch("/api/v1/cities/kyiv".into(), json!({ "contacts": format!("тел. {cell}") })),
        Row::DeleteCity => {
            let slug = format!("gone-{cell}");
            app.city(&slug).await;
            Call::Delete(format!("/api/v1/cities/{slug}"))
        }
        Row::ViewSettings => Call::Get("/api/v1/cities/kyiv/settings".into()),
        Row::UpdateSettings => Call::Put(
            "/api/v1/cities/kyiv/settings".into(),
            json!({ "allow_commission": false, "tile_url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png", "map": { "lat": 50.45, "lon": 30.52, "zoom": 11 } })
                .to_string()
                .into_bytes(),
        ),
        Row::PutLogo => {
            let mut png = vec![];
            image::RgbImage::from_pixel(8, 8, image::Rgb([0, 87, 184]))
                .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
                .unwrap();
            Call::Put("/api/v1/cities/kyiv/logo".into(), png)
        }
        Row::CreateDistrict => Call::Post(
            "/api/v1/cities/kyiv/districts".into(),
            json!({ "name": { "uk": format!("Район {cell}"), "en": format!("District {cell}") } }),
        ),
        Row::CreateCategory => Call::Post(
            "/api/v1/cities/kyiv/categories".into(),
            json!({ "name": { "uk": format!("Категорія {cell}"), "en": format!("Category {cell}") } }),
        ),
        Row::CreateSession => Call::Post("/api/v1/cities/kyiv/sessions".into(), session_body(2100 + cell as i32)),
        Row::SetHint => Call::Put(
            format!("/api/v1/cities/kyiv/sessions/{session}/stages/voting/hint"),
            json!({ "uk": "Голосуйте!", "en": "Vote!" }).to_string().into_bytes(),
        ),
        Row::SetTranslation => Call::Put(
            "/api/v1/cities/kyiv/translations/uk/platform-name".into(),
            json!({ "value": format!("Громада {cell}") }).to_string().into_bytes(),
        ),
        Row::ListDrafts => Call::Get("/api/v1/cities/kyiv/pages?drafts=true".into()),
        Row::CreatePage => Call::Post(
            "/api/v1/cities/kyiv/pages".into(),
            json!({ "slug": format!("page-{cell}"), "title": { "uk": "Сторінка", "en": "Page" } }),
        ),
        Row::ModerationQueue => Call::Get("/api/v1/cities/kyiv/moderation/projects".into()),
        Row::MyProjects => Call::Get("/api/v1/cities/kyiv/me/projects".into()),
        Row::ListApiKeys => Call::Get("/api/v1/cities/kyiv/api-keys".into()),
        Row::CreateApiKey => Call::Post(
            "/api/v1/cities/kyiv/api-keys".into(),
            json!({ "name": format!("key {cell}") }),
        ),
        Row::RevokeApiKey => {
            let key = store::api_keys::insert(
                &app.db,
                store::api_keys::NewKey {
                    city_id: kyiv,
                    name: format!("key {cell}"),
                    key_prefix: "hrm_0000".into(),
                    key_hash: format!("hash {cell}"),
                    created_by: 1,
                },
                app.clock.now(),
            )
            .await
            .unwrap();
            Call::Delete(format!("/api/v1/cities/kyiv/api-keys/{}", key.id))
        }
        Row::PaperImports => Call::Get(format!(
            "/api/v1/cities/kyiv/sessions/{session}/paper-ballots/imports"
        )),
        // The fixture session has not started: staff pass the permission check and are told so.
        Row::ComputeResults => Call::Post(
            format!("/api/v1/cities/kyiv/sessions/{session}/results/compute"),
            json!({}),
        ),
        Row::PublishResults => Call::Post(
            format!("/api/v1/cities/kyiv/sessions/{session}/results/publish"),
            json!({}),
        ),
        // Only members of an elected commission vote; the fixture city has none.
        Row::ApproveResults => Call::Post(
            format!("/api/v1/cities/kyiv/sessions/{session}/results/approval"),
            json!({ "approve": true }),
        ),
        // The fixture city has no commission yet: nobody to decide a complaint.
        Row::FileComplaint => Call::Post(
            "/api/v1/cities/kyiv/appeals".into(),
            json!({ "kind": "complaint", "subject": "voting", "session_id": session, "body": format!("Скарга {cell}") }),
        ),
        Row::VoteOnAppeal => {
            let appeal = pending_appeal(app, kyiv, session).await;
            Call::Post(
                format!("/api/v1/cities/kyiv/appeals/{appeal}/votes"),
                json!({ "uphold": true, "reason": "Так" }),
            )
        }
        // The fixture city has not allowed commission elections: admins are told so.
        Row::ConfigureElection => Call::Put(
            format!("/api/v1/cities/kyiv/sessions/{session}/election"),
            json!({
                "min_votes_round2": 1, "votes_round1": 1, "votes_round2": 1, "seats": 1,
                "stages": []
            })
            .to_string()
            .into_bytes(),
        ),
        // Experts only (none among these callers); see tests/it/expertise.rs for experts.
        Row::ExpertQueue => Call::Get("/api/v1/cities/kyiv/expertise/queue".into()),
        Row::ConcludeOnProject => Call::Post(
            "/api/v1/cities/kyiv/projects/999999/conclusions".into(),
            json!({ "feasible": true }),
        ),
        // The author's: no such project for anyone.
        Row::ReviseForExpert => Call::Post(
            "/api/v1/cities/kyiv/projects/999999/expert-revision".into(),
            json!({ "description": "Опис", "items": [] }),
        ),
        // Public: no such project.
        Row::ProjectExpertise => Call::Get("/api/v1/cities/kyiv/projects/999999/expertise".into()),
        Row::ListExpertCategories => Call::Get("/api/v1/cities/kyiv/expert-categories".into()),
        // The first account is a resident, not an expert: admins are told so.
        Row::AssignExpertCategory => Call::Post(
            "/api/v1/cities/kyiv/expert-categories".into(),
            json!({ "user_id": 1, "category_id": 1 }),
        ),
        Row::UnassignExpertCategory => {
            Call::Delete("/api/v1/cities/kyiv/expert-categories/999999".into())
        }
        // The fixture session has no endorsement stage: signed-in callers pass the sign-in
        // check (anyone signed in endorses) and are told so.
        Row::Endorse | Row::WithdrawEndorsement => {
            let project = project_on_moderation(app, kyiv, session, &fresh_login(9)).await;
            let path = format!("/api/v1/cities/kyiv/projects/{project}/endorsement");
            if matches!(row, Row::Endorse) {
                Call::Post(path, json!({}))
            } else {
                Call::Delete(path)
            }
        }
        Row::LogoutEverywhere => Call::Post("/api/v1/auth/logout-everywhere".into(), json!({})),
    }
}

async fn send(browser: &Browser, call: &Call) -> reqwest::Response {
    match call {
        Call::Get(path) => browser.get(path).await,
        Call::Post(path, body) => browser.post(path, body).await,
        Call::Patch(path, body) => browser.patch(path, body).await,
        // JSON bodies are sent as JSON, anything else as a PNG upload.
        Call::Put(path, bytes) if bytes.first() == Some(&b'{') => {
            browser
                .put_json(path, &serde_json::from_slice(bytes).unwrap())
                .await
        }
        Call::Put(path, bytes) => browser.put_bytes(path, bytes.clone(), "image/png").await,
        Call::Delete(path) => browser.delete(path).await,
    }
}

#[tokio::test]
async fn every_endpoint_for_every_role() {
    let app = spawn_app().await;
    let kyiv = app.city("kyiv").await;
    let lviv = app.city("lviv").await;
    let accounts: [Account; 6] = [
        ("+380671000001", false, vec![]),
        ("+380671000002", false, vec![(kyiv, Role::Moderator)]),
        ("+380671000003", false, vec![(lviv, Role::Moderator)]),
        ("+380671000004", false, vec![(kyiv, Role::Admin)]),
        ("+380671000005", false, vec![(kyiv, Role::Observer)]),
        ("+380671000006", true, vec![]),
    ];
    let mut browsers = vec![app.browser()];
    for (login, platform_admin, roles) in &accounts {
        app.user(login, PASSWORD, *platform_admin, roles).await;
        let mut browser = app.browser();
        assert_eq!(browser.login(login, PASSWORD).await.status(), 200);
        browsers.push(browser);
    }

    // A session whose stage hints the table edits.
    let fixture = browsers[6]
        .post("/api/v1/cities/kyiv/sessions", &session_body(2099))
        .await;
    assert_eq!(fixture.status(), 201);
    let session = fixture.json::<Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();

    use Row::*;
    //                           anon  res  mod  mod2 admin obs  platform
    let table: [(Row, [u16; 7]); 54] = [
        (Me, [401, 200, 200, 200, 200, 200, 200]),
        (Session, [401, 200, 200, 200, 200, 200, 200]),
        (UpdateMe, [401, 200, 200, 200, 200, 200, 200]),
        (PublicCities, [200, 200, 200, 200, 200, 200, 200]),
        (CreateCity, [401, 403, 403, 403, 403, 403, 201]),
        (ListStaff, [401, 403, 403, 403, 200, 200, 200]),
        (GrantModerator, [401, 403, 403, 403, 201, 403, 201]),
        (GrantAdmin, [401, 403, 403, 403, 403, 403, 201]),
        (RevokeModerator, [401, 403, 403, 403, 204, 403, 204]),
        (CityAudit, [401, 403, 403, 403, 200, 200, 200]),
        (CityEmails, [401, 403, 403, 403, 200, 200, 200]),
        (RetryCityEmail, [401, 403, 403, 403, 204, 403, 204]),
        (PlatformAudit, [401, 403, 403, 403, 403, 403, 200]),
        (PlatformEmails, [401, 403, 403, 403, 403, 403, 200]),
        (RetryPlatformEmail, [401, 403, 403, 403, 403, 403, 204]),
        (MyPhoto, [401, 404, 404, 404, 404, 404, 404]),
        (PutMyPhoto, [401, 204, 204, 204, 204, 204, 204]),
        (ChangePassword, [401, 422, 422, 422, 422, 422, 422]),
        (ResendVerification, [401, 422, 422, 422, 422, 422, 422]),
        (MeInCity, [401, 200, 200, 200, 200, 200, 200]),
        (UpdateCity, [401, 403, 403, 403, 200, 403, 200]),
        (DeleteCity, [401, 403, 403, 403, 403, 403, 204]),
        (ViewSettings, [401, 403, 403, 403, 200, 200, 200]),
        (UpdateSettings, [401, 403, 403, 403, 200, 403, 200]),
        (PutLogo, [401, 403, 204, 403, 204, 403, 204]),
        (CreateDistrict, [401, 403, 403, 403, 201, 403, 201]),
        (CreateCategory, [401, 403, 403, 403, 201, 403, 201]),
        (CreateSession, [401, 403, 403, 403, 201, 403, 201]),
        (SetHint, [401, 403, 204, 403, 204, 403, 204]),
        (SetTranslation, [401, 403, 204, 403, 204, 403, 204]),
        (ListDrafts, [401, 403, 200, 403, 200, 200, 200]),
        (CreatePage, [401, 403, 201, 403, 201, 403, 201]),
        (ModerationQueue, [401, 403, 200, 403, 200, 200, 200]),
        (MyProjects, [401, 200, 200, 200, 200, 200, 200]),
        (ListApiKeys, [401, 403, 403, 403, 200, 200, 200]),
        (CreateApiKey, [401, 403, 403, 403, 201, 403, 201]),
        (RevokeApiKey, [401, 403, 403, 403, 204, 403, 204]),
        (PaperImports, [401, 403, 200, 403, 200, 200, 200]),
        (ComputeResults, [401, 403, 409, 403, 409, 403, 409]),
        (PublishResults, [401, 403, 409, 403, 409, 403, 409]),
        (ApproveResults, [401, 403, 403, 403, 403, 403, 403]),
        (FileComplaint, [401, 409, 409, 409, 409, 409, 409]),
        (VoteOnAppeal, [401, 403, 403, 403, 403, 403, 403]),
        (ConfigureElection, [401, 403, 403, 403, 409, 403, 409]),
        (ExpertQueue, [401, 403, 403, 403, 403, 403, 403]),
        (ConcludeOnProject, [401, 403, 403, 403, 403, 403, 403]),
        (ReviseForExpert, [401, 404, 404, 404, 404, 404, 404]),
        (ProjectExpertise, [404, 404, 404, 404, 404, 404, 404]),
        (ListExpertCategories, [401, 403, 403, 403, 200, 200, 200]),
        (AssignExpertCategory, [401, 403, 403, 403, 409, 403, 409]),
        (UnassignExpertCategory, [401, 403, 403, 403, 404, 403, 404]),
        (Endorse, [401, 409, 409, 409, 409, 409, 409]),
        (WithdrawEndorsement, [401, 409, 409, 409, 409, 409, 409]),
        // Last: it ends the sessions the rows above use.
        (LogoutEverywhere, [401, 204, 204, 204, 204, 204, 204]),
    ];
    let mut wrong = vec![];
    for (row_index, (row, expected)) in table.iter().enumerate() {
        for (cell, browser) in browsers.iter().enumerate() {
            let call = call_for(&app, *row, row_index * 10 + cell, kyiv, session).await;
            let response = send(browser, &call).await;
            let status = response.status().as_u16();
            if status != expected[cell] {
                let body = response.text().await.unwrap_or_default();
                let path = match &call {
                    Call::Get(p)
                    | Call::Post(p, _)
                    | Call::Patch(p, _)
                    | Call::Put(p, _)
                    | Call::Delete(p) => p.clone(),
                };
                wrong.push(format!(
                    "{path} as {}: {status}, expected {} ({body})",
                    WHO[cell], expected[cell]
                ));
            } else if status == 401 || status == 403 {
                let body: Value = response.json().await.unwrap();
                let code = if status == 401 {
                    "unauthenticated"
                } else if matches!(row, Row::ApproveResults | Row::VoteOnAppeal) {
                    // Not a role's permission: membership of the elected commission.
                    "commission-only"
                } else {
                    "forbidden"
                };
                assert_eq!(body["code"], code, "{body}");
            }
        }
    }
    assert!(wrong.is_empty(), "cells that differ:\n{}", wrong.join("\n"));

    // Every change above was audited: grants, revokes, retries, city creation.
    for (i, (login, _, _)) in accounts.iter().enumerate() {
        assert_eq!(
            browsers[i + 1].get("/api/v1/me").await.status(),
            401,
            "signed out everywhere"
        );
        browsers[i + 1].login(login, PASSWORD).await;
    }
    let audit: Value = browsers[6]
        .get("/api/v1/platform/audit?limit=100")
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
    for action in ["city.create", "role.grant", "role.revoke", "email.retry"] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
    // Filters work and the city's log excludes other cities' rows.
    let grants: Value = browsers[4]
        .get("/api/v1/cities/kyiv/audit?action=role.grant")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(grants["total"], 3, "{grants}");
    assert!(
        grants["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["action"] == "role.grant" && e["city_id"] == kyiv)
    );
}
