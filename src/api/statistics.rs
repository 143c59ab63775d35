//! A session's statistics: participation and the implementation tracker with its district
//! rating.

use chrono::NaiveDate;
use poem::Result;
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use super::ApiTags;
use crate::app::statistics;
use crate::auth::Auth;
use crate::state::AppState;

pub struct StatisticsApi;

#[derive(Debug, Object)]
pub struct CountOut {
    pub voters: u64,
    pub votes: u64,
}

#[derive(Debug, Object)]
pub struct ChannelOut {
    /// `internet` or `paper`.
    pub channel: String,
    pub voters: u64,
    pub votes: u64,
}

#[derive(Debug, Object)]
pub struct AgeGroupOut {
    /// `under_18`, `18_29`, `30_44`, `45_59`, `60_plus`, `unknown`.
    pub group: String,
    pub voters: u64,
}

#[derive(Debug, Object)]
pub struct DayOut {
    pub date: NaiveDate,
    pub internet: u64,
    pub paper: u64,
}

#[derive(Debug, Object)]
pub struct DistrictParticipationOut {
    /// `null`: citywide projects.
    #[oai(nullable)]
    pub district_id: Option<i64>,
    /// Voters who voted for the district's projects, and their votes.
    pub voters: u64,
    pub votes: u64,
    #[oai(nullable)]
    pub population: Option<i64>,
    /// Those voters of the district's population, a decimal string from 0 to 1, when the
    /// population is entered.
    #[oai(nullable)]
    pub turnout: Option<String>,
}

#[derive(Debug, Object)]
pub struct ParticipationOut {
    pub total: CountOut,
    pub by_channel: Vec<ChannelOut>,
    /// By age on the last day of voting.
    pub by_age: Vec<AgeGroupOut>,
    /// Votes per day of the voting stage, in the city's time.
    pub by_day: Vec<DayOut>,
    pub by_district: Vec<DistrictParticipationOut>,
}

#[derive(Debug, Object)]
pub struct StatusCountOut {
    pub status: String,
    pub projects: u64,
}

#[derive(Debug, Object)]
pub struct TrackerRowOut {
    #[oai(nullable)]
    pub district_id: Option<i64>,
    pub category_id: i64,
    pub statuses: Vec<StatusCountOut>,
}

#[derive(Debug, Object)]
pub struct RatingOut {
    #[oai(nullable)]
    pub district_id: Option<i64>,
    pub winners: u64,
    pub implemented: u64,
    pub on_time: u64,
    /// Winners implemented by the end of the implementation stage (0 to 1).
    pub on_time_share: String,
}

#[derive(Debug, Object)]
pub struct ImplementationOut {
    pub winners: u64,
    pub implemented_on_time: u64,
    #[oai(nullable)]
    pub on_time_share: Option<String>,
    /// Winning projects by district and category, by status.
    pub rows: Vec<TrackerRowOut>,
    /// Districts, best delivery on time first.
    pub rating: Vec<RatingOut>,
}

#[OpenApi(tag = "ApiTags::Voting")]
impl StatisticsApi {
    /// Participation: voters and votes by channel, age group, day and district, with turnout
    /// where the district's population is entered. Public once results are published; for
    /// moderators, admins and observers at any time. Computed on request, kept 30 s.
    #[oai(
        path = "/cities/:slug/sessions/:id/statistics/participation",
        method = "get",
        operation_id = "participation"
    )]
    async fn participation(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Json<ParticipationOut>> {
        let p = statistics::participation(&state, auth.actor(), &slug, id.0).await?;
        Ok(Json(ParticipationOut {
            total: CountOut {
                voters: p.total.voters,
                votes: p.total.votes,
            },
            by_channel: p
                .by_channel
                .iter()
                .map(|(c, n)| ChannelOut {
                    channel: c.code().to_owned(),
                    voters: n.voters,
                    votes: n.votes,
                })
                .collect(),
            by_age: p
                .by_age
                .iter()
                .map(|(g, n)| AgeGroupOut {
                    group: g.code().to_owned(),
                    voters: *n,
                })
                .collect(),
            by_day: p
                .by_day
                .iter()
                .map(|(date, counts)| {
                    let of = |code: &str| {
                        counts
                            .iter()
                            .find(|(c, _)| c.code() == code)
                            .map_or(0, |(_, n)| *n)
                    };
                    DayOut {
                        date: *date,
                        internet: of("internet"),
                        paper: of("paper"),
                    }
                })
                .collect(),
            by_district: p
                .by_district
                .iter()
                .map(|d| DistrictParticipationOut {
                    district_id: d.district_id,
                    voters: d.count.voters,
                    votes: d.count.votes,
                    population: d.population,
                    turnout: d.turnout.map(|t| t.to_string()),
                })
                .collect(),
        }))
    }

    /// The implementation tracker of the session's winning projects and the public district
    /// rating built from it. Public once results are published.
    #[oai(
        path = "/cities/:slug/sessions/:id/statistics/implementation",
        method = "get",
        operation_id = "implementation"
    )]
    async fn implementation(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Json<ImplementationOut>> {
        let i = statistics::implementation(&state, auth.actor(), &slug, id.0).await?;
        Ok(Json(ImplementationOut {
            winners: i.winners,
            implemented_on_time: i.implemented_on_time,
            on_time_share: i.on_time_share.map(|t| t.to_string()),
            rows: i
                .rows
                .iter()
                .map(|r| TrackerRowOut {
                    district_id: r.district_id,
                    category_id: r.category_id,
                    statuses: r
                        .statuses
                        .iter()
                        .map(|(s, n)| StatusCountOut {
                            status: s.code().to_owned(),
                            projects: *n,
                        })
                        .collect(),
                })
                .collect(),
            rating: i
                .rating
                .iter()
                .map(|r| RatingOut {
                    district_id: r.district,
                    winners: r.winners,
                    implemented: r.implemented,
                    on_time: r.on_time,
                    on_time_share: r.on_time_share.to_string(),
                })
                .collect(),
        }))
    }
}
