//! A Kyiv-sized vote replayed end to end, its tally checked against the ballots: a benchmark
//! that fails loudly when the count is wrong.
//!
//!     cargo bench --bench kyiv -- --database-url URL --server http://127.0.0.1:PORT \
//!         [--voters 191000] [--ballots 650000] [--votes 5] [--projects 1600] \
//!         [--concurrency 2] [--chunk 10000] [--rule greedy]
//!
//! How the numbers map onto hromada's model: a person has one ballot per budget session
//! (`ballots`, one per voter), and their votes in each pot of the session form a ballot of that
//! pot (`ballot_pots`); each pot is tallied on its own ballots (`app::results`), so those are
//! the ballots of a tally. Here a session has 22 pots, as Kyiv's: small and large projects
//! citywide, and small and large projects in each of the 10 districts. Each of `voters` people
//! votes in 3 or 4 of the pots open to them (both citywide ones and their own district's two),
//! so that there are `ballots` ballots of `votes` votes each: 191,000 voters, 650,000 ballots,
//! 3,250,000 votes by default, over `projects` admitted projects.
//!
//! The server must run against URL with the demo city seeded (`hromada serve --demo`). The
//! session, its pots and projects and a moderator's sign-in are written straight to the
//! database; the votes then go through the HTTP API as service centres hand them in: CSV
//! imports of `chunk` paper ballots each (`POST …/paper-ballots/import`), `concurrency` at a
//! time, every ballot checked by the session's rules and limits and stored in its own
//! transaction. Voting is then closed (the stage dates moved) and a moderator computes the
//! results (`POST …/results/compute`, the real tally). Both are timed.
//!
//! The check, from the generated ballots alone: every import accepted every line; the
//! database holds exactly the voters, ballots and votes generated; each project's stored
//! count and its votes in the results equal the number of generated ballots naming it; each
//! pot's voters equal its generated ballots; and under `greedy` and `greedy-no-skip` the
//! winners equal an independent greedy selection over those counts. Any difference is an
//! error. Prints one JSON line.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, Utc};
use clap::Parser;
use entities::budget_pot::PotScope;
use entities::project::{self, ProjectStatus};
use entities::{ballot, ballot_pot, budget_session};
use hromada::auth::tokens::{hash_token, random_token};
use hromada::config::DatabaseSettings;
use hromada::domain::Money;
use hromada::domain::timeline::{StageDates, StageKind};
use hromada::store;
use hromada::store::budget_sessions::NewPot;
use rand::distributions::{Distribution, WeightedIndex};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use sea_orm::{
    ActiveModelTrait, ActiveValue::NotSet, ColumnTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QuerySelect, QueryTrait, Set, TransactionTrait,
};
use tokio::sync::Semaphore;

#[derive(Debug, Parser)]
struct Args {
    #[arg(long)]
    database_url: String,
    #[arg(long)]
    server: String,
    #[arg(long, default_value_t = 191_000)]
    voters: usize,
    /// Ballots of all pots together: between `voters` and 4 × `voters`.
    #[arg(long, default_value_t = 650_000)]
    ballots: usize,
    /// Votes on each ballot (the limit per voter in each pot).
    #[arg(long, default_value_t = 5)]
    votes: usize,
    #[arg(long, default_value_t = 1600)]
    projects: usize,
    /// Imports in flight at once.
    #[arg(long, default_value_t = 2)]
    concurrency: usize,
    /// Paper ballots (voters) per CSV import; at most 20,000.
    #[arg(long, default_value_t = 10_000)]
    chunk: usize,
    /// The session's results rule (pabulib name).
    #[arg(long, default_value = "greedy")]
    rule: String,
    #[arg(long, default_value_t = 2026)]
    seed: u64,
    // `cargo bench` passes `--bench`; accept and ignore it.
    #[arg(long, hide = true)]
    bench: bool,
}

const DISTRICTS: usize = 10;

/// One pot as generated: its projects (ids, in the database) and their costs in kopiykas.
struct Pot {
    id: i64,
    total_minor: i64,
    projects: Vec<i64>,
}

/// The moderator's sign-in: a session written straight to the database.
struct Moderator {
    cookie: String,
    csrf: String,
}

async fn moderator(db: &DatabaseConnection) -> anyhow::Result<Moderator> {
    let user = store::users::find_by_login(db, "+380500000003")
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo moderator +380500000003 missing"))?;
    let token = random_token();
    let csrf = random_token();
    store::sessions::insert(
        db,
        store::sessions::NewSession {
            id_hash: hash_token(&token),
            user_id: user.id,
            csrf_token: csrf.clone(),
            expires_at: Utc::now() + chrono::Duration::hours(12),
            user_agent: Some("bench".into()),
        },
        Utc::now(),
    )
    .await?;
    Ok(Moderator {
        cookie: format!("hromada_session={token}"),
        csrf,
    })
}

/// Stage dates around today in Kyiv: voting open (`open`) or closed since yesterday.
fn stages(open: bool) -> [StageDates; 5] {
    let today = Utc::now()
        .with_timezone(&chrono_tz::Europe::Kyiv)
        .date_naive();
    let day = |offset: i64| today + chrono::Duration::days(offset);
    let (voting_end, results) = if open { (19, 20) } else { (-1, 0) };
    [
        (StageKind::Submission, -70, -41),
        (StageKind::Review, -40, -11),
        (StageKind::Voting, -10, voting_end),
        (StageKind::Results, results, 34),
        (StageKind::Implementation, 35, 300),
    ]
    .map(|(kind, from, to)| StageDates {
        kind,
        start: day(from),
        end: day(to),
    })
}

/// The session with its 22 pots and their projects, in voting. Returns it and the pots in the
/// order citywide small, citywide large, then each district's small and large.
async fn setup(
    db: &DatabaseConnection,
    args: &Args,
    rng: &mut rand::rngs::StdRng,
) -> anyhow::Result<(i64, Vec<Pot>)> {
    let city = store::catalog::find_city(db, "kyiv")
        .await?
        .ok_or_else(|| anyhow::anyhow!("no demo city: start the server with --demo"))?;
    let districts = store::catalog::districts(db, city.id).await?;
    let categories = store::catalog::categories(db, city.id).await?;
    anyhow::ensure!(
        districts.len() >= DISTRICTS,
        "the demo city has 10 districts"
    );
    // A demo project is the template: every column a real project has, whatever the schema.
    let template = project::Entity::find()
        .filter(project::Column::Status.eq(ProjectStatus::Admitted))
        .one(db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no demo project"))?;

    // Projects per pot: 3/16 citywide small, 1/8 citywide large, the rest shared by the
    // districts' pots.
    let pots_count = 2 + 2 * DISTRICTS;
    let mut sizes = vec![args.projects * 3 / 16, args.projects / 8];
    let rest = args.projects - sizes[0] - sizes[1];
    for i in 0..2 * DISTRICTS {
        sizes.push(rest / (2 * DISTRICTS) + usize::from(i < rest % (2 * DISTRICTS)));
    }
    anyhow::ensure!(
        sizes.iter().all(|&n| n >= args.votes),
        "every pot needs at least {} projects: give more --projects",
        args.votes
    );
    let small = |i: usize| i.is_multiple_of(2);
    let costs: Vec<Vec<i64>> = sizes
        .iter()
        .enumerate()
        .map(|(i, &n)| {
            (0..n)
                .map(|_| {
                    let hryvnias = if small(i) {
                        rng.gen_range(100..2_000) * 1_000
                    } else {
                        rng.gen_range(2_000..20_000) * 1_000
                    };
                    hryvnias * 100
                })
                .collect()
        })
        .collect();

    let now = Utc::now();
    let txn = db.begin().await?;
    let session = budget_session::ActiveModel {
        city_id: Set(city.id),
        name_uk: Set("Громадський бюджет у масштабі Києва (бенчмарк)".into()),
        name_en: Set("A Kyiv-sized participatory budget (benchmark)".into()),
        votes_per_voter: Set(i32::try_from(4 * args.votes)?),
        results_rule: Set(args.rule.clone()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    store::budget_sessions::replace_stages(
        &txn,
        session.id,
        &stages(true),
        chrono_tz::Europe::Kyiv,
    )
    .await?;
    let mut new_pots = vec![];
    for i in 0..pots_count {
        let (uk, en) = if i < 2 {
            ("Київ".to_owned(), "Citywide".to_owned())
        } else {
            let d = &districts[(i - 2) / 2];
            (d.name_uk.clone(), d.name_en.clone())
        };
        let (size_uk, size_en, max) = if small(i) {
            ("малі", "small", 199_999_999)
        } else {
            ("великі", "large", 2_000_000_000)
        };
        // A pot of about a sixth of what its projects cost, in whole hryvnias.
        let total = costs[i].iter().sum::<i64>() / 6 / 100 * 100;
        new_pots.push(NewPot {
            name_uk: format!("{uk}: {size_uk} проєкти"),
            name_en: format!("{en}: {size_en} projects"),
            scope: if i < 2 {
                PotScope::Citywide
            } else {
                PotScope::District
            },
            total: Money::from_minor_units(total),
            max_project_cost: Money::from_minor_units(max),
            max_votes_per_voter: Some(i32::try_from(args.votes)?),
            min_endorsements: 0,
        });
    }
    store::budget_sessions::replace_pots(&txn, session.id, &new_pots).await?;
    let stored = store::budget_sessions::pots(&txn, session.id).await?;
    anyhow::ensure!(stored.len() == pots_count, "pots stored");
    let mut pots = vec![];
    for (i, stored) in stored.iter().enumerate() {
        let mut ids = vec![];
        for (j, cost) in costs[i].iter().enumerate() {
            let title = format!("{} — проєкт {}", stored.name_uk, j + 1);
            let mut row: project::ActiveModel = template.clone().into();
            row = row.reset_all();
            row.id = NotSet;
            row.budget_session_id = Set(session.id);
            row.pot_id = Set(Some(stored.id));
            row.category_id = Set(categories[j % categories.len()].id);
            row.district_id = Set((i >= 2).then(|| districts[(i - 2) / 2].id));
            row.search_text = Set(title.to_lowercase());
            row.description = Set(format!("{title}: опис."));
            row.title = Set(title);
            row.cost_minor = Set(*cost);
            row.vote_count = Set(0);
            row.status = Set(ProjectStatus::Admitted);
            row.submitted_at = Set(None);
            row.created_at = Set(now);
            row.updated_at = Set(now);
            row.status_changed_at = Set(now);
            ids.push(row.insert(&txn).await?.id);
        }
        pots.push(Pot {
            id: stored.id,
            total_minor: stored.total_minor,
            projects: ids,
        });
    }
    txn.commit().await?;
    Ok((session.id, pots))
}

/// Every voter's ballot: the projects they vote for, over all the pots they vote in.
fn ballots(args: &Args, pots: &[Pot], rng: &mut rand::rngs::StdRng) -> Vec<Vec<i64>> {
    let base = args.ballots / args.voters;
    let extra = args.ballots % args.voters;
    // Popularity within a pot: the k-th most liked project is chosen about 1/k^0.8 as often as
    // the first; who is liked most is shuffled, so it has nothing to do with the ids.
    let pickers: Vec<(Vec<i64>, WeightedIndex<f64>)> = pots
        .iter()
        .map(|pot| {
            let mut liked = pot.projects.clone();
            liked.shuffle(rng);
            let weights: Vec<f64> = (1..=liked.len())
                .map(|k| 1.0 / (k as f64).powf(0.8))
                .collect();
            (liked, WeightedIndex::new(&weights).expect("weights"))
        })
        .collect();
    (0..args.voters)
        .map(|v| {
            let district = rng.gen_range(0..DISTRICTS);
            let mut open = vec![0, 1, 2 + 2 * district, 3 + 2 * district];
            open.shuffle(rng);
            open.truncate(base + usize::from(v < extra));
            let mut chosen = vec![];
            for pot in open {
                let (liked, pick) = &pickers[pot];
                let mut here: Vec<i64> = vec![];
                while here.len() < args.votes {
                    let p = liked[pick.sample(rng)];
                    if !here.contains(&p) {
                        here.push(p);
                    }
                }
                chosen.extend(here);
            }
            chosen
        })
        .collect()
}

fn voter(v: usize) -> String {
    format!("+38063{v:07}")
}

/// The CSV files a service centre would hand in, `chunk` voters each.
fn files(ballots: &[Vec<i64>], chunk: usize) -> Vec<String> {
    ballots
        .chunks(chunk)
        .enumerate()
        .map(|(c, part)| {
            let mut csv = String::from("voter,projects,birth_date\n");
            for (i, projects) in part.iter().enumerate() {
                let v = c * chunk + i;
                let ids: Vec<String> = projects.iter().map(i64::to_string).collect();
                let born = NaiveDate::from_ymd_opt(1940 + (v % 65) as i32, 1 + (v % 12) as u32, 1)
                    .expect("date");
                csv.push_str(&format!("{},{},{born}\n", voter(v), ids.join(" ")));
            }
            csv
        })
        .collect()
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    anyhow::ensure!(
        args.voters > 0 && args.ballots >= args.voters && args.ballots <= 4 * args.voters,
        "--ballots must be between --voters and 4 × --voters"
    );
    anyhow::ensure!((1..=20_000).contains(&args.chunk), "--chunk is 1 to 20,000");
    let db = hromada::db::connect(&DatabaseSettings {
        url: args.database_url.clone(),
        max_connections: 4,
        ..Default::default()
    })
    .await?;
    let mut rng = rand::rngs::StdRng::seed_from_u64(args.seed);
    let prepared = Instant::now();
    let (session, pots) = setup(&db, &args, &mut rng).await?;
    let ballots = ballots(&args, &pots, &mut rng);
    let files = files(&ballots, args.chunk);
    let moderator = Arc::new(moderator(&db).await?);
    let prepare_seconds = prepared.elapsed().as_secs_f64();

    // The independent count, from the generated ballots alone.
    let pot_of: HashMap<i64, usize> = pots
        .iter()
        .enumerate()
        .flat_map(|(i, pot)| pot.projects.iter().map(move |p| (*p, i)))
        .collect();
    let mut expected_votes: HashMap<i64, u64> = HashMap::new();
    let mut expected_voters = vec![0u64; pots.len()];
    for ballot in &ballots {
        let mut seen = vec![false; pots.len()];
        for p in ballot {
            *expected_votes.entry(*p).or_default() += 1;
            seen[pot_of[p]] = true;
        }
        for (i, s) in seen.into_iter().enumerate() {
            expected_voters[i] += u64::from(s);
        }
    }
    let total_votes: u64 = expected_votes.values().sum();
    anyhow::ensure!(
        expected_voters.iter().sum::<u64>() == args.ballots as u64
            && total_votes == (args.ballots * args.votes) as u64,
        "the generator made {} ballots and {total_votes} votes",
        expected_voters.iter().sum::<u64>()
    );

    // Ingest: the paper ballots through the HTTP API, `concurrency` imports at a time.
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(3600))
        .build()?;
    let limit = Arc::new(Semaphore::new(args.concurrency));
    let started = Instant::now();
    let mut tasks = vec![];
    for (i, csv) in files.into_iter().enumerate() {
        let (client, limit, moderator) = (client.clone(), limit.clone(), moderator.clone());
        let url = format!(
            "{}/api/v1/cities/kyiv/sessions/{session}/paper-ballots/import?name=kyiv-{i}.csv",
            args.server
        );
        tasks.push(tokio::spawn(async move {
            let _permit = limit.acquire_owned().await?;
            let lines = csv.lines().count() - 1;
            let report: serde_json::Value = client
                .post(url)
                .header("cookie", &moderator.cookie)
                .header("x-csrf-token", &moderator.csrf)
                .header("content-type", "text/csv")
                .body(csv)
                .send()
                .await?
                .error_for_status()?
                .json()
                .await?;
            if report["accepted"].as_u64() != Some(lines as u64) || report["refused"] != 0 {
                let refused = report["lines"].as_array().and_then(|l| {
                    l.iter()
                        .find(|l| l["accepted"] != true)
                        .map(serde_json::Value::to_string)
                });
                anyhow::bail!(
                    "import {i}: {} of {lines} accepted, {} refused; first refused: {}",
                    report["accepted"],
                    report["refused"],
                    refused.unwrap_or_default()
                );
            }
            anyhow::Ok(lines)
        }));
    }
    let mut imported = 0;
    for task in tasks {
        imported += task.await??;
    }
    let ingest_seconds = started.elapsed().as_secs_f64();
    anyhow::ensure!(imported == args.voters, "{imported} paper ballots imported");

    // Voting closes; a moderator computes the results.
    store::budget_sessions::replace_stages(&db, session, &stages(false), chrono_tz::Europe::Kyiv)
        .await?;
    let tallied = Instant::now();
    let results: serde_json::Value = client
        .post(format!(
            "{}/api/v1/cities/kyiv/sessions/{session}/results/compute",
            args.server
        ))
        .header("cookie", &moderator.cookie)
        .header("x-csrf-token", &moderator.csrf)
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let tally_seconds = tallied.elapsed().as_secs_f64();

    // The database holds exactly what was generated.
    let stored_ballots = ballot::Entity::find()
        .filter(ballot::Column::BudgetSessionId.eq(session))
        .count(&db)
        .await?;
    let ballot_ids = ballot::Entity::find()
        .select_only()
        .column(ballot::Column::Id)
        .filter(ballot::Column::BudgetSessionId.eq(session))
        .into_query();
    let stored_pot_ballots = ballot_pot::Entity::find()
        .filter(ballot_pot::Column::BallotId.in_subquery(ballot_ids))
        .count(&db)
        .await?;
    let stored_votes = store::votes::count(&db, session).await?;
    anyhow::ensure!(
        stored_ballots == args.voters as u64
            && stored_pot_ballots == args.ballots as u64
            && stored_votes == total_votes,
        "stored {stored_ballots} voters' ballots, {stored_pot_ballots} pot ballots, \
         {stored_votes} votes; generated {}, {}, {total_votes}",
        args.voters,
        args.ballots
    );
    let counters: Vec<(i64, i64)> = project::Entity::find()
        .select_only()
        .column(project::Column::Id)
        .column(project::Column::VoteCount)
        .filter(project::Column::BudgetSessionId.eq(session))
        .into_tuple()
        .all(&db)
        .await?;
    for (id, count) in &counters {
        let expected = expected_votes.get(id).copied().unwrap_or(0);
        anyhow::ensure!(
            u64::try_from(*count).ok() == Some(expected),
            "project {id}: its stored count is {count}, the ballots give {expected}"
        );
    }

    // The results agree with the ballots.
    let by_pot: BTreeMap<i64, &serde_json::Value> = results["pots"]
        .as_array()
        .ok_or_else(|| anyhow::anyhow!("results without pots: {results}"))?
        .iter()
        .map(|p| (p["pot_id"].as_i64().unwrap_or(-1), p))
        .collect();
    anyhow::ensure!(
        by_pot.len() == pots.len(),
        "results for {} pots",
        by_pot.len()
    );
    let cost: HashMap<i64, i64> = project::Entity::find()
        .select_only()
        .column(project::Column::Id)
        .column(project::Column::CostMinor)
        .filter(project::Column::BudgetSessionId.eq(session))
        .into_tuple::<(i64, i64)>()
        .all(&db)
        .await?
        .into_iter()
        .collect();
    let independent = matches!(args.rule.as_str(), "greedy" | "greedy-no-skip");
    let mut winners = 0;
    for (i, pot) in pots.iter().enumerate() {
        let result = by_pot
            .get(&pot.id)
            .ok_or_else(|| anyhow::anyhow!("no results for pot {}", pot.id))?;
        anyhow::ensure!(
            result["voters"].as_u64() == Some(expected_voters[i]),
            "pot {}: {} voters in the results, {} ballots generated",
            pot.id,
            result["voters"],
            expected_voters[i]
        );
        let rows = result["rows"].as_array().cloned().unwrap_or_default();
        anyhow::ensure!(
            rows.len() == pot.projects.len(),
            "pot {}: {} rows for {} projects",
            pot.id,
            rows.len(),
            pot.projects.len()
        );
        for row in &rows {
            let id = row["project_id"].as_i64().unwrap_or(-1);
            let expected = expected_votes.get(&id).copied().unwrap_or(0);
            anyhow::ensure!(
                row["votes"].as_u64() == Some(expected),
                "pot {}, project {id}: {} votes in the results, the ballots give {expected}",
                pot.id,
                row["votes"]
            );
        }
        let chosen: Vec<i64> = rows
            .iter()
            .filter(|r| r["selected"] == true)
            .map(|r| r["project_id"].as_i64().unwrap_or(-1))
            .collect();
        winners += chosen.len();
        if independent {
            // Most votes first; ties by lower cost, then by submission (here the id).
            let mut order = pot.projects.clone();
            order.sort_by_key(|p| {
                (
                    std::cmp::Reverse(expected_votes.get(p).copied().unwrap_or(0)),
                    cost[p],
                    *p,
                )
            });
            let mut left = pot.total_minor;
            let mut mine = vec![];
            for p in order {
                if cost[&p] <= left {
                    left -= cost[&p];
                    mine.push(p);
                } else if args.rule == "greedy-no-skip" {
                    break;
                }
            }
            anyhow::ensure!(
                chosen == mine,
                "pot {}: the results choose {chosen:?}, the ballots give {mine:?}",
                pot.id
            );
        }
    }

    println!(
        "{}",
        serde_json::json!({
            "voters": args.voters,
            "ballots": args.ballots,
            "votes": total_votes,
            "projects": args.projects,
            "pots": pots.len(),
            "rule": args.rule,
            "winners": winners,
            "imports": args.voters.div_ceil(args.chunk),
            "concurrency": args.concurrency,
            "prepare_seconds": prepare_seconds,
            "ingest_seconds": ingest_seconds,
            "ingest_ballots_per_second": args.ballots as f64 / ingest_seconds,
            "ingest_votes_per_second": total_votes as f64 / ingest_seconds,
            "tally_seconds": tally_seconds,
            "end_to_end_seconds": ingest_seconds + tally_seconds,
            "checked": if independent { "counts and winners" } else { "counts" },
        })
    );
    Ok(())
}
