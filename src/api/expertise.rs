//! Expert review («експертиза»): the expert's queue and conclusions, the author's revision,
//! the public record on a project's page, and which categories each expert reviews.
//!
//! The public record names no person: a conclusion is the city department's, shown by its
//! role (the city's expert for the project's category), never by an account's name.

use chrono::{DateTime, Utc};
use poem::Result;
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};

use super::ApiTags;
use super::estimates::EstimateLineIn;
use super::types::{Done, MoneyText};
use crate::app::estimates::LineInput;
use crate::app::expertise::{self, ConclusionInput, RevisionInput};
use crate::auth::Auth;
use crate::domain::Money;
use crate::state::AppState;

pub struct ExpertiseApi;

fn lines(items: Vec<EstimateLineIn>) -> Vec<LineInput> {
    items
        .into_iter()
        .map(|l| LineInput {
            name: l.name,
            quantity: l.quantity,
            unit_price: l.unit_price.0,
        })
        .collect()
}

fn money(minor: i64) -> MoneyText {
    Money::from_minor_units(minor).into()
}

/// An expert's conclusion as sent.
#[derive(Debug, Object)]
pub struct ExpertConclusionIn {
    /// Whether the project can be implemented as proposed.
    pub feasible: bool,
    /// Required when not feasible; at most 10,000 characters.
    #[oai(nullable)]
    pub reasons: Option<String>,
    /// Corrected cost lines: they replace the project's (the session's cost reserve is added
    /// as for the author's estimate). Leave out to keep the cost.
    #[oai(nullable)]
    pub items: Option<Vec<EstimateLineIn>>,
}

/// A conclusion as the public sees it: the city's expert for the project's category, by role.
#[derive(Debug, Object)]
pub struct ExpertConclusionOut {
    pub id: i64,
    /// 1, or 2 after the author's revision (final).
    pub round: i16,
    pub feasible: bool,
    #[oai(nullable)]
    pub reasons: Option<String>,
    /// The project's cost before and after the expert's correction; both null when the cost
    /// was not corrected.
    #[oai(nullable)]
    pub cost_before: Option<MoneyText>,
    #[oai(nullable)]
    pub cost_after: Option<MoneyText>,
    /// The commission upheld the author's appeal against this conclusion.
    pub overturned: bool,
    /// Always `expert`: conclusions are the city department's, not a person's.
    pub given_by: String,
    pub created_at: DateTime<Utc>,
}

impl From<entities::expert_conclusion::Model> for ExpertConclusionOut {
    fn from(c: entities::expert_conclusion::Model) -> Self {
        Self {
            id: c.id,
            round: c.round,
            feasible: c.feasible,
            reasons: c.reasons,
            cost_before: c.cost_before_minor.map(money),
            cost_after: c.cost_after_minor.map(money),
            overturned: c.overturned,
            given_by: "expert".to_owned(),
            created_at: c.created_at,
        }
    }
}

#[derive(ApiResponse)]
pub enum ConclusionCreated {
    #[oai(status = 201)]
    Created(Json<ExpertConclusionOut>),
}

/// The author's one revision in answer to the round-1 conclusion.
#[derive(Debug, Object)]
pub struct ExpertRevisionIn {
    /// The revised description (Markdown).
    pub description: String,
    /// The revised cost estimate; its total may not exceed the pot's maximum project cost.
    pub items: Vec<EstimateLineIn>,
}

#[derive(Debug, Object)]
pub struct ExpertRevisionOut {
    pub cost_before: MoneyText,
    pub cost_after: MoneyText,
    pub created_at: DateTime<Utc>,
}

impl From<entities::expert_revision::Model> for ExpertRevisionOut {
    fn from(r: entities::expert_revision::Model) -> Self {
        Self {
            cost_before: money(r.cost_before_minor),
            cost_after: money(r.cost_after_minor),
            created_at: r.created_at,
        }
    }
}

#[derive(ApiResponse)]
pub enum RevisionCreated {
    #[oai(status = 201)]
    Created(Json<ExpertRevisionOut>),
}

/// A project's expert review, for its page.
#[derive(Debug, Object)]
pub struct ProjectExpertiseOut {
    /// Whether the project's session has expert review.
    pub enabled: bool,
    /// `awaiting` (no conclusion), `concluded` (round 1), `revised` (the author revised; round
    /// 2 awaited), `final` (round 2).
    pub state: String,
    /// Whether the author may revise now (round 1 found it not feasible or corrected the cost,
    /// and the one revision is not used).
    pub revision_open: bool,
    /// Round 1 first.
    pub conclusions: Vec<ExpertConclusionOut>,
    #[oai(nullable)]
    pub revision: Option<ExpertRevisionOut>,
}

#[derive(Debug, Object)]
pub struct ExpertQueueItem {
    pub id: i64,
    pub title: String,
    pub category_id: i64,
    pub budget_session_id: i64,
    pub cost: MoneyText,
    /// The round the conclusion would be: 2 after the author's revision.
    pub round: i16,
    pub status_changed_at: DateTime<Utc>,
}

#[derive(Debug, Object)]
pub struct ExpertQueueOut {
    /// The categories the expert reviews.
    pub categories: Vec<i64>,
    pub items: Vec<ExpertQueueItem>,
    pub total: u64,
    pub limit: u64,
    pub offset: u64,
}

#[derive(Debug, Object)]
pub struct ExpertCategoryIn {
    /// A person holding the city's `expert` role.
    pub user_id: i64,
    pub category_id: i64,
}

#[derive(Debug, Object)]
pub struct ExpertCategoryOut {
    /// The assignment's id, for removing it.
    pub id: i64,
    pub user_id: i64,
    pub category_id: i64,
    pub assigned_at: DateTime<Utc>,
}

impl From<entities::expert_category::Model> for ExpertCategoryOut {
    fn from(a: entities::expert_category::Model) -> Self {
        Self {
            id: a.id,
            user_id: a.user_id,
            category_id: a.category_id,
            assigned_at: a.created_at,
        }
    }
}

#[derive(ApiResponse)]
pub enum ExpertCategoryCreated {
    #[oai(status = 201)]
    Created(Json<ExpertCategoryOut>),
}

#[OpenApi(tag = "ApiTags::Projects")]
impl ExpertiseApi {
    /// The expert's queue: projects of the expert's categories under moderation, in sessions
    /// with expert review, that await a conclusion; longest waiting first (experts only).
    #[oai(
        path = "/cities/:slug/expertise/queue",
        method = "get",
        operation_id = "expertQueue"
    )]
    async fn queue(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        /// Page size, 1 to 100 (default 20).
        limit: Query<Option<u64>>,
        offset: Query<Option<u64>>,
    ) -> Result<Json<ExpertQueueOut>> {
        let queue = expertise::queue(&state, auth.actor(), &slug, limit.0, offset.0).await?;
        Ok(Json(ExpertQueueOut {
            categories: queue.categories,
            items: queue
                .page
                .items
                .into_iter()
                .map(|i| ExpertQueueItem {
                    id: i.project.id,
                    title: i.project.title,
                    category_id: i.project.category_id,
                    budget_session_id: i.project.budget_session_id,
                    cost: money(i.project.cost_minor),
                    round: i.round.number(),
                    status_changed_at: i.project.status_changed_at,
                })
                .collect(),
            total: queue.page.total,
            limit: queue.page.limit,
            offset: queue.page.offset,
        }))
    }

    /// An expert's conclusion on a project of their categories: round 1, or round 2 (final)
    /// after the author's revision. Corrected cost lines replace the project's; the author is
    /// told by e-mail.
    #[oai(
        path = "/cities/:slug/projects/:id/conclusions",
        method = "post",
        operation_id = "concludeOnProject"
    )]
    async fn conclude(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
        body: Json<ExpertConclusionIn>,
    ) -> Result<ConclusionCreated> {
        let body = body.0;
        let conclusion = expertise::conclude(
            &state,
            auth.actor(),
            &slug,
            id.0,
            ConclusionInput {
                feasible: body.feasible,
                reasons: body.reasons,
                items: body.items.map(lines),
            },
        )
        .await?;
        Ok(ConclusionCreated::Created(Json(conclusion.into())))
    }

    /// The author's one revision (description and estimate) in answer to a round-1
    /// conclusion that found the project not feasible or corrected its cost; the category's
    /// experts are told by e-mail.
    #[oai(
        path = "/cities/:slug/projects/:id/expert-revision",
        method = "post",
        operation_id = "reviseForExpert"
    )]
    async fn revise(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
        body: Json<ExpertRevisionIn>,
    ) -> Result<RevisionCreated> {
        let body = body.0;
        let revision = expertise::revise(
            &state,
            auth.actor(),
            &slug,
            id.0,
            RevisionInput {
                description: body.description,
                items: lines(body.items),
            },
        )
        .await?;
        Ok(RevisionCreated::Created(Json(revision.into())))
    }

    /// A project's expert review: the conclusions (public, by role, no personal data) and the
    /// author's revision; for anyone who may see the project.
    #[oai(
        path = "/cities/:slug/projects/:id/expertise",
        method = "get",
        operation_id = "projectExpertise"
    )]
    async fn review(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Json<ProjectExpertiseOut>> {
        let review = expertise::review(&state, auth.actor(), &slug, id.0).await?;
        let revision_open = review.review_on
            && matches!(review.state, crate::domain::expertise::State::Concluded(g) if g.answerable());
        Ok(Json(ProjectExpertiseOut {
            enabled: review.review_on,
            state: review.state.code().to_owned(),
            revision_open,
            conclusions: review.conclusions.into_iter().map(Into::into).collect(),
            revision: review.revision.map(Into::into),
        }))
    }

    /// Which categories each of the city's experts reviews (admins, observers, platform
    /// admins).
    #[oai(
        path = "/cities/:slug/expert-categories",
        method = "get",
        operation_id = "listExpertCategories"
    )]
    async fn assignments(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
    ) -> Result<Json<Vec<ExpertCategoryOut>>> {
        let items = expertise::assignments(&state, auth.actor(), &slug).await?;
        Ok(Json(items.into_iter().map(Into::into).collect()))
    }

    /// Assigns a category to an expert (admins, platform admins).
    #[oai(
        path = "/cities/:slug/expert-categories",
        method = "post",
        operation_id = "assignExpertCategory"
    )]
    async fn assign(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        body: Json<ExpertCategoryIn>,
    ) -> Result<ExpertCategoryCreated> {
        let assignment =
            expertise::assign(&state, auth.actor(), &slug, body.user_id, body.category_id).await?;
        Ok(ExpertCategoryCreated::Created(Json(assignment.into())))
    }

    /// Takes a category from an expert (admins, platform admins).
    #[oai(
        path = "/cities/:slug/expert-categories/:id",
        method = "delete",
        operation_id = "unassignExpertCategory"
    )]
    async fn unassign(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Done> {
        expertise::unassign(&state, auth.actor(), &slug, id.0).await?;
        Ok(Done::NoContent)
    }
}
