//! The paper-ballot CSV import (`app::voting::import_paper`): a header line, then
//! `voter,projects[,birth_date]`, each line parsed by `app::voting::parse_line`.
//!
//! `import_paper` needs a database, so this target does what it does without one: the same
//! `lf_line_ends`, `paper_reader`, `record_line` and `parse_line`; the voter then goes through
//! `Login::parse`, as `paper_one` does.
//!
//! Properties: the line a ballot is reported on is after the header, not blank, and later than
//! the previous ballot's; an accepted line keeps the voter as the file has it (trimmed) and has one
//! project per id in its `projects` field; a refused line is refused for its projects or its
//! birth date; the accepted ballots written back as a CSV file in the documented format
//! (`voter,projects,birth_date`, ids separated by spaces, dates `YYYY-MM-DD`) import to the
//! same ballots.
#![no_main]

use chrono::NaiveDate;
use hromada::app::voting::{
    IMPORT_MAX_LINES, PaperBallot, lf_line_ends, paper_reader, parse_line, record_line,
};
use hromada::domain::login::Login;
use libfuzzer_sys::fuzz_target;

type Parsed = (String, Option<NaiveDate>, Vec<i64>);

/// The ballots `import_paper` would try to store, or `None` when it refuses the whole file.
fn import(bytes: &[u8]) -> Option<Vec<Parsed>> {
    let bytes = lf_line_ends(bytes.to_vec());
    let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    let mut reader = paper_reader(&bytes);
    let headers = reader.headers().ok()?.clone();
    let column = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let (voter_at, projects_at) = (column("voter")?, column("projects")?);
    let birth_at = column("birth_date");
    let mut ballots = vec![];
    let mut previous = 1;
    for record in reader.records().take(IMPORT_MAX_LINES + 1) {
        let Ok(record) = record else { continue };
        let line = record_line(&bytes, record.position().expect("a record has a position"));
        assert!(line > previous, "line {line} after line {previous}");
        let text = lines[usize::try_from(line - 1).unwrap()];
        assert!(!text.is_empty(), "a ballot on blank line {line}");
        previous = line;
        match parse_line(&record, voter_at, projects_at, birth_at) {
            Ok(PaperBallot {
                voter,
                birth_date,
                projects,
            }) => {
                assert_eq!(voter, record.get(voter_at).unwrap_or(""));
                let ids = record
                    .get(projects_at)
                    .unwrap_or("")
                    .split([' ', ';', ','])
                    .filter(|s| !s.is_empty())
                    .count();
                assert_eq!(projects.len(), ids, "{record:?}");
                let _ = Login::parse(&voter);
                ballots.push((voter, birth_date, projects));
            }
            Err(e) => assert!(
                ["vote-import-projects", "vote-import-birth-date"].contains(&e.code),
                "refused with {}",
                e.code
            ),
        }
    }
    Some(ballots)
}

fuzz_target!(|data: &[u8]| {
    let Some(ballots) = import(data) else { return };
    let mut writer = csv::Writer::from_writer(vec![]);
    writer
        .write_record(["voter", "projects", "birth_date"])
        .unwrap();
    for (voter, birth_date, projects) in &ballots {
        let projects: Vec<String> = projects.iter().map(i64::to_string).collect();
        let birth_date = birth_date.map(|d| d.format("%Y-%m-%d").to_string());
        writer
            .write_record([
                voter.as_str(),
                &projects.join(" "),
                birth_date.as_deref().unwrap_or(""),
            ])
            .unwrap();
    }
    let written = writer.into_inner().unwrap();
    let again = import(&written).expect("the written file has the header");
    assert_eq!(
        again,
        ballots,
        "written back:\n{}",
        String::from_utf8_lossy(&written)
    );
});
