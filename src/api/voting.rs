//! Voting: a resident's votes, and paper ballots from service centres.

use chrono::{DateTime, NaiveDate, Utc};
use poem::web::Data;
use poem::{Request, Result};
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::{Binary, Json};
use poem_openapi::{ApiResponse, Object, OpenApi};

use super::ApiTags;
use super::types::request_lang;
use crate::app::voting::{self, BallotView, ImportReport, PaperBallot, ReportLine};
use crate::auth::Auth;
use crate::state::AppState;

pub struct VotingApi;

/// A resident's ballot in a session.
#[derive(Debug, Object)]
pub struct BallotOut {
    pub session_id: i64,
    /// Votes each resident has in the session.
    pub votes_per_voter: i32,
    pub cast: i32,
    pub remaining: i32,
    /// `internet` or `paper`, once a vote is cast.
    #[oai(nullable)]
    pub channel: Option<String>,
    /// The projects voted for.
    pub projects: Vec<i64>,
    /// Whether a vote can be taken back while voting lasts.
    pub withdrawal: bool,
    /// Set when the session's rule of who may vote (`voter_eligibility`) keeps this resident
    /// from voting online: the reason, shown instead of the vote button.
    #[oai(nullable)]
    pub ineligible: Option<VoteIneligibleOut>,
}

/// Why a resident may not vote online in a session.
#[derive(Debug, Object)]
pub struct VoteIneligibleOut {
    /// `vote-eligibility-unverified` (no registration verified by Kyiv ID: sign in with it),
    /// `vote-eligibility-registered-elsewhere`, `vote-eligibility-elsewhere-not-taxpayer`,
    /// `vote-eligibility-not-taxpayer`.
    pub code: String,
    /// The reason in the request's language.
    pub detail: String,
}

impl From<BallotView> for BallotOut {
    fn from(b: BallotView) -> Self {
        BallotOut {
            session_id: b.session_id,
            votes_per_voter: b.votes_per_voter,
            cast: b.cast,
            remaining: b.remaining(),
            channel: b.channel.map(|c| c.code().to_owned()),
            projects: b.projects,
            withdrawal: b.withdrawal,
            ineligible: b.ineligible.map(|i| VoteIneligibleOut {
                code: i.code.to_owned(),
                detail: i.detail,
            }),
        }
    }
}

#[derive(Debug, Object)]
pub struct PaperBallotIn {
    /// The voter's phone or passport number.
    pub voter: String,
    #[oai(nullable)]
    pub birth_date: Option<NaiveDate>,
    /// The projects marked on the ballot.
    pub projects: Vec<i64>,
}

#[derive(Debug, Object)]
pub struct PaperBallotOut {
    /// Votes stored from the ballot.
    pub votes: i32,
}

#[derive(ApiResponse)]
pub enum PaperCreated {
    #[oai(status = 201)]
    Created(Json<PaperBallotOut>),
}

#[derive(Debug, Object)]
pub struct ReportLineOut {
    /// The line of the file (the header is line 1).
    pub line: u64,
    /// The voter, partly hidden.
    pub voter: String,
    pub accepted: bool,
    /// Why it was refused: a problem code (`vote-other-channel`, `vote-already`, …).
    #[oai(nullable)]
    pub code: Option<String>,
    #[oai(nullable)]
    pub reason: Option<String>,
}

#[derive(Debug, Object)]
pub struct ImportOut {
    pub id: i64,
    pub accepted: i32,
    pub refused: i32,
    pub lines: Vec<ReportLineOut>,
}

/// An import without its report.
#[derive(Debug, Object)]
pub struct ImportSummaryOut {
    pub id: i64,
    /// The file's name as uploaded.
    pub file_name: String,
    /// The moderator who imported it.
    #[oai(nullable)]
    pub created_by: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub accepted: i32,
    pub refused: i32,
}

#[derive(Debug, Object)]
pub struct ImportPageOut {
    pub items: Vec<ImportSummaryOut>,
    pub total: u64,
    pub limit: u64,
    pub offset: u64,
}

fn import_out(r: ImportReport) -> ImportOut {
    ImportOut {
        id: r.id,
        accepted: r.accepted,
        refused: r.refused,
        lines: r
            .lines
            .into_iter()
            .map(|l: ReportLine| ReportLineOut {
                line: l.line,
                voter: l.voter,
                accepted: l.accepted,
                code: l.code,
                reason: l.reason,
            })
            .collect(),
    }
}

#[OpenApi(tag = "ApiTags::Voting")]
impl VotingApi {
    /// Votes for an admitted project (a signed-in resident whose profile has what the session
    /// requires and who is old enough; while voting is open). The answer is the ballot, with
    /// the votes that remain. Refusals: `vote-not-open`, `vote-closed`,
    /// `vote-profile-incomplete`, `vote-too-young`, `vote-not-admitted`, the session's
    /// eligibility rule (403: `vote-eligibility-unverified`,
    /// `vote-eligibility-registered-elsewhere`, `vote-eligibility-elsewhere-not-taxpayer`,
    /// `vote-eligibility-not-taxpayer`), `vote-already`, `vote-none-left`, `vote-pot-limit`,
    /// `vote-other-channel`.
    #[oai(
        path = "/cities/:slug/projects/:id/vote",
        method = "post",
        operation_id = "vote"
    )]
    async fn vote(
        &self,
        req: &Request,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Json<BallotOut>> {
        let ballot = voting::vote(&state, auth.actor(), &slug, id.0, request_lang(req)).await?;
        Ok(Json(ballot.into()))
    }

    /// Takes a vote back, when the session allows it, while voting is open.
    #[oai(
        path = "/cities/:slug/projects/:id/vote",
        method = "delete",
        operation_id = "withdrawVote"
    )]
    async fn withdraw(
        &self,
        req: &Request,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Json<BallotOut>> {
        let ballot = voting::withdraw(&state, auth.actor(), &slug, id.0, request_lang(req)).await?;
        Ok(Json(ballot.into()))
    }

    /// My ballot in the city's current session (or `session`), with `ineligible` set when the
    /// session's rule of who may vote keeps me from voting online.
    #[oai(
        path = "/cities/:slug/me/ballot",
        method = "get",
        operation_id = "myBallot"
    )]
    async fn my_ballot(
        &self,
        req: &Request,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        session: Query<Option<i64>>,
    ) -> Result<Json<BallotOut>> {
        let ballot =
            voting::my_ballot(&state, auth.actor(), &slug, session.0, request_lang(req)).await?;
        Ok(Json(ballot.into()))
    }

    /// Enters one paper ballot from a service centre (moderators, admins), while voting lasts
    /// and until the results are published. One person, one ballot: a voter who voted online
    /// is refused (`vote-other-channel`).
    #[oai(
        path = "/cities/:slug/sessions/:id/paper-ballots",
        method = "post",
        operation_id = "enterPaperBallot"
    )]
    async fn paper(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
        body: Json<PaperBallotIn>,
    ) -> Result<PaperCreated> {
        let b = body.0;
        let votes = voting::enter_paper(
            &state,
            auth.actor(),
            &slug,
            id.0,
            PaperBallot {
                voter: b.voter,
                birth_date: b.birth_date,
                projects: b.projects,
            },
        )
        .await?;
        Ok(PaperCreated::Created(Json(PaperBallotOut { votes })))
    }

    /// Imports paper ballots from CSV (moderators, admins): the body is the file, with a
    /// header line naming the columns `voter`, `projects` and optionally `birth_date`
    /// (`YYYY-MM-DD` or `DD.MM.YYYY`); project ids in one field are separated by spaces or
    /// semicolons. Every line is accepted or refused on its own; the report says which and
    /// why. The import is kept and audited.
    #[oai(
        path = "/cities/:slug/sessions/:id/paper-ballots/import",
        method = "post",
        operation_id = "importPaperBallots"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn import(
        &self,
        req: &Request,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
        /// The file's name, for the record.
        name: Query<Option<String>>,
        body: Binary<Vec<u8>>,
    ) -> Result<Json<ImportOut>> {
        let report = voting::import_paper(
            &state,
            auth.actor(),
            &slug,
            id.0,
            name.0.as_deref(),
            body.0,
            request_lang(req),
        )
        .await?;
        Ok(Json(import_out(report)))
    }

    /// The session's paper-ballot imports, newest first, a page at a time, without their
    /// reports (moderators, admins, observers).
    #[oai(
        path = "/cities/:slug/sessions/:id/paper-ballots/imports",
        method = "get",
        operation_id = "paperBallotImports"
    )]
    async fn imports(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
        limit: Query<Option<u64>>,
        offset: Query<Option<u64>>,
    ) -> Result<Json<ImportPageOut>> {
        let page = voting::imports(&state, auth.actor(), &slug, id.0, limit.0, offset.0).await?;
        Ok(Json(ImportPageOut {
            items: page
                .items
                .into_iter()
                .map(|i| ImportSummaryOut {
                    id: i.id,
                    file_name: i.file_name,
                    created_by: i.created_by,
                    created_at: i.created_at,
                    accepted: i.accepted,
                    refused: i.refused,
                })
                .collect(),
            total: page.total,
            limit: page.limit,
            offset: page.offset,
        }))
    }

    /// One paper-ballot import with its report, line by line (moderators, admins, observers).
    #[oai(
        path = "/cities/:slug/sessions/:id/paper-ballots/imports/:import_id",
        method = "get",
        operation_id = "paperBallotImport"
    )]
    async fn import_report(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
        import_id: Path<i64>,
    ) -> Result<Json<ImportOut>> {
        let report = voting::import_report(&state, auth.actor(), &slug, id.0, import_id.0).await?;
        Ok(Json(import_out(report)))
    }
}
