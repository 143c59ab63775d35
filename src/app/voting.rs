//! Voting: residents vote online during the voting stage; moderators enter paper ballots from
//! service centres (ЦНАП), one by one or as a CSV import with a report. One person, one ballot
//! across both channels. The rules are `domain::voting`; the limits are held by the database
//! (`store::votes`).

use std::collections::HashMap;

use chrono::NaiveDate;
use entities::{budget_session, city, project, user};
use poem::http::StatusCode;
use sea_orm::TransactionTrait;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::catalog::{Page, page_bounds};
use super::projects::{find_visible, session_of};
use super::sessions::{SessionView, city_tz};
use crate::domain::access::{Action, Actor};
use crate::domain::eligibility::{self, Rule, VerifiedClaims};
use crate::domain::login::Login;
use crate::domain::profile;
use crate::domain::project::{Period, Status};
use crate::domain::voting::{self as rules, Channel, Refusal};
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::state::AppState;
use crate::store;
use crate::store::projects::to_domain;
use crate::store::results::ImportSummary;
use crate::store::votes::NewVote;

/// The problem for a refused vote: a stable code, the status that fits, the numbers it names.
pub fn refusal(r: Refusal) -> AppError {
    let status = match r {
        Refusal::TooYoung { .. } => StatusCode::FORBIDDEN,
        Refusal::NotVoted => StatusCode::NOT_FOUND,
        Refusal::Duplicate | Refusal::Empty | Refusal::OtherSession => {
            StatusCode::UNPROCESSABLE_ENTITY
        }
        _ => StatusCode::CONFLICT,
    };
    let err = AppError::new(status, r.code());
    match r {
        Refusal::TooYoung { min } => err.arg("age", min),
        Refusal::NoVotesLeft { limit } | Refusal::PotLimit { limit } => err.arg("limit", limit),
        Refusal::OtherChannel { voted } => err.arg("channel", voted.code()),
        _ => err,
    }
}

/// The problem for a voter the session's eligibility rule keeps out: 403, a code per reason,
/// the city and (when registered elsewhere) the settlement named.
pub fn ineligible(r: &eligibility::Refusal, city: &city::Model, lang: Lang) -> AppError {
    let name = match lang {
        Lang::Uk => &city.name_uk,
        Lang::En => &city.name_en,
    };
    let err = AppError::new(StatusCode::FORBIDDEN, r.code()).arg("city", name);
    match r.settlement() {
        Some(settlement) => err.arg("settlement", settlement),
        None => err,
    }
}

/// Whether `user` may vote online in `session` under its eligibility rule, judged from what
/// Kyiv ID verified and recorded on the account (a self-typed address never counts).
pub fn eligibility(
    city: &city::Model,
    session: &budget_session::Model,
    user: &user::Model,
) -> AppResult<Result<(), eligibility::Refusal>> {
    let rule = Rule::from_code(&session.voter_eligibility).ok_or_else(|| {
        AppError::internal(anyhow::anyhow!(
            "session {}: voter_eligibility {:?}",
            session.id,
            session.voter_eligibility
        ))
    })?;
    // Facts count only as recorded at a Kyiv ID sign-in.
    let verified = user.verified_claims_at.is_some();
    let claims = VerifiedClaims {
        settlement: user.verified_settlement.as_deref().filter(|_| verified),
        taxpayer: user.verified_taxpayer.filter(|_| verified),
    };
    Ok(eligibility::check(
        rule,
        claims,
        &[&city.name_uk, &city.name_en],
    ))
}

/// Why a voter may not vote online, in their language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ineligible {
    pub code: &'static str,
    pub detail: String,
}

/// Of these sessions, those whose vote counts are shown now: live while voting lasts when
/// the session says so, and once its results are published.
pub async fn counts_shown(
    state: &AppState,
    session_ids: impl IntoIterator<Item = i64>,
) -> AppResult<std::collections::HashSet<i64>> {
    let mut ids: Vec<i64> = session_ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    let mut shown = std::collections::HashSet::new();
    for session in store::budget_sessions::find_many(&state.db, &ids).await? {
        let live = session.show_counts == "live";
        if rules::counts_visible(
            live,
            live || store::results::any_published(&state.db, session.id).await?,
        ) {
            shown.insert(session.id);
        }
    }
    Ok(shown)
}

/// A voter's ballot in a session, as they see it.
#[derive(Debug, Clone)]
pub struct BallotView {
    pub session_id: i64,
    pub votes_per_voter: i32,
    pub cast: i32,
    pub channel: Option<Channel>,
    pub projects: Vec<i64>,
    pub withdrawal: bool,
    /// Set when the session's eligibility rule keeps the voter from voting online.
    pub ineligible: Option<Ineligible>,
}

impl BallotView {
    pub fn remaining(&self) -> i32 {
        (self.votes_per_voter - self.cast).max(0)
    }
}

async fn ballot_view(
    state: &AppState,
    city: &city::Model,
    session: &budget_session::Model,
    user: &user::Model,
    lang: Lang,
) -> AppResult<BallotView> {
    let ineligible = eligibility(city, session, user)?.err().map(|r| {
        let err = ineligible(&r, city, lang);
        Ineligible {
            code: err.code,
            detail: err.detail(&state.localizer, lang),
        }
    });
    let ballot = store::votes::find(&state.db, session.id, &user.login).await?;
    let projects = match &ballot {
        Some(b) => store::votes::projects_of(&state.db, b.id).await?,
        None => vec![],
    };
    Ok(BallotView {
        session_id: session.id,
        votes_per_voter: session.votes_per_voter,
        cast: ballot.as_ref().map_or(0, |b| b.votes_cast),
        channel: ballot.and_then(|b| Channel::from_code(&b.channel)),
        projects,
        withdrawal: session.vote_withdrawal,
        ineligible,
    })
}

/// What a voter is asking about: the project, its session and the voter.
struct Context {
    project: project::Model,
    view: SessionView,
    period: Period,
}

async fn context(
    state: &AppState,
    actor: &Actor,
    city: &city::Model,
    project_id: i64,
) -> AppResult<Context> {
    let project = find_visible(state, Some(actor), city.id, project_id).await?;
    let view = session_of(state, city, &project).await?;
    let period = Period::of(&view.phase);
    Ok(Context {
        project,
        view,
        period,
    })
}

/// A resident votes for an admitted project while voting is open. Refusals come in the order
/// the voter can act on them: the window, missing profile fields, age, the project, the
/// session's eligibility rule (`domain::eligibility`), then the database's limits.
pub async fn vote(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    project_id: i64,
    lang: Lang,
) -> AppResult<BallotView> {
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    let city = super::find_city(state, slug).await?;
    let Context {
        project,
        view,
        period,
    } = context(state, actor, &city, project_id).await?;
    rules::window(period).map_err(refusal)?;
    let user = super::profile::with_required_fields(
        state,
        &view,
        actor.user_id,
        lang,
        "vote-profile-incomplete",
    )
    .await?;
    let today = state
        .clock
        .now()
        .with_timezone(&city_tz(&city))
        .date_naive();
    let min_age = view.session.min_voter_age;
    rules::may_vote(
        period,
        to_domain(project.status),
        profile::old_enough(user.birth_date, today, min_age),
        min_age,
    )
    .map_err(refusal)?;
    eligibility(&city, &view.session, &user)?.map_err(|r| ineligible(&r, &city, lang))?;
    let pot_id = project
        .pot_id
        .ok_or_else(|| refusal(Refusal::NotAdmitted))?;
    let pot_limit = view
        .pots
        .iter()
        .find(|p| p.id == pot_id)
        .and_then(|p| p.max_votes_per_voter);
    let txn = state.db.begin().await?;
    let cast = store::votes::cast(
        &txn,
        &NewVote {
            session_id: view.session.id,
            voter_key: user.login.clone(),
            keys: rules::voter_keys(&user.login, user.phone.as_deref()),
            user_id: Some(user.id),
            birth_date: user.birth_date,
            channel: Channel::Internet,
            project_id: project.id,
            pot_id,
            claims_category: view
                .session
                .one_vote_per_category
                .then_some(project.category_id),
        },
        view.session.votes_per_voter,
        pot_limit,
        state.clock.now(),
    )
    .await?;
    // A refusal leaves the transaction uncommitted: dropping it rolls every step back.
    cast.map_err(refusal)?;
    txn.commit().await?;
    ballot_view(state, &city, &view.session, &user, lang).await
}

/// A resident takes back a vote, when the session allows it and voting is open.
pub async fn withdraw(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    project_id: i64,
    lang: Lang,
) -> AppResult<BallotView> {
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    let city = super::find_city(state, slug).await?;
    let Context {
        project,
        view,
        period,
    } = context(state, actor, &city, project_id).await?;
    rules::may_withdraw(period, view.session.vote_withdrawal).map_err(refusal)?;
    let user = store::users::find(&state.db, actor.user_id)
        .await?
        .ok_or_else(AppError::unauthenticated)?;
    let txn = state.db.begin().await?;
    let done = store::votes::withdraw(
        &txn,
        view.session.id,
        &user.login,
        project.id,
        state.clock.now(),
    )
    .await?;
    done.map_err(refusal)?;
    txn.commit().await?;
    ballot_view(state, &city, &view.session, &user, lang).await
}

/// The signed-in resident's ballot in the city's current session (or `session`), with why
/// they may not vote online when the session's eligibility rule keeps them out.
pub async fn my_ballot(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    session_id: Option<i64>,
    lang: Lang,
) -> AppResult<BallotView> {
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    let city = super::find_city(state, slug).await?;
    let view = match session_id {
        Some(id) => super::sessions::get(state, slug, id).await?,
        None => super::sessions::current(state, slug).await?,
    };
    let user = store::users::find(&state.db, actor.user_id)
        .await?
        .ok_or_else(AppError::unauthenticated)?;
    ballot_view(state, &city, &view.session, &user, lang).await
}

/// A paper ballot as a service centre hands it in.
#[derive(Debug, Clone, Deserialize)]
pub struct PaperBallot {
    /// The voter's phone or passport number, in any common spelling.
    pub voter: String,
    pub birth_date: Option<NaiveDate>,
    pub projects: Vec<i64>,
}

/// One line of an import's report.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ReportLine {
    /// The line of the file (1 is the header), or 0 for a ballot entered by hand.
    pub line: u64,
    /// The voter, partly hidden.
    pub voter: String,
    pub accepted: bool,
    /// Why it was refused: a problem code.
    pub code: Option<String>,
    /// The reason in words, in the moderator's language.
    pub reason: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ImportReport {
    pub id: i64,
    pub accepted: i32,
    pub refused: i32,
    pub lines: Vec<ReportLine>,
}

/// `+380501234567` → `+38050*****67`: enough to find the ballot, not enough to publish.
fn mask(voter: &str) -> String {
    let chars: Vec<char> = voter.chars().collect();
    let keep_start = (chars.len() / 2).min(6);
    let keep_end = (chars.len() / 4).min(2);
    let hidden = chars.len() - keep_start - keep_end;
    let mut masked: String = chars[..keep_start].iter().collect();
    masked.push_str(&"*".repeat(hidden));
    masked.extend(&chars[chars.len() - keep_end..]);
    masked
}

/// The voter as reports show them: normalized when it is a phone or passport number, masked.
fn shown_voter(raw: &str) -> String {
    match Login::parse(raw) {
        Ok(login) => mask(login.as_str()),
        Err(_) => mask(raw.trim()),
    }
}

/// What the paper channel needs of a session: its projects and limits, loaded once.
struct PaperContext {
    session: budget_session::Model,
    /// The city's date today, for the voters' age.
    today: NaiveDate,
    /// Project → (pot, status, category).
    projects: HashMap<i64, (Option<i64>, Status, i64)>,
    pot_limits: HashMap<i64, Option<i32>>,
}

async fn paper_context(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    session_id: i64,
) -> AppResult<(city::Model, Actor, PaperContext)> {
    let (city, actor) = super::city_for(state, actor, slug, Action::EnterPaperVotes).await?;
    let view = super::sessions::get(state, slug, session_id).await?;
    let computed = !store::results::of_session(&state.db, view.session.id)
        .await?
        .is_empty();
    rules::paper_window(Period::of(&view.phase), computed).map_err(refusal)?;
    let projects = store::projects::of_session(&state.db, view.session.id)
        .await?
        .into_iter()
        .map(|p| (p.id, (p.pot_id, to_domain(p.status), p.category_id)))
        .collect();
    let pot_limits = view
        .pots
        .iter()
        .map(|p| (p.id, p.max_votes_per_voter))
        .collect();
    let today = state
        .clock
        .now()
        .with_timezone(&city_tz(&city))
        .date_naive();
    Ok((
        city,
        actor.clone(),
        PaperContext {
            today,
            session: view.session,
            projects,
            pot_limits,
        },
    ))
}

/// Checks and stores one paper ballot in its own transaction, with its audit entry when
/// `audited` names the city and the moderator (an import is audited once, as a whole).
async fn paper_one(
    state: &AppState,
    ctx: &PaperContext,
    ballot: &PaperBallot,
    audited: Option<(&city::Model, &Actor)>,
) -> AppResult<i32> {
    let login = Login::parse(&ballot.voter)
        .map_err(|_| AppError::invalid("vote-voter-invalid", "voter"))?;
    let mut listed = vec![];
    for id in &ballot.projects {
        let Some((pot, status, _)) = ctx.projects.get(id) else {
            return Err(refusal(Refusal::OtherSession).arg("project", id));
        };
        let pot = pot.ok_or_else(|| refusal(Refusal::NotAdmitted).arg("project", id))?;
        listed.push((*id, pot, *status));
    }
    rules::check_paper_ballot(&listed, ctx.session.votes_per_voter, |pot| {
        ctx.pot_limits.get(&pot).copied().flatten()
    })
    .map_err(refusal)?;
    if ctx.session.one_vote_per_category {
        rules::one_per_category(
            ballot
                .projects
                .iter()
                .filter_map(|id| ctx.projects.get(id).map(|(_, _, category)| *category)),
        )
        .map_err(refusal)?;
    }
    // The person may have an account under another number than the one they gave: their
    // ballot is filed under the account's login and claims every number they are known by.
    let account = store::users::find_by_number(&state.db, login.as_str()).await?;
    let keys = match &account {
        Some(a) => rules::voter_keys(
            &a.login,
            [Some(login.as_str()), a.phone.as_deref()]
                .into_iter()
                .flatten(),
        ),
        None => rules::voter_keys(login.as_str(), []),
    };
    let birth_date = ballot
        .birth_date
        .or(account.as_ref().and_then(|a| a.birth_date));
    // The session's eligibility rule (`voter_eligibility`) is not applied here: it judges online
    // voters from what Kyiv ID verified, while the service centre checks the person's documents
    // (registration, tax status) in person before the ballot is entered.
    // The centre checked the person; when their birth date is known, their age counts too.
    let min_age = ctx.session.min_voter_age;
    if birth_date.is_some() && !profile::old_enough(birth_date, ctx.today, min_age) {
        return Err(refusal(Refusal::TooYoung { min: min_age }));
    }
    let pairs: Vec<(i64, i64)> = listed.iter().map(|(id, pot, _)| (*id, *pot)).collect();
    let txn = state.db.begin().await?;
    let cast = store::votes::cast_paper(
        &txn,
        ctx.session.id,
        &keys,
        account.as_ref().map(|a| a.id),
        birth_date,
        &pairs,
        state.clock.now(),
    )
    .await?;
    // A refusal leaves the transaction uncommitted: dropping it rolls every step back.
    let count = cast.map_err(refusal)?;
    if let Some((city, actor)) = audited {
        super::audit(
            &txn,
            state,
            Some(city.id),
            Some(actor),
            "votes.paper",
            format!("session:{}", ctx.session.id),
            json!({ "voter": shown_voter(&ballot.voter), "projects": ballot.projects }),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(count)
}

fn report_line(
    state: &AppState,
    lang: Lang,
    line: u64,
    voter: &str,
    result: &AppResult<i32>,
) -> ReportLine {
    match result {
        Ok(_) => ReportLine {
            line,
            voter: shown_voter(voter),
            accepted: true,
            code: None,
            reason: None,
        },
        Err(err) => ReportLine {
            line,
            voter: shown_voter(voter),
            accepted: false,
            code: Some(err.code.to_owned()),
            reason: Some(err.detail(&state.localizer, lang)),
        },
    }
}

/// A moderator enters one paper ballot. Audited.
pub async fn enter_paper(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    session_id: i64,
    ballot: PaperBallot,
) -> AppResult<i32> {
    let (city, actor, ctx) = paper_context(state, actor, slug, session_id).await?;
    paper_one(state, &ctx, &ballot, Some((&city, &actor))).await
}

/// The most lines one import takes.
pub const IMPORT_MAX_LINES: usize = 20_000;

/// Imports paper ballots from CSV: a header line, then `voter,projects[,birth_date]` with the
/// project ids separated by spaces or semicolons. Each line is accepted or refused on its own;
/// the report says which and why, is kept, and the import is audited.
pub async fn import_paper(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    session_id: i64,
    file_name: Option<&str>,
    bytes: Vec<u8>,
    lang: Lang,
) -> AppResult<ImportReport> {
    let (city, actor, ctx) = paper_context(state, actor, slug, session_id).await?;
    let bytes = lf_line_ends(bytes);
    let mut reader = paper_reader(&bytes);
    let headers = reader
        .headers()
        .map_err(|_| AppError::invalid("vote-import-invalid", "file"))?
        .clone();
    let column = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let (Some(voter_at), Some(projects_at)) = (column("voter"), column("projects")) else {
        return Err(AppError::invalid("vote-import-header", "file"));
    };
    let birth_at = column("birth_date");
    // The whole file is read and its size checked before any ballot is stored.
    let records: Vec<_> = reader.records().take(IMPORT_MAX_LINES + 1).collect();
    if records.len() > IMPORT_MAX_LINES {
        return Err(AppError::invalid("vote-import-too-long", "file").arg("max", IMPORT_MAX_LINES));
    }
    let mut lines = vec![];
    for (index, record) in records.into_iter().enumerate() {
        let line = record
            .as_ref()
            .ok()
            .and_then(|r| r.position())
            .map_or(index as u64 + 2, |p| record_line(&bytes, p));
        let (voter, result) = match record {
            Err(_) => (
                String::new(),
                Err(AppError::invalid("vote-import-line", "file")),
            ),
            Ok(record) => {
                let voter = record.get(voter_at).unwrap_or("").to_owned();
                let ballot = parse_line(&record, voter_at, projects_at, birth_at);
                let result = match ballot {
                    Ok(ballot) => paper_one(state, &ctx, &ballot, None).await,
                    Err(err) => Err(err),
                };
                (voter, result)
            }
        };
        lines.push(report_line(state, lang, line, &voter, &result));
    }
    let accepted = lines.iter().filter(|l| l.accepted).count() as i32;
    let refused = lines.len() as i32 - accepted;
    let name = file_name
        .map(|n| n.chars().take(200).collect::<String>())
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| "paper-ballots.csv".to_owned());
    let txn = state.db.begin().await?;
    let import = store::results::save_import(
        &txn,
        ctx.session.id,
        actor.user_id,
        &name,
        accepted,
        refused,
        &serde_json::to_string(&lines).map_err(AppError::internal)?,
        state.clock.now(),
    )
    .await?;
    super::audit(
        &txn,
        state,
        Some(city.id),
        Some(&actor),
        "votes.import",
        format!("session:{}", ctx.session.id),
        json!({ "import": import.id, "file": name, "accepted": accepted, "refused": refused }),
    )
    .await?;
    txn.commit().await?;
    Ok(ImportReport {
        id: import.id,
        accepted,
        refused,
        lines,
    })
}

/// `bytes` with every line end (`\r\n`, `\r`) turned into `\n`. The csv crate counts lines by
/// `\n` alone and starts a record after the `\r` of `\r\n`, so without this a file saved with
/// Windows (or old Mac) line ends would get its import report's line numbers wrong.
pub fn lf_line_ends(bytes: Vec<u8>) -> Vec<u8> {
    if !bytes.contains(&b'\r') {
        return bytes;
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut rest = bytes.iter().peekable();
    while let Some(&b) = rest.next() {
        if b == b'\r' {
            rest.next_if_eq(&&b'\n');
            out.push(b'\n');
        } else {
            out.push(b);
        }
    }
    out
}

/// The CSV reader of a paper-ballot import (of [`lf_line_ends`] bytes): a header line, then
/// lines of any width, every field trimmed.
pub fn paper_reader(bytes: &[u8]) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(bytes)
}

/// The line on which a record of [`paper_reader`] starts. The csv crate gives the line the
/// previous record ended on, so the blank lines in between are added.
pub fn record_line(bytes: &[u8], position: &csv::Position) -> u64 {
    let at = usize::try_from(position.byte()).map_or(bytes.len(), |at| at.min(bytes.len()));
    let blank = bytes[at..].iter().take_while(|&&b| b == b'\n').count();
    position.line() + blank as u64
}

/// One line of a paper-ballot import: the voter, the project ids and the birth date.
pub fn parse_line(
    record: &csv::StringRecord,
    voter_at: usize,
    projects_at: usize,
    birth_at: Option<usize>,
) -> AppResult<PaperBallot> {
    let voter = record.get(voter_at).unwrap_or("").to_owned();
    let projects = record
        .get(projects_at)
        .unwrap_or("")
        .split([' ', ';', ','])
        .filter(|s| !s.is_empty())
        .map(|s| s.trim_start_matches('#').parse::<i64>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| AppError::invalid("vote-import-projects", "projects"))?;
    let birth_date = match birth_at
        .and_then(|i| record.get(i))
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(text) => Some(
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .or_else(|_| NaiveDate::parse_from_str(text, "%d.%m.%Y"))
                .map_err(|_| AppError::invalid("vote-import-birth-date", "birth_date"))?,
        ),
    };
    Ok(PaperBallot {
        voter,
        birth_date,
        projects,
    })
}

/// A page of a session's imports, newest first, without their reports (staff and observers).
pub async fn imports(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    session_id: i64,
    limit: Option<u64>,
    offset: Option<u64>,
) -> AppResult<Page<ImportSummary>> {
    super::city_for(state, actor, slug, Action::ViewVotingData).await?;
    let view = super::sessions::get(state, slug, session_id).await?;
    let (limit, offset) = page_bounds(limit, offset);
    let (items, total) = store::results::imports(&state.db, view.session.id, limit, offset).await?;
    Ok(Page {
        items,
        total,
        limit,
        offset,
    })
}

/// One import with its report (staff and observers).
pub async fn import_report(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    session_id: i64,
    import_id: i64,
) -> AppResult<ImportReport> {
    super::city_for(state, actor, slug, Action::ViewVotingData).await?;
    let view = super::sessions::get(state, slug, session_id).await?;
    let import = store::results::import(&state.db, view.session.id, import_id)
        .await?
        .ok_or_else(|| AppError::new(StatusCode::NOT_FOUND, "vote-import-not-found"))?;
    Ok(ImportReport {
        id: import.id,
        accepted: import.accepted,
        refused: import.refused,
        lines: serde_json::from_str(&import.report).map_err(AppError::internal)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn voters_are_masked_in_reports() {
        assert_eq!(mask("+380501234567"), "+38050*****67");
        assert_eq!(mask("МЕ123456"), "МЕ12**56");
        assert_eq!(mask("123456789"), "1234***89");
        assert_eq!(mask("abc"), "a**");
        assert_eq!(mask(""), "");
    }

    #[test]
    fn import_lines_are_numbered_whatever_the_line_ends() {
        // Found by tests/fuzz (paper_csv): with `\r\n` line ends the first ballot of a file was
        // reported on line 1, the header's, and every later one a line too early; a blank line
        // before a ballot was not counted.
        let files: [&[u8]; 4] = [
            b"voter,projects\r\n001234567,\"1, 2\"\r\n\r\n0501234567,3\r\n",
            b"voter,projects\r001234567,\"1, 2\"\r\r0501234567,3\r",
            b"\nvoter,projects\n\n001234567,\"1, 2\"\n\n\n0501234567,3",
            b"voter,projects\r\n001234567,\"1,\r\n2\"\r\n\n0501234567,3",
        ];
        for (file, expected) in files.into_iter().zip([[2, 4], [2, 4], [4, 7], [2, 5]]) {
            let bytes = lf_line_ends(file.to_vec());
            let lines: Vec<u64> = paper_reader(&bytes)
                .records()
                .map(|r| record_line(&bytes, r.unwrap().position().unwrap()))
                .collect();
            assert_eq!(lines, expected, "{:?}", String::from_utf8_lossy(file));
        }
        assert_eq!(
            lf_line_ends(b"a\r\nb\rc\n\r\r\n".to_vec()),
            b"a\nb\nc\n\n\n"
        );
    }
}
