//! The HTTP contract: probes, spec, docs, the web app shell, request ids, metrics and every
//! kind of bad input answered with a problem.

use serde_json::json;

use crate::support::{problem, spawn_app, spawn_app_with};

#[tokio::test]
async fn probes_spec_docs_and_shell_are_served() {
    let app = spawn_app().await;
    assert_eq!(app.get("/healthz").await.status(), 200);
    assert_eq!(app.get("/readyz").await.status(), 200);

    let spec = app.get("/api/openapi.json").await;
    assert_eq!(spec.status(), 200);
    let spec: openapiv3::OpenAPI = spec.json().await.expect("a valid OpenAPI 3 document");
    assert!(spec.openapi.starts_with("3."));
    assert_eq!(spec.servers[0].url, "/api/v1");
    for path in [
        "/cities",
        "/cities/{slug}",
        "/cities/{slug}/projects",
        "/estimates/price",
        "/meta",
    ] {
        assert!(spec.paths.paths.contains_key(path), "spec lists {path}");
    }

    let docs = app.get("/docs").await;
    assert_eq!(docs.status(), 200);
    assert!(docs.text().await.unwrap().contains("swagger"), "Swagger UI");

    let home = app.get("/").await;
    assert_eq!(home.status(), 200);
    assert!(
        home.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = home.text().await.unwrap();
    assert!(
        html.contains("Громада") && html.contains("/js/main.js"),
        "{html}"
    );

    // Any page address of the web app is its shell; files and API addresses that do not
    // exist stay 404.
    for page in ["/cities/kyiv", "/cities/kyiv/projects/12", "/verify-email"] {
        let resp = app.get(page).await;
        assert_eq!(resp.status(), 200, "{page}");
        assert_eq!(resp.headers()["cache-control"], "no-cache", "{page}");
        assert!(resp.text().await.unwrap().contains("/js/main.js"), "{page}");
    }
    assert_eq!(app.get("/js/main.js").await.status(), 200);
    assert_eq!(app.get("/js/nothing.js").await.status(), 404);
    assert_eq!(app.get("/api/nothing").await.status(), 404);
    assert_eq!(app.get("/api/v1/nothing").await.status(), 404);

    let meta: serde_json::Value = app.get("/api/v1/meta").await.json().await.unwrap();
    assert_eq!(meta["name"], "hromada");
    assert_eq!(meta["languages"], json!(["uk", "en"]));
}

#[tokio::test]
async fn security_headers_on_pages_api_and_docs() {
    let app = spawn_app().await;
    for path in [
        "/",
        "/cities/kyiv",
        "/api/v1/meta",
        "/api/v1/nothing",
        "/app.css",
    ] {
        let resp = app.get(path).await;
        let h = resp.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("script-src 'self';"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        assert!(h.contains_key("referrer-policy"), "{path}");
        assert!(
            !h.contains_key("strict-transport-security"),
            "plain HTTP: {path}"
        );
    }
    // Swagger UI needs its inline script; it still may not be framed.
    let docs = app.get("/docs").await;
    let csp = docs.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");

    let https = spawn_app_with(|s| s.server.public_url = "https://gb.example.org".into()).await;
    let resp = https.get("/").await;
    assert!(
        resp.headers()["strict-transport-security"]
            .to_str()
            .unwrap()
            .starts_with("max-age=")
    );
}

#[tokio::test]
async fn request_ids_are_echoed_or_generated() {
    let app = spawn_app().await;
    let given = app
        .client
        .get(app.url("/healthz"))
        .header("x-request-id", "trace-abc-123")
        .send()
        .await
        .unwrap();
    assert_eq!(given.headers()["x-request-id"], "trace-abc-123");

    let generated = app.get("/healthz").await;
    let id = generated.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    assert_ne!(
        id,
        app.get("/healthz").await.headers()["x-request-id"]
            .to_str()
            .unwrap()
    );

    // A forged id with control characters is replaced, and the problem names the id used.
    let not_found = app
        .client
        .get(app.url("/no/such/page.html"))
        .header("x-request-id", "bad id with spaces")
        .send()
        .await
        .unwrap();
    let header_id = not_found.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_ne!(header_id, "bad id with spaces");
    let body = problem(not_found, 404, "not-found").await;
    assert_eq!(body["request_id"], header_id);
}

#[tokio::test]
async fn unknown_routes_are_localized_problems() {
    let app = spawn_app().await;
    let uk = problem(app.get("/api/v1/no-such-thing").await, 404, "not-found").await;
    assert_eq!(uk["title"], "Не знайдено");
    assert!(
        uk["detail"]
            .as_str()
            .unwrap()
            .contains("/api/v1/no-such-thing")
    );

    let en = app
        .client
        .get(app.url("/nothing-here.txt"))
        .header("accept-language", "en-GB,en;q=0.9,uk;q=0.5")
        .send()
        .await
        .unwrap();
    assert_eq!(en.headers()["content-language"], "en");
    let en = problem(en, 404, "not-found").await;
    assert_eq!(en["title"], "Not found");

    let city = problem(
        app.get("/api/v1/cities/atlantis").await,
        404,
        "city-not-found",
    )
    .await;
    assert!(city["detail"].as_str().unwrap().contains("atlantis"));
}

#[tokio::test]
async fn bad_bodies_get_specific_problems() {
    let app = spawn_app_with(|s| s.server.json_body_limit = 4096).await;
    let url = app.url("/api/v1/estimates/price");

    let malformed = app
        .client
        .post(&url)
        .header("content-type", "application/json")
        .body("{\"items\": [")
        .send()
        .await
        .unwrap();
    problem(malformed, 400, "malformed-json").await;

    let wrong_type = app
        .client
        .post(&url)
        .header("content-type", "text/plain")
        .body("items")
        .send()
        .await
        .unwrap();
    let body = problem(wrong_type, 415, "unsupported-media-type").await;
    assert!(
        body["detail"].as_str().unwrap().contains("text/plain"),
        "{body}"
    );

    let missing_type = app.client.post(&url).body("{}").send().await.unwrap();
    problem(missing_type, 415, "unsupported-media-type").await;

    let big = json!({ "items": [{ "name": "x".repeat(5000), "quantity": 1, "unit_price": "1" }] });
    let too_large = app.post_json("/api/v1/estimates/price", &big).await;
    let body = problem(too_large, 413, "payload-too-large").await;
    assert!(body["detail"].as_str().unwrap().contains("4096"), "{body}");

    // The same body streamed without Content-Length is refused as well.
    let bytes = serde_json::to_vec(&big).unwrap();
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        bytes.chunks(1000).map(|c| Ok(c.to_vec())).collect();
    let streamed = app
        .client
        .post(&url)
        .header("content-type", "application/json")
        .body(reqwest::Body::wrap_stream(futures_util::stream::iter(
            chunks,
        )))
        .send()
        .await
        .unwrap();
    problem(streamed, 413, "payload-too-large").await;

    // A small streamed body still works.
    let small = serde_json::to_vec(
        &json!({ "items": [{ "name": "a", "quantity": 2, "unit_price": "0.05" }] }),
    )
    .unwrap();
    let ok = app
        .client
        .post(&url)
        .header("content-type", "application/json")
        .body(reqwest::Body::wrap_stream(futures_util::stream::iter(
            vec![Ok::<_, std::io::Error>(small)],
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    assert_eq!(
        ok.json::<serde_json::Value>().await.unwrap()["total"],
        "0.10"
    );

    let wrong_shape = app
        .post_json("/api/v1/estimates/price", &json!({ "items": "many" }))
        .await;
    problem(wrong_shape, 400, "malformed-json").await;

    let float_money = app
        .post_json(
            "/api/v1/estimates/price",
            &json!({ "items": [{ "name": "a", "quantity": 1, "unit_price": 0.1 }] }),
        )
        .await;
    problem(float_money, 400, "malformed-json").await;

    let bad_query = app.get("/api/v1/cities/kyiv/projects?limit=lots").await;
    problem(bad_query, 400, "invalid-request").await;

    let wrong_method = app.get("/api/v1/estimates/price").await;
    problem(wrong_method, 405, "method-not-allowed").await;
}

#[tokio::test]
async fn a_panicking_handler_yields_a_500_problem_and_the_server_keeps_serving() {
    let app = spawn_app().await;
    let response = app.get("/__test/panic").await;
    let body = problem(response, 500, "internal").await;
    let text = body.to_string();
    assert!(
        !text.contains("secret internals") && !text.contains("panic"),
        "no internals leak: {text}"
    );
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .contains(body["request_id"].as_str().unwrap())
    );

    assert_eq!(app.get("/healthz").await.status(), 200);
    assert_eq!(app.get("/api/v1/cities").await.status(), 200);
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_status() {
    let app = spawn_app().await;
    app.get("/api/v1/cities").await;
    app.get("/api/v1/cities/nowhere").await;
    let text = app.get("/metrics").await.text().await.unwrap();
    assert!(
        text.contains(
            r#"hromada_http_requests_total{method="GET",route="/api/v1/cities",status="200"} 1"#
        ),
        "{text}"
    );
    assert!(
        text.contains(r#"route="/api/v1/cities/:param0",status="404"} 1"#),
        "route pattern, not the raw path: {text}"
    );
    assert!(text.contains("hromada_http_request_duration_seconds_bucket"));
    assert!(text.contains(r#"hromada_db_pool_connections{state="max"}"#));
}
