//! The pabulib data format (pabulib.org) for approval votes: a reader that names the line of
//! every fault, and a writer whose output the reader reads back to the same [`Election`].
//!
//! A file has three sections, in this order, each a line with its name and then a header line:
//! `META` (`key;value` rows), `PROJECTS` (`project_id;cost;...`) and `VOTES` (`voter_id;vote;...`,
//! `vote` being the comma-separated ids of the approved projects). Fields are separated by `;`
//! and quoted as Python's `csv` module does with `delimiter=';'`: a field with `;`, `"` or a line
//! break is put in double quotes, a quote inside doubled. Unquoted fields are trimmed; blank lines
//! are skipped; `,` is accepted as the decimal separator of amounts, as pabutools does.
//!
//! Only `vote_type` `approval` is supported.

use std::collections::{HashMap, HashSet};
use std::str::FromStr;

use rust_decimal::Decimal;

use super::tally;

/// A fault in a pabulib file, at a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct ParseError {
    pub line: usize,
    pub reason: String,
}

/// Why an [`Election`] cannot be written as a pabulib file that reads back the same.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WriteError {
    #[error("project id `{0}` is empty, has a comma or is a section name")]
    ProjectId(String),
    #[error("project id `{0}` appears twice")]
    DuplicateProject(String),
    #[error("voter id `{0}` is empty or a section name")]
    VoterId(String),
    #[error("voter id `{0}` appears twice")]
    DuplicateVoter(String),
    #[error("voter `{voter}` approves project #{project}, which does not exist")]
    UnknownProject { voter: String, project: usize },
    #[error("voter `{voter}` approves project #{project} twice")]
    RepeatedApproval { voter: String, project: usize },
    #[error("META key `{0}` is empty, repeated, a section name or one written from typed fields")]
    MetaKey(String),
    #[error("column `{0}` is empty, repeated or reserved")]
    Column(String),
    #[error("{row} has {found} extra fields for {expected} extra columns")]
    FieldCount {
        row: String,
        expected: usize,
        found: usize,
    },
}

/// One pot's vote as a pabulib file holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Election {
    /// The META entries in file order, except those held in typed fields (`budget`,
    /// `min_project_score_threshold`) and those the writer derives (`vote_type`,
    /// `num_projects`, `num_votes`).
    pub meta: Vec<(String, String)>,
    pub budget: Decimal,
    /// `min_project_score_threshold`: the votes a project needs under `greedy-threshold`.
    pub min_project_score_threshold: Option<u64>,
    /// PROJECTS columns other than `project_id`, `cost` and `selected`, in file order.
    pub project_columns: Vec<String>,
    pub projects: Vec<Project>,
    /// VOTES columns other than `voter_id` and `vote`, in file order.
    pub vote_columns: Vec<String>,
    pub votes: Vec<Vote>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    pub id: String,
    pub cost: Decimal,
    /// The `selected` column: whether the project won (absent or empty: `None`).
    pub selected: Option<bool>,
    /// Values of [`Election::project_columns`], in that order.
    pub extra: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vote {
    pub voter_id: String,
    /// Indices into [`Election::projects`], in the order the file lists them.
    pub projects: Vec<usize>,
    /// Values of [`Election::vote_columns`], in that order.
    pub extra: Vec<String>,
}

const SECTIONS: [&str; 3] = ["meta", "projects", "votes"];
/// META keys the reader turns into typed fields or checks, and the writer writes itself.
const TYPED_META: [&str; 5] = [
    "budget",
    "min_project_score_threshold",
    "vote_type",
    "num_projects",
    "num_votes",
];

impl Election {
    /// The value of a META entry kept in [`Election::meta`].
    pub fn meta_value(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The META `rule` field, e.g. `greedy` or `equalshares/add1`.
    pub fn rule(&self) -> Option<&str> {
        self.meta_value("rule")
    }

    /// The input of [`tally::tally`]: the projects with their order key, and the ballots.
    ///
    /// pabulib files carry no submission dates, so "earlier submission" in a tie is the smaller
    /// project id: numerically when the id is a number, numbers before other ids, the others in
    /// code-point order.
    pub fn tally_input(&self) -> (Vec<tally::Project>, Vec<tally::Ballot>) {
        let mut by_id: Vec<usize> = (0..self.projects.len()).collect();
        by_id.sort_by(|&a, &b| {
            id_order_key(&self.projects[a].id).cmp(&id_order_key(&self.projects[b].id))
        });
        let mut order = vec![0u64; self.projects.len()];
        for (position, &p) in by_id.iter().enumerate() {
            order[p] = position as u64;
        }
        let projects = self
            .projects
            .iter()
            .zip(order)
            .map(|(p, order)| tally::Project {
                id: p.id.clone(),
                cost: p.cost,
                order,
            })
            .collect();
        let ballots = self
            .votes
            .iter()
            .map(|v| tally::Ballot::new(v.projects.iter().copied()))
            .collect();
        (projects, ballots)
    }
}

/// Numeric ids by value (leading zeros aside), before all other ids; ties by the id's text.
fn id_order_key(id: &str) -> (u8, usize, &str, &str) {
    if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) {
        let digits = id.trim_start_matches('0');
        (0, digits.len(), digits, id)
    } else {
        (1, 0, id, id)
    }
}

/// One record of the file: its fields and the line it starts on.
struct Record {
    line: usize,
    fields: Vec<String>,
}

impl Record {
    fn is_blank(&self) -> bool {
        self.fields.len() == 1 && self.fields[0].is_empty()
    }

    /// The section this line starts: its first field names one, whatever follows, as
    /// pabutools and pabulib's checker read it (and as [`write`] assumes).
    fn section(&self) -> Option<&'static str> {
        let name = self.fields[0].trim().to_ascii_lowercase();
        SECTIONS.into_iter().find(|s| *s == name)
    }
}

/// Splits `text` into records, with Python csv's quoting rules and `;` as the delimiter.
fn records(text: &str) -> Result<(Vec<Record>, usize), ParseError> {
    let bytes = text.as_bytes();
    let mut records = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < bytes.len() {
        let start_line = line;
        let mut fields = Vec::new();
        loop {
            // One field, starting at i.
            if bytes.get(i) == Some(&b'"') {
                let quote_line = line;
                let mut field = String::new();
                i += 1;
                let mut from = i;
                loop {
                    match bytes.get(i) {
                        None => {
                            return Err(ParseError {
                                line: quote_line,
                                reason: "a quoted field is not closed".into(),
                            });
                        }
                        Some(b'"') if bytes.get(i + 1) == Some(&b'"') => {
                            field.push_str(&text[from..=i]);
                            i += 2;
                            from = i;
                        }
                        Some(b'"') => {
                            field.push_str(&text[from..i]);
                            i += 1;
                            break;
                        }
                        Some(b'\n') => {
                            line += 1;
                            i += 1;
                        }
                        Some(b'\r') => {
                            if bytes.get(i + 1) != Some(&b'\n') {
                                line += 1;
                            }
                            i += 1;
                        }
                        Some(_) => i += 1,
                    }
                }
                fields.push(field);
                match bytes.get(i) {
                    None | Some(b';' | b'\n' | b'\r') => {}
                    Some(_) => {
                        return Err(ParseError {
                            line,
                            reason: "text after a closing quote; quote the whole field".into(),
                        });
                    }
                }
            } else {
                let from = i;
                while i < bytes.len() && !matches!(bytes[i], b';' | b'\n' | b'\r') {
                    i += 1;
                }
                fields.push(text[from..i].trim().to_owned());
            }
            match bytes.get(i) {
                Some(b';') => i += 1,
                Some(b'\r') => {
                    i += if bytes.get(i + 1) == Some(&b'\n') {
                        2
                    } else {
                        1
                    };
                    line += 1;
                    break;
                }
                Some(b'\n') => {
                    i += 1;
                    line += 1;
                    break;
                }
                _ => break,
            }
        }
        records.push(Record {
            line: start_line,
            fields,
        });
    }
    let last_line = if text.ends_with(['\n', '\r']) {
        (line - 1).max(1)
    } else {
        line
    };
    Ok((records, last_line))
}

fn err<T>(line: usize, reason: impl Into<String>) -> Result<T, ParseError> {
    Err(ParseError {
        line,
        reason: reason.into(),
    })
}

/// An amount: digits with an optional `.` or `,` and decimals; not negative.
fn parse_amount(text: &str, what: &str, line: usize) -> Result<Decimal, ParseError> {
    let normal = text.replace(',', ".");
    let digits_ok = {
        let mut parts = normal.splitn(2, '.');
        let whole = parts.next().unwrap_or("");
        let fraction = parts.next();
        !whole.is_empty()
            && whole.bytes().all(|b| b.is_ascii_digit())
            && fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
    };
    if !digits_ok {
        let negative = normal
            .strip_prefix('-')
            .is_some_and(|rest| Decimal::from_str(rest).is_ok());
        return if negative {
            err(line, format!("{what} `{text}` is negative"))
        } else {
            err(line, format!("{what} `{text}` is not a number"))
        };
    }
    Decimal::from_str_exact(&normal).or_else(|_| {
        err(
            line,
            format!("{what} `{text}` has too many digits to be exact"),
        )
    })
}

fn parse_count(text: &str, what: &str, line: usize) -> Result<u64, ParseError> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return err(line, format!("{what} `{text}` is not a whole number"));
    }
    text.parse()
        .or_else(|_| err(line, format!("{what} `{text}` is too large")))
}

/// Column positions of a section header; `required` columns must be present.
fn header(record: &Record, section: &str, required: &[&str]) -> Result<Vec<String>, ParseError> {
    let mut seen = HashSet::new();
    for name in &record.fields {
        if name.is_empty() {
            return err(
                record.line,
                format!("{section} header has an empty column name"),
            );
        }
        if !seen.insert(name.as_str()) {
            return err(
                record.line,
                format!("{section} header repeats column `{name}`"),
            );
        }
    }
    for name in required {
        if !seen.contains(name) {
            return err(
                record.line,
                format!("{section} header has no `{name}` column"),
            );
        }
    }
    Ok(record.fields.clone())
}

fn check_width(record: &Record, columns: &[String], section: &str) -> Result<(), ParseError> {
    if record.fields.len() != columns.len() {
        return err(
            record.line,
            format!(
                "{section} row has {} fields, the header has {}",
                record.fields.len(),
                columns.len()
            ),
        );
    }
    Ok(())
}

/// Reads a pabulib file of approval votes from its bytes, which must be UTF-8.
pub fn read_bytes(bytes: &[u8]) -> Result<Election, ParseError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => read(text),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            err(
                good.iter().filter(|&&b| b == b'\n').count() + 1,
                "the file is not UTF-8 text",
            )
        }
    }
}

/// Reads a pabulib file of approval votes.
pub fn read(text: &str) -> Result<Election, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (records, last_line) = records(text)?;
    let mut records = records.into_iter().filter(|r| !r.is_blank()).peekable();

    // META
    let Some(first) = records.next() else {
        return err(1, "the file is empty; it must start with a META section");
    };
    if first.section() != Some("meta") {
        return err(first.line, "the file must start with a META section");
    }
    let meta_line = first.line;
    let Some(meta_header) = records.next() else {
        return err(last_line, "the META section has no header line");
    };
    if meta_header.fields.len() != 2 || meta_header.section().is_some() {
        return err(meta_header.line, "the META header must be `key;value`");
    }
    let mut meta = Vec::new();
    let mut seen_keys: HashMap<String, usize> = HashMap::new();
    let mut budget = None;
    let mut threshold = None;
    let mut vote_type = None;
    let mut num_projects = None;
    let mut num_votes = None;
    while let Some(record) = records.next_if(|r| r.section().is_none()) {
        if record.fields.len() != 2 {
            return err(
                record.line,
                format!(
                    "a META row is `key;value`, this one has {} fields",
                    record.fields.len()
                ),
            );
        }
        let key = record.fields[0].clone();
        let value = record.fields[1].clone();
        if key.is_empty() {
            return err(record.line, "a META row has an empty key");
        }
        if let Some(first) = seen_keys.insert(key.clone(), record.line) {
            return err(
                record.line,
                format!("META key `{key}` repeated (first on line {first})"),
            );
        }
        match key.as_str() {
            "budget" => budget = Some(parse_amount(value.trim(), "budget", record.line)?),
            "min_project_score_threshold" => {
                threshold = Some(parse_count(
                    &value,
                    "min_project_score_threshold",
                    record.line,
                )?)
            }
            "vote_type" => {
                if value != "approval" {
                    return err(
                        record.line,
                        format!("vote_type `{value}` is not supported; only `approval` is"),
                    );
                }
                vote_type = Some(value);
            }
            "num_projects" => {
                num_projects = Some((
                    parse_count(&value, "num_projects", record.line)?,
                    record.line,
                ))
            }
            "num_votes" => {
                num_votes = Some((parse_count(&value, "num_votes", record.line)?, record.line))
            }
            _ => meta.push((key, value)),
        }
    }
    let Some(budget) = budget else {
        return err(meta_line, "META has no `budget`");
    };
    if vote_type.is_none() {
        return err(meta_line, "META has no `vote_type`");
    }

    // PROJECTS
    let Some(section) = records.next() else {
        return err(last_line, "the file ends without a PROJECTS section");
    };
    if section.section() != Some("projects") {
        return err(
            section.line,
            format!(
                "expected the PROJECTS section after META, found {}",
                section.fields[0].to_ascii_uppercase()
            ),
        );
    }
    let Some(project_header) = records.next() else {
        return err(last_line, "the PROJECTS section has no header line");
    };
    if project_header.section().is_some() {
        return err(
            project_header.line,
            "the PROJECTS section has no header line",
        );
    }
    let columns = header(&project_header, "PROJECTS", &["project_id", "cost"])?;
    let position = |name: &str| columns.iter().position(|c| c == name);
    let (id_at, cost_at, selected_at) = (
        position("project_id").unwrap_or(0),
        position("cost").unwrap_or(0),
        position("selected"),
    );
    let extra_at: Vec<usize> = (0..columns.len())
        .filter(|&i| i != id_at && i != cost_at && Some(i) != selected_at)
        .collect();
    let project_columns = extra_at.iter().map(|&i| columns[i].clone()).collect();
    let mut projects = Vec::new();
    let mut project_index: HashMap<String, (usize, usize)> = HashMap::new();
    while let Some(record) = records.next_if(|r| r.section().is_none()) {
        check_width(&record, &columns, "a PROJECTS")?;
        let id = record.fields[id_at].trim().to_owned();
        if id.is_empty() {
            return err(record.line, "a project has an empty project_id");
        }
        if id.contains(',') {
            return err(
                record.line,
                format!("project_id `{id}` has a comma, which votes cannot name"),
            );
        }
        if let Some((_, first)) = project_index.get(&id) {
            return err(
                record.line,
                format!("project_id `{id}` repeated (first on line {first})"),
            );
        }
        let cost = parse_amount(record.fields[cost_at].trim(), "cost", record.line)?;
        let selected = match selected_at.map(|i| record.fields[i].as_str()) {
            None | Some("") => None,
            Some(s) if s.eq_ignore_ascii_case("none") => None,
            Some("1") => Some(true),
            Some("0") => Some(false),
            Some(other) => {
                return err(record.line, format!("selected `{other}` is not 0 or 1"));
            }
        };
        project_index.insert(id.clone(), (projects.len(), record.line));
        projects.push(Project {
            id,
            cost,
            selected,
            extra: extra_at.iter().map(|&i| record.fields[i].clone()).collect(),
        });
    }

    // VOTES
    let Some(section) = records.next() else {
        return err(last_line, "the file ends without a VOTES section");
    };
    if section.section() != Some("votes") {
        return err(
            section.line,
            format!(
                "expected the VOTES section after PROJECTS, found {}",
                section.fields[0].to_ascii_uppercase()
            ),
        );
    }
    let Some(vote_header) = records.next() else {
        return err(last_line, "the VOTES section has no header line");
    };
    if vote_header.section().is_some() {
        return err(vote_header.line, "the VOTES section has no header line");
    }
    let columns = header(&vote_header, "VOTES", &["voter_id", "vote"])?;
    let position = |name: &str| columns.iter().position(|c| c == name);
    let (voter_at, vote_at) = (
        position("voter_id").unwrap_or(0),
        position("vote").unwrap_or(0),
    );
    let extra_at: Vec<usize> = (0..columns.len())
        .filter(|&i| i != voter_at && i != vote_at)
        .collect();
    let vote_columns = extra_at.iter().map(|&i| columns[i].clone()).collect();
    let mut votes = Vec::new();
    let mut voters: HashMap<String, usize> = HashMap::new();
    let mut approved = vec![usize::MAX; projects.len()];
    for record in records.by_ref() {
        if let Some(section) = record.section() {
            return err(
                record.line,
                format!(
                    "a second {} section; VOTES must be the last",
                    section.to_ascii_uppercase()
                ),
            );
        }
        check_width(&record, &columns, "a VOTES")?;
        let voter_id = record.fields[voter_at].trim().to_owned();
        if voter_id.is_empty() {
            return err(record.line, "a vote has an empty voter_id");
        }
        if let Some(first) = voters.insert(voter_id.clone(), record.line) {
            return err(
                record.line,
                format!("voter_id `{voter_id}` repeated (first on line {first})"),
            );
        }
        let mut chosen = Vec::new();
        for name in record.fields[vote_at].split(',').map(str::trim) {
            if name.is_empty() {
                continue;
            }
            let Some(&(p, _)) = project_index.get(name) else {
                return err(
                    record.line,
                    format!("the vote names project `{name}`, which is not in PROJECTS"),
                );
            };
            if approved[p] == votes.len() {
                return err(
                    record.line,
                    format!("the vote names project `{name}` twice"),
                );
            }
            approved[p] = votes.len();
            chosen.push(p);
        }
        votes.push(Vote {
            voter_id,
            projects: chosen,
            extra: extra_at.iter().map(|&i| record.fields[i].clone()).collect(),
        });
    }

    if let Some((n, line)) = num_projects
        && n != projects.len() as u64
    {
        return err(
            line,
            format!("num_projects is {n}, but PROJECTS lists {}", projects.len()),
        );
    }
    if let Some((n, line)) = num_votes
        && n != votes.len() as u64
    {
        return err(
            line,
            format!("num_votes is {n}, but VOTES lists {}", votes.len()),
        );
    }
    Ok(Election {
        meta,
        budget,
        min_project_score_threshold: threshold,
        project_columns,
        projects,
        vote_columns,
        votes,
    })
}

/// A field as Python's csv writer (delimiter `;`) would write it, plus quotes around leading or
/// trailing spaces, which the reader trims from unquoted fields.
fn field(value: &str) -> String {
    let needs_quotes = value.contains([';', '"', '\n', '\r'])
        || value.starts_with(char::is_whitespace)
        || value.ends_with(char::is_whitespace);
    if needs_quotes {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

fn row(out: &mut String, fields: impl IntoIterator<Item = impl AsRef<str>>) {
    let mut first = true;
    for f in fields {
        if !first {
            out.push(';');
        }
        first = false;
        out.push_str(&field(f.as_ref()));
    }
    out.push('\n');
}

fn is_section_name(s: &str) -> bool {
    SECTIONS.contains(&s.trim().to_ascii_lowercase().as_str())
}

fn check_columns(columns: &[String], reserved: &[&str]) -> Result<(), WriteError> {
    let mut seen = HashSet::new();
    for c in columns {
        if c.trim().is_empty() || c.trim() != c || reserved.contains(&c.as_str()) || !seen.insert(c)
        {
            return Err(WriteError::Column(c.clone()));
        }
    }
    Ok(())
}

/// Writes `election` as a pabulib file: META (its entries, then `num_projects`, `num_votes`,
/// `budget`, `vote_type` and `min_project_score_threshold`), PROJECTS (`project_id`, `cost`, the
/// extra columns, and `selected` when any project has it) and VOTES (`voter_id`, `vote`, the
/// extra columns). [`read`] reads the result back to an equal `Election`.
pub fn write(election: &Election) -> Result<String, WriteError> {
    let mut keys = HashSet::new();
    for (key, _) in &election.meta {
        if key.trim().is_empty()
            || key.trim() != key
            || is_section_name(key)
            || TYPED_META.contains(&key.as_str())
            || !keys.insert(key)
        {
            return Err(WriteError::MetaKey(key.clone()));
        }
    }
    check_columns(
        &election.project_columns,
        &["project_id", "cost", "selected"],
    )?;
    check_columns(&election.vote_columns, &["voter_id", "vote"])?;
    let mut ids = HashSet::new();
    for p in &election.projects {
        if p.id.trim().is_empty()
            || p.id.trim() != p.id
            || p.id.contains(',')
            || is_section_name(&p.id)
        {
            return Err(WriteError::ProjectId(p.id.clone()));
        }
        if !ids.insert(&p.id) {
            return Err(WriteError::DuplicateProject(p.id.clone()));
        }
        if p.extra.len() != election.project_columns.len() {
            return Err(WriteError::FieldCount {
                row: format!("project `{}`", p.id),
                expected: election.project_columns.len(),
                found: p.extra.len(),
            });
        }
    }
    let mut voters = HashSet::new();
    for v in &election.votes {
        if v.voter_id.trim().is_empty()
            || v.voter_id.trim() != v.voter_id
            || is_section_name(&v.voter_id)
        {
            return Err(WriteError::VoterId(v.voter_id.clone()));
        }
        if !voters.insert(&v.voter_id) {
            return Err(WriteError::DuplicateVoter(v.voter_id.clone()));
        }
        let mut seen = HashSet::new();
        for &p in &v.projects {
            if p >= election.projects.len() {
                return Err(WriteError::UnknownProject {
                    voter: v.voter_id.clone(),
                    project: p,
                });
            }
            if !seen.insert(p) {
                return Err(WriteError::RepeatedApproval {
                    voter: v.voter_id.clone(),
                    project: p,
                });
            }
        }
        if v.extra.len() != election.vote_columns.len() {
            return Err(WriteError::FieldCount {
                row: format!("voter `{}`", v.voter_id),
                expected: election.vote_columns.len(),
                found: v.extra.len(),
            });
        }
    }

    let mut out = String::new();
    out.push_str("META\n");
    row(&mut out, ["key", "value"]);
    for (key, value) in &election.meta {
        row(&mut out, [key, value]);
    }
    row(
        &mut out,
        ["num_projects", &election.projects.len().to_string()],
    );
    row(&mut out, ["num_votes", &election.votes.len().to_string()]);
    row(&mut out, ["budget", &election.budget.to_string()]);
    row(&mut out, ["vote_type", "approval"]);
    if let Some(t) = election.min_project_score_threshold {
        row(&mut out, ["min_project_score_threshold", &t.to_string()]);
    }

    out.push_str("PROJECTS\n");
    let with_selected = election.projects.iter().any(|p| p.selected.is_some());
    let mut columns = vec!["project_id", "cost"];
    columns.extend(election.project_columns.iter().map(String::as_str));
    if with_selected {
        columns.push("selected");
    }
    row(&mut out, &columns);
    for p in &election.projects {
        let mut fields = vec![p.id.clone(), p.cost.to_string()];
        fields.extend(p.extra.iter().cloned());
        if with_selected {
            fields.push(match p.selected {
                Some(true) => "1".into(),
                Some(false) => "0".into(),
                None => String::new(),
            });
        }
        row(&mut out, &fields);
    }

    out.push_str("VOTES\n");
    let mut columns = vec!["voter_id", "vote"];
    columns.extend(election.vote_columns.iter().map(String::as_str));
    row(&mut out, &columns);
    for v in &election.votes {
        let vote = v
            .projects
            .iter()
            .map(|&p| election.projects[p].id.as_str())
            .collect::<Vec<_>>()
            .join(",");
        let mut fields = vec![v.voter_id.clone(), vote];
        fields.extend(v.extra.iter().cloned());
        row(&mut out, &fields);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\u{feff}META\r\n\
key;value\r\n\
description;\"Local PB; with a semicolon\"\r\n\
budget;1000,50\r\n\
vote_type;approval\r\n\
rule;greedy\r\n\
num_projects;3\r\n\
num_votes;4\r\n\
min_project_score_threshold;2\r\n\
\r\n\
PROJECTS\r\n\
project_id;cost;votes;name;selected\r\n\
10;500;3;\"Park \"\"Green\"\"\";1\r\n\
9;400.5;2;Lights;1\r\n\
x1;200;1;\"Two\r\nlines\";0\r\n\
VOTES\r\n\
voter_id;vote;age\r\n\
a;10,9;30\r\n\
b; 10 , x1 ;none\r\n\
c;;41\r\n\
d;9,10;\r\n";

    fn read_ok(text: &str) -> Election {
        read(text).unwrap_or_else(|e| panic!("{e}"))
    }

    fn error(text: &str) -> (usize, String) {
        let e = read(text).unwrap_err();
        (e.line, e.reason)
    }

    #[test]
    fn reads_every_part_of_a_file() {
        let e = read_ok(SAMPLE);
        assert_eq!(e.budget, Decimal::new(100050, 2));
        assert_eq!(e.min_project_score_threshold, Some(2));
        assert_eq!(e.rule(), Some("greedy"));
        assert_eq!(
            e.meta_value("description"),
            Some("Local PB; with a semicolon")
        );
        assert_eq!(e.meta_value("budget"), None, "typed fields are not in meta");
        assert_eq!(e.project_columns, ["votes", "name"]);
        assert_eq!(
            e.projects[0],
            Project {
                id: "10".into(),
                cost: Decimal::from(500),
                selected: Some(true),
                extra: vec!["3".into(), "Park \"Green\"".into()],
            }
        );
        assert_eq!(e.projects[1].cost, Decimal::new(4005, 1));
        assert_eq!(e.projects[2].extra[1], "Two\r\nlines");
        assert_eq!(e.projects[2].selected, Some(false));
        assert_eq!(e.vote_columns, ["age"]);
        let votes: Vec<_> = e
            .votes
            .iter()
            .map(|v| (v.voter_id.as_str(), v.projects.clone()))
            .collect();
        assert_eq!(
            votes,
            [
                ("a", vec![0, 1]),
                ("b", vec![0, 2]),
                ("c", vec![]),
                ("d", vec![1, 0])
            ]
        );
        assert_eq!(e.votes[1].extra, ["none"]);
    }

    #[test]
    fn tally_input_orders_numeric_ids_by_value() {
        let e = read_ok(SAMPLE);
        let (projects, ballots) = e.tally_input();
        let order: Vec<_> = projects.iter().map(|p| (p.id.as_str(), p.order)).collect();
        // 9 < 10 as numbers; other ids after the numbers.
        assert_eq!(order, [("10", 1), ("9", 0), ("x1", 2)]);
        assert_eq!(ballots[3], tally::Ballot::new([0, 1]));
        assert_eq!(ballots[2], tally::Ballot::new([]));
    }

    fn tricky() -> Election {
        Election {
            meta: vec![
                ("description".into(), "A; \"quoted\" one".into()),
                ("rule".into(), "equalshares/add1".into()),
                ("comment".into(), " padded\nand two lines ".into()),
                ("empty".into(), String::new()),
            ],
            budget: Decimal::new(123456, 2),
            min_project_score_threshold: None,
            project_columns: vec!["name".into(), "category".into()],
            projects: vec![
                Project {
                    id: "p;1".into(),
                    cost: Decimal::new(1000, 2),
                    selected: Some(true),
                    extra: vec!["Семикрапка; \"лапки\"".into(), "a,b".into()],
                },
                Project {
                    id: "p\"2".into(),
                    cost: Decimal::from(7),
                    selected: None,
                    extra: vec![String::new(), "none".into()],
                },
                Project {
                    id: "3".into(),
                    cost: Decimal::ZERO,
                    selected: Some(false),
                    extra: vec!["x".into(), "y".into()],
                },
            ],
            vote_columns: vec!["sex".into()],
            votes: vec![
                Vote {
                    voter_id: "v 1".into(),
                    projects: vec![2, 0],
                    extra: vec!["F".into()],
                },
                Vote {
                    voter_id: "v2".into(),
                    projects: vec![],
                    extra: vec![String::new()],
                },
                Vote {
                    voter_id: "v3".into(),
                    projects: vec![1],
                    extra: vec!["M;".into()],
                },
            ],
        }
    }

    #[test]
    fn written_files_read_back_the_same() {
        let election = tricky();
        let text = write(&election).unwrap();
        assert_eq!(read_ok(&text), election, "{text}");
        // And a file read, written and read again is unchanged.
        let sample = read_ok(SAMPLE);
        assert_eq!(read_ok(&write(&sample).unwrap()), sample);
        // With a threshold, and no `selected` at all.
        let mut plain = election.clone();
        plain.min_project_score_threshold = Some(50);
        for p in &mut plain.projects {
            p.selected = None;
        }
        let text = write(&plain).unwrap();
        assert!(text.contains("\nproject_id;cost;name;category\n"), "{text}");
        assert_eq!(read_ok(&text), plain);
    }

    #[test]
    fn written_files_look_like_pabulib() {
        let text = write(&tricky()).unwrap();
        assert!(text.starts_with(
            "META\nkey;value\ndescription;\"A; \"\"quoted\"\" one\"\nrule;equalshares/add1\n"
        ));
        assert!(text.contains(
            "\nnum_projects;3\nnum_votes;3\nbudget;1234.56\nvote_type;approval\nPROJECTS\n"
        ));
        assert!(text.contains("\nproject_id;cost;name;category;selected\n\"p;1\";10.00;\"Семикрапка; \"\"лапки\"\"\";a,b;1\n"));
        assert!(text.contains("\n\"p\"\"2\";7;;none;\n"), "{text}");
        assert!(
            text.contains(
                "\nVOTES\nvoter_id;vote;sex\nv 1;\"3,p;1\";F\nv2;;\nv3;\"p\"\"2\";\"M;\"\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn the_writer_refuses_what_would_not_read_back() {
        let mut e = tricky();
        e.projects[1].id = "a,b".into();
        assert_eq!(write(&e), Err(WriteError::ProjectId("a,b".into())));
        let mut e = tricky();
        e.projects[1].id = "p;1".into();
        assert_eq!(write(&e), Err(WriteError::DuplicateProject("p;1".into())));
        let mut e = tricky();
        e.votes[1].voter_id = "v3".into();
        assert_eq!(write(&e), Err(WriteError::DuplicateVoter("v3".into())));
        let mut e = tricky();
        e.votes[1].voter_id = "VOTES".into();
        assert_eq!(write(&e), Err(WriteError::VoterId("VOTES".into())));
        let mut e = tricky();
        e.votes[0].projects = vec![0, 0];
        assert!(matches!(
            write(&e),
            Err(WriteError::RepeatedApproval { project: 0, .. })
        ));
        let mut e = tricky();
        e.votes[0].projects = vec![5];
        assert!(matches!(
            write(&e),
            Err(WriteError::UnknownProject { project: 5, .. })
        ));
        let mut e = tricky();
        e.meta.push(("budget".into(), "5".into()));
        assert_eq!(write(&e), Err(WriteError::MetaKey("budget".into())));
        let mut e = tricky();
        e.project_columns[0] = "selected".into();
        assert_eq!(write(&e), Err(WriteError::Column("selected".into())));
        let mut e = tricky();
        e.votes[0].extra.push("x".into());
        assert!(matches!(
            write(&e),
            Err(WriteError::FieldCount {
                expected: 1,
                found: 2,
                ..
            })
        ));
    }

    const GOOD: &str = "META\nkey;value\nbudget;100\nvote_type;approval\n\
PROJECTS\nproject_id;cost\n1;60\n2;50\n\
VOTES\nvoter_id;vote\nv1;1,2\nv2;2\n";

    #[test]
    fn the_good_base_case_reads() {
        let e = read_ok(GOOD);
        assert_eq!((e.projects.len(), e.votes.len()), (2, 2));
    }

    #[test]
    fn missing_sections_and_fields_are_named() {
        assert_eq!(
            error(""),
            (
                1,
                "the file is empty; it must start with a META section".into()
            )
        );
        assert_eq!(
            error("PROJECTS\nproject_id;cost\n"),
            (1, "the file must start with a META section".into())
        );
        assert_eq!(
            error(&GOOD.replace("VOTES\nvoter_id;vote\nv1;1,2\nv2;2\n", "")),
            (8, "the file ends without a VOTES section".into())
        );
        assert_eq!(
            error("META\nkey;value\nbudget;100\nvote_type;approval\n"),
            (4, "the file ends without a PROJECTS section".into())
        );
        assert_eq!(
            error(&GOOD.replace("PROJECTS\nproject_id;cost\n1;60\n2;50\n", "")),
            (
                5,
                "expected the PROJECTS section after META, found VOTES".into()
            )
        );
        assert_eq!(
            error(&GOOD.replace("budget;100\n", "")),
            (1, "META has no `budget`".into())
        );
        assert_eq!(
            error(&GOOD.replace("vote_type;approval\n", "")),
            (1, "META has no `vote_type`".into())
        );
        assert_eq!(
            error(&GOOD.replace("project_id;cost", "project_id;price")),
            (6, "PROJECTS header has no `cost` column".into())
        );
        assert_eq!(
            error(&GOOD.replace("voter_id;vote", "voter_id;votes")),
            (10, "VOTES header has no `vote` column".into())
        );
        assert_eq!(
            error(&format!("{GOOD}META\nkey;value\n")),
            (13, "a second META section; VOTES must be the last".into())
        );
    }

    #[test]
    fn a_line_whose_first_field_names_a_section_starts_it() {
        // Found by tests/fuzz (pabulib): `meta;equalshares/add1` among the META rows was read as
        // the entry `meta`, which the writer refuses (pabutools reads a section line there), so
        // a file that was read could not be written back.
        assert_eq!(
            error(&GOOD.replace("approval\n", "approval\nmeta;equalshares/add1\n")),
            (
                5,
                "expected the PROJECTS section after META, found META".into()
            )
        );
        assert_eq!(
            error(&GOOD.replace("2;50", "Votes;50")),
            (9, "the VOTES section has no header line".into())
        );
        assert_eq!(
            error(&GOOD.replace("v2;2", " projects ;2")),
            (
                12,
                "a second PROJECTS section; VOTES must be the last".into()
            )
        );
        let e = read_ok(&GOOD.replace("PROJECTS", "Projects;;x"));
        assert_eq!(read(&write(&e).unwrap()), Ok(e));
    }

    #[test]
    fn bad_values_are_named_with_their_line() {
        assert_eq!(
            error(&GOOD.replace("1;60", "1;6O")),
            (7, "cost `6O` is not a number".into())
        );
        assert_eq!(
            error(&GOOD.replace("1;60", "1;-60")),
            (7, "cost `-60` is negative".into())
        );
        assert_eq!(
            error(&GOOD.replace("1;60", "1;1e5")),
            (7, "cost `1e5` is not a number".into())
        );
        assert_eq!(
            error(&GOOD.replace("budget;100", "budget;lots")),
            (3, "budget `lots` is not a number".into())
        );
        assert_eq!(
            error(&GOOD.replace("vote_type;approval", "vote_type;ordinal")),
            (
                4,
                "vote_type `ordinal` is not supported; only `approval` is".into()
            )
        );
        assert_eq!(
            error(&GOOD.replace(
                "vote_type;approval",
                "vote_type;approval\nmin_project_score_threshold;5.5"
            )),
            (
                5,
                "min_project_score_threshold `5.5` is not a whole number".into()
            )
        );
        assert_eq!(
            error(&GOOD.replace("vote_type;approval", "vote_type;approval\nnum_votes;3")),
            (5, "num_votes is 3, but VOTES lists 2".into())
        );
        assert_eq!(
            error(&GOOD.replace("vote_type;approval", "vote_type;approval\nnum_projects;1")),
            (5, "num_projects is 1, but PROJECTS lists 2".into())
        );
        assert_eq!(
            error(&GOOD.replace("budget;100", "budget;100\nbudget;200")),
            (4, "META key `budget` repeated (first on line 3)".into())
        );
        assert_eq!(
            error(&GOOD.replace("budget;100", "budget;100;more")),
            (3, "a META row is `key;value`, this one has 3 fields".into())
        );
        assert_eq!(
            error(&GOOD.replace("2;50", "2;50;extra")),
            (8, "a PROJECTS row has 3 fields, the header has 2".into())
        );
        assert_eq!(
            error(&GOOD.replace("2;50", "1;50")),
            (8, "project_id `1` repeated (first on line 7)".into())
        );
        assert_eq!(
            error(&GOOD.replace("2;50", "2,3;50")),
            (
                8,
                "project_id `2,3` has a comma, which votes cannot name".into()
            )
        );
        assert_eq!(
            error(
                &GOOD
                    .replace(
                        "project_id;cost\n1;60",
                        "project_id;cost;selected\n1;60;yes"
                    )
                    .replace("2;50", "2;50;1")
            ),
            (7, "selected `yes` is not 0 or 1".into())
        );
        assert_eq!(
            error(&GOOD.replace("v2;2", "v2;2,7")),
            (
                12,
                "the vote names project `7`, which is not in PROJECTS".into()
            )
        );
        assert_eq!(
            error(&GOOD.replace("v2;2", "v2;2,2")),
            (12, "the vote names project `2` twice".into())
        );
        assert_eq!(
            error(&GOOD.replace("v2;2", "v1;2")),
            (12, "voter_id `v1` repeated (first on line 11)".into())
        );
        assert_eq!(
            error(&GOOD.replace("v2;2", "v2;\"2")),
            (12, "a quoted field is not closed".into())
        );
        assert_eq!(
            error(&GOOD.replace("v2;2", "v2;\"2\"x")),
            (
                12,
                "text after a closing quote; quote the whole field".into()
            )
        );
    }

    #[test]
    fn lines_are_counted_across_quoted_line_breaks_and_blank_lines() {
        let text = GOOD
            .replace("1;60", "\n\n1;60")
            .replace("v1;1,2", "\"v\n1\";1,2");
        assert_eq!(read_ok(&text).votes[0].voter_id, "v\n1");
        let broken = text.replace("v2;2", "v2;9");
        assert_eq!(error(&broken).0, 15);
    }

    #[test]
    fn bytes_must_be_utf8() {
        let mut bytes = GOOD.as_bytes().to_vec();
        let at = GOOD.find("v2").unwrap();
        bytes[at] = 0xff;
        let e = read_bytes(&bytes).unwrap_err();
        assert_eq!(
            (e.line, e.reason.as_str()),
            (12, "the file is not UTF-8 text")
        );
        assert!(read_bytes(GOOD.as_bytes()).is_ok());
    }
}
