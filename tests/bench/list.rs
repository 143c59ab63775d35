//! The public project list under load, beside a Poem hello-world: a benchmark, not a test.
//!
//!     cargo bench --bench list -- --database-url URL --server http://127.0.0.1:PORT \
//!         [--projects 1600] [--concurrency 64] [--seconds 20] [--warmup 3]
//!
//! The server must run against URL with the demo city seeded (`hromada serve --demo`). This
//! adds admitted projects to the demo session straight to the database until the city's public
//! catalogue holds `projects` of them, then loads the catalogue's first request
//! (`GET /api/v1/cities/kyiv/projects?session=ID&limit=12&offset=0`, anonymous, the default
//! random order with a fresh seed each time, as the catalogue page asks it) with `concurrency`
//! clients for `seconds`. Then, with the same client and concurrency, a hello-world Poem endpoint
//! started in this process on its own two-thread runtime. Prints one JSON line per target and
//! one with the ratio. `tests/bench/run.sh list` runs it.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use chrono::Utc;
use clap::Parser;
use entities::project::{self, ProjectStatus};
use hromada::config::DatabaseSettings;
use hromada::domain::project::Status;
use hromada::store;
use poem::listener::{Acceptor, Listener, TcpListener};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ColumnTrait, ConnectionTrait, EntityTrait,
    PaginatorTrait, QueryFilter, Set, TransactionTrait,
};

#[derive(Debug, Parser)]
struct Args {
    #[arg(long)]
    database_url: String,
    #[arg(long)]
    server: String,
    /// Public projects the city's catalogue holds (Kyiv has about 1,600).
    #[arg(long, default_value_t = 1600)]
    projects: u64,
    #[arg(long, default_value_t = 64)]
    concurrency: usize,
    /// Seconds each target is measured.
    #[arg(long, default_value_t = 20)]
    seconds: u64,
    /// Seconds of load before each measurement, not counted.
    #[arg(long, default_value_t = 3)]
    warmup: u64,
    // `cargo bench` passes `--bench`; accept and ignore it.
    #[arg(long, hide = true)]
    bench: bool,
}

/// A description of about the length of a real one (1,430 to 2,717 characters).
fn description(i: u64) -> String {
    let sentence = "Проєкт передбачає облаштування простору для мешканців району: \
        роботи, матеріали, обладнання та догляд протягом трьох років після встановлення. ";
    sentence.repeat(10 + (i % 10) as usize)
}

/// Adds admitted projects to the demo session until the city has `target` public ones.
async fn seed(db: &sea_orm::DatabaseConnection, target: u64) -> anyhow::Result<i64> {
    let city = store::catalog::find_city(db, "kyiv")
        .await?
        .ok_or_else(|| anyhow::anyhow!("no demo city: start the server with --demo"))?;
    let sessions = store::budget_sessions::of_city(db, city.id).await?;
    let session = sessions
        .iter()
        .min_by_key(|s| s.id)
        .ok_or_else(|| anyhow::anyhow!("no demo session"))?;
    let public: Vec<ProjectStatus> = Status::ALL
        .into_iter()
        .filter(|s| s.is_public())
        .map(store::projects::to_entity)
        .collect();
    let existing = project::Entity::find()
        .filter(project::Column::BudgetSessionId.eq(session.id))
        .filter(project::Column::Status.is_in(public))
        .count(db)
        .await?;
    // A demo project is the template: every column a real project has, whatever the schema.
    let template = project::Entity::find()
        .filter(project::Column::BudgetSessionId.eq(session.id))
        .filter(project::Column::Status.eq(ProjectStatus::Admitted))
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no demo project"))?;
    let pots = store::budget_sessions::pots(db, session.id).await?;
    let categories = store::catalog::categories(db, city.id).await?;
    let districts = store::catalog::districts(db, city.id).await?;
    let now = Utc::now();
    let txn = db.begin().await?;
    for i in existing..target {
        let pot = &pots[(i as usize) % pots.len()];
        let cost = ((100_000 + (i * 7_919) % 1_900_000) * 100) as i64;
        let title = format!("Проєкт для навантаження №{i}: сквер, освітлення і лавки");
        let description = description(i);
        let mut row: project::ActiveModel = template.clone().into();
        row = row.reset_all();
        row.id = NotSet;
        row.pot_id = Set(Some(pot.id));
        row.category_id = Set(categories[(i as usize) % categories.len()].id);
        row.district_id = Set(Some(districts[(i as usize) % districts.len()].id));
        row.search_text = Set(format!("{title} {description}").to_lowercase());
        row.title = Set(title);
        row.description = Set(description);
        row.cost_minor = Set(cost.min(pot.max_project_cost_minor));
        row.lat = Set(Some(50.40 + (i % 100) as f64 * 0.002));
        row.lon = Set(Some(30.40 + (i / 100 % 100) as f64 * 0.003));
        row.vote_count = Set(0);
        row.created_at = Set(now);
        row.updated_at = Set(now);
        row.status_changed_at = Set(now);
        row.insert(&txn).await?;
    }
    txn.commit().await?;
    // Planner statistics as a catalogue that grew over weeks has them (autovacuum would gather
    // them a minute later, in the middle of the measurement).
    db.execute_unprepared("ANALYZE").await?;
    Ok(session.id)
}

#[poem::handler]
fn hello_world() -> &'static str {
    "Hello, world!"
}

/// A hello-world Poem server on its own runtime with two worker threads (as hromada has on
/// two cores), so the load generator's runtime does not also schedule it. Returns its URL.
fn start_hello() -> anyhow::Result<String> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async move {
            let acceptor = TcpListener::bind("127.0.0.1:0")
                .into_acceptor()
                .await
                .expect("bind");
            let addr = acceptor
                .local_addr()
                .into_iter()
                .find_map(|a| a.as_socket_addr().copied())
                .expect("address");
            tx.send(addr).expect("send");
            poem::Server::new_with_acceptor(acceptor)
                .run(poem::Route::new().at("/hello", poem::get(hello_world)))
                .await
                .expect("hello server");
        });
    });
    let addr = rx.recv_timeout(Duration::from_secs(10))?;
    Ok(format!("http://{addr}/hello"))
}

struct Outcome {
    ok: usize,
    failed: usize,
    seconds: f64,
    latencies: Vec<Duration>,
    bytes: usize,
}

/// `concurrency` clients each send one request after another for `seconds`.
async fn load(
    client: &reqwest::Client,
    url: &str,
    concurrency: usize,
    seconds: Duration,
) -> Outcome {
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let mut tasks = vec![];
    for _ in 0..concurrency {
        let (client, url, stop) = (client.clone(), url.to_owned(), stop.clone());
        tasks.push(tokio::spawn(async move {
            let (mut latencies, mut failed, mut bytes) = (vec![], 0usize, 0usize);
            while !stop.load(Ordering::Relaxed) {
                let sent = Instant::now();
                let response = client.get(&url).send().await;
                let body = match response {
                    Ok(r) if r.status().is_success() => r.bytes().await.ok(),
                    _ => None,
                };
                match body {
                    Some(body) => {
                        latencies.push(sent.elapsed());
                        bytes = body.len();
                    }
                    None => failed += 1,
                }
            }
            (latencies, failed, bytes)
        }));
    }
    tokio::time::sleep(seconds).await;
    stop.store(true, Ordering::Relaxed);
    let mut outcome = Outcome {
        ok: 0,
        failed: 0,
        seconds: 0.0,
        latencies: vec![],
        bytes: 0,
    };
    for task in tasks {
        let (latencies, failed, bytes) = task.await.expect("client task");
        outcome.ok += latencies.len();
        outcome.failed += failed;
        outcome.latencies.extend(latencies);
        outcome.bytes = outcome.bytes.max(bytes);
    }
    // Requests still in flight at the stop count; so does the time they took.
    outcome.seconds = started.elapsed().as_secs_f64();
    outcome.latencies.sort();
    outcome
}

fn report(target: &str, url: &str, o: &Outcome, concurrency: usize) -> serde_json::Value {
    let pct = |p: f64| {
        o.latencies
            .get(((o.latencies.len() as f64 * p) as usize).min(o.latencies.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    serde_json::json!({
        "target": target,
        "url": url,
        "requests": o.ok,
        "failed": o.failed,
        "seconds": o.seconds,
        "requests_per_second": o.ok as f64 / o.seconds,
        "p50_ms": pct(0.50),
        "p99_ms": pct(0.99),
        "response_bytes": o.bytes,
        "concurrency": concurrency,
    })
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let db = hromada::db::connect(&DatabaseSettings {
        url: args.database_url.clone(),
        max_connections: 4,
        ..Default::default()
    })
    .await?;
    let session = seed(&db, args.projects).await?;
    db.close().await?;

    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(args.concurrency)
        .timeout(Duration::from_secs(60))
        .build()?;
    let list = format!(
        "{}/api/v1/cities/kyiv/projects?session={session}&limit=12&offset=0",
        args.server
    );
    // The catalogue must hold what is claimed before anything is timed.
    let first: serde_json::Value = client
        .get(&list)
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    anyhow::ensure!(
        first["total"] == args.projects && first["items"].as_array().map(Vec::len) == Some(12),
        "the catalogue holds {} projects on a page of {:?}, expected {} and 12",
        first["total"],
        first["items"].as_array().map(Vec::len),
        args.projects
    );
    let hello_url = start_hello()?;

    let mut lines = vec![];
    for (target, url) in [("projects", &list), ("hello", &hello_url)] {
        let warmup = Duration::from_secs(args.warmup);
        if !warmup.is_zero() {
            load(&client, url, args.concurrency, warmup).await;
        }
        let outcome = load(
            &client,
            url,
            args.concurrency,
            Duration::from_secs(args.seconds),
        )
        .await;
        let line = report(target, url, &outcome, args.concurrency);
        println!("{line}");
        lines.push(line);
    }
    let rate = |i: usize| lines[i]["requests_per_second"].as_f64().unwrap_or(0.0);
    println!(
        "{}",
        serde_json::json!({
            "projects_total": args.projects,
            "list_requests_per_second": rate(0),
            "hello_requests_per_second": rate(1),
            "ratio": rate(0) / rate(1).max(f64::EPSILON),
            "list_p50_ms": lines[0]["p50_ms"],
            "list_p99_ms": lines[0]["p99_ms"],
            "hello_p50_ms": lines[1]["p50_ms"],
            "hello_p99_ms": lines[1]["p99_ms"],
            "list_response_bytes": lines[0]["response_bytes"],
            "failed": lines[0]["failed"].as_u64().unwrap_or(0) + lines[1]["failed"].as_u64().unwrap_or(0),
        })
    );
    Ok(())
}
