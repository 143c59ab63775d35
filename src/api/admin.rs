//! Administration: cities, staff roles, the audit log, the e-mail outbox.

use chrono::{DateTime, Utc};
use poem::Result;
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi};

use super::ApiTags;
use super::catalog::CityDto;
use super::types::{Done, LocalizedName};
use crate::app::catalog::Page;
use crate::app::staff::{self, AuditQuery, NewCity, StaffMember, role_code};
use crate::auth::SessionCookie;
use crate::domain::access::CityRole;
use crate::state::AppState;

pub struct AdminApi;

#[derive(Debug, Object)]
pub struct NewCityIn {
    /// Lowercase letters, digits and dashes, e.g. `kyiv`.
    pub slug: String,
    pub name: LocalizedName,
    /// IANA time zone; `Europe/Kyiv` by default.
    #[oai(nullable)]
    pub time_zone: Option<String>,
}

#[derive(Debug, Clone, Copy, Enum)]
#[oai(rename_all = "snake_case")]
pub enum RoleDto {
    Moderator,
    Admin,
    Observer,
    Expert,
}

impl From<RoleDto> for CityRole {
    fn from(role: RoleDto) -> Self {
        match role {
            RoleDto::Moderator => CityRole::Moderator,
            RoleDto::Admin => CityRole::Admin,
            RoleDto::Observer => CityRole::Observer,
            RoleDto::Expert => CityRole::Expert,
        }
    }
}

#[derive(Debug, Object)]
pub struct GrantIn {
    /// The login of the person, in any accepted spelling.
    pub login: String,
    pub role: RoleDto,
}

#[derive(Debug, Object)]
pub struct StaffDto {
    /// The grant's id, for revoking it.
    pub id: i64,
    pub user_id: i64,
    #[oai(nullable)]
    pub login: Option<String>,
    #[oai(nullable)]
    pub name: Option<String>,
    pub role: String,
    pub granted_at: DateTime<Utc>,
}

impl From<StaffMember> for StaffDto {
    fn from(m: StaffMember) -> Self {
        Self {
            id: m.grant.id,
            user_id: m.grant.user_id,
            login: m.user.as_ref().map(|u| u.login.clone()),
            name: m
                .user
                .as_ref()
                .map(|u| format!("{} {}", u.last_name, u.first_name)),
            role: role_code(m.role).to_owned(),
            granted_at: m.grant.created_at,
        }
    }
}

#[derive(Debug, Object)]
pub struct AuditEntryDto {
    pub id: i64,
    pub created_at: DateTime<Utc>,
    #[oai(nullable)]
    pub city_id: Option<i64>,
    #[oai(nullable)]
    pub actor_id: Option<i64>,
    pub action: String,
    pub target: String,
    /// Before/after summary.
    pub summary: serde_json::Value,
    pub hash: String,
}

#[derive(Debug, Object)]
pub struct AuditPage {
    pub items: Vec<AuditEntryDto>,
    pub total: u64,
    pub limit: u64,
    pub offset: u64,
}

/// Whether the audit log's hash chain holds (`hromada audit verify`, for the city's staff).
#[derive(Debug, Object)]
pub struct AuditVerificationDto {
    /// Every row follows the one before it and matches its hash.
    pub intact: bool,
    /// Rows checked, when the chain holds (the whole platform's chain, which the city's rows
    /// are part of).
    #[oai(nullable)]
    pub rows_checked: Option<u64>,
    /// The first row where the chain does not hold.
    #[oai(nullable)]
    pub broken_row_id: Option<i64>,
    pub checked_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, Enum)]
#[oai(rename_all = "snake_case")]
pub enum EmailStatusDto {
    Pending,
    Sending,
    Sent,
    Failed,
}

impl From<EmailStatusDto> for entities::outbox::EmailStatus {
    fn from(s: EmailStatusDto) -> Self {
        use entities::outbox::EmailStatus as S;
        match s {
            EmailStatusDto::Pending => S::Pending,
            EmailStatusDto::Sending => S::Sending,
            EmailStatusDto::Sent => S::Sent,
            EmailStatusDto::Failed => S::Failed,
        }
    }
}

impl From<entities::outbox::EmailStatus> for EmailStatusDto {
    fn from(s: entities::outbox::EmailStatus) -> Self {
        use entities::outbox::EmailStatus as S;
        match s {
            S::Pending => EmailStatusDto::Pending,
            S::Sending => EmailStatusDto::Sending,
            S::Sent => EmailStatusDto::Sent,
            S::Failed => EmailStatusDto::Failed,
        }
    }
}

#[derive(Debug, Object)]
pub struct EmailDto {
    pub id: i64,
    #[oai(nullable)]
    pub city_id: Option<i64>,
    pub to: String,
    pub template: String,
    pub subject: String,
    pub status: EmailStatusDto,
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    #[oai(nullable)]
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    #[oai(nullable)]
    pub sent_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Object)]
pub struct EmailPage {
    pub items: Vec<EmailDto>,
    pub total: u64,
    pub limit: u64,
    pub offset: u64,
}

#[derive(ApiResponse)]
pub enum CityCreated {
    #[oai(status = 201)]
    Created(Json<CityDto>),
}

#[derive(ApiResponse)]
pub enum StaffCreated {
    #[oai(status = 201)]
    Created(Json<StaffDto>),
}

fn audit_page(page: Page<entities::audit_log::Model>) -> AuditPage {
    AuditPage {
        items: page
            .items
            .into_iter()
            .map(|r| AuditEntryDto {
                id: r.id,
                created_at: r.created_at,
                city_id: r.city_id,
                actor_id: r.actor_id,
                action: r.action,
                target: r.target,
                summary: serde_json::from_str(&r.summary)
                    .unwrap_or(serde_json::Value::String(r.summary)),
                hash: r.hash,
            })
            .collect(),
        total: page.total,
        limit: page.limit,
        offset: page.offset,
    }
}

fn email_page(page: Page<entities::outbox::Model>) -> EmailPage {
    EmailPage {
        items: page
            .items
            .into_iter()
            .map(|e| EmailDto {
                id: e.id,
                city_id: e.city_id,
                to: e.to_address,
                template: e.template,
                subject: e.subject,
                status: e.status.into(),
                attempts: e.attempts,
                next_attempt_at: e.next_attempt_at,
                last_error: e.last_error,
                created_at: e.created_at,
                sent_at: e.sent_at,
            })
            .collect(),
        total: page.total,
        limit: page.limit,
        offset: page.offset,
    }
}

#[allow(clippy::too_many_arguments)] // one per query parameter of the endpoint
fn audit_query(
    actor: Option<i64>,
    action: Option<String>,
    target: Option<String>,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
    limit: Option<u64>,
    offset: Option<u64>,
) -> AuditQuery {
    AuditQuery {
        actor_id: actor,
        action,
        target,
        from,
        to,
        limit,
        offset,
    }
}

#[OpenApi(tag = "ApiTags::Admin")]
impl AdminApi {
    /// Creates a city (platform admins).
    #[oai(path = "/cities", method = "post", operation_id = "createCity")]
    async fn create_city(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
        body: Json<NewCityIn>,
    ) -> Result<CityCreated> {
        let b = body.0;
        let city = staff::create_city(
            &state,
            Some(&session.0.actor),
            NewCity {
                slug: b.slug,
                name_uk: b.name.uk,
                name_en: b.name.en,
                time_zone: b.time_zone,
            },
        )
        .await?;
        Ok(CityCreated::Created(Json(city.into())))
    }

    /// The city's staff: moderators, admins, observers (admins, observers, platform admins).
    #[oai(
        path = "/cities/:slug/staff",
        method = "get",
        operation_id = "listStaff"
    )]
    async fn staff(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
        slug: Path<String>,
    ) -> Result<Json<Vec<StaffDto>>> {
        let staff = staff::staff(&state, Some(&session.0.actor), &slug).await?;
        Ok(Json(staff.into_iter().map(StaffDto::from).collect()))
    }

    /// Grants a role: city admins grant moderators and observers, platform admins also admins.
    #[oai(
        path = "/cities/:slug/staff",
        method = "post",
        operation_id = "grantRole"
    )]
    async fn grant(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
        slug: Path<String>,
        body: Json<GrantIn>,
    ) -> Result<StaffCreated> {
        let member = staff::grant_role(
            &state,
            Some(&session.0.actor),
            &slug,
            &body.login,
            body.role.into(),
        )
        .await?;
        Ok(StaffCreated::Created(Json(member.into())))
    }

    /// Revokes a role grant.
    #[oai(
        path = "/cities/:slug/staff/:id",
        method = "delete",
        operation_id = "revokeRole"
    )]
    async fn revoke(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Done> {
        staff::revoke_role(&state, Some(&session.0.actor), &slug, id.0).await?;
        Ok(Done::NoContent)
    }

    /// The city's audit log, newest first (admins, observers, platform admins).
    #[oai(
        path = "/cities/:slug/audit",
        method = "get",
        operation_id = "listCityAudit"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn city_audit(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
        slug: Path<String>,
        /// Only actions by this user id.
        actor: Query<Option<i64>>,
        /// Only this action, e.g. `role.grant`.
        action: Query<Option<String>>,
        /// Only this target, e.g. `user:42`.
        target: Query<Option<String>>,
        /// From this time (inclusive).
        from: Query<Option<DateTime<Utc>>>,
        /// Until this time (exclusive).
        to: Query<Option<DateTime<Utc>>>,
        limit: Query<Option<u64>>,
        offset: Query<Option<u64>>,
    ) -> Result<Json<AuditPage>> {
        let query = audit_query(actor.0, action.0, target.0, from.0, to.0, limit.0, offset.0);
        Ok(Json(audit_page(
            staff::audit(&state, Some(&session.0.actor), Some(&slug), query).await?,
        )))
    }

    /// Walks the audit log's hash chain and says whether it holds (admins, observers, platform
    /// admins).
    #[oai(
        path = "/cities/:slug/audit/verification",
        method = "get",
        operation_id = "verifyCityAudit"
    )]
    async fn verify_city_audit(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
        slug: Path<String>,
    ) -> Result<Json<AuditVerificationDto>> {
        let v = staff::verify_audit(&state, Some(&session.0.actor), &slug).await?;
        Ok(Json(AuditVerificationDto {
            intact: v.result.is_ok(),
            rows_checked: v.result.as_ref().ok().copied(),
            broken_row_id: v.result.as_ref().err().map(|b| b.row_id()),
            checked_at: v.checked_at,
        }))
    }

    /// The whole platform's audit log (platform admins).
    #[oai(
        path = "/platform/audit",
        method = "get",
        operation_id = "listPlatformAudit"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn platform_audit(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
        actor: Query<Option<i64>>,
        action: Query<Option<String>>,
        target: Query<Option<String>>,
        from: Query<Option<DateTime<Utc>>>,
        to: Query<Option<DateTime<Utc>>>,
        limit: Query<Option<u64>>,
        offset: Query<Option<u64>>,
    ) -> Result<Json<AuditPage>> {
        let query = audit_query(actor.0, action.0, target.0, from.0, to.0, limit.0, offset.0);
        Ok(Json(audit_page(
            staff::audit(&state, Some(&session.0.actor), None, query).await?,
        )))
    }

    /// The city's e-mails, newest first (admins, observers, platform admins).
    #[oai(
        path = "/cities/:slug/emails",
        method = "get",
        operation_id = "listCityEmails"
    )]
    async fn city_emails(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
        slug: Path<String>,
        status: Query<Option<EmailStatusDto>>,
        limit: Query<Option<u64>>,
        offset: Query<Option<u64>>,
    ) -> Result<Json<EmailPage>> {
        let page = staff::emails(
            &state,
            Some(&session.0.actor),
            Some(&slug),
            status.0.map(Into::into),
            limit.0,
            offset.0,
        )
        .await?;
        Ok(Json(email_page(page)))
    }

    /// Puts a failed e-mail of the city back in the queue (admins, platform admins).
    #[oai(
        path = "/cities/:slug/emails/:id/retry",
        method = "post",
        operation_id = "retryCityEmail"
    )]
    async fn retry_city_email(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Done> {
        staff::retry_email(&state, Some(&session.0.actor), Some(&slug), id.0).await?;
        Ok(Done::NoContent)
    }

    /// Every e-mail of the platform (platform admins).
    #[oai(
        path = "/platform/emails",
        method = "get",
        operation_id = "listPlatformEmails"
    )]
    async fn platform_emails(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
        status: Query<Option<EmailStatusDto>>,
        limit: Query<Option<u64>>,
        offset: Query<Option<u64>>,
    ) -> Result<Json<EmailPage>> {
        let page = staff::emails(
            &state,
            Some(&session.0.actor),
            None,
            status.0.map(Into::into),
            limit.0,
            offset.0,
        )
        .await?;
        Ok(Json(email_page(page)))
    }

    /// Puts any failed e-mail back in the queue (platform admins).
    #[oai(
        path = "/platform/emails/:id/retry",
        method = "post",
        operation_id = "retryPlatformEmail"
    )]
    async fn retry_platform_email(
        &self,
        state: Data<&AppState>,
        session: SessionCookie,
        id: Path<i64>,
    ) -> Result<Done> {
        staff::retry_email(&state, Some(&session.0.actor), None, id.0).await?;
        Ok(Done::NoContent)
    }
}
