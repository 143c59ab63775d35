//! The public catalogue and the demo city.

use chrono::Utc;
use entities::{budget_session, category, city};
use hromada::app::demo;
use hromada::domain::Clock;
use hromada::store;
use sea_orm::{ActiveModelTrait, Set};

use crate::support::{TestApp, problem, spawn_app};

pub struct Seed {
    pub session_id: i64,
    pub category_id: i64,
    pub author_id: i64,
}

/// A city with one category, one session and one resident, written straight to the database.
pub async fn seed_city(app: &TestApp, slug: &str) -> Seed {
    let now = app.clock.now();
    let city = city::ActiveModel {
        slug: Set(slug.into()),
        name_uk: Set(format!("Місто {slug}")),
        name_en: Set(format!("City {slug}")),
        time_zone: Set("Europe/Kyiv".into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    let category = category::ActiveModel {
        city_id: Set(city.id),
        name_uk: Set("Спорт".into()),
        name_en: Set("Sport".into()),
        position: Set(0),
        active: Set(true),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    let session = budget_session::ActiveModel {
        city_id: Set(city.id),
        name_uk: Set("ГБ".into()),
        name_en: Set("PB".into()),
        votes_per_voter: Set(5),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    let author = store::users::insert(
        &app.db,
        store::users::NewUser {
            login: format!("author-{slug}"),
            password_hash: None,
            last_name: "Автор".into(),
            first_name: "Тест".into(),
            patronymic: None,
            email: None,
            phone: None,
            birth_date: None,
            lang: "uk".into(),
            is_platform_admin: false,
            registration_address: None,
            residence_address: None,
        },
        now,
    )
    .await
    .unwrap();
    Seed {
        session_id: session.id,
        category_id: category.id,
        author_id: author.id,
    }
}

#[tokio::test]
async fn demo_seeds_a_whole_city_once() {
    let app = spawn_app().await;
    let state = test_state(&app);
    let accounts = demo::seed_if_empty(&state)
        .await
        .unwrap()
        .expect("seeded into an empty database");
    let roles: Vec<_> = accounts.iter().map(|a| a.role).collect();
    for role in [
        "platform admin",
        "city admin",
        "moderator",
        "observer",
        "resident",
    ] {
        assert!(roles.contains(&role), "{role} in {roles:?}");
    }
    let passwords: std::collections::HashSet<_> =
        accounts.iter().map(|a| a.password.clone()).collect();
    assert_eq!(
        passwords.len(),
        accounts.len(),
        "random, distinct passwords"
    );
    assert!(accounts.iter().all(|a| a.password.len() >= 16));

    assert!(
        demo::seed_if_empty(&state).await.unwrap().is_none(),
        "never seeded twice"
    );

    let city: serde_json::Value = app.get("/api/v1/cities/kyiv").await.json().await.unwrap();
    assert_eq!(city["name"]["uk"], "Київ");
    assert_eq!(city["districts"].as_array().unwrap().len(), 10);
    assert!(city["categories"].as_array().unwrap().len() >= 5);
    let stages = city["sessions"][0]["stages"].as_array().unwrap();
    let voting = stages
        .iter()
        .find(|s| s["kind"] == "voting")
        .expect("a voting stage");
    let now = Utc::now();
    let starts: chrono::DateTime<Utc> = voting["starts_at"].as_str().unwrap().parse().unwrap();
    let ends: chrono::DateTime<Utc> = voting["ends_at"].as_str().unwrap().parse().unwrap();
    assert!(
        starts <= now && now < ends,
        "the demo session is in its voting stage"
    );
    // …and its commission election in round 1, with the demo residents as candidates.
    let session_id = city["sessions"][0]["id"].as_i64().unwrap();
    let election: serde_json::Value = app
        .get(&format!(
            "/api/v1/cities/kyiv/sessions/{session_id}/election"
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(election["phase"], "round1", "{election}");
    let candidates: serde_json::Value = app
        .get(&format!(
            "/api/v1/cities/kyiv/elections/{}/applications",
            election["id"]
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(candidates.as_array().unwrap().len(), 2, "{candidates}");

    let current: serde_json::Value = app
        .get("/api/v1/cities/kyiv/sessions/current")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(current["now"]["stage"], "voting", "{current}");
    assert_eq!(current["pots"].as_array().unwrap().len(), 2);
    assert_eq!(current["pots"][0]["max_project_cost"], "1999999.99");
    // A rule the results can be computed by, and projects on the map.
    assert_eq!(current["parameters"]["results_rule"], "greedy");
    let map: serde_json::Value = app
        .get("/api/v1/cities/kyiv/projects-map")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(map["features"].as_array().unwrap().len(), 8, "{map}");
    let about: serde_json::Value = app
        .get("/api/v1/cities/kyiv/pages/about")
        .await
        .json()
        .await
        .unwrap();
    assert!(
        about["html"]["uk"]
            .as_str()
            .unwrap()
            .contains("<strong>голосують</strong>")
    );

    let page: serde_json::Value = app
        .get("/api/v1/cities/kyiv/projects?limit=3")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["total"], 8);
    assert_eq!(page["limit"], 3);
    assert_eq!(page["items"].as_array().unwrap().len(), 3);
    let rest: serde_json::Value = app
        .get("/api/v1/cities/kyiv/projects?limit=100&offset=3")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(rest["items"].as_array().unwrap().len(), 5);
    let clamped: serde_json::Value = app
        .get("/api/v1/cities/kyiv/projects?limit=100000")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(clamped["limit"], 100, "page size is bounded");
    let far = app
        .get("/api/v1/cities/kyiv/projects?offset=18446744073709551615")
        .await;
    assert_eq!(
        far.status(),
        200,
        "an offset past the end is an empty page, not a fault"
    );
    assert_eq!(
        far.json::<serde_json::Value>().await.unwrap()["items"],
        serde_json::json!([])
    );
}

#[tokio::test]
async fn projects_are_scoped_to_their_city() {
    let app = spawn_app().await;
    let kyiv = seed_city(&app, "kyiv").await;
    seed_city(&app, "lviv").await;
    let project = store::projects::insert(
        &app.db,
        store::projects::NewProject {
            budget_session_id: kyiv.session_id,
            author_id: kyiv.author_id,
            status: entities::project::ProjectStatus::Admitted,
            content: store::projects::Content {
                pot_id: None,
                category_id: kyiv.category_id,
                district_id: None,
                title: "Сквер".into(),
                description: "Новий сквер".into(),
                address: None,
                lat: None,
                lon: None,
                beneficiaries: None,
                implementation_notes: None,
                cost: "100.00".parse().unwrap(),
                reserve: Default::default(),
                reserve_amount: Default::default(),
            },
        },
        app.clock.now(),
    )
    .await
    .unwrap();
    assert_eq!(
        app.get(&format!("/api/v1/cities/kyiv/projects/{}", project.id))
            .await
            .status(),
        200
    );
    problem(
        app.get(&format!("/api/v1/cities/lviv/projects/{}", project.id))
            .await,
        404,
        "project-not-found",
    )
    .await;
    let lviv: serde_json::Value = app
        .get("/api/v1/cities/lviv/projects")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(lviv["total"], 0);
    let cities: serde_json::Value = app.get("/api/v1/cities").await.json().await.unwrap();
    assert_eq!(cities.as_array().unwrap().len(), 2);
}

fn test_state(app: &TestApp) -> hromada::state::AppState {
    app.state()
}
