//! Kyiv practice (issue 13): the rules the Kyiv regulation adds around submission and voting.

use chrono::Utc;
use entities::city_role::Role;
use serde_json::{Value, json};

use crate::projects::{id_of, signed_in};
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
