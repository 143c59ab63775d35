//! Budget sessions: their timeline of stages (dates in the city's time zone), pots and
//! parameters. The current stage is always derived from the clock.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use entities::budget_pot::{self, PotScope};
use entities::{budget_session, city, stage};
use poem::http::StatusCode;
use sea_orm::{ActiveModelTrait, IntoActiveModel, Set, TransactionTrait};
use serde_json::json;

use crate::domain::Money;
use crate::domain::access::{Action, Actor, authorize};
use crate::domain::budget::{self, ParameterError, ParameterValues};
use crate::domain::eligibility::Rule;
use crate::domain::estimate::Reserve;
use crate::domain::profile::{DEFAULT_REQUIRED, Field};
use crate::domain::timeline::{self, Change, Phase, StageDates, StageKind, TimelineError};
use crate::error::{AppError, AppResult};
use crate::i18n::label;
use crate::state::AppState;
use crate::store;
use crate::store::budget_sessions::{NewPot, domain_kind};

#[derive(Debug, Clone)]
pub struct PotInput {
    pub name_uk: String,
    pub name_en: String,
    pub scope: PotScope,
    pub total: String,
    pub max_project_cost: String,
    /// The most votes a voter gives to this pot's projects, if limited.
    pub max_votes_per_voter: Option<i32>,
    /// Endorsements a project needs to be admitted when the session has an endorsement stage
    /// (0: none).
    pub min_endorsements: i32,
}

#[derive(Debug, Clone)]
pub struct Parameters {
    pub votes_per_voter: i32,
    pub min_voter_age: i32,
    pub min_author_age: i32,
    pub results_rule: String,
    pub min_votes_to_win: Option<i32>,
    pub registration_methods: Vec<String>,
    pub required_fields: Vec<String>,
    /// Whether a vote can be taken back while voting lasts.
    pub vote_withdrawal: bool,
    /// `live` or `after_results`.
    pub show_counts: String,
    /// The compulsory cost reserve of every estimate, a percentage as typed (`20`, `12.5`).
    pub cost_reserve_percent: String,
    /// At most one vote per category («один голос на тему»).
    pub one_vote_per_category: bool,
    /// Days an author has to appeal a rejection or an expert conclusion to the commission.
    pub appeal_days: i32,
    /// Projects need an expert's conclusion before they are admitted («експертиза»).
    pub expert_review: bool,
    /// Who may vote online: `any`, `registered`, `registered_or_taxpayer`
    /// (`domain::eligibility::Rule`).
    pub voter_eligibility: String,
}

#[derive(Debug, Clone)]
pub struct SessionInput {
    pub name_uk: String,
    pub name_en: String,
    pub parameters: Parameters,
    pub stages: Vec<StageDates>,
    pub pots: Vec<PotInput>,
}

/// A change to a session; `None` leaves a part as it is.
#[derive(Debug, Clone, Default)]
pub struct SessionChange {
    pub name_uk: Option<String>,
    pub name_en: Option<String>,
    pub parameters: Option<Parameters>,
    pub stages: Option<Vec<StageDates>>,
    pub pots: Option<Vec<PotInput>>,
}

#[derive(Debug, Clone)]
pub struct SessionView {
    pub session: budget_session::Model,
    pub stages: Vec<(stage::Model, StageDates)>,
    pub pots: Vec<budget_pot::Model>,
    pub phase: Phase,
    pub registration_methods: Vec<String>,
    pub required_fields: Vec<String>,
}

impl SessionView {
    /// The cost reserve every estimate of the session carries.
    pub fn reserve(&self) -> AppResult<Reserve> {
        Reserve::from_basis_points(self.session.cost_reserve_bp)
            .map_err(|e| AppError::internal(anyhow::anyhow!("session {}: {e}", self.session.id)))
    }

    /// The profile fields the session requires of residents.
    pub fn required(&self) -> Vec<Field> {
        self.required_fields
            .iter()
            .filter_map(|code| Field::from_code(code))
            .collect()
    }
}

/// The profile fields the city's current session requires; the default list when the city
/// has no session.
pub async fn required_fields(state: &AppState, slug: &str) -> AppResult<Vec<Field>> {
    match current(state, slug).await {
        Ok(view) => Ok(view.required()),
        Err(e) if e.code == "session-not-found" => Ok(DEFAULT_REQUIRED.to_vec()),
        Err(e) => Err(e),
    }
}

pub fn city_tz(city: &city::Model) -> Tz {
    timeline::parse_time_zone(&city.time_zone).unwrap_or(chrono_tz::Europe::Kyiv)
}

/// The local dates of a stored stage (its instants were computed from them).
fn dates_of(stage: &stage::Model, tz: Tz) -> StageDates {
    StageDates {
        kind: domain_kind(stage.kind),
        start: stage.starts_at.with_timezone(&tz).date_naive(),
        end: (stage.ends_at - Duration::seconds(1))
            .with_timezone(&tz)
            .date_naive(),
    }
}

fn timeline_error(err: TimelineError) -> AppError {
    let invalid = |code| AppError::invalid(code, "stages");
    let stage = |kind: StageKind| label("stage-kind", kind.code());
    match err {
        TimelineError::Empty => invalid("stages-empty"),
        TimelineError::Reversed { kind } => {
            invalid("stage-reversed").arg_label("stage", stage(kind))
        }
        TimelineError::OutOfOrder { kind } => {
            invalid("stage-out-of-order").arg_label("stage", stage(kind))
        }
        TimelineError::Gap {
            after,
            expected,
            found,
        }
        | TimelineError::Overlap {
            after,
            expected,
            found,
        } => invalid("stage-not-next-day")
            .arg_label("stage", stage(after))
            .arg("expected", expected)
            .arg("found", found),
        TimelineError::MissingStage { kind } => {
            invalid("stage-missing").arg_label("stage", stage(kind))
        }
        TimelineError::StartedStageChanged { kind } => {
            AppError::new(StatusCode::CONFLICT, "stage-started")
                .arg_label("stage", stage(kind))
                .at_field("stages")
        }
    }
}

/// Checks a session's parameters; the cost reserve, parsed, for the row.
fn check_parameters(p: &Parameters) -> AppResult<Reserve> {
    budget::check_parameters(&ParameterValues {
        votes_per_voter: p.votes_per_voter,
        min_voter_age: p.min_voter_age,
        min_author_age: p.min_author_age,
        results_rule: &p.results_rule,
        min_votes_to_win: p.min_votes_to_win,
        registration_methods: &p.registration_methods,
        required_fields: &p.required_fields,
        show_counts: &p.show_counts,
        appeal_days: p.appeal_days,
    })
    .map_err(|err| match err {
        ParameterError::VotesPerVoter => {
            AppError::invalid("votes-per-voter-invalid", "votes_per_voter")
        }
        ParameterError::Age { field } => AppError::invalid("age-invalid", field),
        ParameterError::ResultsRule => AppError::invalid("results-rule-invalid", "results_rule"),
        ParameterError::MinVotes | ParameterError::ThresholdMissing => {
            AppError::invalid("min-votes-invalid", "min_votes_to_win")
        }
        ParameterError::ShowCounts => AppError::invalid("show-counts-invalid", "show_counts"),
        ParameterError::RegistrationMethods => {
            AppError::invalid("registration-methods-invalid", "registration_methods")
        }
        ParameterError::RequiredFields => {
            AppError::invalid("required-fields-invalid", "required_fields")
        }
        ParameterError::AppealDays => AppError::invalid("appeal-days-invalid", "appeal_days")
            .arg("max", budget::APPEAL_DAYS_MAX),
    })?;
    if Rule::from_code(&p.voter_eligibility).is_none() {
        return Err(AppError::invalid(
            "voter-eligibility-invalid",
            "voter_eligibility",
        ));
    }
    super::estimates::reserve_percent(&p.cost_reserve_percent, "cost_reserve_percent")
}

fn check_pots(pots: &[PotInput]) -> AppResult<Vec<NewPot>> {
    if pots.is_empty() || pots.len() > budget::MAX_POTS {
        return Err(AppError::invalid("pots-invalid", "pots"));
    }
    pots.iter()
        .enumerate()
        .map(|(i, pot)| {
            let total: Money = pot
                .total
                .parse()
                .map_err(|e| AppError::from(e).at_field(format!("pots[{i}].total")))?;
            let max: Money = pot
                .max_project_cost
                .parse()
                .map_err(|e| AppError::from(e).at_field(format!("pots[{i}].max_project_cost")))?;
            if !budget::pot_amounts_valid(total, max) {
                return Err(AppError::invalid(
                    "pot-amounts-invalid",
                    &format!("pots[{i}]"),
                ));
            }
            if !budget::pot_vote_limit_valid(pot.max_votes_per_voter) {
                return Err(AppError::invalid(
                    "pot-vote-limit-invalid",
                    &format!("pots[{i}].max_votes_per_voter"),
                ));
            }
            if !crate::domain::endorsement::minimum_valid(pot.min_endorsements) {
                return Err(AppError::invalid(
                    "pot-min-endorsements-invalid",
                    &format!("pots[{i}].min_endorsements"),
                )
                .arg("max", crate::domain::endorsement::MAX_MINIMUM));
            }
            let name_uk = crate::domain::profile::name(&pot.name_uk)
                .map_err(|_| AppError::invalid("field-required", &format!("pots[{i}].name.uk")))?;
            let name_en = crate::domain::profile::name(&pot.name_en)
                .map_err(|_| AppError::invalid("field-required", &format!("pots[{i}].name.en")))?;
            Ok(NewPot {
                name_uk,
                name_en,
                scope: pot.scope,
                total,
                max_project_cost: max,
                max_votes_per_voter: pot.max_votes_per_voter,
                min_endorsements: pot.min_endorsements,
            })
        })
        .collect()
}

pub(crate) async fn load(
    state: &AppState,
    city: &city::Model,
    session: budget_session::Model,
) -> AppResult<SessionView> {
    let tz = city_tz(city);
    let stages = store::budget_sessions::stages(&state.db, session.id).await?;
    let pots = store::budget_sessions::pots(&state.db, session.id).await?;
    let dated: Vec<(stage::Model, StageDates)> = stages
        .into_iter()
        .map(|s| {
            let d = dates_of(&s, tz);
            (s, d)
        })
        .collect();
    let dates: Vec<StageDates> = dated.iter().map(|(_, d)| *d).collect();
    let phase = timeline::phase(&dates, tz, state.clock.now());
    Ok(SessionView {
        registration_methods: serde_json::from_str(&session.registration_methods)
            .unwrap_or_default(),
        required_fields: serde_json::from_str(&session.required_fields).unwrap_or_default(),
        session,
        stages: dated,
        pots,
        phase,
    })
}

/// The session the city is running now: the one in a stage, else the next to start, else the
/// last one that finished.
pub async fn current(state: &AppState, slug: &str) -> AppResult<SessionView> {
    let city = super::find_city(state, slug).await?;
    let mut views = vec![];
    for session in store::budget_sessions::of_city(&state.db, city.id).await? {
        views.push(load(state, &city, session).await?);
    }
    let pick = views
        .iter()
        .position(|v| matches!(v.phase, Phase::Stage { .. }))
        .or_else(|| {
            views
                .iter()
                .enumerate()
                .filter_map(|(i, v)| match v.phase {
                    Phase::NotStarted { opens_at } => Some((opens_at, i)),
                    _ => None,
                })
                .min()
                .map(|(_, i)| i)
        })
        .or_else(|| {
            views
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.stages.last().map(|(s, _)| (s.ends_at, i)))
                .max()
                .map(|(_, i)| i)
        })
        .ok_or_else(|| AppError::new(StatusCode::NOT_FOUND, "session-not-found"))?;
    Ok(views.swap_remove(pick))
}

pub async fn get(state: &AppState, slug: &str, id: i64) -> AppResult<SessionView> {
    let city = super::find_city(state, slug).await?;
    let session = store::budget_sessions::find_in_city(&state.db, city.id, id)
        .await?
        .ok_or_else(|| AppError::new(StatusCode::NOT_FOUND, "session-not-found"))?;
    load(state, &city, session).await
}

/// The span of time a timeline covers.
fn span(stages: &[StageDates], tz: Tz) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let first = stages.first()?;
    let last = stages.last()?;
    Some((timeline::window(first, tz).0, timeline::window(last, tz).1))
}

async fn check_no_overlap(
    state: &AppState,
    city: &city::Model,
    stages: &[StageDates],
    except: Option<i64>,
) -> AppResult<()> {
    let tz = city_tz(city);
    let Some((start, end)) = span(stages, tz) else {
        return Ok(());
    };
    for other in store::budget_sessions::of_city(&state.db, city.id).await? {
        if Some(other.id) == except {
            continue;
        }
        let other_stages = store::budget_sessions::stages(&state.db, other.id).await?;
        if let (Some(first), Some(last)) = (other_stages.first(), other_stages.last())
            && first.starts_at < end
            && start < last.ends_at
        {
            return Err(AppError::new(StatusCode::CONFLICT, "sessions-overlap").at_field("stages"));
        }
    }
    Ok(())
}

pub async fn create(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    input: SessionInput,
) -> AppResult<SessionView> {
    let actor_ref = actor.ok_or_else(AppError::unauthenticated)?;
    let city = super::find_city(state, slug).await?;
    authorize(Some(actor_ref), Action::ManageSessions, Some(city.id))?;
    let name_uk = crate::domain::profile::name(&input.name_uk)
        .map_err(|e| super::auth::profile_error(e, "name.uk"))?;
    let name_en = crate::domain::profile::name(&input.name_en)
        .map_err(|e| super::auth::profile_error(e, "name.en"))?;
    let reserve = check_parameters(&input.parameters)?;
    timeline::validate(&input.stages).map_err(timeline_error)?;
    let pots = check_pots(&input.pots)?;
    check_no_overlap(state, &city, &input.stages, None).await?;
    let tz = city_tz(&city);
    let now = state.clock.now();
    let p = &input.parameters;
    let txn = state.db.begin().await?;
    let mut model = budget_session::ActiveModel {
        city_id: Set(city.id),
        name_uk: Set(name_uk),
        name_en: Set(name_en),
        created_at: Set(now),
        ..Default::default()
    };
    set_parameters(&mut model, p, reserve);
    let session = model.insert(&txn).await?;
    store::budget_sessions::replace_stages(&txn, session.id, &input.stages, tz).await?;
    store::budget_sessions::replace_pots(&txn, session.id, &pots).await?;
    super::audit(
        &txn,
        state,
        Some(city.id),
        Some(actor_ref),
        "session.create",
        format!("session:{}", session.id),
        json!({ "after": { "name_uk": session.name_uk, "stages": stages_json(&input.stages) } }),
    )
    .await?;
    txn.commit().await?;
    load(state, &city, session).await
}

fn set_parameters(model: &mut budget_session::ActiveModel, p: &Parameters, reserve: Reserve) {
    model.votes_per_voter = Set(p.votes_per_voter);
    model.min_voter_age = Set(p.min_voter_age);
    model.min_author_age = Set(p.min_author_age);
    model.results_rule = Set(p.results_rule.clone());
    model.min_votes_to_win = Set(p.min_votes_to_win);
    model.registration_methods = Set(json!(p.registration_methods).to_string());
    model.required_fields = Set(json!(p.required_fields).to_string());
    model.vote_withdrawal = Set(p.vote_withdrawal);
    model.show_counts = Set(p.show_counts.clone());
    model.cost_reserve_bp = Set(reserve.basis_points());
    model.one_vote_per_category = Set(p.one_vote_per_category);
    model.appeal_days = Set(p.appeal_days);
    model.expert_review = Set(p.expert_review);
    model.voter_eligibility = Set(p.voter_eligibility.clone());
}

fn stages_json(stages: &[StageDates]) -> serde_json::Value {
    json!(
        stages
            .iter()
            .map(|s| json!({ "kind": s.kind.code(), "start": s.start, "end": s.end }))
            .collect::<Vec<_>>()
    )
}

pub async fn update(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    id: i64,
    change: SessionChange,
) -> AppResult<SessionView> {
    let actor_ref = actor.ok_or_else(AppError::unauthenticated)?;
    let city = super::find_city(state, slug).await?;
    authorize(Some(actor_ref), Action::ManageSessions, Some(city.id))?;
    let before = get(state, slug, id).await?;
    let started = !matches!(before.phase, Phase::NotStarted { .. });
    let tz = city_tz(&city);
    let now = state.clock.now();
    let locked = |what: &str| AppError::new(StatusCode::CONFLICT, "session-started").at_field(what);
    if (change.parameters.is_some() || change.pots.is_some())
        && !timeline::may_change(Change::Parameters, started)
    {
        return Err(locked(if change.pots.is_some() {
            "pots"
        } else {
            "parameters"
        }));
    }
    let reserve = change
        .parameters
        .as_ref()
        .map(check_parameters)
        .transpose()?;
    let pots = change.pots.as_deref().map(check_pots).transpose()?;
    if let Some(stages) = &change.stages {
        let old: Vec<StageDates> = before.stages.iter().map(|(_, d)| *d).collect();
        timeline::validate(stages).map_err(timeline_error)?;
        timeline::check_reschedule(&old, stages, tz, now).map_err(timeline_error)?;
        check_no_overlap(state, &city, stages, Some(id)).await?;
    }
    let txn = state.db.begin().await?;
    let mut model = before.session.clone().into_active_model();
    if let Some(name) = &change.name_uk {
        model.name_uk = Set(crate::domain::profile::name(name)
            .map_err(|e| super::auth::profile_error(e, "name.uk"))?);
    }
    if let Some(name) = &change.name_en {
        model.name_en = Set(crate::domain::profile::name(name)
            .map_err(|e| super::auth::profile_error(e, "name.en"))?);
    }
    if let (Some(p), Some(reserve)) = (&change.parameters, reserve) {
        set_parameters(&mut model, p, reserve);
    }
    let session = model.update(&txn).await?;
    if let Some(stages) = &change.stages {
        store::budget_sessions::replace_stages(&txn, id, stages, tz).await?;
    }
    if let Some(pots) = &pots {
        store::budget_sessions::replace_pots(&txn, id, pots).await?;
    }
    let old_dates: Vec<StageDates> = before.stages.iter().map(|(_, d)| *d).collect();
    super::audit(
        &txn,
        state,
        Some(city.id),
        Some(actor_ref),
        "session.update",
        format!("session:{id}"),
        json!({
                "before": { "name_uk": before.session.name_uk, "votes_per_voter": before.session.votes_per_voter, "stages": stages_json(&old_dates) },
                "after": { "name_uk": session.name_uk, "votes_per_voter": session.votes_per_voter, "stages": change.stages.as_deref().map(stages_json) },
            }),
    )
    .await?;
    txn.commit().await?;
    load(state, &city, session).await
}

/// Sets a stage's timeline tooltip (moderators, admins), at any time.
pub async fn set_hint(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    session_id: i64,
    kind: StageKind,
    hint_uk: Option<String>,
    hint_en: Option<String>,
) -> AppResult<()> {
    let actor_ref = actor.ok_or_else(AppError::unauthenticated)?;
    let city = super::find_city(state, slug).await?;
    authorize(Some(actor_ref), Action::EditContent, Some(city.id))?;
    let view = get(state, slug, session_id).await?;
    let (stage, _) = view
        .stages
        .into_iter()
        .find(|(_, d)| d.kind == kind)
        .ok_or_else(|| {
            AppError::new(StatusCode::NOT_FOUND, "stage-not-found").arg("stage", kind)
        })?;
    let text = |v: Option<String>, field| {
        v.map(|v| {
            crate::domain::profile::text(&v, 1000).map_err(|e| super::auth::profile_error(e, field))
        })
        .transpose()
        .map(Option::flatten)
    };
    let hint_uk = text(hint_uk, "hint.uk")?;
    let hint_en = text(hint_en, "hint.en")?;
    let txn = state.db.begin().await?;
    let before = (stage.hint_uk.clone(), stage.hint_en.clone());
    let mut model = stage.into_active_model();
    model.hint_uk = Set(hint_uk.clone());
    model.hint_en = Set(hint_en.clone());
    let stage = model.update(&txn).await?;
    super::audit(
        &txn,
        state,
        Some(city.id),
        Some(actor_ref),
        "stage.hint",
        format!("stage:{}", stage.id),
        json!({ "before": { "uk": before.0, "en": before.1 }, "after": { "uk": hint_uk, "en": hint_en } }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
