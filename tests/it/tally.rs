//! `hromada tally` on real elections: the five pabulib instances in `tests/data/pabulib` must
//! give each city's actual winners (their `selected` column), and bad input a clear error.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/pabulib")
        .join(name)
}

fn tally(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hromada"))
        .arg("tally")
        .args(args)
        .output()
        .expect("run hromada tally")
}

/// The ids whose `selected` is 1, read independently of hromada's own reader.
fn selected(path: &PathBuf) -> BTreeSet<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut section = "";
    let mut header: Vec<String> = vec![];
    let mut chosen = BTreeSet::new();
    for line in text.lines().map(str::trim) {
        if matches!(line, "META" | "PROJECTS" | "VOTES") {
            section = if line == "PROJECTS" { "projects" } else { "" };
            header.clear();
            continue;
        }
        if section != "projects" || line.is_empty() {
            continue;
        }
        let fields: Vec<String> = line.split(';').map(str::to_owned).collect();
        if header.is_empty() {
            header = fields;
            continue;
        }
        let get = |name: &str| {
            header
                .iter()
                .position(|h| h == name)
                .and_then(|i| fields.get(i))
        };
        if get("selected").map(String::as_str) == Some("1") {
            chosen.insert(get("project_id").unwrap().clone());
        }
    }
    chosen
}

#[test]
fn five_real_elections_give_their_cities_actual_winners() {
    let files = [
        ("Poland_Gdynia_2020_Orlowo__large.pb", "greedy-no-skip"),
        ("Poland_Lodz_2024_Zdrowie-Mania.pb", "greedy-threshold"),
        ("Poland_Swiecie_2023.pb", "equalshares/add1"),
        ("Poland_Warszawa_2023_Bemowo.pb", "greedy"),
        ("Poland_Warszawa_2025_Wilanow.pb", "greedy"),
    ];
    for (name, rule) in files {
        let path = data(name);
        let expected = selected(&path);
        assert!(!expected.is_empty(), "{name} has winners");
        let out = tally(&[path.to_str().unwrap(), "--json"]);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json["rule"], rule, "{name} uses its own rule");
        let winners: BTreeSet<String> = json["winners"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_str().unwrap().to_owned())
            .collect();
        assert_eq!(winners, expected, "{name}");
    }
}

#[test]
fn a_rule_can_be_chosen_and_people_get_a_readable_report() {
    let path = data("Poland_Warszawa_2025_Wilanow.pb");
    let out = tally(&[path.to_str().unwrap(), "--rule", "greedy-no-skip", "--json"]);
    assert!(out.status.success());
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["rule"], "greedy-no-skip");
    // Stopping at the first project that does not fit never selects more than greedy does.
    let no_skip = json["winners"].as_array().unwrap().len();
    let greedy: Value =
        serde_json::from_slice(&tally(&[path.to_str().unwrap(), "--json"]).stdout).unwrap();
    assert!(no_skip <= greedy["winners"].as_array().unwrap().len());
    let text = tally(&[path.to_str().unwrap()]);
    assert!(text.status.success());
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("greedy"), "{text}");
    let unknown = tally(&[path.to_str().unwrap(), "--rule", "coin-toss"]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("coin-toss"));
}

#[test]
fn votes_per_hryvnia_can_be_chosen_and_favours_cheaper_projects() {
    let path = data("Poland_Warszawa_2025_Wilanow.pb");
    let json = |rule: &str| -> Value {
        let out = tally(&[path.to_str().unwrap(), "--rule", rule, "--json"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let per_cost = json("greedy-per-cost");
    let greedy = json("greedy");
    assert_eq!(per_cost["rule"], "greedy-per-cost");
    // Ranking by votes per hryvnia funds more (cheaper) projects here than ranking by votes.
    let count = |v: &Value| v["winners"].as_array().unwrap().len();
    assert!(count(&per_cost) > count(&greedy), "{per_cost} {greedy}");
    // pabutools agrees (every_rule_agrees_with_pabutools); the first pick has the best ratio:
    // project 1545, 734 votes for 11,286.
    assert_eq!(per_cost["winners"][0], "1545");
}

#[test]
fn malformed_and_missing_files_are_named_not_panicked() {
    let dir = std::env::temp_dir().join(format!("hromada-tally-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.pb");
    std::fs::write(
        &bad,
        "META\nkey;value\nbudget;100\nvote_type;approval\nrule;greedy\nPROJECTS\nproject_id;cost\n1;abc\nVOTES\nvoter_id;vote\n1;1\n",
    )
    .unwrap();
    let out = tally(&[bad.to_str().unwrap()]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 8"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let missing = tally(&[dir.join("none.pb").to_str().unwrap()]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("none.pb"));
    std::fs::remove_dir_all(dir).ok();
}

/// Every rule's winners equal pabutools' on real elections and on random instances
/// (`tests/pabutools/compare.py`). CI installs pabutools; elsewhere the test is skipped with a
/// note when it is missing.
#[test]
fn every_rule_agrees_with_pabutools() {
    // No database is involved: the SQLite pass of the suite runs it, the PostgreSQL pass need
    // not run it again.
    if std::env::var_os("TEST_DATABASE_URL").is_some() {
        return;
    }
    let installed = Command::new("python3")
        .args(["-c", "import pabutools"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !installed {
        assert!(
            std::env::var_os("CI").is_none(),
            "pabutools is required in CI (python3 -m pip install pabutools)"
        );
        eprintln!("skipped: python3 -m pip install pabutools to compare with pabutools");
        return;
    }
    // pabutools' exact Equal Shares takes many minutes on Świecie and Bemowo; those two are
    // checked against their real winners above, and Equal Shares against pabutools on the
    // random instances.
    let files = [
        "Poland_Gdynia_2020_Orlowo__large.pb",
        "Poland_Lodz_2024_Zdrowie-Mania.pb",
        "Poland_Warszawa_2025_Wilanow.pb",
    ];
    let out = Command::new("python3")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/pabutools/compare.py"
        ))
        .arg(env!("CARGO_BIN_EXE_hromada"))
        .args(files.map(data))
        .args(["--random", "10"])
        .output()
        .expect("run compare.py");
    assert!(
        out.status.success(),
        "hromada and pabutools differ:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
