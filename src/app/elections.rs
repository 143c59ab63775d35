//! Public budget commission (ГБК) elections: an admin sets one up with a budget session in a
//! city that allows them («Дозволити ГБК»); residents apply as candidates through a three-page
//! form, moderators review the applications, residents vote in round 1, the candidates who
//! reach the threshold vote for one another in round 2, and the commission is elected.
//!
//! The rules are `domain::election`. Rounds close by themselves when their stage ends: on the
//! first request that sees the new stage, and by the background job (`close_due`), exactly
//! once (a conditional update claims the close).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use entities::city_role::Role as DbRole;
use entities::{
    candidate_application as application, candidate_document as document, candidate_history, city,
    commission_election as election, user,
};
use poem::http::StatusCode;
use sea_orm::{ConnectionTrait, DatabaseTransaction, TransactionTrait};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::project_files::{check_pdf, storage_failed, store_then};
use super::sessions::city_tz;
use super::supporters::full_name;
use crate::domain::access::{Action, Actor, CityRole, authorize};
use crate::domain::election::{
    self as rules, Contender, Outcome, Phase, Round, Stage, StageDates, StagesError, Status,
    TieBreak, TransitionError, VoteRefusal, Who,
};
use crate::domain::profile;
use crate::error::{AppError, AppResult};
use crate::i18n::{Lang, label};
use crate::mail::{self, Mail};
use crate::state::AppState;
use crate::store;

/// The longest motivation and experience texts, and organization name.
pub const TEXT_MAX: usize = 5_000;
pub const ORGANIZATION_MAX: usize = 300;
/// The most documents an application carries, and the largest one.
pub const MAX_DOCUMENTS: u64 = 10;
pub const MAX_DOCUMENT_BYTES: usize = 10 * 1024 * 1024;

/// An election with its stages and where it stands today.
#[derive(Debug, Clone)]
pub struct ElectionView {
    pub election: election::Model,
    pub stages: Vec<StageDates>,
    pub phase: Phase,
    pub tie_break: Vec<TieBreak>,
    /// A tie left for moderators (only filled for staff).
    pub tie: Option<Tie>,
}

/// Candidates tied for the last seats after every tie-break.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tie {
    pub candidates: Vec<i64>,
    pub seats: usize,
}

/// What an admin sets.
#[derive(Debug, Clone)]
pub struct ElectionInput {
    pub min_votes_round2: i32,
    pub votes_round1: i32,
    pub votes_round2: i32,
    pub seats: i32,
    /// Tie-break codes in order; `None`: the default order.
    pub tie_break: Option<Vec<String>>,
    pub stages: Vec<(String, NaiveDate, NaiveDate)>,
}

/// An application as its reader may see it.
#[derive(Debug, Clone)]
pub struct ApplicationView {
    pub application: application::Model,
    pub name: String,
    pub documents: Vec<document::Model>,
    /// Full details (form, comment, documents) for the candidate and staff; public fields only
    /// for everyone else.
    pub full: bool,
    /// Whether the candidate has a profile photo (shown with published candidates).
    pub has_photo: bool,
    /// The candidate's account, for the personal data of full views.
    pub candidate: Option<user::Model>,
}

/// A page of the application form.
#[derive(Debug, Clone)]
pub enum PageInput {
    /// Personal data: taken from the profile, which must have what the session requires.
    Personal,
    About {
        motivation: String,
        experience: Option<String>,
        organization: Option<String>,
    },
    Consents {
        personal_data: bool,
        rules: bool,
    },
}

/// A voter's ballot in the election's current round.
#[derive(Debug, Clone)]
pub struct ElectionBallot {
    pub round: Round,
    pub limit: i32,
    pub cast: i32,
    pub candidates: Vec<i64>,
}

/// One candidate's standing in the results.
#[derive(Debug, Clone)]
pub struct Standing {
    pub application_id: i64,
    pub name: String,
    pub status: Status,
    pub round1_votes: i64,
    pub round2_votes: Option<i64>,
}

fn enabled(city: &city::Model) -> AppResult<()> {
    if city.allow_commission {
        Ok(())
    } else {
        Err(AppError::new(StatusCode::CONFLICT, "election-not-enabled"))
    }
}

fn not_found() -> AppError {
    AppError::new(StatusCode::NOT_FOUND, "election-not-found")
}

fn application_not_found(id: i64) -> AppError {
    AppError::new(StatusCode::NOT_FOUND, "candidate-not-found").arg("id", id)
}

fn today(state: &AppState, city: &city::Model) -> NaiveDate {
    state.clock.now().with_timezone(&city_tz(city)).date_naive()
}

fn status_of(a: &application::Model) -> AppResult<Status> {
    Status::from_code(&a.status)
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("unknown status {}", a.status)))
}

fn tie_break_codes(order: &[TieBreak]) -> String {
    order.iter().map(|t| t.code()).collect::<Vec<_>>().join(",")
}

fn tie_break_of(e: &election::Model) -> Vec<TieBreak> {
    e.tie_break
        .split(',')
        .filter_map(TieBreak::from_code)
        .collect()
}

fn is_staff(actor: Option<&Actor>, city_id: i64) -> bool {
    authorize(actor, Action::ModerateCandidates, Some(city_id)).is_ok()
}

/// The city's observers look at everything the moderators see (the queue, whole applications,
/// documents, history, a tie) without changing anything.
fn is_observer(actor: Option<&Actor>, city_id: i64) -> bool {
    actor.is_some_and(|a| a.has(city_id, CityRole::Observer))
}

/// Whether the actor sees every submitted application in full: moderators, admins, observers.
fn sees_all(actor: Option<&Actor>, city_id: i64) -> bool {
    is_staff(actor, city_id) || is_observer(actor, city_id)
}

fn who(actor: Option<&Actor>, city_id: i64, a: &application::Model) -> Option<Who> {
    let actor = actor?;
    Some(if actor.user_id == a.user_id {
        Who::Candidate
    } else if actor.platform_admin || actor.has(city_id, CityRole::Admin) {
        Who::Admin
    } else if actor.has(city_id, CityRole::Moderator) {
        Who::Moderator
    } else {
        Who::Other
    })
}

fn stages_error(err: StagesError) -> AppError {
    let stage = |s: Stage| label("election-stage", s.code());
    let invalid = |code| AppError::invalid(code, "stages");
    match err {
        StagesError::Missing(s) => invalid("stage-missing").arg_label("stage", stage(s)),
        StagesError::OutOfOrder(s) => invalid("stage-out-of-order").arg_label("stage", stage(s)),
        StagesError::Reversed(s) => invalid("stage-reversed").arg_label("stage", stage(s)),
        StagesError::NotNextDay {
            after,
            expected,
            found,
        } => invalid("stage-not-next-day")
            .arg_label("stage", stage(after))
            .arg("expected", expected)
            .arg("found", found),
    }
}

fn transition_error(err: TransitionError) -> AppError {
    match err {
        TransitionError::Forbidden => AppError::forbidden(),
        TransitionError::WrongStatus(from) => {
            AppError::new(StatusCode::CONFLICT, "candidate-transition-invalid")
                .arg_label("status", label("candidate-status", from.code()))
        }
        TransitionError::WrongPhase => AppError::new(StatusCode::CONFLICT, "election-stage-closed"),
        TransitionError::CommentRequired => AppError::invalid("comment-required", "comment"),
    }
}

fn refusal(r: VoteRefusal) -> AppError {
    let status = match r {
        VoteRefusal::NotCandidate => StatusCode::UNPROCESSABLE_ENTITY,
        VoteRefusal::NotParticipant | VoteRefusal::SelfVote => StatusCode::FORBIDDEN,
        _ => StatusCode::CONFLICT,
    };
    let error = AppError::new(status, r.code());
    match r {
        VoteRefusal::NoVotesLeft { limit } => error.arg("limit", limit),
        _ => error,
    }
}

async fn view_of(
    state: &AppState,
    city: &city::Model,
    election: election::Model,
    actor: Option<&Actor>,
) -> AppResult<ElectionView> {
    let stages = store::elections::stages(&state.db, election.id).await?;
    let phase = rules::phase(&stages, today(state, city));
    let mut election = election;
    if catch_up(state, city, &election, phase).await? {
        election = store::elections::find(&state.db, city.id, election.id)
            .await?
            .ok_or_else(not_found)?;
    }
    let tie = match (&election.tie, sees_all(actor, city.id)) {
        (Some(text), true) => Some(serde_json::from_str(text).map_err(AppError::internal)?),
        _ => None,
    };
    Ok(ElectionView {
        tie_break: tie_break_of(&election),
        election,
        stages,
        phase,
        tie,
    })
}

/// The election and its city, for an election endpoint: the city must allow elections.
async fn load(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    election_id: i64,
) -> AppResult<(city::Model, ElectionView)> {
    let city = super::find_city(state, slug).await?;
    enabled(&city)?;
    let election = store::elections::find(&state.db, city.id, election_id)
        .await?
        .ok_or_else(not_found)?;
    let view = view_of(state, &city, election, actor).await?;
    Ok((city, view))
}

/// The election of a budget session.
pub async fn of_session(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    session_id: i64,
) -> AppResult<ElectionView> {
    let city = super::find_city(state, slug).await?;
    enabled(&city)?;
    let session = store::budget_sessions::find_in_city(&state.db, city.id, session_id)
        .await?
        .ok_or_else(|| AppError::new(StatusCode::NOT_FOUND, "session-not-found"))?;
    let election = store::elections::of_session(&state.db, session.id)
        .await?
        .ok_or_else(not_found)?;
    view_of(state, &city, election, actor).await
}

pub async fn get(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    election_id: i64,
) -> AppResult<ElectionView> {
    Ok(load(state, actor, slug, election_id).await?.1)
}

/// Sets up (or changes, until its first stage opens) the election of a session (admins).
pub async fn configure(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    session_id: i64,
    input: ElectionInput,
) -> AppResult<ElectionView> {
    let (city, actor) = super::city_for(state, actor, slug, Action::ManageSessions).await?;
    enabled(&city)?;
    let session = super::sessions::get(state, slug, session_id).await?;
    let tie_break = match &input.tie_break {
        None => rules::DEFAULT_TIE_BREAK.to_vec(),
        Some(codes) => codes
            .iter()
            .map(|c| {
                TieBreak::from_code(c)
                    .ok_or_else(|| AppError::invalid("election-tie-break", "tie_break"))
            })
            .collect::<AppResult<_>>()?,
    };
    let parameters = rules::Parameters {
        min_votes_round2: input.min_votes_round2,
        votes_round1: input.votes_round1,
        votes_round2: input.votes_round2,
        seats: input.seats,
        tie_break: tie_break.clone(),
    };
    rules::check_parameters(&parameters).map_err(|e| {
        let field = match e {
            rules::ParameterError::MinVotes => "min_votes_round2",
            rules::ParameterError::VotesRound1 => "votes_round1",
            rules::ParameterError::VotesRound2 => "votes_round2",
            rules::ParameterError::Seats => "seats",
            rules::ParameterError::TieBreakRepeated => "tie_break",
        };
        AppError::invalid("election-parameter", field)
    })?;
    let stages = input
        .stages
        .iter()
        .map(|(code, start, end)| {
            Ok(StageDates {
                stage: Stage::from_code(code)
                    .ok_or_else(|| AppError::invalid("stage-unknown", "stages"))?,
                start: *start,
                end: *end,
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    rules::check_stages(&stages).map_err(stages_error)?;
    let stored = store::elections::Parameters {
        min_votes_round2: input.min_votes_round2,
        votes_round1: input.votes_round1,
        votes_round2: input.votes_round2,
        seats: input.seats,
        tie_break: tie_break_codes(&tie_break),
    };
    let now = state.clock.now();
    let existing = store::elections::of_session(&state.db, session.session.id).await?;
    let txn = state.db.begin().await?;
    let election_id = match &existing {
        Some(e) => {
            let current = store::elections::stages(&state.db, e.id).await?;
            if rules::phase(&current, today(state, &city)) != Phase::Before {
                return Err(AppError::new(StatusCode::CONFLICT, "election-started"));
            }
            store::elections::update(&txn, e.id, &stored, now).await?;
            e.id
        }
        None => {
            store::elections::insert(&txn, city.id, session.session.id, &stored, now)
                .await
                .map_err(AppError::on_unique("election-exists", None))?
                .id
        }
    };
    store::elections::set_stages(&txn, election_id, &stages).await?;
    super::audit(
        &txn,
        state,
        Some(city.id),
        Some(actor),
        if existing.is_some() {
            "election.update"
        } else {
            "election.create"
        },
        format!("election:{election_id}"),
        json!({
            "session": session.session.id,
            "min_votes_round2": input.min_votes_round2,
            "votes_round1": input.votes_round1,
            "votes_round2": input.votes_round2,
            "seats": input.seats,
            "tie_break": stored.tie_break,
            "stages": stages.iter().map(|s| json!([s.stage.code(), s.start, s.end])).collect::<Vec<_>>(),
        }),
    )
    .await?;
    txn.commit().await?;
    get(state, Some(actor), slug, election_id).await
}

// ---------------------------------------------------------------------------------------------
// Closing the rounds

/// Closes the rounds whose stage is over and are not closed yet; `true` if it closed one.
async fn catch_up(
    state: &AppState,
    city: &city::Model,
    election: &election::Model,
    phase: Phase,
) -> AppResult<bool> {
    let mut closed = false;
    if rules::round1_over(phase) && election.round1_closed_at.is_none() {
        closed |= close_round1(state, city, election).await?;
    }
    if rules::round2_over(phase) && election.round2_closed_at.is_none() {
        closed |= close_round2(state, city, election).await?;
    }
    Ok(closed)
}

/// Closes every round that is due in every city (the background job).
pub async fn close_due(state: &AppState) -> AppResult<usize> {
    let mut closed = 0;
    for election in store::elections::open_rounds(&state.db).await? {
        let Some(city) = store::catalog::city_by_id(&state.db, election.city_id).await? else {
            continue;
        };
        let stages = store::elections::stages(&state.db, election.id).await?;
        let phase = rules::phase(&stages, today(state, &city));
        if catch_up(state, &city, &election, phase).await? {
            closed += 1;
        }
    }
    Ok(closed)
}

/// Moves a candidate with its history row and e-mail, in the caller's transaction.
#[allow(clippy::too_many_arguments)]
async fn record(
    state: &AppState,
    txn: &DatabaseTransaction,
    city: &city::Model,
    a: &application::Model,
    actor: Option<&Actor>,
    (from, to): (Status, Status),
    comment: Option<String>,
) -> AppResult<()> {
    let now = state.clock.now();
    let moved =
        store::elections::set_status(txn, a.id, from, to, comment.clone().map(Some), now).await?;
    if !moved {
        return Err(AppError::new(
            StatusCode::CONFLICT,
            "candidate-status-changed",
        ));
    }
    store::elections::add_history(
        txn,
        a.id,
        actor.map(|a| a.user_id),
        Some(from),
        to,
        comment.clone(),
        now,
    )
    .await?;
    super::audit(
        txn,
        state,
        Some(city.id),
        actor,
        "candidate.status",
        format!("candidate:{}", a.id),
        json!({ "from": from.code(), "to": to.code(), "comment": comment }),
    )
    .await?;
    if let Some(candidate) = store::users::find(txn, a.user_id).await?
        && let Some(email) = &candidate.email
    {
        let lang = Lang::negotiate(Some(&candidate.lang));
        let status = state
            .localizer
            .get(lang, &label("candidate-status", to.code()), &[]);
        mail::enqueue(
            txn,
            &state.localizer,
            Mail {
                to: email,
                lang,
                template: "candidate-status",
                args: vec![
                    ("status", status),
                    ("comment", comment.unwrap_or_default()),
                    ("url", election_url(state, city, a.election_id)),
                ],
                city_id: Some(city.id),
            },
            now,
        )
        .await?;
    }
    Ok(())
}

fn election_url(state: &AppState, city: &city::Model, election_id: i64) -> String {
    format!(
        "{}/cities/{}/elections/{election_id}",
        state.settings.server.public_url.trim_end_matches('/'),
        city.slug
    )
}

/// Claims closing `round` (the first write of a new transaction) and counts its votes: the
/// round's candidates with their votes, stored on each. `None` when someone else closed it.
async fn begin_close(
    state: &AppState,
    election: &election::Model,
    round: Round,
) -> AppResult<Option<(DatabaseTransaction, Vec<(application::Model, i64)>)>> {
    let txn = state.db.begin().await?;
    if !store::elections::claim_close(&txn, election.id, round, state.clock.now()).await? {
        return Ok(None);
    }
    let votes: HashMap<i64, i64> = store::elections::tally(&txn, election.id, round)
        .await?
        .into_iter()
        .collect();
    let mut counted = vec![];
    for a in store::elections::applications(&txn, election.id, &[round.participant()]).await? {
        let count = votes.get(&a.id).copied().unwrap_or(0);
        store::elections::set_votes(&txn, a.id, round, count).await?;
        counted.push((a, count));
    }
    Ok(Some((txn, counted)))
}

async fn close_round1(
    state: &AppState,
    city: &city::Model,
    election: &election::Model,
) -> AppResult<bool> {
    let Some((txn, candidates)) = begin_close(state, election, Round::One).await? else {
        return Ok(false);
    };
    let mut advanced = 0;
    for (a, count) in &candidates {
        let to = rules::advance(*count, election.min_votes_round2);
        if to == Status::Round2 {
            advanced += 1;
        }
        record(state, &txn, city, a, None, (Status::Round1, to), None).await?;
    }
    super::audit(
        &txn,
        state,
        Some(city.id),
        None,
        "election.round1.close",
        format!("election:{}", election.id),
        json!({ "candidates": candidates.len(), "advanced": advanced, "threshold": election.min_votes_round2 }),
    )
    .await?;
    txn.commit().await?;
    tracing::info!(election = election.id, advanced, "round 1 closed");
    Ok(true)
}

async fn close_round2(
    state: &AppState,
    city: &city::Model,
    election: &election::Model,
) -> AppResult<bool> {
    let now = state.clock.now();
    let Some((txn, candidates)) = begin_close(state, election, Round::Two).await? else {
        return Ok(false);
    };
    let mut contenders = vec![];
    for (a, count) in &candidates {
        contenders.push(Contender {
            id: a.id,
            round2_votes: *count,
            round1_votes: a.round1_votes,
            submitted_at: a.submitted_at.unwrap_or(a.created_at),
        });
    }
    let seats = usize::try_from(election.seats).unwrap_or(0);
    let outcome: Outcome = rules::elect(&contenders, seats, &tie_break_of(election));
    let by_id: HashMap<i64, &application::Model> =
        candidates.iter().map(|(a, _)| (a.id, a)).collect();
    for (ids, to) in [
        (&outcome.elected, Status::Elected),
        (&outcome.not_elected, Status::NotElected),
    ] {
        for id in ids {
            if let Some(a) = by_id.get(id) {
                record(state, &txn, city, a, None, (Status::Round2, to), None).await?;
            }
        }
    }
    if !outcome.tied.is_empty() {
        let tie = Tie {
            candidates: outcome.tied.clone(),
            seats: outcome.open_seats,
        };
        let text = serde_json::to_string(&tie).map_err(AppError::internal)?;
        store::elections::set_tie(&txn, election.id, Some(text), now).await?;
        tell_staff_of_tie(state, &txn, city, election.id, &tie).await?;
    }
    super::audit(
        &txn,
        state,
        Some(city.id),
        None,
        "election.round2.close",
        format!("election:{}", election.id),
        json!({
            "elected": outcome.elected,
            "not_elected": outcome.not_elected,
            "tied": outcome.tied,
            "open_seats": outcome.open_seats,
        }),
    )
    .await?;
    txn.commit().await?;
    tracing::info!(
        election = election.id,
        elected = outcome.elected.len(),
        tied = outcome.tied.len(),
        "round 2 closed"
    );
    Ok(true)
}

/// E-mails the city's moderators and admins that a tie at the last seats awaits them.
async fn tell_staff_of_tie(
    state: &AppState,
    txn: &DatabaseTransaction,
    city: &city::Model,
    election_id: i64,
    tie: &Tie,
) -> AppResult<()> {
    let mut told = std::collections::BTreeSet::new();
    for (role, holder) in store::users::staff_of_city(txn, city.id).await? {
        let Some(holder) = holder else { continue };
        if !matches!(role.role, DbRole::Moderator | DbRole::Admin) {
            continue;
        }
        let Some(email) = holder.email.clone() else {
            continue;
        };
        if !told.insert(email.clone()) {
            continue;
        }
        mail::enqueue(
            txn,
            &state.localizer,
            Mail {
                to: &email,
                lang: Lang::negotiate(Some(&holder.lang)),
                template: "election-tie",
                args: vec![
                    ("candidates", tie.candidates.len().to_string()),
                    ("seats", tie.seats.to_string()),
                    ("url", election_url(state, city, election_id)),
                ],
                city_id: Some(city.id),
            },
            state.clock.now(),
        )
        .await?;
    }
    Ok(())
}

/// A moderator decides a tie left at the last seats: `elected` are exactly that many of the
/// tied candidates; the other tied candidates are not elected.
pub async fn resolve_tie(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    election_id: i64,
    elected: Vec<i64>,
    comment: Option<String>,
) -> AppResult<ElectionView> {
    let (city, actor) = super::city_for(state, actor, slug, Action::ModerateCandidates).await?;
    let (_, view) = load(state, Some(actor), slug, election_id).await?;
    let (Some(tie), Some(text)) = (&view.tie, &view.election.tie) else {
        return Err(AppError::new(StatusCode::CONFLICT, "election-no-tie"));
    };
    let mut chosen = elected.clone();
    chosen.sort_unstable();
    chosen.dedup();
    if chosen.len() != tie.seats || chosen.iter().any(|id| !tie.candidates.contains(id)) {
        return Err(AppError::invalid("election-tie-choice", "elected").arg("seats", tie.seats));
    }
    let comment = comment
        .map(|c| profile::text(&c, super::supporters::COMMENT_MAX))
        .transpose()
        .map_err(|_| AppError::invalid("field-too-long", "comment"))?
        .flatten()
        .ok_or_else(|| AppError::invalid("comment-required", "comment"))?;
    let now = state.clock.now();
    let txn = state.db.begin().await?;
    if !store::elections::take_tie(&txn, election_id, text, now).await? {
        return Err(AppError::new(StatusCode::CONFLICT, "election-no-tie"));
    }
    for id in &tie.candidates {
        let a = store::elections::application(&txn, election_id, *id)
            .await?
            .ok_or_else(|| application_not_found(*id))?;
        let to = if chosen.contains(id) {
            Status::Elected
        } else {
            Status::NotElected
        };
        record(
            state,
            &txn,
            &city,
            &a,
            Some(actor),
            (Status::Round2, to),
            Some(comment.clone()),
        )
        .await?;
    }
    txn.commit().await?;
    get(state, Some(actor), slug, election_id).await
}

// ---------------------------------------------------------------------------------------------
// Applications

async fn application_view(
    state: &AppState,
    a: application::Model,
    full: bool,
) -> AppResult<ApplicationView> {
    let user = store::users::find(&state.db, a.user_id).await?;
    let documents = if full {
        store::elections::documents(&state.db, a.id).await?
    } else {
        vec![]
    };
    let has_photo = !store::users::with_photo(&state.db, &[a.user_id])
        .await?
        .is_empty();
    Ok(ApplicationView {
        name: user.as_ref().map(full_name).unwrap_or_default(),
        application: a,
        documents,
        full,
        has_photo,
        candidate: user,
    })
}

/// Applications for a list: names read at once, documents left to each one's own page.
async fn list_views(
    state: &AppState,
    rows: Vec<application::Model>,
    full: bool,
) -> AppResult<Vec<ApplicationView>> {
    let ids: Vec<i64> = rows.iter().map(|a| a.user_id).collect();
    let users: HashMap<i64, user::Model> = store::users::find_many(&state.db, &ids)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let photos = store::users::with_photo(&state.db, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|a| {
            let candidate = users.get(&a.user_id).cloned();
            ApplicationView {
                name: candidate.as_ref().map(full_name).unwrap_or_default(),
                has_photo: photos.contains(&a.user_id),
                application: a,
                documents: vec![],
                full,
                candidate,
            }
        })
        .collect())
}

/// Whether the actor sees an application it may see in full (form, documents, history): its
/// candidate, the city's moderators, admins and observers.
fn in_full(actor: Option<&Actor>, city_id: i64, who: Option<Who>) -> bool {
    matches!(who, Some(Who::Candidate | Who::Moderator | Who::Admin)) || is_observer(actor, city_id)
}

/// The application `id` if the actor may see it, and how the actor stands to it.
async fn visible_application(
    state: &AppState,
    actor: Option<&Actor>,
    city: &city::Model,
    election_id: i64,
    id: i64,
) -> AppResult<(application::Model, Option<Who>)> {
    let a = store::elections::application(&state.db, election_id, id)
        .await?
        .ok_or_else(|| application_not_found(id))?;
    let who = who(actor, city.id, &a);
    let status = status_of(&a)?;
    let observed = status != Status::Draft && is_observer(actor, city.id);
    if !rules::visible(status, who) && !observed {
        return Err(application_not_found(id));
    }
    Ok((a, who))
}

/// Starts the resident's application (a draft) while applications are open.
pub async fn apply(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    election_id: i64,
) -> AppResult<ApplicationView> {
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    let (_, view) = load(state, Some(actor), slug, election_id).await?;
    if view.phase != Phase::In(Stage::Applications) {
        return Err(AppError::new(StatusCode::CONFLICT, "election-stage-closed"));
    }
    let now = state.clock.now();
    let txn = state.db.begin().await?;
    let a = store::elections::insert_application(&txn, election_id, actor.user_id, now)
        .await
        .map_err(AppError::on_unique("candidate-application-exists", None))?;
    txn.commit().await?;
    application_view(state, a, true).await
}

/// The resident's own application in the election.
pub async fn mine(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    election_id: i64,
) -> AppResult<ApplicationView> {
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    load(state, Some(actor), slug, election_id).await?;
    let a = store::elections::application_of(&state.db, election_id, actor.user_id)
        .await?
        .ok_or_else(|| application_not_found(0))?;
    application_view(state, a, true).await
}

pub async fn application(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    election_id: i64,
    id: i64,
) -> AppResult<ApplicationView> {
    let (city, _) = load(state, actor, slug, election_id).await?;
    let (a, who) = visible_application(state, actor, &city, election_id, id).await?;
    let full = in_full(actor, city.id, who);
    application_view(state, a, full).await
}

/// The application's history (its candidate and staff).
pub async fn history(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    election_id: i64,
    id: i64,
) -> AppResult<Vec<candidate_history::Model>> {
    let (city, _) = load(state, actor, slug, election_id).await?;
    let (a, who) = visible_application(state, actor, &city, election_id, id).await?;
    if !in_full(actor, city.id, who) {
        return Err(AppError::forbidden());
    }
    Ok(store::elections::history(&state.db, a.id).await?)
}

/// The candidate's own application while it may be edited.
async fn editable(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    election_id: i64,
    id: i64,
) -> AppResult<(city::Model, ElectionView, application::Model, Status)> {
    let (city, view) = load(state, Some(actor), slug, election_id).await?;
    let (a, who) = visible_application(state, Some(actor), &city, election_id, id).await?;
    if who != Some(Who::Candidate) {
        return Err(AppError::forbidden());
    }
    let status = status_of(&a)?;
    if !rules::editable(status, view.phase) {
        return Err(AppError::new(
            StatusCode::CONFLICT,
            "candidate-application-locked",
        ));
    }
    Ok((city, view, a, status))
}

fn text_field(value: Option<String>, field: &'static str, max: usize) -> AppResult<Option<String>> {
    value
        .map(|v| profile::text(&v, max))
        .transpose()
        .map_err(|_| AppError::invalid("field-too-long", field).arg("max", max))
        .map(Option::flatten)
}

/// Saves one page of the form; progress is kept between pages.
pub async fn save_page(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    election_id: i64,
    id: i64,
    input: PageInput,
    lang: Lang,
) -> AppResult<ApplicationView> {
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    let (_, view, a, status) = editable(state, actor, slug, election_id, id).await?;
    let pages = match input {
        PageInput::Personal => {
            let session =
                super::sessions::get(state, slug, view.election.budget_session_id).await?;
            super::profile::with_required_fields(
                state,
                &session,
                actor.user_id,
                lang,
                "candidate-profile-incomplete",
            )
            .await?;
            store::elections::Pages {
                page: 1,
                ..Default::default()
            }
        }
        PageInput::About {
            motivation,
            experience,
            organization,
        } => {
            let motivation = text_field(Some(motivation), "motivation", TEXT_MAX)?
                .ok_or_else(|| AppError::invalid("field-required", "motivation"))?;
            store::elections::Pages {
                page: 2,
                motivation: Some(Some(motivation)),
                experience: Some(text_field(experience, "experience", TEXT_MAX)?),
                organization: Some(text_field(organization, "organization", ORGANIZATION_MAX)?),
                ..Default::default()
            }
        }
        PageInput::Consents {
            personal_data,
            rules,
        } => store::elections::Pages {
            page: 3,
            consent_personal_data: Some(personal_data),
            consent_rules: Some(rules),
            ..Default::default()
        },
    };
    let txn = state.db.begin().await?;
    if !store::elections::save_pages(&txn, a.id, status, pages, state.clock.now()).await? {
        return Err(AppError::new(
            StatusCode::CONFLICT,
            "candidate-status-changed",
        ));
    }
    txn.commit().await?;
    let a = store::elections::application(&state.db, election_id, id)
        .await?
        .ok_or_else(|| application_not_found(id))?;
    application_view(state, a, true).await
}

/// A step of an application's status: the candidate submits or resubmits; a moderator
/// deletes, rejects (with a comment) or admits it to round 1. Status, history, audit entry and
/// e-mail in one transaction.
#[allow(clippy::too_many_arguments)]
pub async fn change_status(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    election_id: i64,
    id: i64,
    action: rules::Action,
    comment: Option<String>,
    lang: Lang,
) -> AppResult<ApplicationView> {
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    let (city, view) = load(state, Some(actor), slug, election_id).await?;
    let (a, who) = visible_application(state, Some(actor), &city, election_id, id).await?;
    let comment = text_field(comment, "comment", super::supporters::COMMENT_MAX)?;
    let from = status_of(&a)?;
    let to = rules::transition(
        from,
        action,
        who.unwrap_or(Who::Other),
        view.phase,
        comment.is_some(),
    )
    .map_err(transition_error)?;
    if matches!(action, rules::Action::Submit | rules::Action::Resubmit) {
        let missing = rules::missing(&rules::Form {
            page: a.page,
            motivation: a.motivation.is_some(),
            consent_personal_data: a.consent_personal_data,
            consent_rules: a.consent_rules,
        });
        if !missing.is_empty() {
            return Err(
                AppError::invalid("candidate-application-incomplete", missing[0])
                    .arg("fields", missing.join(", ")),
            );
        }
        let session = super::sessions::get(state, slug, view.election.budget_session_id).await?;
        super::profile::with_required_fields(
            state,
            &session,
            actor.user_id,
            lang,
            "candidate-profile-incomplete",
        )
        .await?;
    }
    let txn = state.db.begin().await?;
    record(state, &txn, &city, &a, Some(actor), (from, to), comment).await?;
    txn.commit().await?;
    let a = store::elections::application(&state.db, election_id, id)
        .await?
        .ok_or_else(|| application_not_found(id))?;
    application_view(state, a, true).await
}

/// Applications of an election: the public list (round participants and results) for
/// everyone, or, for moderators, any status (`on_moderation`: the queue, oldest first).
pub async fn list(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    election_id: i64,
    status: Option<&str>,
) -> AppResult<Vec<ApplicationView>> {
    let (city, _) = load(state, actor, slug, election_id).await?;
    let statuses: Vec<Status> = match status {
        None => Status::ALL.into_iter().filter(|s| s.is_public()).collect(),
        Some(code) => {
            let status = Status::from_code(code)
                .ok_or_else(|| AppError::invalid("candidate-status-unknown", "status"))?;
            if !status.is_public() && !is_observer(actor, city.id) {
                authorize(actor, Action::ModerateCandidates, Some(city.id))?;
            }
            // Drafts are their candidates' own until submitted.
            if status == Status::Draft {
                return Err(AppError::forbidden());
            }
            vec![status]
        }
    };
    let rows = store::elections::applications(&state.db, election_id, &statuses).await?;
    list_views(state, rows, sees_all(actor, city.id)).await
}

// ---------------------------------------------------------------------------------------------
// Documents

/// Attaches a document (PDF, JPEG or PNG, checked by content) to the candidate's editable
/// application. The bytes are stored first, the row second under the application's lock.
#[allow(clippy::too_many_arguments)]
pub async fn attach(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    election_id: i64,
    id: i64,
    bytes: Vec<u8>,
    declared: Option<&str>,
    name: Option<&str>,
) -> AppResult<document::Model> {
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    let (_, _, a, status) = editable(state, actor, slug, election_id, id).await?;
    let (content_type, extension) =
        if infer::get(&bytes).map(|t| t.mime_type()) == Some("application/pdf") {
            check_pdf(&bytes, MAX_DOCUMENT_BYTES)?;
            ("application/pdf", "pdf")
        } else {
            let content_type =
                super::profile::check_image(bytes.clone(), MAX_DOCUMENT_BYTES, "file", declared)
                    .await
                    .map_err(|e| {
                        if e.code == "image-type" {
                            AppError::invalid("candidate-document-type", "file")
                        } else {
                            e
                        }
                    })?;
            (
                content_type,
                if content_type == "image/png" {
                    "png"
                } else {
                    "jpg"
                },
            )
        };
    let too_many = || {
        AppError::new(StatusCode::CONFLICT, "candidate-documents-limit").arg("max", MAX_DOCUMENTS)
    };
    if store::elections::count_documents(&state.db, a.id).await? >= MAX_DOCUMENTS {
        return Err(too_many());
    }
    let key = format!(
        "candidates/{}/{}.{extension}",
        a.id,
        uuid::Uuid::new_v4().simple()
    );
    let size = i64::try_from(bytes.len()).map_err(AppError::internal)?;
    let now = state.clock.now();
    let write = async {
        let txn = state.db.begin().await?;
        if !store::elections::touch(&txn, a.id, status, now).await? {
            return Err(AppError::new(
                StatusCode::CONFLICT,
                "candidate-status-changed",
            ));
        }
        if store::elections::count_documents(&txn, a.id).await? >= MAX_DOCUMENTS {
            return Err(too_many());
        }
        let file = store::elections::insert_document(
            &txn,
            document::ActiveModel {
                application_id: sea_orm::Set(a.id),
                storage_key: sea_orm::Set(key.clone()),
                file_name: sea_orm::Set(crate::domain::project::file_name(
                    name, "document", extension,
                )),
                content_type: sea_orm::Set(content_type.to_owned()),
                size_bytes: sea_orm::Set(size),
                created_at: sea_orm::Set(now),
                ..Default::default()
            },
        )
        .await?;
        txn.commit().await?;
        Ok(file)
    };
    store_then(state, &key, bytes, write).await
}

/// Removes a document from the candidate's editable application.
pub async fn detach(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    election_id: i64,
    id: i64,
    document_id: i64,
) -> AppResult<()> {
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    let (_, _, a, status) = editable(state, actor, slug, election_id, id).await?;
    let doc = store::elections::document(&state.db, a.id, document_id)
        .await?
        .ok_or_else(|| {
            AppError::new(StatusCode::NOT_FOUND, "file-not-found").arg("id", document_id)
        })?;
    let txn = state.db.begin().await?;
    if !store::elections::touch(&txn, a.id, status, state.clock.now()).await? {
        return Err(AppError::new(
            StatusCode::CONFLICT,
            "candidate-status-changed",
        ));
    }
    store::elections::delete_document(&txn, doc.id).await?;
    txn.commit().await?;
    if let Err(err) = state.storage.delete(&doc.storage_key).await {
        tracing::warn!(error = %err, key = doc.storage_key, "a removed document's bytes were not deleted");
    }
    Ok(())
}

/// A document's bytes, for the candidate and staff (documents carry personal data).
pub async fn document(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    election_id: i64,
    id: i64,
    document_id: i64,
) -> AppResult<(document::Model, Vec<u8>)> {
    let (city, _) = load(state, actor, slug, election_id).await?;
    let (a, who) = visible_application(state, actor, &city, election_id, id).await?;
    if !in_full(actor, city.id, who) {
        return Err(AppError::forbidden());
    }
    let missing = || AppError::new(StatusCode::NOT_FOUND, "file-not-found").arg("id", document_id);
    let doc = store::elections::document(&state.db, a.id, document_id)
        .await?
        .ok_or_else(missing)?;
    let bytes = state
        .storage
        .get(&doc.storage_key)
        .await
        .map_err(storage_failed)?
        .ok_or_else(missing)?;
    Ok((doc, bytes.to_vec()))
}

/// A candidate's profile photo, for whoever may see the application (published candidates:
/// everyone).
pub async fn photo(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    election_id: i64,
    id: i64,
) -> AppResult<(String, Vec<u8>)> {
    let (city, _) = load(state, actor, slug, election_id).await?;
    let (a, _) = visible_application(state, actor, &city, election_id, id).await?;
    let photo = store::users::photo(&state.db, a.user_id)
        .await?
        .ok_or_else(|| AppError::new(StatusCode::NOT_FOUND, "photo-not-found"))?;
    Ok((photo.content_type, photo.bytes))
}

// ---------------------------------------------------------------------------------------------
// Voting

fn limit_of(e: &election::Model, round: Round) -> i32 {
    match round {
        Round::One => e.votes_round1,
        Round::Two => e.votes_round2,
    }
}

async fn ballot(
    state: &AppState,
    e: &election::Model,
    round: Round,
    voter_id: i64,
) -> AppResult<ElectionBallot> {
    let ballot = store::elections::ballot_of(&state.db, e.id, round, voter_id).await?;
    let candidates = match &ballot {
        Some(b) => store::elections::votes_of(&state.db, b.id).await?,
        None => vec![],
    };
    Ok(ElectionBallot {
        round,
        limit: limit_of(e, round),
        cast: ballot.map_or(0, |b| b.votes_cast),
        candidates,
    })
}

/// Votes for a candidate in the current round. Round 1: any eligible resident (the session's
/// required profile fields and voting age), for round-1 participants. Round 2: round-2
/// participants, for one another.
pub async fn vote(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    election_id: i64,
    candidate_id: i64,
    lang: Lang,
) -> AppResult<ElectionBallot> {
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    let (city, view) = load(state, Some(actor), slug, election_id).await?;
    let round = Round::current(view.phase);
    let candidate = store::elections::application(&state.db, election_id, candidate_id)
        .await?
        .ok_or_else(|| application_not_found(candidate_id))?;
    let own = store::elections::application_of(&state.db, election_id, actor.user_id).await?;
    let voter_status = own.as_ref().map(status_of).transpose()?;
    rules::may_vote(
        round,
        view.phase,
        status_of(&candidate)?,
        voter_status,
        candidate.user_id == actor.user_id,
    )
    .map_err(refusal)?;
    if round == Round::One {
        let session = super::sessions::get(state, slug, view.election.budget_session_id).await?;
        let user: user::Model = super::profile::with_required_fields(
            state,
            &session,
            actor.user_id,
            lang,
            "election-profile-incomplete",
        )
        .await?;
        let min_age = session.session.min_voter_age;
        if !profile::old_enough(user.birth_date, today(state, &city), min_age) {
            return Err(
                AppError::new(StatusCode::FORBIDDEN, "election-vote-too-young").arg("min", min_age),
            );
        }
    }
    let txn = state.db.begin().await?;
    let cast = store::elections::cast(
        &txn,
        election_id,
        round,
        actor.user_id,
        candidate_id,
        limit_of(&view.election, round),
        state.clock.now(),
    )
    .await?;
    // A refusal leaves the transaction uncommitted: dropping it rolls every step back.
    cast.map_err(refusal)?;
    txn.commit().await?;
    ballot(state, &view.election, round, actor.user_id).await
}

/// The resident's ballot in the current round.
pub async fn my_ballot(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    election_id: i64,
) -> AppResult<ElectionBallot> {
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    let (_, view) = load(state, Some(actor), slug, election_id).await?;
    ballot(
        state,
        &view.election,
        Round::current(view.phase),
        actor.user_id,
    )
    .await
}

/// Each candidate's standing once round 1 has closed (round 2's votes once it has closed too),
/// most votes first.
pub async fn standings(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    election_id: i64,
) -> AppResult<Vec<Standing>> {
    let (_, view) = load(state, actor, slug, election_id).await?;
    if view.election.round1_closed_at.is_none() {
        return Err(AppError::new(
            StatusCode::CONFLICT,
            "election-results-not-ready",
        ));
    }
    let round2 = view.election.round2_closed_at.is_some();
    let statuses = [
        Status::Round2,
        Status::NotAdvanced,
        Status::Elected,
        Status::NotElected,
    ];
    let rows = store::elections::applications(&state.db, election_id, &statuses).await?;
    let rows = list_views(state, rows, false).await?;
    let mut out = rows
        .into_iter()
        .map(|v| {
            let a = v.application;
            Ok(Standing {
                application_id: a.id,
                name: v.name,
                status: status_of(&a)?,
                round1_votes: a.round1_votes,
                round2_votes: round2.then_some(a.round2_votes),
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    out.sort_by(|a, b| {
        b.round2_votes
            .cmp(&a.round2_votes)
            .then(b.round1_votes.cmp(&a.round1_votes))
            .then(a.application_id.cmp(&b.application_id))
    });
    Ok(out)
}

/// The city's commission: the members elected in its latest decided election, who serve until
/// the next election's results.
pub async fn commission(
    state: &AppState,
    slug: &str,
) -> AppResult<Option<(election::Model, Vec<ApplicationView>)>> {
    let city = super::find_city(state, slug).await?;
    enabled(&city)?;
    let Some(latest) = store::elections::decided(&state.db, city.id)
        .await?
        .into_iter()
        .next()
    else {
        return Ok(None);
    };
    let members = store::elections::applications(&state.db, latest.id, &[Status::Elected]).await?;
    Ok(Some((latest, list_views(state, members, false).await?)))
}

/// The user ids of the city's commission (ГБК): the members elected in its latest decided
/// election, until the next election's results; none where the city holds no commission
/// elections.
pub async fn members(state: &AppState, city: &city::Model) -> AppResult<Vec<i64>> {
    if !city.allow_commission {
        return Ok(vec![]);
    }
    let Some(latest) = store::elections::decided(&state.db, city.id)
        .await?
        .into_iter()
        .next()
    else {
        return Ok(vec![]);
    };
    Ok(
        store::elections::applications(&state.db, latest.id, &[Status::Elected])
            .await?
            .into_iter()
            .map(|a| a.user_id)
            .collect(),
    )
}

/// The cities whose commission `user_id` sits on: elected in the city's latest decided
/// election (the «commission member» role, which no one grants: the vote does).
pub async fn commission_cities<C: ConnectionTrait>(db: &C, user_id: i64) -> AppResult<Vec<i64>> {
    let mut cities = vec![];
    for election in store::elections::elected_in(db, user_id).await? {
        if cities.contains(&election.city_id) {
            continue;
        }
        let latest = store::elections::decided(db, election.city_id).await?;
        let city = store::catalog::find_city_by_id(db, election.city_id).await?;
        if city.is_some_and(|c| c.allow_commission)
            && latest.first().is_some_and(|l| l.id == election.id)
        {
            cities.push(election.city_id);
        }
    }
    Ok(cities)
}

/// When a closed round's time was, for the views.
pub fn closed_at(e: &election::Model, round: Round) -> Option<DateTime<Utc>> {
    match round {
        Round::One => e.round1_closed_at,
        Round::Two => e.round2_closed_at,
    }
}
