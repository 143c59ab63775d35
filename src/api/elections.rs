//! Public budget commission (ГБК) elections: set-up, candidate applications, the two rounds'
//! votes, the results and the sitting commission.

use chrono::{DateTime, NaiveDate, Utc};
use poem::web::Data;
use poem::{Request, Result};
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::{Binary, Json};
use poem_openapi::{ApiResponse, Object, OpenApi};

use super::ApiTags;
use super::projects::{FileBytes, disposition};
use super::supporters::Photo;
use super::types::{Done, OrNull, request_lang};
use crate::app::elections::{
    self, ApplicationView, ElectionBallot, ElectionInput, ElectionView, PageInput,
};
use crate::auth::Auth;
use crate::domain::election::{Action, Phase, Round};
use crate::error::AppError;
use crate::state::AppState;

pub struct ElectionsApi;

#[derive(Debug, Object)]
pub struct ElectionStageIn {
    /// `applications`, `review`, `round1`, `round2` or `results`.
    pub stage: String,
    /// First day (city date).
    pub start: NaiveDate,
    /// Last day, included.
    pub end: NaiveDate,
}

#[derive(Debug, Object)]
pub struct ElectionIn {
    /// «Мінімальна кількість голосів для проходження в 2-й тур».
    pub min_votes_round2: i32,
    /// Votes each resident has in round 1.
    pub votes_round1: i32,
    /// Votes each candidate has in round 2.
    pub votes_round2: i32,
    /// The commission's size.
    pub seats: i32,
    /// Tie-breaks after round-2 votes, in order: `round1_votes`, `earlier_application`
    /// (default: both, in that order).
    #[oai(nullable)]
    pub tie_break: Option<Vec<String>>,
    /// Every stage, each starting the day after the previous one ends.
    pub stages: Vec<ElectionStageIn>,
}

#[derive(Debug, Object)]
pub struct ElectionStageOut {
    pub stage: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

#[derive(Debug, Object)]
pub struct ElectionTieOut {
    /// The tied candidates' applications.
    pub candidates: Vec<i64>,
    /// How many of them are to be elected.
    pub seats: u64,
}

#[derive(Debug, Object)]
pub struct ElectionOut {
    pub id: i64,
    pub session_id: i64,
    pub min_votes_round2: i32,
    pub votes_round1: i32,
    pub votes_round2: i32,
    pub seats: i32,
    pub tie_break: Vec<String>,
    pub stages: Vec<ElectionStageOut>,
    /// `before`, a stage code, or `after`.
    pub phase: String,
    #[oai(nullable)]
    pub round1_closed_at: Option<DateTime<Utc>>,
    #[oai(nullable)]
    pub round2_closed_at: Option<DateTime<Utc>>,
    /// A tie at the last seats awaiting a moderator (moderators and admins only).
    #[oai(nullable)]
    pub tie: Option<ElectionTieOut>,
}

fn phase_code(phase: Phase) -> String {
    match phase {
        Phase::Before => "before".to_owned(),
        Phase::In(stage) => stage.code().to_owned(),
        Phase::After => "after".to_owned(),
    }
}

fn election_out(v: ElectionView) -> ElectionOut {
    ElectionOut {
        id: v.election.id,
        session_id: v.election.budget_session_id,
        min_votes_round2: v.election.min_votes_round2,
        votes_round1: v.election.votes_round1,
        votes_round2: v.election.votes_round2,
        seats: v.election.seats,
        tie_break: v.tie_break.iter().map(|t| t.code().to_owned()).collect(),
        stages: v
            .stages
            .iter()
            .map(|s| ElectionStageOut {
                stage: s.stage.code().to_owned(),
                start: s.start,
                end: s.end,
            })
            .collect(),
        phase: phase_code(v.phase),
        round1_closed_at: v.election.round1_closed_at,
        round2_closed_at: v.election.round2_closed_at,
        tie: v.tie.map(|t| ElectionTieOut {
            candidates: t.candidates,
            seats: t.seats as u64,
        }),
    }
}

#[derive(Debug, Object)]
pub struct CandidacyDocumentOut {
    pub id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub url: String,
}

/// A candidate application. Everyone sees the public fields of published candidates; the
/// candidate and the city's staff see the whole form.
#[derive(Debug, Object)]
pub struct CandidacyOut {
    pub id: i64,
    pub election_id: i64,
    /// `draft`, `on_moderation` («На модерації»), `deleted` («Видалена»), `rejected`
    /// («Відхилена»), `round1` («Учасник 1-го туру»), `round2` («Учасник 2-го туру»),
    /// `not_advanced` («Не пройшов до 2-го туру»), `elected` («Член ГБК»), `not_elected`
    /// («Не обраний»).
    pub status: String,
    /// Last name, first name and patronymic.
    pub name: String,
    #[oai(nullable)]
    pub motivation: Option<String>,
    #[oai(nullable)]
    pub experience: Option<String>,
    #[oai(nullable)]
    pub organization: Option<String>,
    /// The last page of the form saved (0–3).
    #[oai(nullable)]
    pub page: Option<i32>,
    #[oai(nullable)]
    pub consent_personal_data: Option<bool>,
    #[oai(nullable)]
    pub consent_rules: Option<bool>,
    /// The moderator's latest comment.
    #[oai(nullable)]
    pub moderator_comment: Option<String>,
    #[oai(nullable)]
    pub submitted_at: Option<DateTime<Utc>>,
    /// Seconds since the last change (for the moderation queue).
    #[oai(nullable)]
    pub waiting_seconds: Option<i64>,
    #[oai(nullable)]
    pub round1_votes: Option<i64>,
    #[oai(nullable)]
    pub round2_votes: Option<i64>,
    pub documents: Vec<CandidacyDocumentOut>,
    /// Where the candidate's profile photo is, if they have one.
    #[oai(nullable)]
    pub photo_url: Option<String>,
    /// The candidate's personal data from the profile (the candidate and staff only).
    #[oai(nullable)]
    pub personal: Option<CandidacyPersonalOut>,
}

/// Page 1 of the form: the candidate's personal data as the profile holds it.
#[derive(Debug, Object)]
pub struct CandidacyPersonalOut {
    #[oai(nullable)]
    pub birth_date: Option<NaiveDate>,
    #[oai(nullable)]
    pub phone: Option<String>,
    #[oai(nullable)]
    pub email: Option<String>,
    #[oai(nullable)]
    pub registration_address: Option<String>,
    #[oai(nullable)]
    pub residence_address: Option<String>,
}

fn application_out(slug: &str, v: ApplicationView, now: DateTime<Utc>) -> CandidacyOut {
    let a = v.application;
    let full = v.full;
    let documents = v
        .documents
        .into_iter()
        .map(|d| CandidacyDocumentOut {
            url: format!(
                "/api/v1/cities/{slug}/elections/{}/applications/{}/documents/{}",
                a.election_id, a.id, d.id
            ),
            id: d.id,
            file_name: d.file_name,
            content_type: d.content_type,
            size_bytes: d.size_bytes,
        })
        .collect();
    let photo_url = v.has_photo.then(|| {
        format!(
            "/api/v1/cities/{slug}/elections/{}/applications/{}/photo",
            a.election_id, a.id
        )
    });
    let personal = v.candidate.filter(|_| full).map(|u| CandidacyPersonalOut {
        birth_date: u.birth_date,
        phone: u.phone,
        email: u.email,
        registration_address: u.registration_address,
        residence_address: u.residence_address,
    });
    CandidacyOut {
        id: a.id,
        election_id: a.election_id,
        status: a.status,
        name: v.name,
        motivation: a.motivation,
        experience: a.experience,
        organization: a.organization,
        page: full.then_some(a.page),
        consent_personal_data: full.then_some(a.consent_personal_data),
        consent_rules: full.then_some(a.consent_rules),
        moderator_comment: if full { a.moderator_comment } else { None },
        submitted_at: a.submitted_at,
        waiting_seconds: full.then(|| (now - a.updated_at).num_seconds().max(0)),
        round1_votes: None,
        round2_votes: None,
        documents,
        photo_url,
        personal,
    }
}

#[derive(Debug, Object)]
pub struct CandidacyAboutIn {
    pub motivation: String,
    /// Experience in civic work.
    #[oai(nullable)]
    pub experience: Option<String>,
    /// The organization the candidate represents, if any.
    #[oai(nullable)]
    pub organization: Option<String>,
}

#[derive(Debug, Object)]
pub struct CandidacyConsentsIn {
    /// Consent to the processing of personal data.
    pub personal_data: bool,
    /// Agreement with the election's regulation.
    pub rules: bool,
}

#[derive(Debug, Object)]
pub struct CandidacyStatusIn {
    /// `submit`, `resubmit` (the candidate); `delete`, `reject` (with a comment), `admit`
    /// (moderators).
    pub action: String,
    #[oai(nullable)]
    pub comment: Option<String>,
}

#[derive(Debug, Object)]
pub struct CandidateVoteIn {
    /// The candidate's application.
    pub candidate: i64,
}

#[derive(Debug, Object)]
pub struct ElectionBallotOut {
    /// `round1` or `round2`.
    pub round: String,
    pub limit: i32,
    pub cast: i32,
    pub remaining: i32,
    pub candidates: Vec<i64>,
}

fn ballot_out(b: ElectionBallot) -> ElectionBallotOut {
    ElectionBallotOut {
        round: b.round.code().to_owned(),
        limit: b.limit,
        cast: b.cast,
        remaining: (b.limit - b.cast).max(0),
        candidates: b.candidates,
    }
}

#[derive(Debug, Object)]
pub struct CandidateStandingOut {
    pub application_id: i64,
    pub name: String,
    pub status: String,
    pub round1_votes: i64,
    /// Once round 2 has closed.
    #[oai(nullable)]
    pub round2_votes: Option<i64>,
}

#[derive(Debug, Object)]
pub struct ElectionTieDecisionIn {
    /// Exactly as many of the tied candidates as there are seats left.
    pub elected: Vec<i64>,
    /// Why (e.g. the lot drawn at the commission's meeting).
    #[oai(nullable)]
    pub comment: Option<String>,
}

#[derive(Debug, Object)]
pub struct CommissionOut {
    pub election_id: i64,
    #[oai(nullable)]
    pub elected_at: Option<DateTime<Utc>>,
    pub members: Vec<CandidacyOut>,
}

#[derive(Debug, Object)]
pub struct CandidacyHistoryOut {
    #[oai(nullable)]
    pub from: Option<String>,
    pub to: String,
    #[oai(nullable)]
    pub comment: Option<String>,
    pub at: DateTime<Utc>,
}

#[derive(ApiResponse)]
pub enum CandidacyCreated {
    #[oai(status = 201)]
    Created(Json<CandidacyOut>),
}

#[derive(ApiResponse)]
pub enum CandidacyDocumentCreated {
    #[oai(status = 201)]
    Created(Json<CandidacyDocumentOut>),
}

#[OpenApi(tag = "ApiTags::Elections")]
impl ElectionsApi {
    /// Sets up or changes, until it starts, the commission election of a budget session
    /// (admins; the city must allow elections).
    #[oai(
        path = "/cities/:slug/sessions/:id/election",
        method = "put",
        operation_id = "configureElection"
    )]
    async fn configure(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
        body: Json<ElectionIn>,
    ) -> Result<Json<ElectionOut>> {
        let b = body.0;
        let input = ElectionInput {
            min_votes_round2: b.min_votes_round2,
            votes_round1: b.votes_round1,
            votes_round2: b.votes_round2,
            seats: b.seats,
            tie_break: b.tie_break,
            stages: b
                .stages
                .into_iter()
                .map(|s| (s.stage, s.start, s.end))
                .collect(),
        };
        let view = elections::configure(&state, auth.actor(), &slug, id.0, input).await?;
        Ok(Json(election_out(view)))
    }

    /// The commission election of a budget session.
    #[oai(
        path = "/cities/:slug/sessions/:id/election",
        method = "get",
        operation_id = "sessionElection"
    )]
    async fn of_session(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Json<ElectionOut>> {
        let view = elections::of_session(&state, auth.actor(), &slug, id.0).await?;
        Ok(Json(election_out(view)))
    }

    /// A commission election.
    #[oai(
        path = "/cities/:slug/elections/:election",
        method = "get",
        operation_id = "getElection"
    )]
    async fn get(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        election: Path<i64>,
    ) -> Result<Json<ElectionOut>> {
        let view = elections::get(&state, auth.actor(), &slug, election.0).await?;
        Ok(Json(election_out(view)))
    }

    /// Starts the signed-in resident's candidate application (a draft) while applications
    /// are open.
    #[oai(
        path = "/cities/:slug/elections/:election/applications",
        method = "post",
        operation_id = "applyForCommission"
    )]
    async fn apply(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        election: Path<i64>,
    ) -> Result<CandidacyCreated> {
        let view = elections::apply(&state, auth.actor(), &slug, election.0).await?;
        Ok(CandidacyCreated::Created(Json(application_out(
            &slug,
            view,
            state.clock.now(),
        ))))
    }

    /// The published candidates (round participants and results) for everyone; with
    /// `status`, moderators see any status (`on_moderation` is the queue, longest waiting
    /// first).
    #[oai(
        path = "/cities/:slug/elections/:election/applications",
        method = "get",
        operation_id = "listCandidates"
    )]
    async fn list(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        election: Path<i64>,
        status: Query<Option<String>>,
    ) -> Result<Json<Vec<CandidacyOut>>> {
        let views =
            elections::list(&state, auth.actor(), &slug, election.0, status.0.as_deref()).await?;
        let now = state.clock.now();
        Ok(Json(
            views
                .into_iter()
                .map(|v| application_out(&slug, v, now))
                .collect(),
        ))
    }

    /// The signed-in resident's own application.
    #[oai(
        path = "/cities/:slug/elections/:election/applications/mine",
        method = "get",
        operation_id = "myCandidacy"
    )]
    async fn mine(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        election: Path<i64>,
    ) -> Result<Json<CandidacyOut>> {
        let view = elections::mine(&state, auth.actor(), &slug, election.0).await?;
        Ok(Json(application_out(&slug, view, state.clock.now())))
    }

    /// One application, as the caller may see it.
    #[oai(
        path = "/cities/:slug/elections/:election/applications/:id",
        method = "get",
        operation_id = "getCandidacy"
    )]
    async fn application(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        election: Path<i64>,
        id: Path<i64>,
    ) -> Result<Json<CandidacyOut>> {
        let view = elections::application(&state, auth.actor(), &slug, election.0, id.0).await?;
        Ok(Json(application_out(&slug, view, state.clock.now())))
    }

    /// Page 1 of the form: personal data, taken from the profile, which must have every field
    /// the session requires (the problem names the missing ones).
    #[oai(
        path = "/cities/:slug/elections/:election/applications/:id/personal",
        method = "put",
        operation_id = "saveCandidacyPersonal"
    )]
    async fn personal(
        &self,
        req: &Request,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        election: Path<i64>,
        id: Path<i64>,
    ) -> Result<Json<CandidacyOut>> {
        let view = elections::save_page(
            &state,
            auth.actor(),
            &slug,
            election.0,
            id.0,
            PageInput::Personal,
            request_lang(req),
        )
        .await?;
        Ok(Json(application_out(&slug, view, state.clock.now())))
    }

    /// Page 2 of the form: motivation, experience in civic work, organization.
    #[oai(
        path = "/cities/:slug/elections/:election/applications/:id/about",
        method = "put",
        operation_id = "saveCandidacyAbout"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn about(
        &self,
        req: &Request,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        election: Path<i64>,
        id: Path<i64>,
        body: Json<CandidacyAboutIn>,
    ) -> Result<Json<CandidacyOut>> {
        let b = body.0;
        let view = elections::save_page(
            &state,
            auth.actor(),
            &slug,
            election.0,
            id.0,
            PageInput::About {
                motivation: b.motivation,
                experience: b.experience,
                organization: b.organization,
            },
            request_lang(req),
        )
        .await?;
        Ok(Json(application_out(&slug, view, state.clock.now())))
    }

    /// Page 3 of the form: consents (documents are attached separately).
    #[oai(
        path = "/cities/:slug/elections/:election/applications/:id/consents",
        method = "put",
        operation_id = "saveCandidacyConsents"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn consents(
        &self,
        req: &Request,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        election: Path<i64>,
        id: Path<i64>,
        body: Json<CandidacyConsentsIn>,
    ) -> Result<Json<CandidacyOut>> {
        let view = elections::save_page(
            &state,
            auth.actor(),
            &slug,
            election.0,
            id.0,
            PageInput::Consents {
                personal_data: body.0.personal_data,
                rules: body.0.rules,
            },
            request_lang(req),
        )
        .await?;
        Ok(Json(application_out(&slug, view, state.clock.now())))
    }

    /// Attaches a document (PDF, JPEG or PNG, checked by content) to the candidate's
    /// editable application.
    #[oai(
        path = "/cities/:slug/elections/:election/applications/:id/documents",
        method = "post",
        operation_id = "attachCandidacyDocument"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn attach(
        &self,
        req: &Request,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        election: Path<i64>,
        id: Path<i64>,
        /// The file's name as the uploader knows it.
        name: Query<Option<String>>,
        body: Binary<Vec<u8>>,
    ) -> Result<CandidacyDocumentCreated> {
        let doc = elections::attach(
            &state,
            auth.actor(),
            &slug,
            election.0,
            id.0,
            body.0,
            super::declared_type(req),
            name.0.as_deref(),
        )
        .await?;
        Ok(CandidacyDocumentCreated::Created(Json(
            CandidacyDocumentOut {
                url: format!(
                    "/api/v1/cities/{}/elections/{}/applications/{}/documents/{}",
                    slug.0, election.0, id.0, doc.id
                ),
                id: doc.id,
                file_name: doc.file_name,
                content_type: doc.content_type,
                size_bytes: doc.size_bytes,
            },
        )))
    }

    /// A document of an application (its candidate and the city's staff).
    #[oai(
        path = "/cities/:slug/elections/:election/applications/:id/documents/:document",
        method = "get",
        operation_id = "getCandidacyDocument"
    )]
    async fn document(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        election: Path<i64>,
        id: Path<i64>,
        document: Path<i64>,
    ) -> Result<FileBytes> {
        let (doc, bytes) =
            elections::document(&state, auth.actor(), &slug, election.0, id.0, document.0).await?;
        Ok(FileBytes::Ok(
            Binary(bytes),
            doc.content_type,
            disposition(&doc.file_name),
            format!("\"{}\"", doc.storage_key),
            "private, no-store".to_owned(),
            "nosniff".to_owned(),
            "sandbox".to_owned(),
        ))
    }

    /// A candidate's profile photo (published candidates: everyone; others: the candidate and
    /// staff).
    #[oai(
        path = "/cities/:slug/elections/:election/applications/:id/photo",
        method = "get",
        operation_id = "candidatePhoto"
    )]
    async fn photo(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        election: Path<i64>,
        id: Path<i64>,
    ) -> Result<Photo> {
        let (content_type, bytes) =
            elections::photo(&state, auth.actor(), &slug, election.0, id.0).await?;
        Ok(Photo::Ok(
            Binary(bytes),
            content_type,
            "private, max-age=300".to_owned(),
        ))
    }

    /// Removes a document from the candidate's editable application.
    #[oai(
        path = "/cities/:slug/elections/:election/applications/:id/documents/:document",
        method = "delete",
        operation_id = "deleteCandidacyDocument"
    )]
    async fn detach(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        election: Path<i64>,
        id: Path<i64>,
        document: Path<i64>,
    ) -> Result<Done> {
        elections::detach(&state, auth.actor(), &slug, election.0, id.0, document.0).await?;
        Ok(Done::NoContent)
    }

    /// A step of the application's status: the candidate submits or resubmits; moderators
    /// delete, reject (with a comment saying what to fix) or admit to round 1.
    #[oai(
        path = "/cities/:slug/elections/:election/applications/:id/status",
        method = "post",
        operation_id = "changeCandidacyStatus"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn status(
        &self,
        req: &Request,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        election: Path<i64>,
        id: Path<i64>,
        body: Json<CandidacyStatusIn>,
    ) -> Result<Json<CandidacyOut>> {
        let action = Action::from_code(&body.0.action)
            .ok_or_else(|| AppError::invalid("action-unknown", "action"))?;
        let view = elections::change_status(
            &state,
            auth.actor(),
            &slug,
            election.0,
            id.0,
            action,
            body.0.comment,
            request_lang(req),
        )
        .await?;
        Ok(Json(application_out(&slug, view, state.clock.now())))
    }

    /// The application's status history (its candidate and the city's staff).
    #[oai(
        path = "/cities/:slug/elections/:election/applications/:id/history",
        method = "get",
        operation_id = "candidacyHistory"
    )]
    async fn history(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        election: Path<i64>,
        id: Path<i64>,
    ) -> Result<Json<Vec<CandidacyHistoryOut>>> {
        let rows = elections::history(&state, auth.actor(), &slug, election.0, id.0).await?;
        Ok(Json(
            rows.into_iter()
                .map(|h| CandidacyHistoryOut {
                    from: h.from_status,
                    to: h.to_status,
                    comment: h.comment,
                    at: h.created_at,
                })
                .collect(),
        ))
    }

    /// Votes for a candidate in the current round: in round 1 every eligible resident for
    /// round-1 participants; in round 2 the round-2 participants for one another.
    #[oai(
        path = "/cities/:slug/elections/:election/votes",
        method = "post",
        operation_id = "voteForCandidate"
    )]
    async fn vote(
        &self,
        req: &Request,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        election: Path<i64>,
        body: Json<CandidateVoteIn>,
    ) -> Result<Json<ElectionBallotOut>> {
        let ballot = elections::vote(
            &state,
            auth.actor(),
            &slug,
            election.0,
            body.0.candidate,
            request_lang(req),
        )
        .await?;
        Ok(Json(ballot_out(ballot)))
    }

    /// The signed-in resident's ballot in the current round.
    #[oai(
        path = "/cities/:slug/elections/:election/votes/mine",
        method = "get",
        operation_id = "myElectionBallot"
    )]
    async fn my_ballot(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        election: Path<i64>,
    ) -> Result<Json<ElectionBallotOut>> {
        let ballot = elections::my_ballot(&state, auth.actor(), &slug, election.0).await?;
        Ok(Json(ballot_out(ballot)))
    }

    /// Each candidate's votes once round 1 has closed (and round 2's once it has).
    #[oai(
        path = "/cities/:slug/elections/:election/results",
        method = "get",
        operation_id = "electionResults"
    )]
    async fn results(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        election: Path<i64>,
    ) -> Result<Json<Vec<CandidateStandingOut>>> {
        let rows = elections::standings(&state, auth.actor(), &slug, election.0).await?;
        Ok(Json(
            rows.into_iter()
                .map(|s| CandidateStandingOut {
                    application_id: s.application_id,
                    name: s.name,
                    status: s.status.code().to_owned(),
                    round1_votes: s.round1_votes,
                    round2_votes: s.round2_votes,
                })
                .collect(),
        ))
    }

    /// Decides a tie left at the last seats (moderators): exactly as many of the tied
    /// candidates as there are seats left are elected, with a comment saying how.
    #[oai(
        path = "/cities/:slug/elections/:election/tie",
        method = "post",
        operation_id = "decideElectionTie"
    )]
    async fn decide_tie(
        &self,
        state: Data<&AppState>,
        auth: Data<&Auth>,
        slug: Path<String>,
        election: Path<i64>,
        body: Json<ElectionTieDecisionIn>,
    ) -> Result<Json<ElectionOut>> {
        let view = elections::resolve_tie(
            &state,
            auth.actor(),
            &slug,
            election.0,
            body.0.elected,
            body.0.comment,
        )
        .await?;
        Ok(Json(election_out(view)))
    }

    /// The city's public budget commission: the members elected in its latest election, who
    /// serve until the next election's results. `null` before the first.
    #[oai(
        path = "/cities/:slug/commission",
        method = "get",
        operation_id = "cityCommission"
    )]
    async fn commission(
        &self,
        state: Data<&AppState>,
        slug: Path<String>,
    ) -> Result<Json<OrNull<CommissionOut>>> {
        let now = state.clock.now();
        let found = elections::commission(&state, &slug).await?;
        Ok(Json(OrNull(found.map(|(e, members)| {
            CommissionOut {
                election_id: e.id,
                elected_at: elections::closed_at(&e, Round::Two),
                members: members
                    .into_iter()
                    .map(|m| application_out(&slug, m, now))
                    .collect(),
            }
        }))))
    }
}
