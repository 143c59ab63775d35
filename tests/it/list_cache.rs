//! The public catalogue's cache (`projects.list_cache_ttl_ms`): a page answered a moment ago
//! is answered again from memory for the same query, and only for it; a change shows after
//! the TTL; nobody's own data is in a page, whoever asked first.

use std::collections::BTreeSet;
use std::time::Duration;

use serde_json::Value;

use crate::projects::{City, act, city, id_of, project};
use crate::support::{TestApp, problem, spawn_app_with};

const LIST: &str = "/api/v1/cities/kyiv/projects";

/// A minute: far longer than any of these tests takes, so what they read twice comes from
/// memory the second time.
const LONG_TTL_MS: u64 = 60_000;

async fn json(response: reqwest::Response) -> Value {
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, 200, "{body}");
    body
}

async fn get(app: &TestApp, path: &str) -> Value {
    json(app.get(path).await).await
}

/// Two projects by the author, both submitted (on moderation, so public), the second a minute
/// newer and dearer; the first admitted.
async fn two_projects(app: &TestApp, c: &City) -> (i64, i64) {
    let mut ids = vec![];
    for (title, price) in [("Сквер", "1.00"), ("Стадіон", "2.00")] {
        app.clock.advance(chrono::Duration::minutes(1));
        let id = id_of(
            c.author
                .post("/api/v1/cities/kyiv/projects", &project(c, title, price))
                .await,
        )
        .await;
        assert_eq!(act(&c.author, id, "submit", None).await.status(), 200);
        ids.push(id);
    }
    assert_eq!(act(&c.moderator, ids[0], "admit", None).await.status(), 200);
    (ids[0], ids[1])
}

fn status_of(page: &Value, id: i64) -> &str {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .unwrap_or_else(|| panic!("project {id} in {page}"))["status"]
        .as_str()
        .unwrap()
}

#[tokio::test]
async fn a_page_is_reused_for_its_query_until_the_ttl_and_equals_the_database_answer() {
    let app = spawn_app_with(|s| s.projects.list_cache_ttl_ms = LONG_TTL_MS).await;
    let c = city(&app).await;
    let (_, waiting) = two_projects(&app, &c).await;

    let path = format!("{LIST}?sort=newest");
    let first = get(&app, &path).await;
    assert_eq!(first["total"], 2);
    assert_eq!(status_of(&first, waiting), "on_moderation");
    assert_eq!(get(&app, &path).await, first, "the same answer from memory");

    // The default random order without a seed: everyone gets the same shuffle for the TTL
    // (without the cache each answer would carry a fresh random seed) and pages on with it.
    let shuffled = get(&app, LIST).await;
    let seed = shuffled["seed"].as_u64().expect("a seed");
    assert_eq!(get(&app, LIST).await, shuffled);
    assert_eq!(
        get(&app, &format!("{LIST}?seed={seed}")).await,
        shuffled,
        "the seed it gave orders the same as the database does"
    );

    // A moderator's decision: the page already answered stays as it was for the TTL ...
    assert_eq!(
        act(&c.moderator, waiting, "admit", None).await.status(),
        200
    );
    assert_eq!(get(&app, &path).await, first, "reused until the TTL");
    // ... while any other query reads the database and shows it.
    let other = get(&app, &format!("{LIST}?sort=newest&limit=5")).await;
    assert_eq!(status_of(&other, waiting), "admitted");
    assert_eq!(
        get(&app, &format!("{LIST}?sort=newest&status=admitted")).await["total"],
        2
    );
}

#[tokio::test]
async fn a_change_shows_after_the_ttl_and_at_once_without_the_cache() {
    for ttl_ms in [0, 200] {
        let app = spawn_app_with(|s| s.projects.list_cache_ttl_ms = ttl_ms).await;
        let c = city(&app).await;
        let (_, waiting) = two_projects(&app, &c).await;
        let path = format!("{LIST}?sort=newest");
        assert_eq!(status_of(&get(&app, &path).await, waiting), "on_moderation");
        assert_eq!(
            act(&c.moderator, waiting, "admit", None).await.status(),
            200
        );
        if ttl_ms > 0 {
            // Past the TTL (with room to spare on a loaded machine): no timing is asserted,
            // only that the page is read again after it.
            tokio::time::sleep(Duration::from_millis(ttl_ms * 3)).await;
        }
        assert_eq!(
            status_of(&get(&app, &path).await, waiting),
            "admitted",
            "TTL {ttl_ms} ms"
        );
    }
}

#[tokio::test]
async fn filters_pages_orders_and_languages_never_mix() {
    let app = spawn_app_with(|s| s.projects.list_cache_ttl_ms = LONG_TTL_MS).await;
    let c = city(&app).await;
    let (admitted, waiting) = two_projects(&app, &c).await;
    let queries = [
        "?sort=newest",
        "?sort=newest&status=admitted",
        "?sort=newest&status=on_moderation",
        "?sort=newest&limit=1",
        "?sort=newest&limit=1&offset=1",
        "?sort=cost_asc",
        "?seed=1",
        "?seed=2",
        "?sort=newest&q=%D0%A1%D1%82%D0%B0%D0%B4%D1%96%D0%BE%D0%BD",
        &format!("?sort=newest&pot={}", c.local),
        &format!("?sort=newest&category={}", c.category),
    ];
    let mut first = vec![];
    for q in &queries {
        first.push(get(&app, &format!("{LIST}{q}")).await);
    }
    let ids = |page: &Value| -> Vec<i64> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_i64().unwrap())
            .collect()
    };
    assert_eq!(ids(&first[0]), [waiting, admitted], "newest first");
    assert_eq!(ids(&first[1]), [admitted]);
    assert_eq!(ids(&first[2]), [waiting]);
    assert_eq!(ids(&first[3]), [waiting]);
    assert_eq!(ids(&first[4]), [admitted]);
    assert_eq!(first[6]["seed"], 1);
    assert_eq!(first[7]["seed"], 2);
    assert_eq!(ids(&first[8]), [waiting], "the search");
    assert_eq!(first[9]["total"], 0, "no project in the district pot");
    assert_eq!(first[10]["total"], 2);
    // Asked again in the opposite order, each query gets its own page.
    for (q, expected) in queries.iter().zip(&first).rev() {
        assert_eq!(&get(&app, &format!("{LIST}{q}")).await, expected, "{q}");
    }

    // A page has no text in a language: English after Ukrainian gets the same page.
    let english = app
        .client
        .get(app.url(&format!("{LIST}?sort=newest")))
        .header("Accept-Language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(json(english).await, first[0]);
    // Errors, which have, are never kept: each comes in the language asked for.
    let mut titles = BTreeSet::new();
    for lang in ["uk", "en", "uk"] {
        let response = app
            .client
            .get(app.url(&format!("{LIST}?status=nonsense")))
            .header("Accept-Language", lang)
            .send()
            .await
            .unwrap();
        let body = problem(response, 422, "status-unknown").await;
        titles.insert((lang, body["title"].as_str().unwrap().to_owned()));
    }
    assert_eq!(titles.len(), 2, "{titles:?}");
    let [(_, en), (_, uk)] = [titles.first().unwrap(), titles.last().unwrap()];
    assert_ne!(en, uk, "{titles:?}");
}

#[tokio::test]
async fn nobody_s_own_data_enters_a_page_whoever_asks_first() {
    let app = spawn_app_with(|s| s.projects.list_cache_ttl_ms = LONG_TTL_MS).await;
    let c = city(&app).await;
    let (admitted, waiting) = two_projects(&app, &c).await;
    // The author's draft: theirs alone.
    let draft = id_of(
        c.author
            .post(
                "/api/v1/cities/kyiv/projects",
                &project(&c, "Чернетка", "1.00"),
            )
            .await,
    )
    .await;

    // Signed-in callers ask first, the author among them; then someone anonymous.
    let path = format!("{LIST}?sort=newest");
    let by_author = json(c.author.get(&path).await).await;
    let by_moderator = json(c.moderator.get(&path).await).await;
    let anonymous = get(&app, &path).await;
    // The same page for all; only the caller's own mark differs: whether they endorsed each
    // project (`null` for nobody signed in), added on top of the shared page.
    let unmarked = |mut page: Value, mark: Value| {
        for item in page["items"].as_array_mut().unwrap() {
            assert_eq!(item["endorsed"], mark, "{item}");
            item.as_object_mut().unwrap().remove("endorsed");
        }
        page
    };
    let shared = unmarked(anonymous.clone(), Value::Null);
    assert_eq!(unmarked(by_author, Value::Bool(false)), shared);
    assert_eq!(unmarked(by_moderator, Value::Bool(false)), shared);

    let public_fields: BTreeSet<&str> = [
        "id",
        "session_id",
        "pot_id",
        "category_id",
        "district_id",
        "title",
        "cost",
        "status",
        "lat",
        "lon",
        "created_at",
        "status_changed_at",
        "votes",
        "endorsements",
        "min_endorsements",
        "endorsed",
    ]
    .into();
    let page_fields: BTreeSet<&str> = ["items", "total", "limit", "offset", "seed"].into();
    assert_eq!(
        anonymous
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect::<BTreeSet<_>>(),
        page_fields
    );
    let items = anonymous["items"].as_array().unwrap();
    let ids: Vec<i64> = items.iter().map(|p| p["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [waiting, admitted], "no draft: {anonymous}");
    assert!(!ids.contains(&draft));
    for item in items {
        let fields: BTreeSet<&str> = item
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(fields, public_fields, "{item}");
    }
}
