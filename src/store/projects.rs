//! Projects of a city's budget sessions: the project, its estimate lines, files and history.

use chrono::{DateTime, Utc};
use entities::project::{self, ProjectStatus};
use entities::{budget_session, project_cost_line, project_file, project_history};
use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, JoinType, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, RelationTrait, Set,
};

use crate::domain::Money;
use crate::domain::estimate::{Estimate, Reserve};
use crate::domain::project::Status;

pub fn to_entity(status: Status) -> ProjectStatus {
    use ProjectStatus as E;
    match status {
        Status::Draft => E::Draft,
        Status::OnModeration => E::OnModeration,
        Status::NeedsRevision => E::NeedsRevision,
        Status::Rejected => E::Rejected,
        Status::Admitted => E::Admitted,
        Status::Withdrawn => E::Withdrawn,
        Status::Winner => E::Winner,
        Status::NotSelected => E::NotSelected,
        Status::InProgress => E::InProgress,
        Status::Implemented => E::Implemented,
        Status::NotImplemented => E::NotImplemented,
    }
}

pub fn to_domain(status: ProjectStatus) -> Status {
    use ProjectStatus as E;
    match status {
        E::Draft => Status::Draft,
        E::OnModeration => Status::OnModeration,
        E::NeedsRevision => Status::NeedsRevision,
        E::Rejected => Status::Rejected,
        E::Admitted => Status::Admitted,
        E::Withdrawn => Status::Withdrawn,
        E::Winner => Status::Winner,
        E::NotSelected => Status::NotSelected,
        E::InProgress => Status::InProgress,
        E::Implemented => Status::Implemented,
        E::NotImplemented => Status::NotImplemented,
    }
}

/// A project's content, as the author gives it.
#[derive(Debug, Clone)]
pub struct Content {
    pub pot_id: Option<i64>,
    pub category_id: i64,
    pub district_id: Option<i64>,
    pub title: String,
    pub description: String,
    pub address: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub beneficiaries: Option<String>,
    pub implementation_notes: Option<String>,
    /// What the project costs: the estimate's lines and its reserve.
    pub cost: Money,
    /// The cost reserve the estimate was priced with, and its amount (part of `cost`).
    pub reserve: Reserve,
    pub reserve_amount: Money,
}

/// Everything needed to store a new project.
#[derive(Debug, Clone)]
pub struct NewProject {
    pub budget_session_id: i64,
    pub author_id: i64,
    pub status: ProjectStatus,
    pub content: Content,
}

fn apply(model: &mut project::ActiveModel, c: Content) {
    model.pot_id = Set(c.pot_id);
    model.category_id = Set(c.category_id);
    model.district_id = Set(c.district_id);
    model.search_text = Set(format!("{} {}", c.title, c.description).to_lowercase());
    model.title = Set(c.title);
    model.description = Set(c.description);
    model.address = Set(c.address);
    model.lat = Set(c.lat);
    model.lon = Set(c.lon);
    model.beneficiaries = Set(c.beneficiaries);
    model.implementation_notes = Set(c.implementation_notes);
    model.cost_minor = Set(c.cost.minor_units());
    model.cost_reserve_bp = Set(c.reserve.basis_points());
    model.cost_reserve_minor = Set(c.reserve_amount.minor_units());
}

pub async fn insert<C: ConnectionTrait>(
    db: &C,
    new: NewProject,
    now: DateTime<Utc>,
) -> Result<project::Model, DbErr> {
    let mut model = project::ActiveModel {
        budget_session_id: Set(new.budget_session_id),
        author_id: Set(new.author_id),
        status: Set(new.status),
        status_comment: Set(None),
        submitted_at: Set(None),
        status_changed_at: Set(now),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    apply(&mut model, new.content);
    model.insert(db).await
}

/// Replaces the content of a project that is still in `expected` status; `false` when its
/// status changed meanwhile (nothing is written then).
pub async fn update_content<C: ConnectionTrait>(
    db: &C,
    id: i64,
    expected: ProjectStatus,
    content: Content,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let mut model = project::ActiveModel {
        updated_at: Set(now),
        ..Default::default()
    };
    apply(&mut model, content);
    let result = project::Entity::update_many()
        .set(model)
        .filter(project::Column::Id.eq(id))
        .filter(project::Column::Status.eq(expected))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Moves a project from `from` to `to`; `false` when it is no longer in `from` (someone else
/// moved it first), and nothing is written then.
pub async fn set_status<C: ConnectionTrait>(
    db: &C,
    id: i64,
    from: ProjectStatus,
    to: ProjectStatus,
    comment: Option<String>,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let mut update = project::Entity::update_many()
        .col_expr(project::Column::Status, Expr::value(to))
        .col_expr(project::Column::StatusComment, Expr::value(comment))
        .col_expr(project::Column::StatusChangedAt, Expr::value(now))
        .col_expr(project::Column::UpdatedAt, Expr::value(now));
    if from == ProjectStatus::Draft && to == ProjectStatus::OnModeration {
        update = update.col_expr(project::Column::SubmittedAt, Expr::value(Some(now)));
    }
    let result = update
        .filter(project::Column::Id.eq(id))
        .filter(project::Column::Status.eq(from))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

pub async fn replace_cost_lines<C: ConnectionTrait>(
    db: &C,
    project_id: i64,
    estimate: &Estimate,
) -> Result<(), DbErr> {
    project_cost_line::Entity::delete_many()
        .filter(project_cost_line::Column::ProjectId.eq(project_id))
        .exec(db)
        .await?;
    let rows: Vec<_> = estimate
        .lines
        .iter()
        .enumerate()
        .map(|(position, priced)| project_cost_line::ActiveModel {
            project_id: Set(project_id),
            position: Set(position as i32),
            name: Set(priced.line.name.trim().to_owned()),
            quantity: Set(priced.line.quantity),
            unit_price_minor: Set(priced.line.unit_price.minor_units()),
            total_minor: Set(priced.total.minor_units()),
            ..Default::default()
        })
        .collect();
    if !rows.is_empty() {
        project_cost_line::Entity::insert_many(rows)
            .exec(db)
            .await?;
    }
    Ok(())
}

pub async fn cost_lines<C: ConnectionTrait>(
    db: &C,
    project_id: i64,
) -> Result<Vec<project_cost_line::Model>, DbErr> {
    project_cost_line::Entity::find()
        .filter(project_cost_line::Column::ProjectId.eq(project_id))
        .order_by_asc(project_cost_line::Column::Position)
        .all(db)
        .await
}

pub struct HistoryEntry {
    pub project_id: i64,
    pub actor_id: Option<i64>,
    pub from: Option<Status>,
    pub to: Status,
    pub comment: Option<String>,
}

pub async fn add_history<C: ConnectionTrait>(
    db: &C,
    entry: HistoryEntry,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    project_history::ActiveModel {
        project_id: Set(entry.project_id),
        actor_id: Set(entry.actor_id),
        from_status: Set(entry.from.map(|s| s.code().to_owned())),
        to_status: Set(entry.to.code().to_owned()),
        comment: Set(entry.comment),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

pub async fn history<C: ConnectionTrait>(
    db: &C,
    project_id: i64,
) -> Result<Vec<project_history::Model>, DbErr> {
    project_history::Entity::find()
        .filter(project_history::Column::ProjectId.eq(project_id))
        .order_by_asc(project_history::Column::Id)
        .all(db)
        .await
}

pub async fn files<C: ConnectionTrait>(
    db: &C,
    project_id: i64,
) -> Result<Vec<project_file::Model>, DbErr> {
    project_file::Entity::find()
        .filter(project_file::Column::ProjectId.eq(project_id))
        .order_by_asc(project_file::Column::Id)
        .all(db)
        .await
}

/// Marks the project changed, if it is still in `expected` status; `false` otherwise. Inside a
/// transaction this also locks the project's row (PostgreSQL) or the database (SQLite), so
/// changes to its parts (files) are serialized and their limits hold.
pub async fn touch<C: ConnectionTrait>(
    db: &C,
    id: i64,
    expected: ProjectStatus,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let result = project::Entity::update_many()
        .col_expr(project::Column::UpdatedAt, Expr::value(now))
        .filter(project::Column::Id.eq(id))
        .filter(project::Column::Status.eq(expected))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// A file to attach to a project; its bytes are already in the file storage.
pub struct NewFile {
    pub project_id: i64,
    pub kind: &'static str,
    pub storage_key: String,
    pub content_type: &'static str,
    pub size_bytes: i64,
    pub file_name: String,
}

pub async fn insert_file<C: ConnectionTrait>(
    db: &C,
    file: NewFile,
    now: DateTime<Utc>,
) -> Result<project_file::Model, DbErr> {
    project_file::ActiveModel {
        project_id: Set(file.project_id),
        kind: Set(file.kind.to_owned()),
        storage_key: Set(file.storage_key),
        content_type: Set(file.content_type.to_owned()),
        size_bytes: Set(file.size_bytes),
        file_name: Set(file.file_name),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// How many files of `kind` the project has.
pub async fn count_files<C: ConnectionTrait>(
    db: &C,
    project_id: i64,
    kind: &str,
) -> Result<u64, DbErr> {
    project_file::Entity::find()
        .filter(project_file::Column::ProjectId.eq(project_id))
        .filter(project_file::Column::Kind.eq(kind))
        .count(db)
        .await
}

pub async fn find_file<C: ConnectionTrait>(
    db: &C,
    project_id: i64,
    file_id: i64,
) -> Result<Option<project_file::Model>, DbErr> {
    project_file::Entity::find_by_id(file_id)
        .filter(project_file::Column::ProjectId.eq(project_id))
        .one(db)
        .await
}

/// Removes the file's row; `false` when there was none.
pub async fn delete_file<C: ConnectionTrait>(
    db: &C,
    project_id: i64,
    file_id: i64,
) -> Result<bool, DbErr> {
    let result = project_file::Entity::delete_many()
        .filter(project_file::Column::Id.eq(file_id))
        .filter(project_file::Column::ProjectId.eq(project_id))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// A project with the city its session belongs to.
pub async fn find_in_city<C: ConnectionTrait>(
    db: &C,
    city_id: i64,
    id: i64,
) -> Result<Option<project::Model>, DbErr> {
    project::Entity::find_by_id(id)
        .join(JoinType::InnerJoin, project::Relation::BudgetSession.def())
        .filter(budget_session::Column::CityId.eq(city_id))
        .one(db)
        .await
}

/// These projects, in no particular order (missing ids are left out).
pub async fn find_many<C: ConnectionTrait>(
    db: &C,
    ids: &[i64],
) -> Result<Vec<project::Model>, DbErr> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    project::Entity::find()
        .filter(project::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await
}

/// How a list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// A shuffle that stays the same for one seed (one visitor), so no project always comes
    /// first and pages do not overlap.
    Random(u32),
    Newest,
    CostAscending,
    CostDescending,
    /// Longest waiting first (the moderation queue).
    OldestChange,
    /// Most votes first.
    MostVotes,
    /// Least recently changed first (incremental sync: a project changed while someone pages
    /// moves to the end, where they will still find it).
    LastUpdated,
}

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub city_id: i64,
    pub session_id: Option<i64>,
    pub pot_id: Option<i64>,
    pub category_id: Option<i64>,
    pub district_id: Option<i64>,
    /// Empty: every public status.
    pub statuses: Vec<ProjectStatus>,
    /// Words that the title or description must contain, in lower case.
    pub text: Option<String>,
    pub updated_since: Option<DateTime<Utc>>,
    /// With `updated_since`: of the projects changed exactly then, only those after this id
    /// (a sync's cursor: the last item it has seen).
    pub after_id: Option<i64>,
}

/// The largest prime below 2³²: ids times a multiplier below it stay far inside 64 bits.
const SHUFFLE_PRIME: u64 = 4_294_967_291;

/// The seed's permutation of ids: `(id × multiplier + offset) mod p` orders them, and every
/// multiplier from 1 to p − 1 gives another order. The seed is spread over the range first
/// (splitmix64), so neighbouring seeds give unrelated orders.
fn shuffle(seed: u32) -> (u64, u64) {
    let mut z = u64::from(seed).wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (1 + z % (SHUFFLE_PRIME - 1), (z >> 32) % SHUFFLE_PRIME)
}

/// One page of projects matching `filter`, and how many match in all.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    filter: &Filter,
    order: Order,
    limit: u64,
    offset: u64,
) -> Result<(Vec<project::Model>, u64), DbErr> {
    let statuses = if filter.statuses.is_empty() {
        Status::ALL
            .into_iter()
            .filter(|s| s.is_public())
            .map(to_entity)
            .collect()
    } else {
        filter.statuses.clone()
    };
    let mut query = project::Entity::find()
        .join(JoinType::InnerJoin, project::Relation::BudgetSession.def())
        .filter(budget_session::Column::CityId.eq(filter.city_id))
        .filter(project::Column::Status.is_in(statuses));
    if let Some(id) = filter.session_id {
        query = query.filter(project::Column::BudgetSessionId.eq(id));
    }
    if let Some(id) = filter.pot_id {
        query = query.filter(project::Column::PotId.eq(id));
    }
    if let Some(id) = filter.category_id {
        query = query.filter(project::Column::CategoryId.eq(id));
    }
    if let Some(id) = filter.district_id {
        query = query.filter(project::Column::DistrictId.eq(id));
    }
    match (filter.updated_since, filter.after_id) {
        (Some(since), Some(after)) => {
            query = query.filter(
                sea_orm::Condition::any()
                    .add(project::Column::UpdatedAt.gt(since))
                    .add(
                        sea_orm::Condition::all()
                            .add(project::Column::UpdatedAt.eq(since))
                            .add(project::Column::Id.gt(after)),
                    ),
            );
        }
        (Some(since), None) => query = query.filter(project::Column::UpdatedAt.gte(since)),
        (None, _) => {}
    }
    if let Some(text) = &filter.text {
        for word in text.split_whitespace().take(8) {
            let pattern = format!(
                "%{}%",
                word.replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            );
            query = query.filter(
                Expr::col((project::Entity, project::Column::SearchText))
                    .like(LikeExpr::new(pattern).escape('\\')),
            );
        }
    }
    let total = query.clone().count(db).await?;
    let query = match order {
        Order::Random(seed) => {
            let (multiplier, offset) = shuffle(seed);
            query.order_by_asc(Expr::cust(format!(
                "((\"projects\".\"id\" * {multiplier} + {offset}) % {SHUFFLE_PRIME})"
            )))
        }
        Order::Newest => query.order_by_desc(project::Column::CreatedAt),
        Order::CostAscending => query.order_by_asc(project::Column::CostMinor),
        Order::CostDescending => query.order_by_desc(project::Column::CostMinor),
        Order::OldestChange => query.order_by_asc(project::Column::StatusChangedAt),
        Order::LastUpdated => query.order_by_asc(project::Column::UpdatedAt),
        Order::MostVotes => query.order_by_desc(project::Column::VoteCount),
    };
    let items = query
        .order_by_asc(project::Column::Id)
        .limit(limit)
        .offset(offset)
        .all(db)
        .await?;
    Ok((items, total))
}

/// An author's own projects in a city, newest first.
pub async fn of_author<C: ConnectionTrait>(
    db: &C,
    city_id: i64,
    author_id: i64,
) -> Result<Vec<project::Model>, DbErr> {
    project::Entity::find()
        .join(JoinType::InnerJoin, project::Relation::BudgetSession.def())
        .filter(budget_session::Column::CityId.eq(city_id))
        .filter(project::Column::AuthorId.eq(author_id))
        .order_by_desc(project::Column::Id)
        .all(db)
        .await
}

/// Every project of a session, whatever its status, by id.
pub async fn of_session<C: ConnectionTrait>(
    db: &C,
    session_id: i64,
) -> Result<Vec<project::Model>, DbErr> {
    project::Entity::find()
        .filter(project::Column::BudgetSessionId.eq(session_id))
        .order_by_asc(project::Column::Id)
        .all(db)
        .await
}
