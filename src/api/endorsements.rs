//! Endorsements («збір підписів підтримки»): a resident endorses a published project during
//! the session's endorsement stage, or takes the endorsement back.

use poem::Result;
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use super::ApiTags;
use crate::app::endorsements::{self, Tally};
use crate::auth::Auth;
use crate::state::AppState;

pub struct EndorsementsApi;

/// A project's endorsements after the caller's endorsement or withdrawal.
#[derive(Debug, Object)]
pub struct EndorsementOut {
    pub endorsements: i64,
    /// The endorsements its pot requires for admission (0: none).
    pub min_endorsements: i32,
    /// Whether the caller has endorsed it now.
    pub endorsed: bool,
}

impl From<Tally> for EndorsementOut {
    fn from(t: Tally) -> Self {
        EndorsementOut {
            endorsements: t.endorsements,
            min_endorsements: t.minimum,
            endorsed: t.endorsed.unwrap_or(false),
        }
    }
}

#[OpenApi(tag = "ApiTags::Projects")]
impl EndorsementsApi {
    /// Endorses a project (a signed-in resident, not its author; a project on moderation,
    /// returned for revision or admitted; during the session's endorsement stage; as old as
    /// the session's minimum voter age when the profile has a birth date). One endorsement per
    /// resident per project. Refusals: `endorsement-no-stage`, `endorsement-not-open`,
    /// `endorsement-closed`, `endorsement-own-project`, `endorsement-not-endorsable`,
    /// `endorsement-too-young`, `endorsement-exists`.
    #[oai(
        path = "/cities/:slug/projects/:id/endorsement",
        method = "post",
        operation_id = "endorseProject"
    )]
    async fn endorse(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Json<EndorsementOut>> {
        let tally = endorsements::endorse(&state, auth.actor(), &slug, id.0).await?;
        Ok(Json(tally.into()))
    }

    /// Takes the caller's endorsement back while the endorsement stage lasts
    /// (`endorsement-not-found` when there is none).
    #[oai(
        path = "/cities/:slug/projects/:id/endorsement",
        method = "delete",
        operation_id = "withdrawEndorsement"
    )]
    async fn withdraw(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Json<EndorsementOut>> {
        let tally = endorsements::withdraw(&state, auth.actor(), &slug, id.0).await?;
        Ok(Json(tally.into()))
    }
}
