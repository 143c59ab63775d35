//! Projects: the catalogue and map, a project's page, the author's drafts and the moderators'
//! queue and decisions.

use chrono::{DateTime, Utc};
use poem::web::Data;
use poem::{Request, Result};
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::{Binary, Json};
use poem_openapi::{ApiResponse, Object, OpenApi};

use super::ApiTags;
use super::estimates::EstimateLineIn;
use super::types::{CostReserveOut, Done, MoneyText, request_lang};
use crate::app::endorsements::Tally;
use crate::app::estimates::LineInput;
use crate::app::project_files;
use crate::app::projects::{self, ListQuery, ProjectDetail, ProjectInput};
use crate::auth::Auth;
use crate::domain::Money;
use crate::domain::estimate::Reserve;
use crate::domain::project::{Action, FileKind, Status};
use crate::error::AppError;
use crate::state::AppState;

pub struct ProjectsApi;

/// A project as the author sends it.
#[derive(Debug, Object)]
pub struct ProjectIn {
    /// The budget pot of the session (small/large, citywide/district…).
    pub pot_id: i64,
    pub category_id: i64,
    /// Required for district pots; when left out, proposed from `lat`/`lon` if the city's
    /// districts have boundaries.
    #[oai(nullable)]
    pub district_id: Option<i64>,
    pub title: String,
    /// Markdown; shown as sanitized HTML.
    pub description: String,
    #[oai(nullable)]
    pub address: Option<String>,
    #[oai(nullable)]
    pub lat: Option<f64>,
    #[oai(nullable)]
    pub lon: Option<f64>,
    /// Who benefits, and how many.
    #[oai(nullable)]
    pub beneficiaries: Option<String>,
    #[oai(nullable)]
    pub implementation_notes: Option<String>,
    /// The cost estimate; its total may not exceed the pot's maximum project cost.
    pub items: Vec<EstimateLineIn>,
}

#[derive(Debug, Object)]
pub struct StatusChangeIn {
    /// `submit`, `resubmit`, `withdraw` (the author); `admit`, `return_for_revision`, `reject`
    /// (moderators); `select_winner`, `mark_not_selected` (moderators, after voting; publishing the results sets them);
    /// `start_implementation`, `mark_implemented`, `mark_not_implemented` (moderators).
    pub action: String,
    /// Required to return for revision, to reject and to mark not implemented.
    #[oai(nullable)]
    pub comment: Option<String>,
}

#[derive(Debug, Object)]
pub struct CostLineOut {
    pub name: String,
    pub quantity: i64,
    pub unit_price: MoneyText,
    pub total: MoneyText,
}

/// An image or document of a project.
#[derive(Debug, Object)]
pub struct FileOut {
    pub id: i64,
    /// `image` or `document`.
    pub kind: String,
    pub name: String,
    pub content_type: String,
    pub size_bytes: i64,
    /// Where to download it.
    pub url: String,
}

fn file_out(slug: &str, f: entities::project_file::Model) -> FileOut {
    FileOut {
        url: format!(
            "/api/v1/cities/{slug}/projects/{}/files/{}",
            f.project_id, f.id
        ),
        id: f.id,
        kind: f.kind,
        name: f.file_name,
        content_type: f.content_type,
        size_bytes: f.size_bytes,
    }
}

#[derive(ApiResponse)]
pub enum FileCreated {
    #[oai(status = 201)]
    Created(Json<FileOut>),
}

#[derive(ApiResponse)]
pub enum FileBytes {
    #[oai(status = 200)]
    Ok(
        Binary<Vec<u8>>,
        #[oai(header = "Content-Type")] String,
        #[oai(header = "Content-Disposition")] String,
        #[oai(header = "ETag")] String,
        #[oai(header = "Cache-Control")] String,
        #[oai(header = "X-Content-Type-Options")] String,
        #[oai(header = "Content-Security-Policy")] String,
    ),
}

/// `inline; filename="…"; filename*=UTF-8''…` (RFC 6266): an ASCII fallback and the real name.
pub(super) fn disposition(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("inline; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[derive(Debug, Object)]
pub struct HistoryOut {
    #[oai(nullable)]
    pub from: Option<String>,
    pub to: String,
    #[oai(nullable)]
    pub comment: Option<String>,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Object)]
pub struct ProjectSummary {
    pub id: i64,
    pub session_id: i64,
    #[oai(nullable)]
    pub pot_id: Option<i64>,
    pub category_id: i64,
    /// `null` for citywide projects.
    #[oai(nullable)]
    pub district_id: Option<i64>,
    pub title: String,
    pub cost: MoneyText,
    /// `draft`, `on_moderation`, `needs_revision`, `rejected`, `admitted`, `withdrawn`,
    /// `winner`, `not_selected`, `in_progress`, `implemented`, `not_implemented`.
    pub status: String,
    #[oai(nullable)]
    pub lat: Option<f64>,
    #[oai(nullable)]
    pub lon: Option<f64>,
    pub created_at: DateTime<Utc>,
    /// Since when it has been in its status.
    pub status_changed_at: DateTime<Utc>,
    /// Votes for it, when its session shows them (live, or once results are published).
    #[oai(nullable)]
    pub votes: Option<i64>,
    /// Residents' endorsements of it («підписи підтримки»).
    pub endorsements: i64,
    /// The endorsements its pot requires for admission when the session has an endorsement
    /// stage (0: none).
    pub min_endorsements: i32,
    /// Whether the signed-in caller has endorsed it; `null` when nobody is signed in.
    #[oai(nullable)]
    pub endorsed: Option<bool>,
}

#[derive(Debug, Object)]
pub struct ProjectOut {
    #[oai(flatten)]
    pub summary: ProjectSummary,
    /// The description as the author wrote it (Markdown).
    pub description: String,
    /// The description rendered to sanitized HTML.
    pub description_html: String,
    #[oai(nullable)]
    pub address: Option<String>,
    #[oai(nullable)]
    pub beneficiaries: Option<String>,
    #[oai(nullable)]
    pub implementation_notes: Option<String>,
    /// The author's name (nothing else of theirs is public).
    pub author: String,
    /// The comment of the last status change (a reason or what to revise).
    #[oai(nullable)]
    pub status_comment: Option<String>,
    #[oai(nullable)]
    pub submitted_at: Option<DateTime<Utc>>,
    pub items: Vec<CostLineOut>,
    /// The sum of the lines; `cost` adds the reserve to it.
    pub subtotal: MoneyText,
    /// The session's compulsory cost reserve, as its own line of the estimate; `null` when the
    /// session has none.
    #[oai(nullable)]
    pub reserve: Option<CostReserveOut>,
    /// Photos and pictures, in the order they were added.
    pub images: Vec<FileOut>,
    /// Documents (PDF), in the order they were added.
    pub documents: Vec<FileOut>,
    pub history: Vec<HistoryOut>,
}

#[derive(Debug, Object)]
pub struct ProjectPageOut {
    pub items: Vec<ProjectSummary>,
    pub total: u64,
    pub limit: u64,
    pub offset: u64,
    /// The seed of the random order; send it back as `seed` for the next page.
    #[oai(nullable)]
    pub seed: Option<u32>,
}

#[derive(Debug, Object)]
pub struct QueueItem {
    #[oai(flatten)]
    pub summary: ProjectSummary,
    /// How long it has waited in its status, in seconds.
    pub waiting_seconds: i64,
}

#[derive(Debug, Object)]
pub struct QueuePage {
    pub items: Vec<QueueItem>,
    pub total: u64,
    pub limit: u64,
    pub offset: u64,
}

#[derive(ApiResponse)]
pub enum Created {
    #[oai(status = 201)]
    Created(Json<ProjectOut>),
}

/// A project for lists; its votes when `counts` (the sessions whose counts are shown now) has
/// its session; its endorsements as `tally` says.
fn summary(
    p: &entities::project::Model,
    counts: &std::collections::HashSet<i64>,
    tally: Tally,
) -> ProjectSummary {
    ProjectSummary {
        endorsements: tally.endorsements,
        min_endorsements: tally.minimum,
        endorsed: tally.endorsed,
        votes: counts
            .contains(&p.budget_session_id)
            .then_some(p.vote_count),
        id: p.id,
        session_id: p.budget_session_id,
        pot_id: p.pot_id,
        category_id: p.category_id,
        district_id: p.district_id,
        title: p.title.clone(),
        cost: Money::from_minor_units(p.cost_minor).into(),
        status: crate::store::projects::to_domain(p.status)
            .code()
            .to_owned(),
        lat: p.lat,
        lon: p.lon,
        created_at: p.created_at,
        status_changed_at: p.status_changed_at,
    }
}

fn project_out(slug: &str, d: ProjectDetail) -> ProjectOut {
    let p = &d.project;
    ProjectOut {
        summary: ProjectSummary {
            votes: d.votes,
            ..summary(p, &Default::default(), d.endorsements)
        },
        description_html: crate::domain::content::render_markdown(&p.description),
        description: p.description.clone(),
        address: p.address.clone(),
        beneficiaries: p.beneficiaries.clone(),
        implementation_notes: p.implementation_notes.clone(),
        author: d.author_name,
        status_comment: p.status_comment.clone(),
        submitted_at: p.submitted_at,
        items: d
            .lines
            .into_iter()
            .map(|l| CostLineOut {
                name: l.name,
                quantity: l.quantity,
                unit_price: Money::from_minor_units(l.unit_price_minor).into(),
                total: Money::from_minor_units(l.total_minor).into(),
            })
            .collect(),
        subtotal: Money::from_minor_units(p.cost_minor - p.cost_reserve_minor).into(),
        reserve: Reserve::from_basis_points(p.cost_reserve_bp)
            .ok()
            .and_then(|r| CostReserveOut::of(r, Money::from_minor_units(p.cost_reserve_minor))),
        images: d
            .files
            .iter()
            .filter(|f| f.kind == FileKind::Image.code())
            .map(|f| file_out(slug, f.clone()))
            .collect(),
        documents: d
            .files
            .iter()
            .filter(|f| f.kind == FileKind::Document.code())
            .map(|f| file_out(slug, f.clone()))
            .collect(),
        history: d
            .history
            .into_iter()
            .map(|h| HistoryOut {
                from: h.from_status,
                to: h.to_status,
                comment: h.comment,
                at: h.created_at,
            })
            .collect(),
    }
}

fn input(body: ProjectIn) -> ProjectInput {
    ProjectInput {
        pot_id: body.pot_id,
        category_id: body.category_id,
        district_id: body.district_id,
        title: body.title,
        description: body.description,
        address: body.address,
        lat: body.lat,
        lon: body.lon,
        beneficiaries: body.beneficiaries,
        implementation_notes: body.implementation_notes,
        items: body
            .items
            .into_iter()
            .map(|l| LineInput {
                name: l.name,
                quantity: l.quantity,
                unit_price: l.unit_price.0,
            })
            .collect(),
    }
}

fn statuses(text: Option<String>) -> Result<Vec<Status>, AppError> {
    text.iter()
        .flat_map(|t| t.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| Status::from_code(s).ok_or_else(|| AppError::invalid("status-unknown", "status")))
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn query(
    session: Option<i64>,
    pot: Option<i64>,
    category: Option<i64>,
    district: Option<i64>,
    status: Option<String>,
    q: Option<String>,
    sort: Option<String>,
    seed: Option<u32>,
    limit: Option<u64>,
    offset: Option<u64>,
) -> Result<ListQuery, AppError> {
    Ok(ListQuery {
        session_id: session,
        pot_id: pot,
        category_id: category,
        district_id: district,
        statuses: statuses(status)?,
        text: q,
        sort,
        seed,
        limit,
        offset,
    })
}

#[OpenApi(tag = "ApiTags::Projects")]
impl ProjectsApi {
    /// The public catalogue. Filters combine; `status` takes several, comma-separated; `q`
    /// searches titles and descriptions. `sort`: `random` (the default: a shuffle that stays
    /// the same for one `seed`), `newest`, `cost_asc`, `cost_desc`, `votes` (with `session`,
    /// when that session shows its counts). A page may be up to `projects.list_cache_ttl_ms`
    /// (2 s by default) old: an instance answers the same query from memory for that long, so
    /// a change shows within that time.
    #[oai(
        path = "/cities/:slug/projects",
        method = "get",
        operation_id = "listProjects"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn list(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        session: Query<Option<i64>>,
        pot: Query<Option<i64>>,
        category: Query<Option<i64>>,
        district: Query<Option<i64>>,
        status: Query<Option<String>>,
        q: Query<Option<String>>,
        sort: Query<Option<String>>,
        seed: Query<Option<u32>>,
        /// Page size, 1 to 100 (default 20).
        limit: Query<Option<u64>>,
        offset: Query<Option<u64>>,
    ) -> Result<Json<ProjectPageOut>> {
        let query = query(
            session.0, pot.0, category.0, district.0, status.0, q.0, sort.0, seed.0, limit.0,
            offset.0,
        )?;
        // One page for every caller, reused for a moment (`projects.list_cache_ttl_ms`); the
        // caller's own marks (what they endorsed) are added on top.
        let page = crate::app::catalog::public_projects(&state, auth.actor(), &slug, query).await?;
        Ok(Json(ProjectPageOut {
            items: page
                .items
                .iter()
                .map(|p| summary(p, &page.counts, page.endorsements.of(p)))
                .collect(),
            total: page.total,
            limit: page.limit,
            offset: page.offset,
            seed: page.seed,
        }))
    }

    /// Projects with a map point as a GeoJSON FeatureCollection (for Leaflet); the catalogue's
    /// filters apply.
    #[oai(
        path = "/cities/:slug/projects-map",
        method = "get",
        operation_id = "projectsMap"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn map(
        &self,
        state: Data<&AppState>,
        slug: Path<String>,
        session: Query<Option<i64>>,
        pot: Query<Option<i64>>,
        category: Query<Option<i64>>,
        district: Query<Option<i64>>,
        status: Query<Option<String>>,
        q: Query<Option<String>>,
    ) -> Result<Json<serde_json::Value>> {
        let query = query(
            session.0, pot.0, category.0, district.0, status.0, q.0, None, None, None, None,
        )?;
        let items = projects::map(&state, &slug, query).await?;
        let features: Vec<serde_json::Value> = items
            .iter()
            .filter_map(|p| {
                let (lat, lon) = (p.lat?, p.lon?);
                Some(serde_json::json!({
                    "type": "Feature",
                    "id": p.id,
                    "geometry": { "type": "Point", "coordinates": [lon, lat] },
                    "properties": {
                        "id": p.id,
                        "title": p.title,
                        "status": crate::store::projects::to_domain(p.status).code(),
                        "cost": Money::from_minor_units(p.cost_minor).to_string(),
                        "category_id": p.category_id,
                        "district_id": p.district_id,
                    },
                }))
            })
            .collect();
        Ok(Json(serde_json::json!({
            "type": "FeatureCollection",
            "features": features,
        })))
    }

    /// A project's page. Drafts only for their author; withdrawn ones also for staff.
    #[oai(
        path = "/cities/:slug/projects/:id",
        method = "get",
        operation_id = "getProject"
    )]
    async fn get(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Json<ProjectOut>> {
        let detail = projects::get(&state, auth.actor(), &slug, id.0).await?;
        Ok(Json(project_out(&slug, detail)))
    }

    /// Starts a project as a draft (a signed-in resident whose profile has what the session
    /// requires and who is old enough to be an author; during the submission stage).
    #[oai(
        path = "/cities/:slug/projects",
        method = "post",
        operation_id = "createProject"
    )]
    async fn create(
        &self,
        req: &Request,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        body: Json<ProjectIn>,
    ) -> Result<Created> {
        let detail = projects::create(
            &state,
            auth.actor(),
            &slug,
            input(body.0),
            request_lang(req),
        )
        .await?;
        Ok(Created::Created(Json(project_out(&slug, detail))))
    }

    /// Changes a draft, or a project returned for revision (its author).
    #[oai(
        path = "/cities/:slug/projects/:id",
        method = "put",
        operation_id = "updateProject"
    )]
    async fn update(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
        body: Json<ProjectIn>,
    ) -> Result<Json<ProjectOut>> {
        let detail = projects::update(&state, auth.actor(), &slug, id.0, input(body.0)).await?;
        Ok(Json(project_out(&slug, detail)))
    }

    /// Takes a step of the project's life: submit, moderate, withdraw, results, implementation.
    /// The history row and the e-mail to the author are written with it.
    #[oai(
        path = "/cities/:slug/projects/:id/status",
        method = "post",
        operation_id = "changeProjectStatus"
    )]
    async fn change_status(
        &self,
        req: &Request,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
        body: Json<StatusChangeIn>,
    ) -> Result<Json<ProjectOut>> {
        let action = Action::from_code(&body.action)
            .ok_or_else(|| AppError::invalid("action-unknown", "action"))?;
        let detail = projects::change_status(
            &state,
            auth.actor(),
            &slug,
            id.0,
            action,
            body.0.comment,
            request_lang(req),
        )
        .await?;
        Ok(Json(project_out(&slug, detail)))
    }

    /// Attaches a file to a draft or a project returned for revision (its author): the file is
    /// the request body; `kind=image` takes a JPEG or PNG, `kind=document` a PDF, each checked
    /// by content, within the size and count limits of the configuration.
    #[oai(
        path = "/cities/:slug/projects/:id/files",
        method = "post",
        operation_id = "attachProjectFile"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn attach_file(
        &self,
        req: &Request,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
        /// `image` or `document`.
        kind: Query<String>,
        /// The file's name as the uploader knows it.
        name: Query<Option<String>>,
        body: Binary<Vec<u8>>,
    ) -> Result<FileCreated> {
        let kind = FileKind::from_code(&kind.0)
            .ok_or_else(|| AppError::invalid("file-kind-unknown", "kind"))?;
        let file = project_files::attach(
            &state,
            auth.actor(),
            &slug,
            id.0,
            kind,
            body.0,
            super::declared_type(req),
            name.0.as_deref(),
        )
        .await?;
        Ok(FileCreated::Created(Json(file_out(&slug, file))))
    }

    /// A project's image or document, for whoever may see the project.
    #[oai(
        path = "/cities/:slug/projects/:id/files/:file_id",
        method = "get",
        operation_id = "getProjectFile"
    )]
    async fn file(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
        file_id: Path<i64>,
    ) -> Result<FileBytes> {
        let download =
            project_files::download(&state, auth.actor(), &slug, id.0, file_id.0).await?;
        let cache = if download.public {
            // A file never changes (a new upload is a new file), but a project may be withdrawn.
            "public, max-age=3600"
        } else {
            "private, no-store"
        };
        Ok(FileBytes::Ok(
            Binary(download.bytes),
            download.file.content_type,
            disposition(&download.file.file_name),
            format!("\"{}\"", download.file.storage_key),
            cache.to_owned(),
            "nosniff".to_owned(),
            "sandbox".to_owned(),
        ))
    }

    /// Removes a file from a draft or a project returned for revision (its author).
    #[oai(
        path = "/cities/:slug/projects/:id/files/:file_id",
        method = "delete",
        operation_id = "deleteProjectFile"
    )]
    async fn delete_file(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
        file_id: Path<i64>,
    ) -> Result<Done> {
        project_files::detach(&state, auth.actor(), &slug, id.0, file_id.0).await?;
        Ok(Done::NoContent)
    }

    /// The moderation queue: projects in one status (default `on_moderation`), longest waiting
    /// first, with the catalogue's filters (moderators, admins, observers).
    #[oai(
        path = "/cities/:slug/moderation/projects",
        method = "get",
        operation_id = "moderationQueue"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn queue(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        status: Query<Option<String>>,
        session: Query<Option<i64>>,
        pot: Query<Option<i64>>,
        category: Query<Option<i64>>,
        district: Query<Option<i64>>,
        q: Query<Option<String>>,
        limit: Query<Option<u64>>,
        offset: Query<Option<u64>>,
    ) -> Result<Json<QueuePage>> {
        let status = match status.0.as_deref() {
            None => Status::OnModeration,
            Some(code) => Status::from_code(code)
                .ok_or_else(|| AppError::invalid("status-unknown", "status"))?,
        };
        let query = query(
            session.0, pot.0, category.0, district.0, None, q.0, None, None, limit.0, offset.0,
        )?;
        let page = projects::queue(&state, auth.actor(), &slug, status, query).await?;
        let now = state.clock.now();
        Ok(Json(QueuePage {
            items: page
                .items
                .iter()
                .map(|p| QueueItem {
                    summary: summary(p, &page.counts, page.endorsements.of(p)),
                    waiting_seconds: projects::waited(p, now),
                })
                .collect(),
            total: page.total,
            limit: page.limit,
            offset: page.offset,
        }))
    }

    /// My projects in this city, drafts included.
    #[oai(
        path = "/cities/:slug/me/projects",
        method = "get",
        operation_id = "myProjects"
    )]
    async fn mine(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
    ) -> Result<Json<Vec<ProjectSummary>>> {
        let (items, counts, marks) = projects::mine(&state, auth.actor(), &slug).await?;
        Ok(Json(
            items
                .iter()
                .map(|p| summary(p, &counts, marks.of(p)))
                .collect(),
        ))
    }
}
