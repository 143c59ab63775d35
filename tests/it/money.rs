//! Money is exact end to end: JSON text → Money → BIGINT kopiykas → Money → JSON text.

use entities::project::ProjectStatus;
use hromada::domain::{Clock, Money};
use hromada::store;
use sea_orm::EntityTrait;
use serde_json::json;

use crate::catalog::seed_city;
use crate::support::{problem, spawn_app};

#[tokio::test]
async fn money_round_trips_exactly_through_the_database() {
    let app = spawn_app().await;
    let seed = seed_city(&app, "kyiv").await;
    for amount in ["0.01", "1999999.99", "92233720368547758.07"] {
        let cost: Money = amount.parse().unwrap();
        let project = store::projects::insert(
            &app.db,
            store::projects::NewProject {
                budget_session_id: seed.session_id,
                author_id: seed.author_id,
                status: ProjectStatus::Admitted,
                content: store::projects::Content {
                    pot_id: None,
                    category_id: seed.category_id,
                    district_id: None,
                    title: format!("Проєкт за {amount}"),
                    description: "—".into(),
                    address: None,
                    lat: None,
                    lon: None,
                    beneficiaries: None,
                    implementation_notes: None,
                    cost,
                    reserve: Default::default(),
                    reserve_amount: Default::default(),
                },
            },
            app.clock.now(),
        )
        .await
        .unwrap();

        let stored = entities::project::Entity::find_by_id(project.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            stored.cost_minor,
            cost.minor_units(),
            "stored as exact kopiykas"
        );

        let body: serde_json::Value = app
            .get(&format!("/api/v1/cities/kyiv/projects/{}", project.id))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(body["cost"], amount, "{body}");
    }
}

#[tokio::test]
async fn money_input_is_checked_with_clear_problems() {
    let app = spawn_app().await;
    let price = |unit_price: &str| json!({ "items": [{ "name": "Лавка", "quantity": 1, "unit_price": unit_price }] });

    let ok: serde_json::Value = app
        .post_json("/api/v1/estimates/price", &price("92233720368547758.07"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(ok["total"], "92233720368547758.07");

    let overflow = app
        .post_json("/api/v1/estimates/price", &price("92233720368547758.08"))
        .await;
    let body = problem(overflow, 422, "money-overflow").await;
    assert_eq!(body["field"], "items[0].unit_price");

    let precision = app
        .post_json("/api/v1/estimates/price", &price("1.001"))
        .await;
    problem(precision, 422, "money-too-many-decimals").await;

    let garbage = app
        .post_json("/api/v1/estimates/price", &price("1,50"))
        .await;
    problem(garbage, 422, "money-invalid").await;
}

#[tokio::test]
async fn estimates_are_priced_to_the_kopiyka() {
    let app = spawn_app().await;
    let body = json!({ "items": [
        { "name": "Лавка", "quantity": 3, "unit_price": "4999.99" },
        { "name": "Урна", "quantity": 10, "unit_price": "0.1" },
        { "name": "Монтаж", "quantity": 1, "unit_price": "0.01" }
    ]});
    let response = app.post_json("/api/v1/estimates/price", &body).await;
    assert_eq!(response.status(), 200);
    let out: serde_json::Value = response.json().await.unwrap();
    assert_eq!(out["items"][0]["total"], "14999.97");
    assert_eq!(out["items"][1]["unit_price"], "0.10");
    assert_eq!(out["items"][1]["total"], "1.00");
    assert_eq!(out["total"], "15000.98");

    let overflow =
        json!({ "items": [{ "name": "a", "quantity": 2, "unit_price": "92233720368547758.07" }] });
    let body = problem(
        app.post_json("/api/v1/estimates/price", &overflow).await,
        422,
        "estimate-line-overflow",
    )
    .await;
    assert_eq!(body["field"], "items[0].quantity");

    let zero = json!({ "items": [{ "name": "a", "quantity": 0, "unit_price": "1" }] });
    problem(
        app.post_json("/api/v1/estimates/price", &zero).await,
        422,
        "estimate-bad-quantity",
    )
    .await;
    problem(
        app.post_json("/api/v1/estimates/price", &json!({ "items": [] }))
            .await,
        422,
        "estimate-empty",
    )
    .await;
}
