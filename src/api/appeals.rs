//! Appeals and complaints to the public budget commission (ГБК), and its members' votes.

use chrono::{DateTime, Utc};
use poem::web::Data;
use poem::{Request, Result};
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use super::ApiTags;
use super::types::request_lang;
use crate::app::appeals::{self, AppealView, Filing};
use crate::app::catalog::page_bounds;
use crate::auth::Auth;
use crate::domain::appeal::Subject;
use crate::i18n::{Lang, label};
use crate::state::AppState;
use crate::store;

pub struct AppealsApi;

#[derive(Debug, Object)]
pub struct AppealIn {
    /// `appeal` (the project's author, against `rejection` or `expert_conclusion`, within the
    /// session's `appeal_days`) or `complaint` (any resident, about a stage: `submission`,
    /// `endorsement`, `review`, `voting`, `results`, `implementation`).
    pub kind: String,
    pub subject: String,
    /// The project concerned: required for an appeal, optional for a complaint.
    #[oai(nullable)]
    pub project_id: Option<i64>,
    /// For a complaint about a session rather than one project.
    #[oai(nullable)]
    pub session_id: Option<i64>,
    /// What the filer asks and why (up to 5,000 characters).
    pub body: String,
}

#[derive(Debug, Object)]
pub struct AppealVoteIn {
    /// Uphold the appeal or complaint, or dismiss it.
    pub uphold: bool,
    /// The member's reason (required, up to 2,000 characters).
    #[oai(nullable)]
    pub reason: Option<String>,
}

#[derive(Debug, Object)]
pub struct AppealOut {
    pub id: i64,
    pub session_id: i64,
    #[oai(nullable)]
    pub project_id: Option<i64>,
    #[oai(nullable)]
    pub project_title: Option<String>,
    pub kind: String,
    pub kind_label: String,
    pub subject: String,
    pub subject_label: String,
    pub body: String,
    /// `pending`, `upheld` or `dismissed`.
    pub status: String,
    pub status_label: String,
    /// What the decision did: `reinstated`, `conclusion_overturned`, `none`, `too_late`.
    #[oai(nullable)]
    pub effect: Option<String>,
    #[oai(nullable)]
    pub effect_label: Option<String>,
    pub created_at: DateTime<Utc>,
    #[oai(nullable)]
    pub decided_at: Option<DateTime<Utc>>,
    /// The commission's members now.
    pub members: u64,
    /// The members' recorded votes with their reasons (public).
    pub votes: Vec<AppealVoteOut>,
    /// Whether the reader filed it (the filer's name is never shown).
    pub mine: bool,
    /// Whether the reader is a member who may vote on it now.
    pub may_vote: bool,
}

#[derive(Debug, Object)]
pub struct AppealVoteOut {
    pub member: String,
    pub uphold: bool,
    pub reason: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Object)]
pub struct AppealPage {
    pub items: Vec<AppealOut>,
    pub total: u64,
    pub limit: u64,
    pub offset: u64,
}

fn subject_label(state: &AppState, lang: Lang, subject: Subject) -> String {
    match subject {
        Subject::Stage(kind) => state
            .localizer
            .get(lang, &label("stage-kind", kind.code()), &[]),
        other => state
            .localizer
            .get(lang, &label("appeal-subject", other.code()), &[]),
    }
}

fn appeal_out(state: &AppState, lang: Lang, v: AppealView) -> AppealOut {
    let l = |key: String| state.localizer.get(lang, &key, &[]);
    AppealOut {
        id: v.appeal.id,
        session_id: v.appeal.budget_session_id,
        project_id: v.appeal.project_id,
        project_title: v.project_title,
        kind: v.kind.code().to_owned(),
        kind_label: l(label("appeal-kind", v.kind.code())),
        subject: v.subject.code().to_owned(),
        subject_label: subject_label(state, lang, v.subject),
        body: v.appeal.body,
        status: v.status.code().to_owned(),
        status_label: l(label("appeal-status", v.status.code())),
        effect: v.effect.map(|e| e.code().to_owned()),
        effect_label: v.effect.map(|e| l(label("appeal-effect", e.code()))),
        created_at: v.appeal.created_at,
        decided_at: v.appeal.decided_at,
        members: v.members as u64,
        votes: v
            .votes
            .into_iter()
            .map(|m| AppealVoteOut {
                member: m.member,
                uphold: m.uphold,
                reason: m.reason,
                at: m.at,
            })
            .collect(),
        mine: v.mine,
        may_vote: v.may_vote,
    }
}

#[OpenApi(tag = "ApiTags::Elections")]
impl AppealsApi {
    /// Files an appeal (a project's author, against its rejection or an expert conclusion,
    /// within the session's `appeal_days`) or a complaint (any signed-in resident, about a
    /// stage). The public budget commission decides it by a majority of its members.
    #[oai(
        path = "/cities/:slug/appeals",
        method = "post",
        operation_id = "fileAppeal"
    )]
    async fn file(
        &self,
        req: &Request,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        body: Json<AppealIn>,
    ) -> Result<Json<AppealOut>> {
        let b = body.0;
        let v = appeals::file(
            &state,
            auth.actor(),
            &slug,
            Filing {
                kind: b.kind,
                subject: b.subject,
                project_id: b.project_id,
                session_id: b.session_id,
                body: b.body,
            },
        )
        .await?;
        Ok(Json(appeal_out(&state, request_lang(req), v)))
    }

    /// The city's appeals and complaints with the commission's votes and decisions (public;
    /// never the filer's name), newest first.
    #[oai(
        path = "/cities/:slug/appeals",
        method = "get",
        operation_id = "listAppeals"
    )]
    #[allow(clippy::too_many_arguments)] // one per query parameter
    async fn list(
        &self,
        req: &Request,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        session_id: Query<Option<i64>>,
        project_id: Query<Option<i64>>,
        /// `pending`, `upheld` or `dismissed`.
        status: Query<Option<String>>,
        limit: Query<Option<u64>>,
        offset: Query<Option<u64>>,
    ) -> Result<Json<AppealPage>> {
        let status = match status.0.as_deref() {
            None => None,
            Some(code) => Some(
                crate::domain::appeal::Status::from_code(code)
                    .ok_or_else(|| {
                        crate::error::AppError::invalid("appeal-status-invalid", "status")
                    })?
                    .code(),
            ),
        };
        let (limit, offset) = page_bounds(limit.0, offset.0);
        let filter = store::appeals::Filter {
            session_id: session_id.0,
            project_id: project_id.0,
            status,
        };
        let (items, total) =
            appeals::list(&state, auth.actor(), &slug, filter, limit, offset).await?;
        let lang = request_lang(req);
        Ok(Json(AppealPage {
            items: items
                .into_iter()
                .map(|v| appeal_out(&state, lang, v))
                .collect(),
            total,
            limit,
            offset,
        }))
    }

    /// One appeal or complaint (public).
    #[oai(
        path = "/cities/:slug/appeals/:id",
        method = "get",
        operation_id = "getAppeal"
    )]
    async fn get(
        &self,
        req: &Request,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Json<AppealOut>> {
        let v = appeals::get(&state, auth.actor(), &slug, id.0).await?;
        Ok(Json(appeal_out(&state, request_lang(req), v)))
    }

    /// A commission member's recorded vote with a reason, changeable until the decision. The
    /// vote that makes a majority of the members decides, and the decision takes effect at
    /// once (an upheld appeal against a rejection readmits the project).
    #[oai(
        path = "/cities/:slug/appeals/:id/votes",
        method = "post",
        operation_id = "voteOnAppeal"
    )]
    async fn vote(
        &self,
        req: &Request,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
        body: Json<AppealVoteIn>,
    ) -> Result<Json<AppealOut>> {
        let v = appeals::vote(
            &state,
            auth.actor(),
            &slug,
            id.0,
            body.0.uphold,
            body.0.reason,
        )
        .await?;
        Ok(Json(appeal_out(&state, request_lang(req), v)))
    }
}
