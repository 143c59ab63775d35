//! Results: after voting closes a moderator computes each pot's winners by the session's rule
//! (`domain::tally`, a pure function of the pot's budget, its projects' costs and the ballots),
//! reviews them and publishes them. Publishing moves every admitted project to `winner` or
//! `not_selected` through the status machine, with history and e-mails, in one transaction.
//! Closed sessions export their anonymized ballots (pabulib `.pb`, JSON, CSV).

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use entities::{budget_pot, budget_session, city, project};
use poem::http::StatusCode;
use rand::seq::SliceRandom;
use rust_decimal::Decimal;
use sea_orm::TransactionTrait;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::sessions::SessionView;
use crate::domain::Money;
use crate::domain::access::{Action, Actor, CityRole, authorize};
use crate::domain::commission::{self, Decision};
use crate::domain::pabulib::{self, Election};
use crate::domain::project::{self as project_rules, Period, Status, Who};
use crate::domain::tally::{self, Rule};
use crate::domain::timeline::StageKind;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store;
use crate::store::projects::to_domain;

/// One project in a pot's results.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Row {
    pub project_id: i64,
    pub title: String,
    pub cost: Money,
    pub votes: u64,
    pub selected: bool,
    /// Equal Shares: what each supporter paying a full share paid for it, in hryvnias.
    pub per_head: Option<String>,
}

/// A pot's results, as stored and shown.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PotResult {
    pub pot_id: i64,
    pub rule: String,
    pub budget: Money,
    pub spent: Money,
    pub left: Money,
    /// Voters with at least one vote in the pot.
    pub voters: u64,
    /// Winners first, in the order the rule chose them; then the others by votes.
    pub rows: Vec<Row>,
    /// The minimum number of votes (`greedy-threshold`).
    pub min_votes: Option<u64>,
}

#[derive(Debug, Clone)]
pub struct SessionResults {
    pub session_id: i64,
    pub computed_at: Option<DateTime<Utc>>,
    pub published_at: Option<DateTime<Utc>>,
    pub pots: Vec<PotResult>,
    /// Where the city has an elected commission: its members' votes on the winners list.
    pub approval: Option<Approval>,
}

/// The commission's approval of the computed winners list.
#[derive(Debug, Clone)]
pub struct Approval {
    pub members: usize,
    pub decision: Decision,
    /// The members' recorded votes, oldest first (names and comments are public).
    pub votes: Vec<ApprovalVote>,
    /// Whether the reader is a member, who may vote.
    pub member: bool,
}

#[derive(Debug, Clone)]
pub struct ApprovalVote {
    pub member: String,
    pub approve: bool,
    pub comment: Option<String>,
    pub at: DateTime<Utc>,
}

/// The commission's members and their votes on the session's winners list (`None` without
/// a commission).
async fn approval_of<C: sea_orm::ConnectionTrait>(
    db: &C,
    members: &[i64],
    session_id: i64,
    reader: Option<&Actor>,
) -> AppResult<Option<Approval>> {
    if members.is_empty() {
        return Ok(None);
    }
    let rows: Vec<_> = store::results::approvals(db, session_id)
        .await?
        .into_iter()
        .filter(|r| members.contains(&r.member_id))
        .collect();
    let approvals = rows.iter().filter(|r| r.approve).count();
    let decision = commission::decide(members.len(), approvals, rows.len() - approvals);
    let ids: Vec<i64> = rows.iter().map(|r| r.member_id).collect();
    let names: HashMap<i64, String> = store::users::find_many(db, &ids)
        .await?
        .iter()
        .map(|u| (u.id, super::projects::public_name(u)))
        .collect();
    let votes = rows
        .into_iter()
        .map(|row| ApprovalVote {
            member: names.get(&row.member_id).cloned().unwrap_or_default(),
            approve: row.approve,
            comment: row.comment,
            at: row.updated_at,
        })
        .collect();
    Ok(Some(Approval {
        members: members.len(),
        decision,
        votes,
        member: reader.is_some_and(|a| members.contains(&a.user_id)),
    }))
}

fn rule_of(session: &budget_session::Model) -> AppResult<Rule> {
    Rule::from_pabulib(
        &session.results_rule,
        session
            .min_votes_to_win
            .map(|v| u64::try_from(v).unwrap_or(0)),
    )
    .map_err(|_| AppError::new(StatusCode::CONFLICT, "results-rule-invalid"))
}

/// The pot's admitted (or already decided) projects, in submission order, and every ballot
/// with at least one vote in the pot, as indices into that list.
struct PotInput {
    projects: Vec<project::Model>,
    ballots: Vec<(i64, Vec<usize>)>,
}

/// Gathers every pot's input from the session's projects and votes.
async fn inputs(state: &AppState, view: &SessionView) -> AppResult<BTreeMap<i64, PotInput>> {
    let mut projects = store::projects::of_session(&state.db, view.session.id).await?;
    projects.retain(|p| to_domain(p.status).passed_moderation());
    projects.sort_by_key(|p| (p.submitted_at.unwrap_or(p.created_at), p.id));
    let mut pots: BTreeMap<i64, PotInput> = view
        .pots
        .iter()
        .map(|p| {
            (
                p.id,
                PotInput {
                    projects: vec![],
                    ballots: vec![],
                },
            )
        })
        .collect();
    let mut place: HashMap<i64, (i64, usize)> = HashMap::new();
    for project in projects {
        let Some(pot) = project
            .pot_id
            .and_then(|id| pots.get_mut(&id).map(|p| (id, p)))
        else {
            continue;
        };
        place.insert(project.id, (pot.0, pot.1.projects.len()));
        pot.1.projects.push(project);
    }
    let mut ballots: BTreeMap<(i64, i64), Vec<usize>> = BTreeMap::new();
    for (ballot, project) in store::votes::pairs(&state.db, view.session.id).await? {
        if let Some((pot, index)) = place.get(&project) {
            ballots.entry((*pot, ballot)).or_default().push(*index);
        }
    }
    for ((pot, ballot), chosen) in ballots {
        if let Some(input) = pots.get_mut(&pot) {
            input.ballots.push((ballot, chosen));
        }
    }
    Ok(pots)
}

fn compute_pot(pot: &budget_pot::Model, rule: Rule, input: &PotInput) -> AppResult<PotResult> {
    let projects: Vec<tally::Project> = input
        .projects
        .iter()
        .enumerate()
        .map(|(order, p)| tally::Project {
            id: p.id.to_string(),
            cost: Money::from_minor_units(p.cost_minor).amount(),
            order: order as u64,
        })
        .collect();
    let ballots: Vec<tally::Ballot> = input
        .ballots
        .iter()
        .map(|(_, chosen)| tally::Ballot::new(chosen.iter().copied()))
        .collect();
    let budget = Money::from_minor_units(pot.total_minor);
    let outcome =
        tally::tally(rule, budget.amount(), &projects, &ballots).map_err(AppError::internal)?;
    let mut votes = vec![0u64; projects.len()];
    for ballot in &ballots {
        for &p in ballot.projects() {
            votes[p] += 1;
        }
    }
    let row = |i: usize, votes: u64, selected: bool, per_head: Option<String>| {
        let p = &input.projects[i];
        Row {
            project_id: p.id,
            title: p.title.clone(),
            cost: Money::from_minor_units(p.cost_minor),
            votes,
            selected,
            per_head,
        }
    };
    let mut rows: Vec<Row> = outcome
        .winners
        .iter()
        .map(|w| {
            let per_head = w.per_head.as_ref().map(|r| tally::format_rounded(r, 2));
            row(w.project, w.votes, true, per_head)
        })
        .collect();
    let mut others: Vec<usize> = (0..projects.len())
        .filter(|i| !outcome.winners.iter().any(|w| w.project == *i))
        .collect();
    others.sort_by_key(|&i| (std::cmp::Reverse(votes[i]), input.projects[i].cost_minor, i));
    rows.extend(others.into_iter().map(|i| row(i, votes[i], false, None)));
    let money = |d: Decimal| Money::new(d).map_err(AppError::from);
    Ok(PotResult {
        pot_id: pot.id,
        rule: rule.pabulib_name().to_owned(),
        budget,
        spent: money(outcome.spent)?,
        left: money(outcome.left)?,
        voters: ballots.len() as u64,
        rows,
        min_votes: match rule {
            Rule::GreedyThreshold { min_votes } => Some(min_votes),
            _ => None,
        },
    })
}

async fn session_in(
    state: &AppState,
    slug: &str,
    session_id: i64,
) -> AppResult<(city::Model, SessionView)> {
    let city = super::find_city(state, slug).await?;
    let view = super::sessions::get(state, slug, session_id).await?;
    Ok((city, view))
}

/// Computes every pot's results after voting has closed (moderators, admins); they stay
/// unpublished, replacing any earlier computation, until a moderator publishes them.
pub async fn compute(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    session_id: i64,
) -> AppResult<SessionResults> {
    let (city, actor) = super::city_for(state, actor, slug, Action::ManageResults).await?;
    let (_, view) = session_in(state, slug, session_id).await?;
    if Period::of(&view.phase) != Period::AfterVoting {
        return Err(AppError::new(StatusCode::CONFLICT, "results-voting-open"));
    }
    if store::results::any_published(&state.db, view.session.id).await? {
        return Err(AppError::new(StatusCode::CONFLICT, "results-published"));
    }
    let rule = rule_of(&view.session)?;
    let inputs = inputs(state, &view).await?;
    let session_pots = view.pots.clone();
    // Equal Shares on a city-sized pot is seconds of CPU: off the async workers.
    let pots = tokio::task::spawn_blocking(move || {
        session_pots
            .iter()
            .filter_map(|pot| {
                inputs
                    .get(&pot.id)
                    .map(|input| compute_pot(pot, rule, input))
            })
            .collect::<AppResult<Vec<PotResult>>>()
    })
    .await
    .map_err(AppError::internal)??;
    let members = super::elections::members(state, &city).await?;
    let member_users = store::users::find_many(&state.db, &members).await?;
    let now = state.clock.now();
    let txn = state.db.begin().await?;
    // A new winners list: the commission's votes on the old one no longer count.
    store::results::clear_approvals(&txn, view.session.id).await?;
    for pot in &pots {
        let outcome = serde_json::to_string(pot).map_err(AppError::internal)?;
        if !store::results::save(
            &txn,
            view.session.id,
            pot.pot_id,
            &pot.rule,
            &outcome,
            actor.user_id,
            now,
        )
        .await?
        {
            return Err(AppError::new(StatusCode::CONFLICT, "results-published"));
        }
    }
    super::audit(
        &txn,
        state,
        Some(city.id),
        Some(actor),
        "results.compute",
        format!("session:{}", view.session.id),
        json!({
            "rule": rule.pabulib_name(),
            "pots": pots.iter().map(|p| json!({
                "pot": p.pot_id,
                "winners": p.rows.iter().filter(|r| r.selected).map(|r| r.project_id).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        }),
    )
    .await?;
    // The commission's members are asked to approve the new list.
    notify(
        state,
        &txn,
        &city,
        &member_users,
        "results-approval-needed",
        view.session.id,
        vec![],
    )
    .await?;
    txn.commit().await?;
    Ok(SessionResults {
        session_id: view.session.id,
        computed_at: Some(now),
        published_at: None,
        pots,
        approval: approval_of(&state.db, &members, view.session.id, Some(actor)).await?,
    })
}

/// The session's results: for everyone once published; before that for staff and observers.
pub async fn get(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    session_id: i64,
) -> AppResult<SessionResults> {
    let (city, view) = session_in(state, slug, session_id).await?;
    let stored = store::results::of_session(&state.db, view.session.id).await?;
    let published = stored.iter().find_map(|r| r.published_at);
    let members = super::elections::members(state, &city).await?;
    // Commission members read the computed list to approve it.
    let member = actor.is_some_and(|a| members.contains(&a.user_id)) && !stored.is_empty();
    if published.is_none()
        && !member
        && authorize(actor, Action::ViewVotingData, Some(city.id)).is_err()
    {
        return Err(AppError::new(
            StatusCode::NOT_FOUND,
            "results-not-published",
        ));
    }
    let pots = stored
        .iter()
        .map(|r| serde_json::from_str(&r.outcome).map_err(AppError::internal))
        .collect::<AppResult<Vec<PotResult>>>()?;
    Ok(SessionResults {
        session_id: view.session.id,
        computed_at: stored.iter().map(|r| r.computed_at).max(),
        published_at: published,
        pots,
        approval: approval_of(&state.db, &members, view.session.id, actor).await?,
    })
}

/// A commission member's recorded vote on the computed winners list (approve, or refuse with
/// a reason); a member may change it until the results are published. Audited.
pub async fn approve(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    session_id: i64,
    approve: bool,
    comment: Option<String>,
) -> AppResult<SessionResults> {
    let actor = actor.ok_or_else(AppError::unauthenticated)?;
    let (city, view) = session_in(state, slug, session_id).await?;
    let members = super::elections::members(state, &city).await?;
    if !members.contains(&actor.user_id) {
        return Err(AppError::new(StatusCode::FORBIDDEN, "commission-only"));
    }
    let comment = comment
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty());
    if comment
        .as_ref()
        .is_some_and(|c| c.chars().count() > COMMENT_MAX)
    {
        return Err(AppError::invalid("field-too-long", "comment").arg("max", COMMENT_MAX));
    }
    if !approve && comment.is_none() {
        return Err(AppError::invalid("approval-reason-required", "comment"));
    }
    let before = approval_of(&state.db, &members, view.session.id, None)
        .await?
        .map(|a| a.decision);
    let staff: Vec<_> = store::users::staff_of_city(&state.db, city.id)
        .await?
        .into_iter()
        .filter(|(grant, _)| {
            matches!(
                grant.role,
                entities::city_role::Role::Moderator | entities::city_role::Role::Admin
            )
        })
        .filter_map(|(_, user)| user)
        .collect();
    let txn = state.db.begin().await?;
    // The vote first (SQLite's write lock), then the list it is on, read in the same
    // transaction: a publication or a new computation at the same moment waits or is seen.
    store::results::record_approval(
        &txn,
        view.session.id,
        actor.user_id,
        approve,
        comment.clone(),
        state.clock.now(),
    )
    .await?;
    let stored = store::results::of_session(&txn, view.session.id).await?;
    if stored.is_empty() {
        return Err(AppError::new(StatusCode::CONFLICT, "results-not-computed"));
    }
    if stored.iter().any(|r| r.published_at.is_some()) {
        return Err(AppError::new(StatusCode::CONFLICT, "results-published"));
    }
    super::audit(
        &txn,
        state,
        Some(city.id),
        Some(actor),
        "results.approval",
        format!("session:{}", view.session.id),
        json!({ "approve": approve, "comment": comment }),
    )
    .await?;
    // The vote that decides tells the city's moderators and admins, who publish.
    let after = approval_of(&txn, &members, view.session.id, None)
        .await?
        .map(|a| a.decision);
    if let Some(decision) = after
        && decision != Decision::Pending
        && before != after
    {
        let mut seen = std::collections::HashSet::new();
        let staff: Vec<_> = staff.into_iter().filter(|u| seen.insert(u.id)).collect();
        notify(
            state,
            &txn,
            &city,
            &staff,
            "results-approval-decided",
            view.session.id,
            vec![("decision", decision.code().to_owned())],
        )
        .await?;
    }
    txn.commit().await?;
    get(state, Some(actor), slug, session_id).await
}

/// E-mails `template` about the session's results to each of `users` with an address, in
/// their language, in the caller's transaction.
async fn notify<C: sea_orm::ConnectionTrait>(
    state: &AppState,
    db: &C,
    city: &city::Model,
    users: &[entities::user::Model],
    template: &'static str,
    session_id: i64,
    args: Vec<(&'static str, String)>,
) -> AppResult<()> {
    let url = format!(
        "{}/cities/{}/results?session={session_id}",
        state.settings.server.public_url.trim_end_matches('/'),
        city.slug,
    );
    for user in users {
        super::tell(state, db, user, template, city.id, |lang| {
            let name = match lang {
                crate::i18n::Lang::Uk => &city.name_uk,
                crate::i18n::Lang::En => &city.name_en,
            };
            let mut all = args.clone();
            all.push(("city", name.clone()));
            all.push(("url", url.clone()));
            all
        })
        .await?;
    }
    Ok(())
}

/// The longest reason a member may give.
const COMMENT_MAX: usize = 2000;

/// Publishes the computed results (moderators, admins): every project of the vote becomes
/// `winner` or `not_selected`, with history, an e-mail to its author and an audit entry, and
/// the results become public: all in one transaction.
pub async fn publish(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    session_id: i64,
) -> AppResult<SessionResults> {
    let (city, actor) = super::city_for(state, actor, slug, Action::ManageResults).await?;
    let (_, view) = session_in(state, slug, session_id).await?;
    let period = Period::of(&view.phase);
    let stored = store::results::of_session(&state.db, view.session.id).await?;
    if stored.iter().any(|r| r.published_at.is_some()) {
        return Err(AppError::new(StatusCode::CONFLICT, "results-published"));
    }
    let projects = store::projects::of_session(&state.db, view.session.id).await?;
    let members = super::elections::members(state, &city).await?;
    let txn = state.db.begin().await?;
    // The first write takes SQLite's lock (PostgreSQL's row locks) and makes a second
    // publication, or a computation at the same moment, wait; what is published is then read
    // in the same transaction, so the statuses follow exactly the results made public.
    if store::results::publish(&txn, view.session.id, actor.user_id, state.clock.now()).await? == 0
    {
        return Err(AppError::new(StatusCode::CONFLICT, "results-not-computed"));
    }
    let stored = store::results::of_session(&txn, view.session.id).await?;
    if stored.len() < view.pots.len() {
        return Err(AppError::new(StatusCode::CONFLICT, "results-not-computed"));
    }
    // Where the city has a commission, its members approve the list first (read in this
    // transaction, after its first write: a vote at the same moment is counted or waits).
    if let Some(approval) = approval_of(&txn, &members, view.session.id, None).await? {
        commission::may_publish(approval.members, approval.decision).map_err(|_| {
            AppError::new(StatusCode::CONFLICT, "results-not-approved")
                .arg("members", approval.members)
        })?;
    }
    let pots = stored
        .iter()
        .map(|r| serde_json::from_str(&r.outcome).map_err(AppError::internal))
        .collect::<AppResult<Vec<PotResult>>>()?;
    let selected: HashMap<i64, bool> = pots
        .iter()
        .flat_map(|p| p.rows.iter().map(|r| (r.project_id, r.selected)))
        .collect();
    // Publishing is the city staff's act, whoever wrote the projects.
    let who = if actor.platform_admin || actor.has(city.id, CityRole::Admin) {
        Who::Admin
    } else {
        Who::Moderator
    };
    for project in projects
        .iter()
        .filter(|p| to_domain(p.status) == Status::Admitted)
    {
        let action = if selected.get(&project.id).copied().unwrap_or(false) {
            project_rules::Action::SelectWinner
        } else {
            project_rules::Action::MarkNotSelected
        };
        let to = project_rules::transition(Status::Admitted, action, who, period, false)
            .map_err(|_| AppError::new(StatusCode::CONFLICT, "results-not-allowed"))?;
        super::projects::record_transition(
            state,
            &txn,
            &city,
            project,
            actor,
            who,
            (Status::Admitted, to),
            None,
        )
        .await?;
    }
    super::audit(
        &txn,
        state,
        Some(city.id),
        Some(actor),
        "results.publish",
        format!("session:{}", view.session.id),
        json!({ "pots": pots.len() }),
    )
    .await?;
    txn.commit().await?;
    get(state, Some(actor), slug, session_id).await
}

/// A closed session's anonymized ballots for one pot as a pabulib file: META, PROJECTS with
/// `selected`, VOTES with a random voter id and the channel (`voting_method`: `internet` or `paper`). Once results are published, for
/// everyone.
pub async fn export_pabulib(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    session_id: i64,
    pot_id: i64,
) -> AppResult<String> {
    let exported = export(state, actor, slug, session_id).await?;
    let election = exported
        .iter()
        .find(|(pot, _)| *pot == pot_id)
        .map(|(_, e)| e)
        .ok_or_else(|| AppError::new(StatusCode::NOT_FOUND, "pot-not-found").arg("id", pot_id))?;
    pabulib::write(election).map_err(AppError::internal)
}

/// Every pot's pabulib election of a session whose results are published (staff and
/// observers also before).
pub async fn export(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    session_id: i64,
) -> AppResult<Arc<Vec<(i64, Election)>>> {
    let results = get(state, actor, slug, session_id).await?;
    if results.pots.is_empty() {
        return Err(AppError::new(
            StatusCode::NOT_FOUND,
            "results-not-published",
        ));
    }
    // Published results never change: their open data is built once and served many times.
    if results.published_at.is_some()
        && let Some(hit) = state.stats.exports.get(&results.session_id).await
    {
        return Ok(hit);
    }
    let built = Arc::new(build_export(state, slug, session_id, &results).await?);
    if results.published_at.is_some() {
        state
            .stats
            .exports
            .insert(results.session_id, built.clone())
            .await;
    }
    Ok(built)
}

async fn build_export(
    state: &AppState,
    slug: &str,
    session_id: i64,
    results: &SessionResults,
) -> AppResult<Vec<(i64, Election)>> {
    let (city, view) = session_in(state, slug, session_id).await?;
    let inputs = inputs(state, &view).await?;
    let channels = store::votes::channels(&state.db, view.session.id).await?;
    let voting = view
        .stages
        .iter()
        .find(|(_, d)| d.kind == StageKind::Voting)
        .map(|(_, d)| *d);
    let mut out = vec![];
    for pot in &view.pots {
        let (Some(input), Some(result)) = (
            inputs.get(&pot.id),
            results.pots.iter().find(|r| r.pot_id == pot.id),
        ) else {
            continue;
        };
        let selected: HashMap<i64, bool> = result
            .rows
            .iter()
            .map(|r| (r.project_id, r.selected))
            .collect();
        let mut votes_of = vec![0u64; input.projects.len()];
        for (_, chosen) in &input.ballots {
            for &i in chosen {
                votes_of[i] += 1;
            }
        }
        // Voter ids are a random permutation: nothing links them to ballots or people.
        let mut ids: Vec<usize> = (1..=input.ballots.len()).collect();
        ids.shuffle(&mut rand::thread_rng());
        let mut votes: Vec<pabulib::Vote> = input
            .ballots
            .iter()
            .zip(ids)
            .map(|((ballot, chosen), id)| pabulib::Vote {
                voter_id: id.to_string(),
                projects: chosen.clone(),
                extra: vec![
                    channels
                        .get(ballot)
                        .cloned()
                        .unwrap_or_else(|| "internet".to_owned()),
                ],
            })
            .collect();
        votes.sort_by_key(|v| v.voter_id.parse::<usize>().unwrap_or(usize::MAX));
        let mut meta = vec![
            (
                "description".to_owned(),
                format!("{} — {}", view.session.name_uk, pot.name_uk),
            ),
            ("country".to_owned(), "Ukraine".to_owned()),
            ("unit".to_owned(), city.name_en.clone()),
            ("instance".to_owned(), view.session.name_en.clone()),
            ("subunit".to_owned(), pot.name_en.clone()),
            ("rule".to_owned(), result.rule.clone()),
            ("currency".to_owned(), "UAH".to_owned()),
            ("language".to_owned(), "uk".to_owned()),
        ];
        if let Some(dates) = voting {
            meta.push((
                "date_begin".to_owned(),
                dates.start.format("%d.%m.%Y").to_string(),
            ));
            meta.push((
                "date_end".to_owned(),
                dates.end.format("%d.%m.%Y").to_string(),
            ));
        }
        out.push((
            pot.id,
            Election {
                meta,
                budget: Money::from_minor_units(pot.total_minor).amount(),
                min_project_score_threshold: result.min_votes,
                project_columns: vec!["votes".to_owned(), "name".to_owned()],
                projects: input
                    .projects
                    .iter()
                    .enumerate()
                    .map(|(i, p)| pabulib::Project {
                        id: p.id.to_string(),
                        cost: Money::from_minor_units(p.cost_minor).amount(),
                        selected: Some(selected.get(&p.id).copied().unwrap_or(false)),
                        extra: vec![votes_of[i].to_string(), p.title.clone()],
                    })
                    .collect(),
                vote_columns: vec!["voting_method".to_owned()],
                votes,
            },
        ));
    }
    Ok(out)
}
