//! Combined geocoding end to end: three local servers answer as Nominatim, Visicom and Google
//! do, and the lookup combines them by the city's settings.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use entities::audit_log;
use entities::city_role::Role;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::projects::signed_in;
use crate::support::{Browser, TestApp, problem, spawn_app_with};

const VISICOM_KEY: &str = "visicom-SECRET-key-0001";
const GOOGLE_KEY: &str = "google-SECRET-key-0002";

/// Three providers, the app, the city and its admin.
struct World {
    app: TestApp,
    nominatim: MockServer,
    visicom: MockServer,
    google: MockServer,
    admin: Browser,
    resident: Browser,
    kyiv: i64,
}

async fn world_with(adjust: impl FnOnce(&mut hromada::config::Settings)) -> World {
    let app = spawn_app_with(|s| {
        // Tests ask Nominatim more often than its public instance allows.
        s.geocoding.nominatim_interval_ms = 1;
        adjust(s);
    })
    .await;
    let kyiv = app.city("kyiv").await;
    let admin = signed_in(&app, "+380932000001", false, &[(kyiv, Role::Admin)]).await;
    let resident = signed_in(&app, "+380932000002", false, &[]).await;
    World {
        nominatim: MockServer::start().await,
        visicom: MockServer::start().await,
        google: MockServer::start().await,
        app,
        admin,
        resident,
        kyiv,
    }
}

async fn world() -> World {
    world_with(|_| {}).await
}

impl World {
    /// Google at priority 3, Visicom 2, Nominatim 1, each with its mock server.
    fn settings(&self, mode: &str) -> Value {
        json!({
            "mode": mode,
            "providers": [
                { "provider": "nominatim", "enabled": true, "priority": 1,
                  "base_url": self.nominatim.uri(), "timeout_ms": 1000 },
                { "provider": "visicom", "enabled": true, "priority": 2,
                  "base_url": self.visicom.uri(), "api_key": VISICOM_KEY, "timeout_ms": 1000 },
                { "provider": "google", "enabled": true, "priority": 3,
                  "base_url": format!("{}/", self.google.uri()), "api_key": GOOGLE_KEY,
                  "timeout_ms": 300 },
            ]
        })
    }

    async fn configure(&self, mode: &str) -> Value {
        let response = self
            .admin
            .put_json(
                "/api/v1/cities/kyiv/geocoding/settings",
                &self.settings(mode),
            )
            .await;
        let status = response.status();
        let text = response.text().await.unwrap();
        assert_eq!(status, 200, "{text}");
        assert_no_key(&text);
        serde_json::from_str(&text).unwrap()
    }

    async fn lookup(&self, q: &str) -> reqwest::Response {
        self.resident
            .get(&format!("/api/v1/cities/kyiv/geocode?q={}", urlencode(q)))
            .await
    }

    /// The places found, as (provider, place id); asserts the answer holds no key.
    async fn found(&self, q: &str) -> Vec<(String, String)> {
        let response = self.lookup(q).await;
        let status = response.status();
        let text = response.text().await.unwrap();
        assert_eq!(status, 200, "{text}");
        assert_no_key(&text);
        let body: Value = serde_json::from_str(&text).unwrap();
        body["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                assert!(r["address"].as_str().is_some_and(|a| !a.is_empty()), "{r}");
                assert!(r["lat"].is_f64() && r["lon"].is_f64(), "{r}");
                (
                    r["provider"].as_str().unwrap().to_owned(),
                    r["place_id"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    }

    async fn metrics(&self) -> String {
        self.app.get("/metrics").await.text().await.unwrap()
    }
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn assert_no_key(text: &str) {
    for key in [VISICOM_KEY, GOOGLE_KEY, "SECRET"] {
        assert!(!text.contains(key), "a key leaked: {text}");
    }
}

fn found(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(p, id)| (p.to_string(), id.to_string()))
        .collect()
}

// The providers' documented answers. Kyiv's map centre is 50.4501, 30.5234.

fn nominatim_places() -> Value {
    json!([{
        "place_id": 2001, "licence": "Data © OpenStreetMap contributors, ODbL 1.0.",
        "osm_type": "way", "osm_id": 4411, "lat": "50.4300000", "lon": "30.5400000",
        "category": "building", "type": "yes", "place_rank": 30, "importance": 0.00001,
        "addresstype": "building", "name": "",
        "display_name": "22, Khreshchatyk Street, Pechersk district, Kyiv, 01001, Ukraine",
        "boundingbox": ["50.4299", "50.4301", "30.5399", "30.5401"]
    }])
}

fn visicom_feature(id: &str, lon: f64, lat: f64) -> Value {
    json!({
        "type": "Feature", "id": id,
        "properties": { "categories": "adr_address", "name": "22", "street": "Хрещатик",
            "street_type": "вул.", "settlement": "Київ", "country": "Україна" },
        "bbox": [lon - 0.001, lat - 0.001, lon + 0.001, lat + 0.001],
        "geo_centroid": { "type": "Point", "coordinates": [lon, lat] }
    })
}

fn visicom_places() -> Value {
    json!({
        "type": "FeatureCollection",
        "features": [
            // A metre from Google's: the same place.
            visicom_feature("ADR-V1", 30.52231, 50.44731),
            visicom_feature("ADR-V2", 30.5000, 50.4600),
        ]
    })
}

fn google_ok() -> Value {
    json!({
        "results": [{
            "address_components": [],
            "formatted_address": "Khreshchatyk St, 22, Kyiv, Ukraine, 02000",
            "geometry": { "location": { "lat": 50.4473, "lng": 30.5223 },
                          "location_type": "ROOFTOP" },
            "place_id": "ChIJ-G1", "types": ["street_address"]
        }],
        "status": "OK"
    })
}

fn google_status(status: &str) -> Value {
    // Google's messages are free text; this one echoes the key, which must not reach a log.
    json!({ "error_message": format!("The provided API key {GOOGLE_KEY} is invalid."),
            "results": [], "status": status })
}

fn ok(body: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

/// Mounts each provider's endpoint, checking the parameters each API takes.
async fn answer(server: &MockServer, provider: &str, response: ResponseTemplate, times: u64) {
    let mock = match provider {
        "nominatim" => Mock::given(method("GET"))
            .and(path("/search"))
            .and(query_param("format", "jsonv2"))
            .and(query_param("accept-language", "uk"))
            .and(query_param("bounded", "1")),
        "visicom" => Mock::given(method("GET"))
            .and(path("/data-api/5.0/uk/geocode.json"))
            .and(query_param("key", VISICOM_KEY)),
        _ => Mock::given(method("GET"))
            .and(path("/maps/api/geocode/json"))
            .and(query_param("key", GOOGLE_KEY))
            .and(query_param("language", "uk")),
    };
    mock.respond_with(response)
        .expect(times)
        .mount(server)
        .await;
}

#[tokio::test]
async fn sequential_stops_at_priority_3_when_it_has_results() {
    let w = world().await;
    w.configure("sequential").await;
    answer(&w.google, "google", ok(google_ok()), 1).await;
    answer(&w.visicom, "visicom", ok(visicom_places()), 0).await;
    answer(&w.nominatim, "nominatim", ok(nominatim_places()), 0).await;
    assert_eq!(
        w.found("Хрещатик 22").await,
        found(&[("google", "ChIJ-G1")])
    );
    let requests = w.google.received_requests().await.unwrap();
    let url = requests[0].url.to_string();
    assert!(url.contains("bounds="), "{url}");
    assert!(url.contains("address=%D0%A5"), "{url}");
}

#[tokio::test]
async fn sequential_falls_through_3_2_1_when_empty() {
    let w = world().await;
    w.configure("sequential").await;
    answer(
        &w.google,
        "google",
        ok(json!({ "results": [], "status": "ZERO_RESULTS" })),
        2,
    )
    .await;
    answer(
        &w.visicom,
        "visicom",
        ok(json!({ "type": "FeatureCollection", "features": [] })),
        2,
    )
    .await;
    answer(&w.nominatim, "nominatim", ok(nominatim_places()), 1).await;
    assert_eq!(
        w.found("Хрещатик 22").await,
        found(&[("nominatim", "2001")])
    );
    let request = &w.nominatim.received_requests().await.unwrap()[0];
    let agent = request.headers.get("user-agent").unwrap().to_str().unwrap();
    assert!(agent.starts_with("hromada/"), "{agent}");
    assert!(request.url.to_string().contains("viewbox="));

    // Nothing anywhere: an empty list, not an error.
    w.nominatim.reset().await;
    answer(&w.nominatim, "nominatim", ok(json!([])), 1).await;
    assert_eq!(w.found("Нема такої вулиці").await, found(&[]));
}

#[tokio::test]
async fn parallel_merges_by_priority_and_deduplicates() {
    let w = world().await;
    w.configure("parallel").await;
    answer(&w.google, "google", ok(google_ok()), 1).await;
    answer(&w.visicom, "visicom", ok(visicom_places()), 1).await;
    answer(&w.nominatim, "nominatim", ok(nominatim_places()), 1).await;
    assert_eq!(
        w.found("Хрещатик 22").await,
        found(&[
            ("google", "ChIJ-G1"),
            ("visicom", "ADR-V2"),
            ("nominatim", "2001")
        ])
    );
    // A single Feature is an answer too; places outside the city are left out.
    w.visicom.reset().await;
    answer(
        &w.visicom,
        "visicom",
        ok(visicom_feature("ADR-ONE", 30.51, 50.45)),
        1,
    )
    .await;
    w.google.reset().await;
    let lviv = json!({ "results": [{ "formatted_address": "Lviv", "place_id": "ChIJ-L",
        "geometry": { "location": { "lat": 49.84, "lng": 24.03 } } }], "status": "OK" });
    answer(&w.google, "google", ok(lviv), 1).await;
    w.nominatim.reset().await;
    answer(&w.nominatim, "nominatim", ok(json!([])), 1).await;
    assert_eq!(w.found("Хрещатик").await, found(&[("visicom", "ADR-ONE")]));
}

#[tokio::test]
async fn a_slow_a_failing_and_a_malformed_provider_are_no_result() {
    let w = world().await;
    w.configure("sequential").await;
    // Google past its 300 ms timeout, Visicom a 500: Nominatim answers.
    answer(
        &w.google,
        "google",
        ok(google_ok()).set_delay(Duration::from_secs(3)),
        1,
    )
    .await;
    answer(&w.visicom, "visicom", ResponseTemplate::new(500), 1).await;
    answer(&w.nominatim, "nominatim", ok(nominatim_places()), 1).await;
    let started = std::time::Instant::now();
    assert_eq!(
        w.found("Хрещатик 22").await,
        found(&[("nominatim", "2001")])
    );
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "the timeout held"
    );

    // In parallel, malformed JSON from Nominatim: the others are shown.
    w.configure("parallel").await;
    w.google.reset().await;
    w.visicom.reset().await;
    w.nominatim.reset().await;
    answer(&w.google, "google", ok(google_ok()), 1).await;
    answer(&w.visicom, "visicom", ok(visicom_places()), 1).await;
    answer(
        &w.nominatim,
        "nominatim",
        ResponseTemplate::new(200).set_body_raw("[{\"place_id\": 1, \"lat\":", "application/json"),
        1,
    )
    .await;
    assert_eq!(
        w.found("Хрещатик 22").await,
        found(&[("google", "ChIJ-G1"), ("visicom", "ADR-V2")])
    );
    let metrics = w.metrics().await;
    for line in [
        r#"hromada_geocoding_provider_failures_total{provider="google",reason="timeout"} 1"#,
        r#"hromada_geocoding_provider_failures_total{provider="visicom",reason="http"} 1"#,
        r#"hromada_geocoding_provider_failures_total{provider="nominatim",reason="malformed"} 1"#,
    ] {
        assert!(metrics.contains(line), "{line} in {metrics}");
    }
}

#[tokio::test]
async fn every_provider_failing_is_a_clear_problem() {
    let w = world().await;
    w.configure("parallel").await;
    answer(&w.google, "google", ok(google_status("UNKNOWN_ERROR")), 2).await;
    answer(&w.visicom, "visicom", ResponseTemplate::new(429), 2).await;
    answer(&w.nominatim, "nominatim", ResponseTemplate::new(503), 2).await;
    let body = problem(w.lookup("Хрещатик 22").await, 503, "geocoding-unavailable").await;
    assert!(body["detail"].as_str().unwrap().contains("мап"), "{body}");
    assert_no_key(&body.to_string());
    // Failures are not cached: the next lookup asks every provider again.
    let body = problem(w.lookup("Хрещатик 22").await, 503, "geocoding-unavailable").await;
    assert_no_key(&body.to_string());
}

#[tokio::test]
async fn google_error_statuses() {
    let w = world().await;
    w.configure("sequential").await;
    for (q, status) in [("one", "OVER_QUERY_LIMIT"), ("two", "REQUEST_DENIED")] {
        Mock::given(method("GET"))
            .and(path("/maps/api/geocode/json"))
            .and(query_param("address", q))
            .respond_with(ok(google_status(status)))
            .expect(1)
            .mount(&w.google)
            .await;
    }
    Mock::given(method("GET"))
        .and(path("/maps/api/geocode/json"))
        .and(query_param("address", "three"))
        .respond_with(ok(json!({ "results": [], "status": "ZERO_RESULTS" })))
        .expect(1)
        .mount(&w.google)
        .await;
    // Google refusing counts as no result: Visicom (priority 2) is asked each time.
    answer(&w.visicom, "visicom", ok(visicom_places()), 3).await;
    for q in ["one", "two", "three"] {
        assert_eq!(
            w.found(q).await,
            found(&[("visicom", "ADR-V1"), ("visicom", "ADR-V2")]),
            "{q}"
        );
    }
    let metrics = w.metrics().await;
    assert!(
        metrics.contains(
            r#"hromada_geocoding_provider_failures_total{provider="google",reason="status"} 2"#
        ),
        "ZERO_RESULTS is not a failure: {metrics}"
    );
}

#[tokio::test]
async fn a_repeated_lookup_is_served_from_the_cache_until_settings_change() {
    let w = world().await;
    w.configure("sequential").await;
    answer(&w.google, "google", ok(google_ok()), 2).await;
    assert_eq!(w.found("Хрещатик 22").await.len(), 1);
    assert_eq!(w.found("  хрещатик   22 ").await.len(), 1);
    assert_eq!(w.google.received_requests().await.unwrap().len(), 1);
    // Another city-wide setting: the old answer is not reused.
    w.configure("parallel").await;
    answer(&w.visicom, "visicom", ok(json!({})), 1).await;
    answer(&w.nominatim, "nominatim", ok(json!([])), 1).await;
    assert_eq!(w.found("Хрещатик 22").await.len(), 1);
    assert_eq!(w.google.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn only_admins_change_the_settings_and_observers_read_them() {
    let w = world().await;
    let moderator = signed_in(&w.app, "+380932000003", false, &[(w.kyiv, Role::Moderator)]).await;
    let observer = signed_in(&w.app, "+380932000005", false, &[(w.kyiv, Role::Observer)]).await;
    let url = "/api/v1/cities/kyiv/geocoding/settings";
    let body = w.settings("parallel");
    for who in [&moderator, &w.resident] {
        problem(who.get(url).await, 403, "forbidden").await;
        problem(who.put_json(url, &body).await, 403, "forbidden").await;
    }
    assert_eq!(observer.get(url).await.status(), 200);
    problem(observer.put_json(url, &body).await, 403, "forbidden").await;
    problem(w.app.get(url).await, 401, "unauthenticated").await;
    problem(
        w.app.get("/api/v1/cities/kyiv/geocode?q=x").await,
        401,
        "unauthenticated",
    )
    .await;
    // The defaults, with the modes described for the form.
    let defaults: Value = w.admin.get(url).await.json().await.unwrap();
    assert_eq!(defaults["mode"], "sequential");
    let nominatim = &defaults["providers"][0];
    assert_eq!(nominatim["provider"], "nominatim");
    assert_eq!(nominatim["enabled"], true);
    assert_eq!(nominatim["priority"], 3);
    assert_eq!(nominatim["base_url"], "https://nominatim.openstreetmap.org");
    assert_eq!(defaults["providers"][1]["enabled"], false);
    assert_eq!(defaults["providers"][2]["enabled"], false);
    assert_eq!(defaults["modes"][0]["label"], "Послідовний");
    assert_eq!(defaults["modes"][1]["label"], "Паралельний");
    assert!(defaults["modes"][1]["description"].as_str().unwrap().len() > 20);
    // Platform admins may too.
    let platform = signed_in(&w.app, "+380932000004", true, &[]).await;
    assert_eq!(platform.get(url).await.status(), 200);
}

#[tokio::test]
async fn two_enabled_providers_cannot_share_a_priority() {
    let w = world().await;
    let mut body = w.settings("parallel");
    body["providers"][1]["priority"] = json!(3);
    let response = w
        .admin
        .put_json("/api/v1/cities/kyiv/geocoding/settings", &body)
        .await;
    let p = problem(response, 422, "geocoding-priority-taken").await;
    // The later of the two (in nominatim, visicom, google order) is named.
    assert_eq!(p["field"], "providers.google.priority", "{p}");
    // A disabled provider may keep any priority.
    body["providers"][1]["enabled"] = json!(false);
    let response = w
        .admin
        .put_json("/api/v1/cities/kyiv/geocoding/settings", &body)
        .await;
    assert_eq!(response.status(), 200);
    // Other checks: a key for Google, an absolute base URL.
    let mut bad = w.settings("parallel");
    bad["providers"][2]["api_key"] = json!("");
    let response = w
        .admin
        .put_json("/api/v1/cities/kyiv/geocoding/settings", &bad)
        .await;
    problem(response, 422, "geocoding-key-required").await;
    let mut bad = w.settings("parallel");
    bad["providers"][0]["base_url"] = json!("nominatim.local");
    let response = w
        .admin
        .put_json("/api/v1/cities/kyiv/geocoding/settings", &bad)
        .await;
    problem(response, 422, "geocoding-base-url-invalid").await;
}

/// Every log line of this test process from the moment [`capture_logs`] is first called (the
/// database layers only from WARN): the server runs in-process, on whichever test thread, so
/// the subscriber is the global one.
#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl Write for Logs {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn capture_logs() -> Logs {
    static LOGS: std::sync::OnceLock<Logs> = std::sync::OnceLock::new();
    LOGS.get_or_init(|| {
        let logs = Logs::default();
        let writer = logs.clone();
        // Everything hromada and its HTTP clients say, down to DEBUG; the database layers'
        // query logs would only make the buffer, which lives as long as the test binary, grow.
        let subscriber = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new(
                "warn,hromada=debug,reqwest=debug,hyper=debug,hyper_util=debug",
            ))
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        tracing::subscriber::set_global_default(subscriber)
            .expect("no other test sets a global subscriber");
        logs
    })
    .clone()
}

#[tokio::test]
async fn api_keys_never_appear_in_answers_audit_or_logs() {
    let logs = capture_logs();
    let w = world().await;
    let saved = w.configure("sequential").await;
    let google = &saved["providers"][2];
    assert_eq!(google["api_key_set"], true);
    assert_eq!(google["api_key_masked"], "••••••••0002");
    // Without a key the stored one is kept; an empty key removes it.
    let mut body = w.settings("sequential");
    body["providers"][1]["api_key"] = Value::Null;
    body["providers"][2]
        .as_object_mut()
        .unwrap()
        .remove("api_key");
    let response = w
        .admin
        .put_json("/api/v1/cities/kyiv/geocoding/settings", &body)
        .await;
    let text = response.text().await.unwrap();
    assert_no_key(&text);
    let kept: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        kept["providers"][1]["api_key_masked"], "••••••••0001",
        "{kept}"
    );
    assert_eq!(kept["providers"][2]["api_key_set"], true);
    let text = w
        .admin
        .get("/api/v1/cities/kyiv/geocoding/settings")
        .await
        .text()
        .await
        .unwrap();
    assert_no_key(&text);

    // Google refuses and echoes its key; Visicom fails; Nominatim answers.
    answer(&w.google, "google", ok(google_status("REQUEST_DENIED")), 2).await;
    answer(&w.visicom, "visicom", ResponseTemplate::new(500), 2).await;
    answer(&w.nominatim, "nominatim", ok(nominatim_places()), 1).await;
    assert_eq!(w.found("Хрещатик 22").await.len(), 1);
    // And with every provider failing, the problem carries no key either.
    w.nominatim.reset().await;
    answer(&w.nominatim, "nominatim", ResponseTemplate::new(502), 1).await;
    let p = problem(w.lookup("Хрещатик 23").await, 503, "geocoding-unavailable").await;
    assert_no_key(&p.to_string());

    // Removing a key.
    let mut body = w.settings("sequential");
    body["providers"][2]["enabled"] = json!(false);
    body["providers"][2]["api_key"] = json!("");
    let cleared: Value = w
        .admin
        .put_json("/api/v1/cities/kyiv/geocoding/settings", &body)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(cleared["providers"][2]["api_key_set"], false);
    assert!(cleared["providers"][2]["api_key_masked"].is_null());

    let audit = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("geocoding.settings"))
        .order_by_asc(audit_log::Column::Id)
        .all(&w.app.db)
        .await
        .unwrap();
    assert_eq!(audit.len(), 3);
    for row in &audit {
        assert_no_key(&row.summary);
    }
    let summary = |i: usize| serde_json::from_str::<Value>(&audit[i].summary).unwrap();
    assert_eq!(summary(0)["after"]["providers"][2]["has_key"], true);
    assert_eq!(summary(0)["keys_changed"], json!(["visicom", "google"]));
    assert_eq!(summary(1)["keys_changed"], json!([]));
    assert_eq!(summary(2)["keys_changed"], json!(["google"]));

    let logged = String::from_utf8_lossy(&logs.0.lock().unwrap()).into_owned();
    for provider in ["google", "visicom", "nominatim"] {
        assert!(
            logged
                .lines()
                .any(|l| l.contains("geocoding provider gave no answer")
                    && (l.contains(&format!("provider=\"{provider}\""))
                        || l.contains(&format!("provider={provider} ")))),
            "{provider}'s failure is logged: {logged}"
        );
    }
    assert_no_key(&logged);
}

#[tokio::test]
async fn lookups_are_rate_limited_per_person() {
    let w = world_with(|s| s.geocoding.per_user_per_minute = 2).await;
    w.configure("sequential").await;
    answer(&w.google, "google", ok(google_ok()), 2).await;
    assert_eq!(w.lookup("Хрещатик 22").await.status(), 200);
    assert_eq!(w.lookup("Хрещатик 22").await.status(), 200);
    let response = w.lookup("Хрещатик 22").await;
    let retry: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    problem(response, 429, "geocoding-throttled").await;
    // Another person is not held back; an empty query is refused.
    assert_eq!(
        w.admin
            .get("/api/v1/cities/kyiv/geocode?q=%D0%A5")
            .await
            .status(),
        200
    );
    problem(
        w.admin.get("/api/v1/cities/kyiv/geocode?q=%20%20").await,
        422,
        "geocoding-query-invalid",
    )
    .await;
}
