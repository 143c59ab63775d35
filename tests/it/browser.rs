//! The web app in a real browser: each `tests/browser/<area>.test.mjs` drives Debian's headless
//! Chromium with playwright-core against its own fresh server (this database, the test clock
//! reachable at `POST /__test/clock`) and the fixture below. Screenshots land in
//! `target/screenshots/`. Outside CI, the tests are skipped when node, Chromium or the npm
//! packages (`npm ci --prefix tests/browser`) are missing.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use entities::city_role::Role;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use crate::projects::{PASSWORD, city};
use crate::support::{TestApp, spawn_app};

/// Chromium is heavy for a 2-core machine: one browser test at a time.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn chromium() -> PathBuf {
    std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

/// Whether node, Chromium and the npm packages are there; in CI their absence fails the test.
fn available() -> bool {
    let node = std::process::Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let packages = root()
        .join("tests/browser/node_modules/playwright-core")
        .exists()
        && root().join("tests/browser/node_modules/axe-core").exists();
    let ok = node && packages && chromium().exists();
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "the browser tests need node, Chromium ({}) and `npm ci --prefix tests/browser` in CI",
            chromium().display()
        );
        eprintln!(
            "skipped: install chromium and node, and run `npm ci --prefix tests/browser` \
             (node: {node}, packages: {packages})"
        );
    }
    ok
}

/// Kyiv in its submission stage (`projects::city`), an observer, and six voters with complete
/// profiles; every account has the password `PASSWORD`. With `commission`, the city holds
/// commission elections («Дозволити ГБК», which admins can only turn on before a session
/// starts, so it is set here directly). With `cost_reserve_bp`, the session carries a cost reserve
/// (set directly too: parameters are locked once a session has started).
async fn fixture(app: &TestApp, options: Options) -> Value {
    let Options {
        commission,
        cost_reserve_bp,
        elected,
        expert_review,
        voter_eligibility,
        endorsement,
    } = options;
    let c = city(app).await;
    let kyiv = entities::city::Entity::find()
        .filter(entities::city::Column::Slug.eq("kyiv"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("kyiv");
    if commission {
        let mut city: entities::city::ActiveModel = kyiv.clone().into();
        city.allow_commission = sea_orm::Set(true);
        city.update(&app.db).await.unwrap();
    }
    let kyiv = kyiv.id;
    app.user("+380931000005", PASSWORD, false, &[(kyiv, Role::Observer)])
        .await;
    let mut voters = vec![];
    for i in 0..6 {
        let login = format!("+3809310000{}", 10 + i);
        app.user(&login, PASSWORD, false, &[]).await;
        let mut voter = app.browser();
        assert_eq!(voter.login(&login, PASSWORD).await.status(), 200);
        let profile = voter
            .patch(
                "/api/v1/me",
                &json!({ "birth_date": format!("1985-01-{:02}", i + 1), "phone": login }),
            )
            .await;
        assert_eq!(profile.status(), 200);
        voters.push(login);
    }
    let session: Value = app
        .get("/api/v1/cities/kyiv/sessions/current")
        .await
        .json()
        .await
        .unwrap();
    if elected {
        // The first three voters make up the elected commission (ГБК).
        let mut members = vec![];
        for login in &voters[..3] {
            let user = entities::user::Entity::find()
                .filter(entities::user::Column::Login.eq(login.as_str()))
                .one(&app.db)
                .await
                .unwrap()
                .expect("voter");
            members.push(user.id);
        }
        crate::kyiv::seed_commission(app, session["id"].as_i64().unwrap(), &members).await;
    }
    if cost_reserve_bp > 0 {
        let row = entities::budget_session::Entity::find_by_id(session["id"].as_i64().unwrap())
            .one(&app.db)
            .await
            .unwrap()
            .expect("the session");
        let mut row: entities::budget_session::ActiveModel = row.into();
        row.cost_reserve_bp = sea_orm::Set(cost_reserve_bp);
        row.update(&app.db).await.unwrap();
    }
    if expert_review {
        // The session reviews projects; an expert reviews the fixture's category.
        let row = entities::budget_session::Entity::find_by_id(session["id"].as_i64().unwrap())
            .one(&app.db)
            .await
            .unwrap()
            .expect("the session");
        let mut row: entities::budget_session::ActiveModel = row.into();
        row.expert_review = sea_orm::Set(true);
        row.update(&app.db).await.unwrap();
        let expert = app
            .user("+380931000020", PASSWORD, false, &[(kyiv, Role::Expert)])
            .await;
        let now = hromada::domain::Clock::now(app.clock.as_ref());
        hromada::store::expertise::assign(&app.db, kyiv, expert, c.category, now)
            .await
            .unwrap();
    }
    if let Some(rule) = voter_eligibility {
        let row = entities::budget_session::Entity::find_by_id(session["id"].as_i64().unwrap())
            .one(&app.db)
            .await
            .unwrap()
            .expect("the session");
        let mut row: entities::budget_session::ActiveModel = row.into();
        row.voter_eligibility = sea_orm::Set(rule.into());
        row.update(&app.db).await.unwrap();
    }
    if endorsement {
        crate::endorsements::into_fixture(app, session["id"].as_i64().unwrap(), c.small).await;
    }
    json!({
        "city": "kyiv",
        "password": PASSWORD,
        "expert": "+380931000020",
        "admin": "+380931000001",
        "moderator": "+380931000002",
        "author": "+380931000003",
        "resident": "+380931000004",
        "observer": "+380931000005",
        "voters": voters,
        "category": c.category,
        "district": c.district,
        "pots": { "small": c.small, "local": c.local },
        "session": session["id"],
    })
}

/// What the fixture adds for one test file.
#[derive(Debug, Clone, Copy, Default)]
struct Options {
    commission: bool,
    cost_reserve_bp: i32,
    /// A decided commission election with the first three voters elected.
    elected: bool,
    /// The session has expert review, and `expert` (+380931000020) reviews the category.
    expert_review: bool,
    /// The session's rule of who may vote (set directly: parameters are locked once started).
    voter_eligibility: Option<&'static str>,
    /// An endorsement stage (days 16 to 30 of the submission stage) and a minimum of 2 in the
    /// small pot.
    endorsement: bool,
}

/// Runs one browser test file against a fresh server with the fixture.
async fn run(file: &str) {
    run_in(file, Options::default()).await;
}

async fn run_in(file: &str, options: Options) {
    if !available() {
        return;
    }
    let _one = ONE_AT_A_TIME.lock().await;
    let app = spawn_app().await;
    let fixture = fixture(&app, options).await;
    let shots = root().join("target/screenshots");
    let mut child = tokio::process::Command::new("node")
        .arg("--test")
        .arg("--test-reporter=spec")
        .arg(format!("tests/browser/{file}"))
        .current_dir(root())
        .env("HROMADA_URL", format!("http://{}", app.addr))
        .env("HROMADA_FIXTURE", fixture.to_string())
        .env("HROMADA_SCREENSHOTS", &shots)
        .env("CHROMIUM", chromium())
        .kill_on_drop(true)
        .spawn()
        .expect("node");
    let status = tokio::time::timeout(Duration::from_secs(600), child.wait())
        .await
        .unwrap_or_else(|_| panic!("{file} ran for more than 10 minutes"))
        .expect("node ran");
    assert!(status.success(), "{file} failed (its output is above)");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shell_and_home() {
    run("shell.test.mjs").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resident_registers_profile_and_project() {
    run("resident.test.mjs").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn public_catalogue_map_project_and_results() {
    run("public.test.mjs").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_directory_staff_keys_emails_audit() {
    run("admin.test.mjs").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn journey_vote_on_a_phone_and_publish_results() {
    run("journey.test.mjs").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn commission_election_round_one_round_two_results() {
    run_in(
        "elections.test.mjs",
        Options {
            commission: true,
            ..Options::default()
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moderation_queue_translations_pages_paper_results() {
    run("moderation.test.mjs").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kyiv_practice_cost_reserve_and_commission_approval() {
    run_in(
        "kyiv.test.mjs",
        Options {
            cost_reserve_bp: 2000,
            elected: true,
            ..Options::default()
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn appeals_decided_by_the_commission() {
    run_in(
        "appeals.test.mjs",
        Options {
            elected: true,
            ..Options::default()
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn eligibility_reason_instead_of_the_vote_button() {
    run_in(
        "eligibility.test.mjs",
        Options {
            voter_eligibility: Some("registered"),
            ..Options::default()
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn endorsements_on_the_project_page_and_in_moderation() {
    run_in(
        "endorsements.test.mjs",
        Options {
            endorsement: true,
            ..Options::default()
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn xss_payloads_stay_text() {
    run("xss.test.mjs").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expert_review_conclusion_revision_public() {
    run_in(
        "expertise.test.mjs",
        Options {
            expert_review: true,
            ..Options::default()
        },
    )
    .await;
}
