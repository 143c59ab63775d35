//! Results per pot: compute, review, publish; the open data of a closed session.

use chrono::{DateTime, Utc};
use poem::web::Data;
use poem::{Request, Result};
use poem_openapi::param::Path;
use poem_openapi::payload::{Json, PlainText};
use poem_openapi::{ApiResponse, Object, OpenApi};

use super::ApiTags;
use super::types::{MoneyText, request_lang};
use crate::app::results::{self, SessionResults};
use crate::auth::Auth;
use crate::i18n::Lang;
use crate::state::AppState;

pub struct ResultsApi;

#[derive(Debug, Object)]
pub struct ResultRowOut {
    pub project_id: i64,
    pub title: String,
    pub cost: MoneyText,
    pub votes: u64,
    pub selected: bool,
    /// Equal Shares: what each supporter paying a full share paid for it.
    #[oai(nullable)]
    pub per_head: Option<String>,
}

#[derive(Debug, Object)]
pub struct PotResultOut {
    pub pot_id: i64,
    /// The rule, by its pabulib name.
    pub rule: String,
    /// How the rule chooses, and how ties are broken, in the request's language.
    pub explanation: String,
    pub budget: MoneyText,
    pub spent: MoneyText,
    pub left: MoneyText,
    pub voters: u64,
    #[oai(nullable)]
    pub min_votes: Option<u64>,
    /// Winners first, in the order chosen; then the others by votes.
    pub rows: Vec<ResultRowOut>,
}

#[derive(Debug, Object)]
pub struct ResultsOut {
    pub session_id: i64,
    #[oai(nullable)]
    pub computed_at: Option<DateTime<Utc>>,
    /// Unset while the results wait for a moderator to publish them.
    #[oai(nullable)]
    pub published_at: Option<DateTime<Utc>>,
    pub pots: Vec<PotResultOut>,
    /// Where the city has an elected commission (ГБК): its members' recorded votes on the
    /// winners list, which must approve it before it is published; `null` without one.
    #[oai(nullable)]
    pub approval: Option<ApprovalOut>,
}

#[derive(Debug, Object)]
pub struct ApprovalOut {
    /// How many members the commission has.
    pub members: u64,
    /// `pending`, `approved` (more than half of the members) or `refused` (half or more).
    pub decision: String,
    pub votes: Vec<ApprovalVoteOut>,
    /// Whether the reader is a member, who may vote.
    pub member: bool,
}

#[derive(Debug, Object)]
pub struct ApprovalVoteOut {
    pub member: String,
    pub approve: bool,
    #[oai(nullable)]
    pub comment: Option<String>,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Object)]
pub struct ApprovalIn {
    /// Approve the computed winners list, or refuse it.
    pub approve: bool,
    /// The reason; required to refuse.
    #[oai(nullable)]
    pub comment: Option<String>,
}

#[derive(ApiResponse)]
pub enum DataFile {
    #[oai(status = 200)]
    Ok(
        PlainText<String>,
        #[oai(header = "Content-Type")] String,
        #[oai(header = "Content-Disposition")] String,
    ),
}

fn results_out(state: &AppState, lang: Lang, r: SessionResults) -> ResultsOut {
    ResultsOut {
        session_id: r.session_id,
        computed_at: r.computed_at,
        published_at: r.published_at,
        approval: r.approval.map(|a| ApprovalOut {
            members: a.members as u64,
            decision: a.decision.code().to_owned(),
            votes: a
                .votes
                .into_iter()
                .map(|v| ApprovalVoteOut {
                    member: v.member,
                    approve: v.approve,
                    comment: v.comment,
                    at: v.at,
                })
                .collect(),
            member: a.member,
        }),
        pots: r
            .pots
            .into_iter()
            .map(|p| {
                let rule = p.rule.replace('/', "-");
                let min = p.min_votes.unwrap_or(0).to_string();
                PotResultOut {
                    explanation: format!(
                        "{} {}",
                        state
                            .localizer
                            .get(lang, &format!("results-rule-{rule}"), &[("min", min)]),
                        state.localizer.get(lang, "results-ties", &[])
                    ),
                    pot_id: p.pot_id,
                    rule: p.rule,
                    budget: p.budget.into(),
                    spent: p.spent.into(),
                    left: p.left.into(),
                    voters: p.voters,
                    min_votes: p.min_votes,
                    rows: p
                        .rows
                        .into_iter()
                        .map(|r| ResultRowOut {
                            project_id: r.project_id,
                            title: r.title,
                            cost: r.cost.into(),
                            votes: r.votes,
                            selected: r.selected,
                            per_head: r.per_head,
                        })
                        .collect(),
                }
            })
            .collect(),
    }
}

#[OpenApi(tag = "ApiTags::Voting")]
impl ResultsApi {
    /// The session's results per pot: for everyone once published; before that for moderators,
    /// admins and observers.
    #[oai(
        path = "/cities/:slug/sessions/:id/results",
        method = "get",
        operation_id = "sessionResults"
    )]
    async fn get(
        &self,
        req: &Request,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Json<ResultsOut>> {
        let r = results::get(&state, auth.actor(), &slug, id.0).await?;
        Ok(Json(results_out(&state, request_lang(req), r)))
    }

    /// Computes every pot's results by the session's rule once voting has closed (moderators,
    /// admins). They are not public until published; computing again replaces them.
    #[oai(
        path = "/cities/:slug/sessions/:id/results/compute",
        method = "post",
        operation_id = "computeResults"
    )]
    async fn compute(
        &self,
        req: &Request,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Json<ResultsOut>> {
        let r = results::compute(&state, auth.actor(), &slug, id.0).await?;
        Ok(Json(results_out(&state, request_lang(req), r)))
    }

    /// Publishes the computed results (moderators, admins): projects become winners or not
    /// selected, their authors are e-mailed, the results become public.
    /// A commission member's recorded vote on the computed winners list: approve, or refuse
    /// with a reason; it may be changed until the results are published. Where the city has
    /// an elected commission, results are published only once more than half approve.
    #[oai(
        path = "/cities/:slug/sessions/:id/results/approval",
        method = "post",
        operation_id = "approveResults"
    )]
    async fn approve(
        &self,
        req: &Request,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
        body: Json<ApprovalIn>,
    ) -> Result<Json<ResultsOut>> {
        let r = results::approve(
            &state,
            auth.actor(),
            &slug,
            id.0,
            body.0.approve,
            body.0.comment,
        )
        .await?;
        Ok(Json(results_out(&state, request_lang(req), r)))
    }

    #[oai(
        path = "/cities/:slug/sessions/:id/results/publish",
        method = "post",
        operation_id = "publishResults"
    )]
    async fn publish(
        &self,
        req: &Request,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Json<ResultsOut>> {
        let r = results::publish(&state, auth.actor(), &slug, id.0).await?;
        Ok(Json(results_out(&state, request_lang(req), r)))
    }

    /// One pot's anonymized ballots in the pabulib `.pb` format (open data), once the results
    /// are published. `hromada tally` and pabutools recount it.
    #[oai(
        path = "/cities/:slug/sessions/:id/results/pots/:pot/ballots.pb",
        method = "get",
        operation_id = "exportPabulib"
    )]
    async fn pabulib(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
        pot: Path<i64>,
    ) -> Result<DataFile> {
        let text = results::export_pabulib(&state, auth.actor(), &slug, id.0, pot.0).await?;
        Ok(DataFile::Ok(
            PlainText(text),
            "text/plain; charset=utf-8".to_owned(),
            format!("attachment; filename=\"{}-{}-{}.pb\"", slug.0, id.0, pot.0),
        ))
    }

    /// Every pot's anonymized ballots as JSON (open data), once the results are published.
    #[oai(
        path = "/cities/:slug/sessions/:id/results/ballots.json",
        method = "get",
        operation_id = "exportBallotsJson"
    )]
    async fn ballots_json(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Json<serde_json::Value>> {
        let pots = results::export(&state, auth.actor(), &slug, id.0).await?;
        Ok(Json(serde_json::json!({
            "session_id": id.0,
            "pots": pots.iter().map(|(pot, e)| serde_json::json!({
                "pot_id": pot,
                "budget": e.budget.to_string(),
                "rule": e.rule(),
                "projects": e.projects.iter().map(|p| serde_json::json!({
                    "project_id": p.id,
                    "cost": p.cost.to_string(),
                    "votes": p.extra.first(),
                    "selected": p.selected,
                })).collect::<Vec<_>>(),
                "ballots": e.votes.iter().map(|v| serde_json::json!({
                    "voter_id": v.voter_id,
                    "channel": v.extra.first(),
                    "projects": v.projects.iter().map(|&i| &e.projects[i].id).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })))
    }

    /// Every pot's anonymized ballots as CSV (open data): one line per vote.
    #[oai(
        path = "/cities/:slug/sessions/:id/results/ballots.csv",
        method = "get",
        operation_id = "exportBallotsCsv"
    )]
    async fn ballots_csv(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<DataFile> {
        let pots = results::export(&state, auth.actor(), &slug, id.0).await?;
        let mut csv = String::from("pot_id,voter_id,channel,project_id\n");
        for (pot, e) in pots.iter() {
            for v in &e.votes {
                for &i in &v.projects {
                    let channel = v.extra.first().map(String::as_str).unwrap_or("");
                    csv.push_str(&format!(
                        "{pot},{},{channel},{}\n",
                        v.voter_id, e.projects[i].id
                    ));
                }
            }
        }
        Ok(DataFile::Ok(
            PlainText(csv),
            "text/csv; charset=utf-8".to_owned(),
            format!("attachment; filename=\"{}-{}-ballots.csv\"", slug.0, id.0),
        ))
    }
}
