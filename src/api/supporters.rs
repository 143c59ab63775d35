//! A project's supporter team: applications, the author's decisions, the public list.

use chrono::{DateTime, Utc};
use poem::Result;
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::{Binary, Json};
use poem_openapi::{ApiResponse, Object, OpenApi};

use super::ApiTags;
use crate::app::supporters::{self, Member};
use crate::auth::Auth;
use crate::domain::supporters::Status;
use crate::error::AppError;
use crate::state::AppState;

pub struct SupportersApi;

#[derive(Debug, Object)]
pub struct ApplyIn {
    /// A note to the author.
    #[oai(nullable)]
    pub comment: Option<String>,
}

#[derive(Debug, Object)]
pub struct DecisionIn {
    /// `accepted` («Прихильник»), `rejected` («Відхилено», with a comment) or `removed`
    /// («Відмовлено», an accepted supporter leaves the team).
    pub status: String,
    /// Sent to the applicant; required to reject.
    #[oai(nullable)]
    pub comment: Option<String>,
}

/// One application, as the caller may see it.
#[derive(Debug, Object)]
pub struct SupporterOut {
    pub id: i64,
    /// `pending` («На модерації»), `accepted` («Прихильник»), `rejected` («Відхилено»),
    /// `removed` («Відмовлено»).
    pub status: String,
    /// Last name, first name and patronymic.
    pub name: String,
    /// Where the supporter's photo is, if they have one.
    #[oai(nullable)]
    pub photo_url: Option<String>,
    #[oai(nullable)]
    pub facebook_url: Option<String>,
    /// Contact data and the application: for the project's author and the city's staff only.
    #[oai(nullable)]
    pub phone: Option<String>,
    #[oai(nullable)]
    pub email: Option<String>,
    #[oai(nullable)]
    pub comment: Option<String>,
    #[oai(nullable)]
    pub decision_comment: Option<String>,
    #[oai(nullable)]
    pub applied_at: Option<DateTime<Utc>>,
    #[oai(nullable)]
    pub updated_at: Option<DateTime<Utc>>,
}

/// The caller's own application.
#[derive(Debug, Object)]
pub struct MyApplicationOut {
    pub id: i64,
    pub status: String,
    #[oai(nullable)]
    pub comment: Option<String>,
    /// The author's comment on the decision.
    #[oai(nullable)]
    pub decision_comment: Option<String>,
    pub applied_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Object)]
pub struct TeamOut {
    /// Everyone for the author and staff; the accepted supporters for everyone else.
    pub supporters: Vec<SupporterOut>,
    /// Whether the list has every application and the contact data.
    pub full: bool,
    /// The caller's latest application to this project.
    #[oai(nullable)]
    pub mine: Option<MyApplicationOut>,
}

#[derive(Debug, Object)]
pub struct StepOut {
    #[oai(nullable)]
    pub from: Option<String>,
    pub to: String,
    #[oai(nullable)]
    pub comment: Option<String>,
    pub at: DateTime<Utc>,
}

#[derive(ApiResponse)]
pub enum Applied {
    #[oai(status = 201)]
    Created(Json<MyApplicationOut>),
}

#[derive(ApiResponse)]
pub enum Photo {
    #[oai(status = 200)]
    Ok(
        Binary<Vec<u8>>,
        #[oai(header = "Content-Type")] String,
        #[oai(header = "Cache-Control")] String,
    ),
}

fn mine(a: entities::supporter_application::Model) -> MyApplicationOut {
    MyApplicationOut {
        id: a.id,
        status: a.status,
        comment: a.comment,
        decision_comment: a.decision_comment,
        applied_at: a.created_at,
        updated_at: a.updated_at,
    }
}

fn supporter(slug: &str, project_id: i64, full: bool, m: Member) -> SupporterOut {
    let a = m.application;
    let u = m.applicant;
    let private = |value: Option<String>| if full { value } else { None };
    SupporterOut {
        id: a.id,
        status: m.status.code().to_owned(),
        name: supporters::full_name(&u),
        photo_url: m.has_photo.then(|| {
            format!(
                "/api/v1/cities/{slug}/projects/{project_id}/supporters/{}/photo",
                a.id
            )
        }),
        facebook_url: u.facebook_url,
        phone: private(u.phone),
        email: private(u.email),
        comment: private(a.comment),
        decision_comment: private(a.decision_comment),
        applied_at: full.then_some(a.created_at),
        updated_at: full.then_some(a.updated_at),
    }
}

#[OpenApi(tag = "ApiTags::Projects")]
impl SupportersApi {
    /// The project's supporters («Прихильники»): the author and the city's staff see every
    /// application with contact data; everyone else sees the accepted supporters' name, photo
    /// and Facebook page.
    #[oai(
        path = "/cities/:slug/projects/:id/supporters",
        method = "get",
        operation_id = "projectSupporters"
    )]
    async fn team(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Json<TeamOut>> {
        let team = supporters::team(&state, auth.actor(), &slug, id.0).await?;
        let full = team.view.contacts;
        Ok(Json(TeamOut {
            supporters: team
                .members
                .into_iter()
                .map(|m| supporter(&slug, id.0, full, m))
                .collect(),
            full,
            mine: team.mine.map(mine),
        }))
    }

    /// «Стати прихильником»: apply to join the team of a project that passed moderation (a
    /// signed-in resident other than its author). If the author accepts, the applicant's name,
    /// photo and Facebook page are shown on the project's page.
    #[oai(
        path = "/cities/:slug/projects/:id/supporters",
        method = "post",
        operation_id = "applyAsSupporter"
    )]
    async fn apply(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
        body: Json<ApplyIn>,
    ) -> Result<Applied> {
        let made = supporters::apply(&state, auth.actor(), &slug, id.0, body.0.comment).await?;
        Ok(Applied::Created(Json(mine(made))))
    }

    /// The author accepts or rejects an application, or removes a supporter; the applicant is
    /// told by e-mail with the comment.
    #[oai(
        path = "/cities/:slug/projects/:id/supporters/:application/status",
        method = "post",
        operation_id = "decideSupporter"
    )]
    async fn decide(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
        application: Path<i64>,
        body: Json<DecisionIn>,
    ) -> Result<Json<MyApplicationOut>> {
        let to = Status::from_code(&body.status)
            .ok_or_else(|| AppError::invalid("status-unknown", "status"))?;
        let decided = supporters::decide(
            &state,
            auth.actor(),
            &slug,
            id.0,
            application.0,
            to,
            body.0.comment,
        )
        .await?;
        Ok(Json(mine(decided)))
    }

    /// An application's history: each status, who set it, when, with what comment (the
    /// project's author and the city's staff).
    #[oai(
        path = "/cities/:slug/projects/:id/supporters/:application/history",
        method = "get",
        operation_id = "supporterHistory"
    )]
    async fn history(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
        application: Path<i64>,
    ) -> Result<Json<Vec<StepOut>>> {
        let steps = supporters::history(&state, auth.actor(), &slug, id.0, application.0).await?;
        Ok(Json(
            steps
                .into_iter()
                .map(|s| StepOut {
                    from: s.from_status,
                    to: s.to_status,
                    comment: s.comment,
                    at: s.created_at,
                })
                .collect(),
        ))
    }

    /// An accepted supporter's photo.
    #[oai(
        path = "/cities/:slug/projects/:id/supporters/:application/photo",
        method = "get",
        operation_id = "supporterPhoto"
    )]
    async fn photo(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
        application: Path<i64>,
    ) -> Result<Photo> {
        let (content_type, bytes) =
            supporters::photo(&state, auth.actor(), &slug, id.0, application.0).await?;
        Ok(Photo::Ok(
            Binary(bytes),
            content_type,
            "private, max-age=300".to_owned(),
        ))
    }
}
