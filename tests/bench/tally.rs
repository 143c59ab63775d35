//! The tally of a Kyiv-sized pot under each rule, beside pabutools on the same instance: a
//! benchmark, not a test.
//!
//!     cargo bench --bench tally -- [--projects 1600] [--voters 650000] [--votes 5]
//!         [--pabutools] [--timeout 600] [--out FILE.pb]
//!
//! Generates a seeded instance (costs from 100,000 to 2,000,000 UAH, a pot of a tenth of their
//! total, project popularity falling off as in real votes), writes it as a pabulib file, times
//! `domain::tally` for each rule in this process, and with `--pabutools` times pabutools on the
//! same file (`tests/bench/pabutools_time.py`), giving up after `--timeout` seconds per rule.
//! Prints one JSON line per rule.

use std::process::Command;
use std::time::{Duration, Instant};

use clap::Parser;
use hromada::domain::pabulib::{self, Election};
use hromada::domain::tally::{self, Rule};
use rand::distributions::{Distribution, WeightedIndex};
use rand::{Rng, SeedableRng};
use rust_decimal::Decimal;

#[derive(Debug, Parser)]
struct Args {
    #[arg(long, default_value_t = 1600)]
    projects: usize,
    #[arg(long, default_value_t = 650_000)]
    voters: usize,
    #[arg(long, default_value_t = 5)]
    votes: usize,
    /// Also time pabutools (python3 with pabutools installed).
    #[arg(long)]
    pabutools: bool,
    /// Seconds pabutools may take per rule.
    #[arg(long, default_value_t = 600)]
    timeout: u64,
    /// Where to write the instance (default: a temporary file).
    #[arg(long)]
    out: Option<std::path::PathBuf>,
    #[arg(long, hide = true)]
    bench: bool,
}

fn instance(args: &Args) -> Election {
    let mut rng = rand::rngs::StdRng::seed_from_u64(2026);
    let costs: Vec<u64> = (0..args.projects)
        .map(|_| rng.gen_range(100..=2_000) * 1_000)
        .collect();
    let budget = costs.iter().sum::<u64>() / 10;
    // Popularity: the k-th most popular project is chosen about 1/k^0.8 as often as the first.
    let weights: Vec<f64> = (1..=args.projects)
        .map(|k| 1.0 / (k as f64).powf(0.8))
        .collect();
    let pick = WeightedIndex::new(&weights).expect("weights");
    let votes = (0..args.voters)
        .map(|v| {
            let mut chosen: Vec<usize> = vec![];
            while chosen.len() < args.votes.min(args.projects) {
                let p = pick.sample(&mut rng);
                if !chosen.contains(&p) {
                    chosen.push(p);
                }
            }
            pabulib::Vote {
                voter_id: (v + 1).to_string(),
                projects: chosen,
                extra: vec![],
            }
        })
        .collect();
    Election {
        meta: vec![
            (
                "description".into(),
                "hromada benchmark: a Kyiv-sized pot".into(),
            ),
            ("country".into(), "Ukraine".into()),
            ("unit".into(), "Benchmark".into()),
            ("instance".into(), "2026".into()),
            ("rule".into(), "greedy".into()),
        ],
        budget: Decimal::from(budget),
        min_project_score_threshold: Some(100),
        project_columns: vec![],
        projects: costs
            .iter()
            .enumerate()
            .map(|(i, c)| pabulib::Project {
                id: (i + 1).to_string(),
                cost: Decimal::from(*c),
                selected: None,
                extra: vec![],
            })
            .collect(),
        vote_columns: vec![],
        votes,
    }
}

/// pabutools' time for `rule` on `file`, or `None` when it passed the timeout.
fn pabutools_seconds(
    file: &std::path::Path,
    rule: &str,
    timeout: u64,
) -> anyhow::Result<Option<f64>> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/bench/pabutools_time.py");
    let output = Command::new("timeout")
        .arg(timeout.to_string())
        .args(["python3", script])
        .arg(file)
        .arg(rule)
        .output()?;
    if output.status.code() == Some(124) {
        return Ok(None);
    }
    anyhow::ensure!(
        output.status.success(),
        "pabutools failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(Some(
        String::from_utf8_lossy(&output.stdout).trim().parse()?,
    ))
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let election = instance(&args);
    let path = args
        .out
        .clone()
        .unwrap_or_else(|| std::env::temp_dir().join("hromada-bench-kyiv.pb"));
    std::fs::write(&path, pabulib::write(&election)?)?;
    let (projects, ballots) = election.tally_input();
    for rule in [
        Rule::Greedy,
        Rule::GreedyNoSkip,
        Rule::GreedyThreshold { min_votes: 100 },
        Rule::EqualSharesAdd1,
    ] {
        let started = Instant::now();
        let outcome = tally::tally(rule, election.budget, &projects, &ballots)?;
        let ours = started.elapsed().as_secs_f64();
        let theirs = if args.pabutools {
            pabutools_seconds(&path, rule.pabulib_name(), args.timeout)?
        } else {
            None
        };
        println!(
            "{}",
            serde_json::json!({
                "rule": rule.pabulib_name(),
                "projects": args.projects,
                "ballots": args.voters,
                "winners": outcome.winners.len(),
                "hromada_seconds": ours,
                "pabutools_seconds": theirs,
                "pabutools_timed_out": args.pabutools && theirs.is_none(),
                "speedup": theirs.map(|t| t / ours.max(f64::EPSILON)),
                "speedup_at_least": (args.pabutools && theirs.is_none())
                    .then(|| Duration::from_secs(args.timeout).as_secs_f64() / ours.max(f64::EPSILON)),
            })
        );
    }
    println!(
        "{}",
        serde_json::json!({ "instance": path.display().to_string() })
    );
    Ok(())
}
