//! Projects end to end: a resident drafts and submits, moderators decide, everyone browses.

use chrono::Utc;
use entities::city_role::Role;
use entities::{outbox, project_history};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use crate::support::{Browser, TestApp, jpeg, png, problem, spawn_app, spawn_app_with};

pub(crate) const PASSWORD: &str = "довгий тестовий пароль";

pub(crate) struct City {
    pub author: Browser,
    pub moderator: Browser,
    pub admin: Browser,
    pub resident: Browser,
    pub category: i64,
    pub district: i64,
    pub small: i64,
    pub local: i64,
}

pub(crate) async fn signed_in(
    app: &TestApp,
    login: &str,
    platform: bool,
    roles: &[(i64, Role)],
) -> Browser {
    app.user(login, PASSWORD, platform, roles).await;
    let mut browser = app.browser();
    assert_eq!(browser.login(login, PASSWORD).await.status(), 200);
    browser
}

pub(crate) async fn id_of(response: reqwest::Response) -> i64 {
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    assert!(status.is_success(), "{status}: {body}");
    body["id"].as_i64().unwrap()
}

/// Kyiv in its submission stage: a category, a district with a boundary, a citywide and a
/// district pot, an author with a complete profile, a moderator, an admin and a resident.
pub(crate) async fn city(app: &TestApp) -> City {
    let kyiv = app.city("kyiv").await;
    let admin = signed_in(app, "+380931000001", false, &[(kyiv, Role::Admin)]).await;
    let moderator = signed_in(app, "+380931000002", false, &[(kyiv, Role::Moderator)]).await;
    let author = signed_in(app, "+380931000003", false, &[]).await;
    let resident = signed_in(app, "+380931000004", false, &[]).await;
    let profile = author
        .patch(
            "/api/v1/me",
            &json!({ "birth_date": "1990-03-09", "phone": "+380931000003", "email": "author@example.org" }),
        )
        .await;
    assert_eq!(profile.status(), 200);
    let category = id_of(
        admin
            .post(
                "/api/v1/cities/kyiv/categories",
                &json!({ "name": { "uk": "Спорт", "en": "Sport" } }),
            )
            .await,
    )
    .await;
    let square = json!({ "type": "Polygon", "coordinates": [[[30.5, 50.4], [30.6, 50.4], [30.6, 50.5], [30.5, 50.5], [30.5, 50.4]]] }).to_string();
    let district = id_of(
        admin
            .post(
                "/api/v1/cities/kyiv/districts",
                &json!({ "name": { "uk": "Печерський", "en": "Pecherskyi" }, "boundary": square }),
            )
            .await,
    )
    .await;
    let day = |offset: i64| (Utc::now().date_naive() + chrono::Duration::days(offset)).to_string();
    let session: Value = admin
        .post(
            "/api/v1/cities/kyiv/sessions",
            &json!({
                "name": { "uk": "ГБ", "en": "PB" },
                "parameters": {
                    "votes_per_voter": 5, "min_voter_age": 16, "min_author_age": 18,
                    "results_rule": "greedy", "registration_methods": ["password"],
                    "required_fields": ["last_name", "first_name", "birth_date", "phone"]
                },
                "stages": [
                    { "kind": "submission", "start": day(-1), "end": day(30) },
                    { "kind": "review", "start": day(31), "end": day(60) },
                    { "kind": "voting", "start": day(61), "end": day(90) },
                    { "kind": "results", "start": day(91), "end": day(100) },
                ],
                "pots": [
                    { "name": { "uk": "Малі", "en": "Small" }, "scope": "citywide", "total": "1000000", "max_project_cost": "100000.00" },
                    { "name": { "uk": "Районні", "en": "District" }, "scope": "district", "total": "500000", "max_project_cost": "50000" }
                ],
            }),
        )
        .await
        .json()
        .await
        .unwrap();
    let pots = session["pots"].as_array().expect("pots");
    City {
        author,
        moderator,
        admin,
        resident,
        category,
        district,
        small: pots[0]["id"].as_i64().unwrap(),
        local: pots[1]["id"].as_i64().unwrap(),
    }
}

pub(crate) fn project(c: &City, title: &str, price: &str) -> Value {
    json!({
        "pot_id": c.small,
        "category_id": c.category,
        "title": title,
        "description": "Лавки й **освітлення** <script>alert(1)</script>",
        "address": "вул. Хрещатик, 1",
        "lat": 50.45, "lon": 30.55,
        "beneficiaries": "Мешканці району",
        "items": [
            { "name": "Лавка", "quantity": 3, "unit_price": "0.10" },
            { "name": "Ліхтар", "quantity": 1, "unit_price": price }
        ]
    })
}

pub(crate) async fn act(
    browser: &Browser,
    id: i64,
    action: &str,
    comment: Option<&str>,
) -> reqwest::Response {
    browser
        .post(
            &format!("/api/v1/cities/kyiv/projects/{id}/status"),
            &json!({ "action": action, "comment": comment }),
        )
        .await
}

#[tokio::test]
async fn a_project_is_drafted_submitted_moderated_and_shown_with_its_history() {
    let app = spawn_app().await;
    let c = city(&app).await;

    // Exact money: 3 × 0.10 + 0.20 is 0.50, not 0.5000000001.
    let created = c
        .author
        .post(
            "/api/v1/cities/kyiv/projects",
            &project(&c, "Сквер", "0.20"),
        )
        .await;
    assert_eq!(created.status(), 201);
    let draft: Value = created.json().await.unwrap();
    let id = draft["id"].as_i64().unwrap();
    assert_eq!(draft["cost"], "0.50");
    assert_eq!(draft["status"], "draft");
    assert_eq!(draft["items"][0]["total"], "0.30");
    // The district is proposed from the map point.
    assert_eq!(draft["district_id"], c.district);
    assert!(
        !draft["description_html"]
            .as_str()
            .unwrap()
            .contains("<script")
    );
    assert!(
        draft["description_html"]
            .as_str()
            .unwrap()
            .contains("<strong>освітлення</strong>")
    );

    // A draft is the author's alone.
    assert_eq!(
        app.get(&format!("/api/v1/cities/kyiv/projects/{id}"))
            .await
            .status(),
        404
    );
    assert_eq!(
        c.moderator
            .get(&format!("/api/v1/cities/kyiv/projects/{id}"))
            .await
            .status(),
        404
    );
    // The author edits it freely.
    let edited = c
        .author
        .put_json(
            &format!("/api/v1/cities/kyiv/projects/{id}"),
            &project(&c, "Сквер біля школи", "1.00"),
        )
        .await;
    assert_eq!(edited.status(), 200);
    assert_eq!(edited.json::<Value>().await.unwrap()["cost"], "1.30");
    // Nobody else does, and nobody else submits it.
    problem(
        c.resident
            .put_json(
                &format!("/api/v1/cities/kyiv/projects/{id}"),
                &project(&c, "Чуже", "1"),
            )
            .await,
        404,
        "project-not-found",
    )
    .await;

    // A moderator cannot admit a draft; the author submits.
    problem(
        act(&c.moderator, id, "admit", None).await,
        404,
        "project-not-found",
    )
    .await;
    let submitted = act(&c.author, id, "submit", None).await;
    assert_eq!(submitted.status(), 200);
    assert_eq!(
        submitted.json::<Value>().await.unwrap()["status"],
        "on_moderation"
    );
    // Now public, and no longer editable.
    assert_eq!(
        app.get(&format!("/api/v1/cities/kyiv/projects/{id}"))
            .await
            .status(),
        200
    );
    problem(
        c.author
            .put_json(
                &format!("/api/v1/cities/kyiv/projects/{id}"),
                &project(&c, "Інше", "1"),
            )
            .await,
        409,
        "project-not-editable",
    )
    .await;

    // Moderation: residents and authors may not; a return needs a comment.
    problem(act(&c.resident, id, "admit", None).await, 403, "forbidden").await;
    problem(act(&c.author, id, "admit", None).await, 403, "forbidden").await;
    problem(
        act(&c.moderator, id, "return_for_revision", None).await,
        422,
        "comment-required",
    )
    .await;
    let returned = act(
        &c.moderator,
        id,
        "return_for_revision",
        Some("Уточніть кошторис"),
    )
    .await;
    assert_eq!(returned.status(), 200);
    // The author revises and resubmits; the moderator admits.
    let revised = c
        .author
        .put_json(
            &format!("/api/v1/cities/kyiv/projects/{id}"),
            &project(&c, "Сквер біля школи №1", "2.00"),
        )
        .await;
    assert_eq!(revised.status(), 200);
    assert_eq!(act(&c.author, id, "resubmit", None).await.status(), 200);
    problem(
        act(&c.author, id, "resubmit", None).await,
        409,
        "project-transition-invalid",
    )
    .await;
    let admitted = act(&c.moderator, id, "admit", None).await;
    assert_eq!(admitted.status(), 200);
    let page: Value = admitted.json().await.unwrap();
    assert_eq!(page["status"], "admitted");
    assert_eq!(page["author"], "Особа Тестова");
    // Results and implementation wait for their stages.
    let early = problem(
        act(&c.admin, id, "mark_not_implemented", Some("Причина")).await,
        409,
        "project-transition-invalid",
    )
    .await;
    assert!(
        early["detail"]
            .as_str()
            .unwrap()
            .contains("«Допущено до голосування»"),
        "{early}"
    );
    // Winners are set by publishing the results, never by hand.
    problem(
        act(&c.admin, id, "select_winner", None).await,
        409,
        "project-set-by-results",
    )
    .await;

    // The public history: every step, in order, with the moderator's comment.
    let public: Value = app
        .get(&format!("/api/v1/cities/kyiv/projects/{id}"))
        .await
        .json()
        .await
        .unwrap();
    let steps: Vec<&str> = public["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["to"].as_str().unwrap())
        .collect();
    assert_eq!(
        steps,
        [
            "draft",
            "on_moderation",
            "needs_revision",
            "on_moderation",
            "admitted"
        ]
    );
    assert_eq!(public["history"][2]["comment"], "Уточніть кошторис");

    // Each change e-mailed the author, in the same transaction as the change.
    let emails = outbox::Entity::find()
        .filter(outbox::Column::ToAddress.eq("author@example.org"))
        .filter(outbox::Column::Template.eq("project-status"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(emails.len(), 4);
    assert!(emails.iter().any(
        |e| e.body_text.contains("Уточніть кошторис") && e.subject.contains("На доопрацюванні")
    ));
}

#[tokio::test]
async fn refused_input_and_refused_authors() {
    let app = spawn_app().await;
    let c = city(&app).await;

    // Over the pot's maximum: the error says by how much.
    let over = problem(
        c.author
            .post(
                "/api/v1/cities/kyiv/projects",
                &project(&c, "Палац", "100000.00"),
            )
            .await,
        422,
        "project-over-limit",
    )
    .await;
    assert!(over["detail"].as_str().unwrap().contains("0.30"), "{over}");
    // A district pot needs a district: none given and the point is outside every boundary.
    let mut outside = project(&c, "Десь", "1");
    outside["pot_id"] = json!(c.local);
    outside["lat"] = json!(49.0);
    problem(
        c.author
            .post("/api/v1/cities/kyiv/projects", &outside)
            .await,
        422,
        "district-required",
    )
    .await;
    let mut long = project(&c, "Довга назва", "1");
    long["items"][0]["name"] = json!("ї".repeat(301));
    problem(
        c.author.post("/api/v1/cities/kyiv/projects", &long).await,
        422,
        "estimate-long-name",
    )
    .await;
    let mut unknown = project(&c, "Десь", "1");
    unknown["category_id"] = json!(999_999);
    problem(
        c.author
            .post("/api/v1/cities/kyiv/projects", &unknown)
            .await,
        422,
        "category-unknown",
    )
    .await;
    let mut blank = project(&c, "   ", "1");
    blank["items"] = json!([]);
    problem(
        c.author.post("/api/v1/cities/kyiv/projects", &blank).await,
        422,
        "field-required",
    )
    .await;

    // A resident without birth date and phone is told what to fill in.
    let incomplete = problem(
        c.resident
            .post("/api/v1/cities/kyiv/projects", &project(&c, "Сквер", "1"))
            .await,
        422,
        "profile-incomplete",
    )
    .await;
    assert!(
        incomplete["detail"]
            .as_str()
            .unwrap()
            .contains("Дата народження")
    );
    // Too young.
    c.resident
        .patch(
            "/api/v1/me",
            &json!({ "birth_date": (Utc::now().date_naive() - chrono::Duration::days(365 * 17)).to_string(), "phone": "+380931000004" }),
        )
        .await;
    problem(
        c.resident
            .post("/api/v1/cities/kyiv/projects", &project(&c, "Сквер", "1"))
            .await,
        403,
        "author-too-young",
    )
    .await;
    problem(
        app.post_json("/api/v1/cities/kyiv/projects", &project(&c, "Сквер", "1"))
            .await,
        401,
        "unauthenticated",
    )
    .await;
    assert_eq!(
        entities::project::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn rejection_needs_a_reason_and_withdrawal_is_the_authors() {
    let app = spawn_app().await;
    let c = city(&app).await;
    let mut ids = vec![];
    for title in ["Перший", "Другий"] {
        let id = id_of(
            c.author
                .post("/api/v1/cities/kyiv/projects", &project(&c, title, "1"))
                .await,
        )
        .await;
        assert_eq!(act(&c.author, id, "submit", None).await.status(), 200);
        ids.push(id);
    }
    problem(
        act(&c.moderator, ids[0], "reject", None).await,
        422,
        "comment-required",
    )
    .await;
    let rejected = act(
        &c.moderator,
        ids[0],
        "reject",
        Some("Не належить до повноважень міста"),
    )
    .await;
    assert_eq!(rejected.status(), 200);
    // Final.
    problem(
        act(&c.moderator, ids[0], "admit", None).await,
        409,
        "project-transition-invalid",
    )
    .await;
    problem(
        act(&c.moderator, ids[1], "withdraw", None).await,
        403,
        "forbidden",
    )
    .await;
    assert_eq!(act(&c.author, ids[1], "withdraw", None).await.status(), 200);
    // Withdrawn projects leave the catalogue.
    let list: Value = app
        .get("/api/v1/cities/kyiv/projects")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["status"], "rejected");
    let history = project_history::Entity::find()
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(history, 3 + 3);
}

#[tokio::test]
async fn the_queue_the_catalogue_and_the_map() {
    let app = spawn_app().await;
    let c = city(&app).await;
    let mut ids = vec![];
    for (index, title) in ["Бібліотека", "Стадіон", "Велодоріжка", "Бювет"]
        .iter()
        .enumerate()
    {
        let mut body = project(&c, title, &format!("{}.00", index + 1));
        if index == 3 {
            body["lat"] = Value::Null;
            body["lon"] = Value::Null;
        }
        let id = id_of(c.author.post("/api/v1/cities/kyiv/projects", &body).await).await;
        app.clock.advance(chrono::Duration::minutes(5));
        assert_eq!(act(&c.author, id, "submit", None).await.status(), 200);
        ids.push(id);
    }
    app.clock.advance(chrono::Duration::minutes(10));
    assert_eq!(act(&c.moderator, ids[1], "admit", None).await.status(), 200);

    // The queue: waiting ones, longest waiting first, staff only.
    let queue: Value = c
        .moderator
        .get("/api/v1/cities/kyiv/moderation/projects")
        .await
        .json()
        .await
        .unwrap();
    let queued: Vec<i64> = queue["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    assert_eq!(queued, [ids[0], ids[2], ids[3]]);
    assert!(
        queue["items"][0]["waiting_seconds"].as_i64().unwrap()
            > queue["items"][2]["waiting_seconds"].as_i64().unwrap()
    );
    problem(
        c.resident
            .get("/api/v1/cities/kyiv/moderation/projects")
            .await,
        403,
        "forbidden",
    )
    .await;
    problem(
        app.get("/api/v1/cities/kyiv/moderation/projects").await,
        401,
        "unauthenticated",
    )
    .await;

    // Filters: status, text (any case, Cyrillic included), category, district.
    let by = |query: &str| {
        let app = &app;
        let query = query.to_owned();
        async move {
            let page: Value = app
                .get(&format!("/api/v1/cities/kyiv/projects?{query}"))
                .await
                .json()
                .await
                .unwrap();
            let mut ids: Vec<i64> = page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["id"].as_i64().unwrap())
                .collect();
            ids.sort();
            ids
        }
    };
    assert_eq!(by("status=admitted").await, [ids[1]]);
    assert_eq!(by("q=СТАДІОН").await, [ids[1]]);
    assert_eq!(
        by("q=вело%20доріжка").await,
        [ids[2]],
        "every word, anywhere"
    );
    assert_eq!(by("q=вело%20стадіон").await, Vec::<i64>::new());
    assert_eq!(
        by(&format!(
            "category={}&status=on_moderation,admitted",
            c.category
        ))
        .await
        .len(),
        4
    );
    assert_eq!(
        by(&format!("district={}", c.district)).await,
        [ids[0], ids[1], ids[2]]
    );
    problem(
        app.get("/api/v1/cities/kyiv/projects?status=draft").await,
        422,
        "status-unknown",
    )
    .await;
    problem(
        app.get("/api/v1/cities/kyiv/projects?sort=best").await,
        422,
        "sort-unknown",
    )
    .await;

    // Sorting by cost, and a random order that one seed keeps across pages.
    let cost_desc: Value = app
        .get("/api/v1/cities/kyiv/projects?sort=cost_desc")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(cost_desc["items"][0]["id"], ids[3]);
    let first: Value = app
        .get("/api/v1/cities/kyiv/projects?limit=2")
        .await
        .json()
        .await
        .unwrap();
    let seed = first["seed"].as_u64().unwrap();
    let second: Value = app
        .get(&format!(
            "/api/v1/cities/kyiv/projects?limit=2&offset=2&seed={seed}"
        ))
        .await
        .json()
        .await
        .unwrap();
    let again: Value = app
        .get(&format!("/api/v1/cities/kyiv/projects?limit=2&seed={seed}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(first["items"], again["items"]);
    let mut seen: Vec<i64> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .chain(second["items"].as_array().unwrap())
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    seen.sort();
    let mut all = ids.clone();
    all.sort();
    assert_eq!(seen, all, "two pages of one seed cover every project once");
    // Different seeds give different orders (some of 20 seeds differ from the first).
    let mut orders = std::collections::HashSet::new();
    for seed in 0..20 {
        let page: Value = app
            .get(&format!("/api/v1/cities/kyiv/projects?seed={seed}"))
            .await
            .json()
            .await
            .unwrap();
        orders.insert(page["items"].to_string());
    }
    assert!(orders.len() > 1);

    // The map: GeoJSON points of the projects that have one.
    let map: Value = app
        .get("/api/v1/cities/kyiv/projects-map")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(map["type"], "FeatureCollection");
    let features = map["features"].as_array().unwrap();
    assert_eq!(features.len(), 3);
    assert_eq!(
        features[0]["geometry"]["coordinates"],
        json!([30.55, 50.45])
    );
    let admitted_only: Value = app
        .get("/api/v1/cities/kyiv/projects-map?status=admitted")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(admitted_only["features"].as_array().unwrap().len(), 1);

    // The author's own list has everything of theirs.
    let mine: Value = c
        .author
        .get("/api/v1/cities/kyiv/me/projects")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine.as_array().unwrap().len(), 4);
}

use crate::support::PDF;

/// The files the storage holds for a project.
fn stored(app: &TestApp, project: i64) -> usize {
    let dir = std::path::Path::new(&app.settings.storage.path)
        .join("projects")
        .join(project.to_string());
    std::fs::read_dir(dir).map_or(0, |entries| entries.count())
}

#[tokio::test]
async fn images_and_documents_are_checked_counted_served_and_removed() {
    let app = spawn_app_with(|s| {
        s.projects.max_images = 2;
        s.projects.max_documents = 1;
        s.projects.max_document_bytes = 2_000;
    })
    .await;
    let c = city(&app).await;
    let id = id_of(
        c.author
            .post("/api/v1/cities/kyiv/projects", &project(&c, "Сквер", "10"))
            .await,
    )
    .await;
    let files = format!("/api/v1/cities/kyiv/projects/{id}/files");
    let attach = |kind: &str, name: &str| format!("{files}?kind={kind}&name={name}");

    // An image, checked by content; its name is kept, without folders.
    let photo = png(40, 30);
    let added = c
        .author
        .post_bytes(
            &attach(
                "image",
                "..%2Fmy%20photos%2F%D1%81%D0%BA%D0%B2%D0%B5%D1%80.png",
            ),
            photo.clone(),
            "image/png",
        )
        .await;
    assert_eq!(added.status(), 201);
    let image: Value = added.json().await.unwrap();
    assert_eq!(image["kind"], "image");
    assert_eq!(image["name"], "сквер.png");
    assert_eq!(image["content_type"], "image/png");
    assert_eq!(image["size_bytes"], photo.len());
    problem(
        c.author
            .post_bytes(&attach("image", "a.png"), jpeg(10, 10), "image/png")
            .await,
        422,
        "image-mismatch",
    )
    .await;
    problem(
        c.author
            .post_bytes(&attach("image", "a.png"), PDF.to_vec(), "image/png")
            .await,
        422,
        "image-type",
    )
    .await;
    let second = c
        .author
        .post_bytes(&attach("image", "b.jpg"), jpeg(10, 10), "image/jpeg")
        .await;
    assert_eq!(second.status(), 201);
    let limit = problem(
        c.author
            .post_bytes(&attach("image", "c.png"), png(5, 5), "image/png")
            .await,
        409,
        "project-files-limit",
    )
    .await;
    assert!(limit["detail"].as_str().unwrap().contains('2'), "{limit}");

    // A document: a PDF, whole, within its size.
    problem(
        c.author
            .post_bytes(&attach("document", "a.pdf"), png(5, 5), "application/pdf")
            .await,
        422,
        "document-type",
    )
    .await;
    problem(
        c.author
            .post_bytes(
                &attach("document", "a.pdf"),
                PDF[..PDF.len() - 7].to_vec(),
                "application/pdf",
            )
            .await,
        422,
        "document-corrupt",
    )
    .await;
    let mut big = PDF.to_vec();
    big.splice(9..9, vec![b' '; 3_000]);
    problem(
        c.author
            .post_bytes(&attach("document", "a.pdf"), big, "application/pdf")
            .await,
        413,
        "document-too-large",
    )
    .await;
    let document = c
        .author
        .post_bytes(
            &attach("document", "Кошторис.pdf"),
            PDF.to_vec(),
            "application/pdf",
        )
        .await;
    assert_eq!(document.status(), 201);
    let document: Value = document.json().await.unwrap();
    problem(
        c.author
            .post_bytes(
                &attach("document", "b.pdf"),
                PDF.to_vec(),
                "application/pdf",
            )
            .await,
        409,
        "project-files-limit",
    )
    .await;
    problem(
        c.author
            .post_bytes(&attach("video", "a.mp4"), PDF.to_vec(), "video/mp4")
            .await,
        422,
        "file-kind-unknown",
    )
    .await;
    // Nobody else attaches anything.
    problem(
        c.resident
            .post_bytes(&attach("image", "x.png"), png(5, 5), "image/png")
            .await,
        404,
        "project-not-found",
    )
    .await;
    assert_eq!(
        app.client
            .post(app.url(&attach("image", "x.png")))
            .header("content-type", "image/png")
            .body(png(5, 5))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    // Refused uploads leave nothing behind in the storage.
    assert_eq!(stored(&app, id), 3);

    // The page lists them; the author downloads them; a draft's files are not cached.
    let page: Value = c
        .author
        .get(&format!("/api/v1/cities/kyiv/projects/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["images"].as_array().unwrap().len(), 2);
    assert_eq!(page["documents"][0]["name"], "Кошторис.pdf");
    let url = image["url"].as_str().unwrap();
    let download = c.author.get(url).await;
    assert_eq!(download.status(), 200);
    assert_eq!(download.headers()["content-type"], "image/png");
    assert_eq!(download.headers()["cache-control"], "private, no-store");
    assert_eq!(download.headers()["x-content-type-options"], "nosniff");
    assert_eq!(download.bytes().await.unwrap().as_ref(), photo.as_slice());
    assert_eq!(app.get(url).await.status(), 404, "a draft is the author's");

    // Removing one frees its place.
    assert_eq!(c.author.delete(url).await.status(), 204);
    problem(c.author.get(url).await, 404, "file-not-found").await;
    problem(c.author.delete(url).await, 404, "file-not-found").await;
    assert_eq!(stored(&app, id), 2);

    // Once submitted the files are fixed; when admitted everyone downloads them.
    assert_eq!(act(&c.author, id, "submit", None).await.status(), 200);
    problem(
        c.author
            .post_bytes(&attach("image", "d.png"), png(5, 5), "image/png")
            .await,
        409,
        "project-not-editable",
    )
    .await;
    let doc_url = document["url"].as_str().unwrap();
    problem(c.author.delete(doc_url).await, 409, "project-not-editable").await;
    assert_eq!(act(&c.moderator, id, "admit", None).await.status(), 200);
    let public = app.get(doc_url).await;
    assert_eq!(public.status(), 200);
    assert_eq!(public.headers()["content-type"], "application/pdf");
    assert_eq!(public.headers()["cache-control"], "public, max-age=3600");
    assert_eq!(public.headers()["content-security-policy"], "sandbox");
    assert!(
        public.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("filename*=UTF-8''%D0%9A"),
    );
    assert_eq!(public.bytes().await.unwrap().as_ref(), PDF);
}

#[tokio::test]
async fn an_upload_the_storage_cannot_take_is_a_clear_error_and_leaves_no_row() {
    let app = spawn_app().await;
    let c = city(&app).await;
    let id = id_of(
        c.author
            .post("/api/v1/cities/kyiv/projects", &project(&c, "Сквер", "10"))
            .await,
    )
    .await;
    // The storage folder becomes a plain file: every write to it fails, as on a full disk.
    let root = std::path::Path::new(&app.settings.storage.path);
    std::fs::remove_dir_all(root).unwrap();
    std::fs::write(root, b"not a folder").unwrap();
    problem(
        c.author
            .post_bytes(
                &format!("/api/v1/cities/kyiv/projects/{id}/files?kind=image"),
                png(5, 5),
                "image/png",
            )
            .await,
        503,
        "storage-unavailable",
    )
    .await;
    let count = entities::project_file::Entity::find()
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(count, 0);
    std::fs::remove_file(root).ok();
}

#[tokio::test]
async fn a_status_change_whose_email_cannot_be_written_leaves_no_trace() {
    let app = spawn_app().await;
    let c = city(&app).await;
    let id = id_of(
        c.author
            .post("/api/v1/cities/kyiv/projects", &project(&c, "Сквер", "10"))
            .await,
    )
    .await;
    assert_eq!(act(&c.author, id, "submit", None).await.status(), 200);
    let history = || async {
        project_history::Entity::find()
            .filter(project_history::Column::ProjectId.eq(id))
            .count(&app.db)
            .await
            .unwrap()
    };
    let emails = || async { outbox::Entity::find().count(&app.db).await.unwrap() };
    let (history_before, emails_before) = (history().await, emails().await);

    // The database refuses every new e-mail: the step after the status and its history row.
    let (refuse, allow) = match app.db.get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => (
            "CREATE FUNCTION refuse_mail() RETURNS trigger LANGUAGE plpgsql AS \
             $$ BEGIN RAISE EXCEPTION 'outbox refused'; END $$; \
             CREATE TRIGGER refuse_mail BEFORE INSERT ON outbox \
             FOR EACH ROW EXECUTE FUNCTION refuse_mail();",
            "DROP TRIGGER refuse_mail ON outbox",
        ),
        _ => (
            "CREATE TRIGGER refuse_mail BEFORE INSERT ON outbox \
             BEGIN SELECT RAISE(ABORT, 'outbox refused'); END;",
            "DROP TRIGGER refuse_mail",
        ),
    };
    app.db.execute_unprepared(refuse).await.unwrap();
    problem(act(&c.moderator, id, "admit", None).await, 500, "internal").await;
    let page: Value = c
        .author
        .get(&format!("/api/v1/cities/kyiv/projects/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["status"], "on_moderation", "the status is not changed");
    assert_eq!(history().await, history_before, "no history row");
    assert_eq!(emails().await, emails_before, "no e-mail");

    // With the outbox back, the same step writes all three.
    app.db.execute_unprepared(allow).await.unwrap();
    assert_eq!(act(&c.moderator, id, "admit", None).await.status(), 200);
    assert_eq!(history().await, history_before + 1);
    assert_eq!(emails().await, emails_before + 1);
}

#[tokio::test]
async fn the_property_registry_reads_with_a_valid_key_only() {
    let app = spawn_app().await;
    let c = city(&app).await;
    let lviv = app.city("lviv").await;
    let lviv_admin = signed_in(&app, "+380931000009", false, &[(lviv, Role::Admin)]).await;

    // Keys are the city admins' business; the secret is shown once, and lists never show it.
    problem(
        c.moderator
            .post("/api/v1/cities/kyiv/api-keys", &json!({ "name": "Майно" }))
            .await,
        403,
        "forbidden",
    )
    .await;
    let made = c
        .admin
        .post(
            "/api/v1/cities/kyiv/api-keys",
            &json!({ "name": "ІАС Майно" }),
        )
        .await;
    assert_eq!(made.status(), 201);
    let made: Value = made.json().await.unwrap();
    let secret = made["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("hrm_") && secret.len() > 60);
    assert!(secret.starts_with(made["prefix"].as_str().unwrap()));
    let listed = c
        .admin
        .get("/api/v1/cities/kyiv/api-keys")
        .await
        .text()
        .await
        .unwrap();
    assert!(listed.contains("ІАС Майно") && !listed.contains(&secret));
    let other = lviv_admin
        .post("/api/v1/cities/lviv/api-keys", &json!({ "name": "Львів" }))
        .await
        .json::<Value>()
        .await
        .unwrap()["secret"]
        .as_str()
        .unwrap()
        .to_owned();

    // Projects: a draft (never shown), one on moderation, one admitted.
    let mut ids = vec![];
    for title in ["Чернетка", "Сквер", "Стадіон"] {
        ids.push(
            id_of(
                c.author
                    .post("/api/v1/cities/kyiv/projects", &project(&c, title, "10"))
                    .await,
            )
            .await,
        );
    }
    for id in &ids[1..] {
        assert_eq!(act(&c.author, *id, "submit", None).await.status(), 200);
    }
    app.clock.advance(chrono::Duration::minutes(5));
    assert_eq!(act(&c.moderator, ids[2], "admit", None).await.status(), 200);

    let read = |key: Option<&str>, path: &str| {
        let mut request = app.client.get(app.url(path));
        if let Some(key) = key {
            request = request.header("x-api-key", key);
        }
        request.send()
    };
    let page: Value = read(Some(&secret), "/api/v1/registry/cities/kyiv/projects")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(page["total"], 2, "{page}");
    let items = page["items"].as_array().unwrap();
    // Least recently changed first: the admitted project comes last.
    assert_eq!(items[0]["id"], ids[1]);
    assert_eq!(items[1]["id"], ids[2]);
    assert_eq!(items[1]["title"], "Стадіон");
    assert_eq!(items[1]["status"], "admitted");
    assert_eq!(items[1]["budget"], "10.30");
    assert_eq!(items[1]["category"]["name"]["uk"], "Спорт");
    assert_eq!(items[1]["author"], "Особа Тестова");
    assert!(
        !page.to_string().contains("author@example.org"),
        "no contact data"
    );

    // Incremental: only what changed since the given time.
    let since = items[1]["updated_at"].as_str().unwrap();
    let changed: Value = read(
        Some(&secret),
        &format!(
            "/api/v1/registry/cities/kyiv/projects?updated_since={}",
            since.replace('+', "%2B")
        ),
    )
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    assert_eq!(changed["total"], 1, "{changed}");
    assert_eq!(changed["items"][0]["id"], ids[2]);
    // With the last item as the cursor, nothing is seen twice.
    let past: Value = read(
        Some(&secret),
        &format!(
            "/api/v1/registry/cities/kyiv/projects?updated_since={}&after_id={}",
            since.replace('+', "%2B"),
            ids[2]
        ),
    )
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    assert_eq!(past["total"], 0, "{past}");

    // The city's map tiles.
    let kyiv: Value = read(Some(&secret), "/api/v1/registry/cities/kyiv")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(kyiv["tile_url"].as_str().unwrap().contains("{z}"), "{kyiv}");

    // A key of another city, a wrong key, no key.
    problem(
        read(Some(&other), "/api/v1/registry/cities/kyiv/projects")
            .await
            .unwrap(),
        403,
        "api-key-wrong-city",
    )
    .await;
    problem(
        read(Some("hrm_0000"), "/api/v1/registry/cities/kyiv/projects")
            .await
            .unwrap(),
        401,
        "api-key-invalid",
    )
    .await;
    problem(
        read(None, "/api/v1/registry/cities/kyiv/projects")
            .await
            .unwrap(),
        401,
        "unauthenticated",
    )
    .await;

    // A revoked key opens nothing; its last use is on record.
    let key_id = made["id"].as_i64().unwrap();
    assert_eq!(
        c.admin
            .delete(&format!("/api/v1/cities/kyiv/api-keys/{key_id}"))
            .await
            .status(),
        204
    );
    problem(
        read(Some(&secret), "/api/v1/registry/cities/kyiv/projects")
            .await
            .unwrap(),
        401,
        "api-key-revoked",
    )
    .await;
    let keys: Value = c
        .admin
        .get("/api/v1/cities/kyiv/api-keys")
        .await
        .json()
        .await
        .unwrap();
    assert!(keys[0]["revoked_at"].is_string());
    assert!(keys[0]["last_used_at"].is_string());
    problem(
        lviv_admin
            .delete(&format!("/api/v1/cities/lviv/api-keys/{key_id}"))
            .await,
        404,
        "api-key-not-found",
    )
    .await;
}

/// Every status × every action × author, moderator, admin and resident, in each period of the
/// session: the HTTP answer is what the domain's status machine says, wired through the real
/// roles, the session's dates and the visibility rule.
#[tokio::test]
async fn every_transition_over_http_follows_the_status_machine() {
    use hromada::domain::project::{self as rules, Action, Period, Status, TransitionError, Who};
    use sea_orm::{ActiveModelTrait, Set};

    let app = spawn_app().await;
    let mut c = city(&app).await;
    let id = id_of(
        c.author
            .post("/api/v1/cities/kyiv/projects", &project(&c, "Сквер", "10"))
            .await,
    )
    .await;
    let logins = [
        (Who::Author, "+380931000003"),
        (Who::Moderator, "+380931000002"),
        (Who::Admin, "+380931000001"),
        (Who::Other, "+380931000004"),
    ];
    // Day 0 is submission; the fixture's review, voting and results stages follow.
    let periods = [
        (Period::Submission, 0),
        (Period::Review, 35),
        (Period::Voting, 30),
        (Period::AfterVoting, 30),
    ];
    let mut wrong = vec![];
    let mut cells = 0;
    for (period, days) in periods {
        app.clock.advance(chrono::Duration::days(days));
        // A month on, the sessions have expired: everyone signs in again.
        for (browser, (_, login)) in [
            &mut c.author,
            &mut c.moderator,
            &mut c.admin,
            &mut c.resident,
        ]
        .into_iter()
        .zip(logins)
        {
            assert_eq!(browser.login(login, PASSWORD).await.status(), 200);
        }
        let browsers = [&c.author, &c.moderator, &c.admin, &c.resident];
        for from in Status::ALL {
            for action in Action::ALL {
                for (browser, (who, _)) in browsers.iter().zip(logins) {
                    // Without a comment only where one is required: the rest take it as well.
                    let comments: &[Option<&str>] = if action.needs_comment() {
                        &[None, Some("Причина")]
                    } else {
                        &[Some("Причина")]
                    };
                    for &comment in comments {
                        entities::project::ActiveModel {
                            id: Set(id),
                            status: Set(hromada::store::projects::to_entity(from)),
                            ..Default::default()
                        }
                        .update(&app.db)
                        .await
                        .unwrap();
                        let expected = if !rules::visible(from, Some(who)) {
                            Err((404, "project-not-found"))
                        } else {
                            match rules::requested(from, action, who, period, comment.is_some()) {
                                Ok(to) => Ok(to),
                                Err(TransitionError::Forbidden) => Err((403, "forbidden")),
                                Err(TransitionError::WrongStatus(_)) => {
                                    Err((409, "project-transition-invalid"))
                                }
                                Err(TransitionError::WrongPeriod) => {
                                    Err((409, "project-period-closed"))
                                }
                                Err(TransitionError::CommentRequired) => {
                                    Err((422, "comment-required"))
                                }
                                Err(TransitionError::ByResults) => {
                                    Err((409, "project-set-by-results"))
                                }
                            }
                        };
                        let response = act(browser, id, action.code(), comment).await;
                        let status = response.status().as_u16();
                        let body: Value = response.json().await.unwrap();
                        let got = if status == 200 {
                            Status::from_code(body["status"].as_str().unwrap()).ok_or(())
                        } else {
                            Err(())
                        };
                        let same = match expected {
                            Ok(to) => status == 200 && got == Ok(to),
                            Err((code, problem)) => status == code && body["code"] == problem,
                        };
                        if !same {
                            wrong.push(format!(
                                "{period:?} {from:?} {action:?} by {who:?} (comment: {}): \
                                 expected {expected:?}, got {status} {body}",
                                comment.is_some()
                            ));
                        }
                        cells += 1;
                    }
                }
            }
        }
    }
    let needing_comment = Action::ALL.iter().filter(|a| a.needs_comment()).count();
    assert_eq!(cells, 4 * 11 * (11 + needing_comment) * 4);
    assert!(
        wrong.is_empty(),
        "{} cells differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
