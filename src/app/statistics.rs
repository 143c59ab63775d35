//! A session's statistics, computed from the database on request and kept for a short while
//! (`STATS_TTL`) so a burst of readers costs one computation: participation by channel, age
//! group, day and district (with turnout against the district's population), and the
//! implementation tracker with its district rating. Public once the session's results are
//! published; for moderators, admins and observers at any time.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;
use moka::future::Cache;
use poem::http::StatusCode;
use rust_decimal::Decimal;

use super::sessions::{SessionView, city_tz};
use crate::domain::access::{Action, Actor, authorize};
use crate::domain::project::Status;
use crate::domain::statistics::{self as rules, AgeGroup, Delivery, Rating};
use crate::domain::timeline::{self, StageKind};
use crate::domain::voting::Channel;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store;
use crate::store::projects::to_domain;

/// How long computed statistics are served before they are computed again.
pub const STATS_TTL: Duration = Duration::from_secs(30);

/// The computed statistics, per session.
#[derive(Clone)]
pub struct StatsCache {
    participation: Cache<i64, Arc<Participation>>,
    implementation: Cache<i64, Arc<Implementation>>,
    /// Open data of sessions whose results are published (they no longer change), per
    /// session: built once, not on every download.
    pub(super) exports: Cache<i64, Arc<Vec<(i64, crate::domain::pabulib::Election)>>>,
}

impl std::fmt::Debug for StatsCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StatsCache")
    }
}

impl Default for StatsCache {
    fn default() -> Self {
        StatsCache {
            participation: Cache::builder()
                .max_capacity(1_000)
                .time_to_live(STATS_TTL)
                .build(),
            implementation: Cache::builder()
                .max_capacity(1_000)
                .time_to_live(STATS_TTL)
                .build(),
            exports: Cache::builder()
                .max_capacity(20)
                .time_to_live(Duration::from_secs(3_600))
                .build(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Count {
    pub voters: u64,
    pub votes: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DistrictParticipation {
    /// `None`: citywide projects.
    pub district_id: Option<i64>,
    /// Votes for the district's projects, and the voters who gave them.
    pub count: Count,
    pub population: Option<i64>,
    /// Those voters, of the district's population, when it is entered.
    pub turnout: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Participation {
    pub total: Count,
    pub by_channel: Vec<(Channel, Count)>,
    /// Voters by age group, on the last day of voting.
    pub by_age: Vec<(AgeGroup, u64)>,
    /// Votes per day of the voting stage (city time), by channel.
    pub by_day: Vec<(NaiveDate, Vec<(Channel, u64)>)>,
    pub by_district: Vec<DistrictParticipation>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TrackerRow {
    pub district_id: Option<i64>,
    pub category_id: i64,
    /// Winning projects by status (`winner`, `in_progress`, `implemented`, `not_implemented`).
    pub statuses: Vec<(Status, u64)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Implementation {
    pub rows: Vec<TrackerRow>,
    pub winners: u64,
    pub implemented_on_time: u64,
    pub on_time_share: Option<Decimal>,
    pub rating: Vec<Rating>,
}

/// The session, once the caller may see its statistics.
async fn visible_session(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    session_id: i64,
) -> AppResult<(entities::city::Model, SessionView)> {
    let city = super::find_city(state, slug).await?;
    let view = super::sessions::get(state, slug, session_id).await?;
    if !store::results::any_published(&state.db, view.session.id).await?
        && authorize(actor, Action::ViewVotingData, Some(city.id)).is_err()
    {
        return Err(AppError::new(
            StatusCode::NOT_FOUND,
            "results-not-published",
        ));
    }
    Ok((city, view))
}

fn channel(code: &str) -> Channel {
    Channel::from_code(code).unwrap_or(Channel::Internet)
}

/// Participation in a session.
pub async fn participation(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    session_id: i64,
) -> AppResult<Arc<Participation>> {
    let (city, view) = visible_session(state, actor, slug, session_id).await?;
    // A burst of readers waits for one computation.
    state
        .stats
        .participation
        .try_get_with(view.session.id, async {
            compute_participation(state, &city, &view)
                .await
                .map(Arc::new)
        })
        .await
        .map_err(shared_error)
}

/// The error of a computation other readers waited for, for each of them.
fn shared_error(err: Arc<AppError>) -> AppError {
    if let Some(cause) = &err.cause {
        tracing::error!(code = err.code, error = ?cause, "statistics failed");
    }
    let mut copy = AppError::new(err.status, err.code);
    copy.args = err.args.clone();
    copy.labels = err.labels.clone();
    copy
}

async fn compute_participation(
    state: &AppState,
    city: &entities::city::Model,
    view: &SessionView,
) -> AppResult<Participation> {
    let tz = city_tz(city);
    let voting = view
        .stages
        .iter()
        .find(|(_, d)| d.kind == StageKind::Voting)
        .map(|(_, d)| *d);
    let age_day = voting
        .map(|d| d.end)
        .unwrap_or_else(|| state.clock.now().with_timezone(&tz).date_naive());

    let mut total = Count::default();
    let mut channels: BTreeMap<&'static str, Count> = BTreeMap::new();
    let mut ages: BTreeMap<AgeGroup, u64> = BTreeMap::new();
    for (code, birth, ballots, votes) in
        store::votes::ballots_by_channel_and_birth(&state.db, view.session.id).await?
    {
        let (ballots, votes) = (ballots.max(0) as u64, votes.max(0) as u64);
        total.voters += ballots;
        total.votes += votes;
        let c = channels.entry(channel(&code).code()).or_default();
        c.voters += ballots;
        c.votes += votes;
        *ages.entry(AgeGroup::of(birth, age_day)).or_default() += ballots;
    }
    let by_channel = Channel::ALL
        .into_iter()
        .map(|c| (c, channels.get(c.code()).cloned().unwrap_or_default()))
        .collect();
    let by_age = AgeGroup::ALL
        .into_iter()
        .map(|g| (g, ages.get(&g).copied().unwrap_or(0)))
        .collect();

    // Per day of the voting stage (at most 100 days), counted on the index by time range.
    let mut by_day = vec![];
    if let Some(dates) = voting {
        let mut day = dates.start;
        while day <= dates.end && by_day.len() < 100 {
            let (from, to) = timeline::window(
                &timeline::StageDates {
                    kind: StageKind::Voting,
                    start: day,
                    end: day,
                },
                tz,
            );
            let counts: HashMap<String, i64> =
                store::votes::between(&state.db, view.session.id, from, to)
                    .await?
                    .into_iter()
                    .collect();
            by_day.push((
                day,
                Channel::ALL
                    .into_iter()
                    .map(|c| (c, counts.get(c.code()).copied().unwrap_or(0).max(0) as u64))
                    .collect(),
            ));
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
    }

    let districts: HashMap<i64, Option<i64>> = store::catalog::districts(&state.db, city.id)
        .await?
        .into_iter()
        .map(|d| (d.id, d.population))
        .collect();
    let mut by_district: Vec<DistrictParticipation> =
        store::votes::by_district(&state.db, view.session.id)
            .await?
            .into_iter()
            .map(|(district_id, votes, voters)| {
                let population = district_id.and_then(|id| districts.get(&id).copied().flatten());
                let voters = voters.max(0) as u64;
                DistrictParticipation {
                    district_id,
                    count: Count {
                        voters,
                        votes: votes.max(0) as u64,
                    },
                    population,
                    turnout: population
                        .and_then(|p| rules::share(voters, u64::try_from(p).unwrap_or(0))),
                }
            })
            .collect();
    by_district.sort_by_key(|d| d.district_id);
    Ok(Participation {
        total,
        by_channel,
        by_age,
        by_day,
        by_district,
    })
}

/// The implementation tracker of a session's winning projects.
pub async fn implementation(
    state: &AppState,
    actor: Option<&Actor>,
    slug: &str,
    session_id: i64,
) -> AppResult<Arc<Implementation>> {
    let (city, view) = visible_session(state, actor, slug, session_id).await?;
    state
        .stats
        .implementation
        .try_get_with(view.session.id, async {
            compute_implementation(state, &city, &view)
                .await
                .map(Arc::new)
        })
        .await
        .map_err(shared_error)
}

async fn compute_implementation(
    state: &AppState,
    city: &entities::city::Model,
    view: &SessionView,
) -> AppResult<Implementation> {
    let tz = city_tz(city);
    // On time: implemented by the end of the session's implementation stage.
    let deadline = view
        .stages
        .iter()
        .find(|(_, d)| d.kind == StageKind::Implementation)
        .map(|(_, d)| timeline::window(d, tz).1);
    let winning = [
        Status::Winner,
        Status::InProgress,
        Status::Implemented,
        Status::NotImplemented,
    ];
    let projects: Vec<_> = store::projects::of_session(&state.db, view.session.id)
        .await?
        .into_iter()
        .filter(|p| winning.contains(&to_domain(p.status)))
        .collect();
    let mut table: BTreeMap<(Option<i64>, i64), BTreeMap<&'static str, u64>> = BTreeMap::new();
    let mut deliveries = vec![];
    for p in &projects {
        let status = to_domain(p.status);
        *table
            .entry((p.district_id, p.category_id))
            .or_default()
            .entry(status.code())
            .or_default() += 1;
        let implemented = status == Status::Implemented;
        deliveries.push(Delivery {
            district: p.district_id,
            implemented,
            on_time: implemented && rules::on_time(p.status_changed_at, deadline),
        });
    }
    let rows = table
        .into_iter()
        .map(|((district_id, category_id), counts)| TrackerRow {
            district_id,
            category_id,
            statuses: winning
                .iter()
                .map(|s| (*s, counts.get(s.code()).copied().unwrap_or(0)))
                .collect(),
        })
        .collect();
    let winners = deliveries.len() as u64;
    let implemented_on_time = deliveries.iter().filter(|d| d.on_time).count() as u64;
    Ok(Implementation {
        rows,
        winners,
        implemented_on_time,
        on_time_share: rules::share(implemented_on_time, winners),
        rating: rules::rating(&deliveries),
    })
}
