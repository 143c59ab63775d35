//! Vote casting through the HTTP API by many concurrent voters: a benchmark, not a test.
//!
//!     cargo bench --bench votes -- --database-url URL --server http://127.0.0.1:PORT \
//!         [--voters 2000] [--concurrency 64] [--projects 200]
//!
//! The server must run against URL with the demo city seeded (`hromada serve --demo`). This
//! adds admitted projects to the demo session and voters with open sessions straight to the
//! database (signing in is not what is measured), then every voter casts the session's number
//! of votes over HTTP, `concurrency` requests at a time. Prints one JSON line: votes per second
//! and latency percentiles. `tests/bench/run.sh` runs it beside pgbench.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use clap::Parser;
use entities::project::ProjectStatus;
use hromada::auth::tokens::{hash_token, random_token};
use hromada::config::DatabaseSettings;
use hromada::domain::Money;
use hromada::store;
use rand::seq::SliceRandom;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};
use tokio::sync::Semaphore;

#[derive(Debug, Parser)]
struct Args {
    #[arg(long)]
    database_url: String,
    #[arg(long)]
    server: String,
    #[arg(long, default_value_t = 2000)]
    voters: usize,
    #[arg(long, default_value_t = 64)]
    concurrency: usize,
    /// Admitted projects added to the demo session (Kyiv has about 1,600 over all pots).
    #[arg(long, default_value_t = 200)]
    projects: usize,
    // `cargo bench` passes `--bench`; accept and ignore it.
    #[arg(long, hide = true)]
    bench: bool,
}

struct Voter {
    cookie: String,
    csrf: String,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let db = hromada::db::connect(&DatabaseSettings {
        url: args.database_url.clone(),
        max_connections: 8,
        ..Default::default()
    })
    .await?;
    let city = store::catalog::find_city(&db, "kyiv")
        .await?
        .ok_or_else(|| anyhow::anyhow!("no demo city: start the server with --demo"))?;
    let session = entities::budget_session::Entity::find()
        .filter(entities::budget_session::Column::CityId.eq(city.id))
        .one(&db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no demo session"))?;
    let pots = store::budget_sessions::pots(&db, session.id).await?;
    let category = store::catalog::categories(&db, city.id).await?[0].id;
    let now = Utc::now();

    // Projects and voters, straight into the database.
    let txn = db.begin().await?;
    let author = store::users::find_by_login(&txn, "+380500000006")
        .await?
        .map(|u| u.id);
    let author = match author {
        Some(id) => id,
        None => anyhow::bail!("demo resident +380500000004 missing"),
    };
    let cost: Money = "100000.00".parse()?;
    for i in 0..args.projects {
        store::projects::insert(
            &txn,
            store::projects::NewProject {
                budget_session_id: session.id,
                author_id: author,
                status: ProjectStatus::Admitted,
                content: store::projects::Content {
                    pot_id: Some(pots[i % pots.len()].id),
                    category_id: category,
                    district_id: None,
                    title: format!("Bench project {i}"),
                    description: "Benchmark".into(),
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
            now,
        )
        .await?;
    }
    let mut voters = vec![];
    let run = random_token()[..8].to_owned();
    for i in 0..args.voters {
        let user = store::users::insert(
            &txn,
            store::users::NewUser {
                login: format!("bench-{run}-{i}"),
                password_hash: None,
                last_name: "Bench".into(),
                first_name: "Voter".into(),
                patronymic: None,
                email: None,
                phone: Some(format!("+38067{:07}", i)),
                birth_date: chrono::NaiveDate::from_ymd_opt(1990, 1, 1),
                lang: "uk".into(),
                is_platform_admin: false,
                registration_address: None,
                residence_address: None,
            },
            now,
        )
        .await?;
        let token = random_token();
        let csrf = random_token();
        store::sessions::insert(
            &txn,
            store::sessions::NewSession {
                id_hash: hash_token(&token),
                user_id: user.id,
                csrf_token: csrf.clone(),
                expires_at: now + chrono::Duration::hours(12),
                user_agent: Some("bench".into()),
            },
            now,
        )
        .await?;
        voters.push(Voter {
            cookie: format!("hromada_session={token}"),
            csrf,
        });
    }
    txn.commit().await?;
    let projects: Vec<i64> = store::projects::of_session(&db, session.id)
        .await?
        .into_iter()
        .filter(|p| p.status == ProjectStatus::Admitted)
        .map(|p| p.id)
        .collect();
    let votes_each = usize::try_from(session.votes_per_voter)?;

    // Every voter casts their votes; `concurrency` requests in flight.
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(args.concurrency)
        .timeout(Duration::from_secs(60))
        .build()?;
    let limit = Arc::new(Semaphore::new(args.concurrency));
    let started = Instant::now();
    let mut tasks = vec![];
    for voter in voters {
        let mut choice = projects.clone();
        choice.shuffle(&mut rand::thread_rng());
        choice.truncate(votes_each);
        for project in choice {
            let client = client.clone();
            let limit = limit.clone();
            let url = format!("{}/api/v1/cities/kyiv/projects/{project}/vote", args.server);
            let (cookie, csrf) = (voter.cookie.clone(), voter.csrf.clone());
            tasks.push(tokio::spawn(async move {
                let _permit = limit.acquire_owned().await.expect("semaphore");
                let sent = Instant::now();
                let response = client
                    .post(url)
                    .header("cookie", cookie)
                    .header("x-csrf-token", csrf)
                    .header("content-type", "application/json")
                    .body("{}")
                    .send()
                    .await;
                let ok = matches!(&response, Ok(r) if r.status().is_success());
                (ok, sent.elapsed())
            }));
        }
    }
    let mut latencies = vec![];
    let mut failed = 0usize;
    for task in tasks {
        let (ok, took) = task.await?;
        if ok {
            latencies.push(took);
        } else {
            failed += 1;
        }
    }
    let elapsed = started.elapsed();
    latencies.sort();
    let pct = |p: f64| {
        latencies
            .get(((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    println!(
        "{}",
        serde_json::json!({
            "votes": latencies.len(),
            "failed": failed,
            "seconds": elapsed.as_secs_f64(),
            "votes_per_second": latencies.len() as f64 / elapsed.as_secs_f64(),
            "p50_ms": pct(0.50),
            "p99_ms": pct(0.99),
            "concurrency": args.concurrency,
            "projects": projects.len(),
        })
    );
    Ok(())
}
