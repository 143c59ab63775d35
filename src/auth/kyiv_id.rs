//! Kyiv ID: the OpenID Connect relying party. Every token check is the `openidconnect`
//! crate's (signature against the provider's keys, `iss`, `aud`, `exp`, `nonce`, allowed
//! algorithms); this module only wires it up: the provider's metadata (discovered, or built from
//! the configured endpoints when the provider publishes no discovery document; cached, and
//! its keys fetched again when they rotate), the authorization URL with PKCE S256, the code
//! exchange, userinfo, and Kyiv ID's GraphQL profile API.
//!
//! When the provider publishes no keys (`kyiv_id.endpoints.jwks = "none"`), an ID token's
//! signature cannot be checked, so nothing in it is trusted: the subject comes from userinfo,
//! fetched with the access token the token endpoint (which authenticated this client and
//! checked the PKCE verifier) just handed out.

use std::collections::HashMap;
use std::time::Duration;

use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreGenderClaim, CoreJsonWebKeySet,
    CoreJwsSigningAlgorithm, CoreProviderMetadata, CoreResponseType, CoreSubjectIdentifierType,
};
use openidconnect::{
    AccessToken, AdditionalClaims, AuthType, AuthUrl, AuthorizationCode, ClientId, ClientSecret,
    CsrfToken, EmptyAdditionalProviderMetadata, EndpointMaybeSet, EndpointNotSet, EndpointSet,
    IssuerUrl, JsonWebKeySetUrl, Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier,
    RedirectUrl, ResponseTypes, Scope, SubjectIdentifier, TokenResponse, TokenUrl, UserInfoClaims,
    UserInfoUrl, reqwest,
};
use serde::{Deserialize, Serialize};
use tokio::sync::RwLock;

use crate::config::{KyivIdClientAuth, KyivIdProfile, KyivIdSettings};

type Client = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// Claims beyond the standard ones, kept as they come (the claim map may name any of them).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct OtherClaims(HashMap<String, serde_json::Value>);

impl AdditionalClaims for OtherClaims {}

#[derive(Debug, thiserror::Error)]
pub enum OidcError {
    /// The provider could not be reached or answered nonsense: try again later.
    #[error("Kyiv ID unavailable: {0}")]
    Unavailable(String),
    /// The provider's answer failed a check: refuse the sign-in.
    #[error("Kyiv ID answer refused: {0}")]
    Rejected(String),
}

/// A sign-in just started: send the browser to `url`; keep the rest for the callback.
pub struct Authorization {
    pub url: String,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

/// What the provider says about the resident, as it came.
#[derive(Debug, Clone)]
pub enum ProviderProfile {
    /// Every claim of the (verified) ID token and of userinfo, merged.
    Claims(serde_json::Value),
    /// The GraphQL answer's `data.profile`, and the claims of the (verified) ID token (and of
    /// userinfo when it was asked) for what the profile API does not carry.
    Graphql {
        profile: serde_json::Value,
        claims: serde_json::Value,
    },
}

/// Who the provider says signed in, and their profile.
#[derive(Debug, Clone)]
pub struct Verified {
    pub issuer: String,
    pub subject: String,
    pub profile: ProviderProfile,
}

/// The profile query of Kyiv ID's GraphQL API, keyed by the resident's subject.
pub const GRAPHQL_PROFILE_QUERY: &str = "query Profile($id: ID!) {
  profile(id: $id) {
    name { lastName firstName middleName }
    birthday { date }
    gender
    phones { phoneNumber confirmed }
    emails { email confirmed }
    addresses { type settlementName district street house flat zipCode }
    passportInternal { series number }
  }
}";

/// The provider's endpoints when it publishes no discovery document.
struct Explicit {
    authorization: AuthUrl,
    token: TokenUrl,
    /// `None`: the provider publishes no keys (`"none"`), ID tokens are not trusted.
    jwks: Option<JsonWebKeySetUrl>,
    userinfo: Option<UserInfoUrl>,
}

pub struct KyivId {
    settings: KyivIdSettings,
    issuer: IssuerUrl,
    redirect: RedirectUrl,
    http: reqwest::Client,
    metadata: RwLock<Option<CoreProviderMetadata>>,
    /// `None`: discovery.
    explicit: Option<Explicit>,
    graphql: Option<reqwest::Url>,
}

impl std::fmt::Debug for KyivId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KyivId")
            .field("issuer", &self.settings.issuer)
            .finish_non_exhaustive()
    }
}

impl KyivId {
    /// `None` when Kyiv ID is not enabled.
    pub fn new(settings: &KyivIdSettings, public_url: &str) -> anyhow::Result<Option<KyivId>> {
        if !settings.enabled {
            return Ok(None);
        }
        let redirect = format!(
            "{}/api/v1/auth/kyiv-id/callback",
            public_url.trim_end_matches('/')
        );
        // Every call to the provider is bounded: when Kyiv ID is down or stops answering, the
        // resident gets the "unavailable" page after at most this long, not a hung request.
        let timeout = Duration::from_secs(settings.timeout_secs.max(1));
        let http = reqwest::Client::builder()
            // Following redirects would open the client to SSRF.
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(timeout)
            .timeout(timeout)
            .build()?;
        let issuer = IssuerUrl::new(settings.issuer.clone())
            .map_err(|e| anyhow::anyhow!("kyiv_id.issuer: {e}"))?;
        let explicit = if settings.discovery {
            None
        } else {
            Some(Self::explicit(settings)?)
        };
        let graphql = match settings.profile {
            KyivIdProfile::Claims => None,
            KyivIdProfile::Graphql => Some(
                reqwest::Url::parse(&settings.graphql_url)
                    .map_err(|e| anyhow::anyhow!("kyiv_id.graphql_url: {e}"))?,
            ),
        };
        Ok(Some(KyivId {
            issuer,
            redirect: RedirectUrl::new(redirect)?,
            settings: settings.clone(),
            http,
            metadata: RwLock::new(None),
            explicit,
            graphql,
        }))
    }

    /// The configured endpoints, checked: a mistake stops the server at start.
    fn explicit(settings: &KyivIdSettings) -> anyhow::Result<Explicit> {
        let endpoints = &settings.endpoints;
        let url = |key: &str, value: &str| {
            reqwest::Url::parse(value)
                .map_err(|e| anyhow::anyhow!("kyiv_id.endpoints.{key} ({value:?}): {e}"))
        };
        let jwks = match endpoints.jwks.trim() {
            "none" => None,
            value => Some(JsonWebKeySetUrl::from_url(
                reqwest::Url::parse(value).map_err(|e| {
                    anyhow::anyhow!(
                        "kyiv_id.endpoints.jwks ({value:?}): {e}; a URL, or \"none\" when the \
                         provider publishes no keys"
                    )
                })?,
            )),
        };
        let userinfo = match endpoints.userinfo.trim() {
            "" => None,
            value => Some(UserInfoUrl::from_url(url("userinfo", value)?)),
        };
        if jwks.is_none() && userinfo.is_none() {
            anyhow::bail!(
                "kyiv_id.endpoints.jwks = \"none\" needs kyiv_id.endpoints.userinfo: without the \
                 provider's keys the ID token is not trusted, so the subject comes from userinfo"
            );
        }
        Ok(Explicit {
            authorization: AuthUrl::from_url(url("authorization", &endpoints.authorization)?),
            token: TokenUrl::from_url(url("token", &endpoints.token)?),
            jwks,
            userinfo,
        })
    }

    /// Whether ID tokens are checked against the provider's keys (else they are ignored).
    fn trusts_id_tokens(&self) -> bool {
        self.explicit.as_ref().is_none_or(|e| e.jwks.is_some())
    }

    pub fn claim_map(&self) -> &crate::domain::kyiv_id::ClaimMap {
        &self.settings.claims
    }

    /// The provider's metadata, discovered once and again when `refresh` (its keys rotated).
    async fn metadata(&self, refresh: bool) -> Result<CoreProviderMetadata, OidcError> {
        if !refresh && let Some(metadata) = self.metadata.read().await.as_ref() {
            return Ok(metadata.clone());
        }
        let metadata = match &self.explicit {
            None => CoreProviderMetadata::discover_async(self.issuer.clone(), &self.http)
                .await
                .map_err(|e| OidcError::Unavailable(format!("discovery: {e}")))?,
            Some(explicit) => self.explicit_metadata(explicit).await?,
        };
        *self.metadata.write().await = Some(metadata.clone());
        Ok(metadata)
    }

    /// Metadata made by hand from the configured endpoints, with the provider's keys fetched
    /// (none when it publishes none).
    async fn explicit_metadata(
        &self,
        explicit: &Explicit,
    ) -> Result<CoreProviderMetadata, OidcError> {
        let keys = match &explicit.jwks {
            Some(url) => CoreJsonWebKeySet::fetch_async(url, &self.http)
                .await
                .map_err(|e| OidcError::Unavailable(format!("JWKS: {e}")))?,
            None => CoreJsonWebKeySet::new(Vec::new()),
        };
        // Without keys the URL is only a placeholder the metadata requires: nothing fetches it.
        let jwks_url = explicit
            .jwks
            .clone()
            .unwrap_or_else(|| JsonWebKeySetUrl::from_url(explicit.token.url().clone()));
        // Asymmetric signatures only: an HMAC "signed" with the client secret proves nothing.
        let algorithms = vec![
            CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
            CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha384,
            CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha512,
            CoreJwsSigningAlgorithm::RsaSsaPssSha256,
            CoreJwsSigningAlgorithm::RsaSsaPssSha384,
            CoreJwsSigningAlgorithm::RsaSsaPssSha512,
            CoreJwsSigningAlgorithm::EcdsaP256Sha256,
            CoreJwsSigningAlgorithm::EcdsaP384Sha384,
        ];
        Ok(CoreProviderMetadata::new(
            self.issuer.clone(),
            explicit.authorization.clone(),
            jwks_url,
            vec![ResponseTypes::new(vec![CoreResponseType::Code])],
            vec![CoreSubjectIdentifierType::Public],
            algorithms,
            EmptyAdditionalProviderMetadata {},
        )
        .set_token_endpoint(Some(explicit.token.clone()))
        .set_userinfo_endpoint(explicit.userinfo.clone())
        .set_jwks(keys))
    }

    fn client(&self, metadata: CoreProviderMetadata) -> Client {
        let client = CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(self.settings.client_id.clone()),
            Some(ClientSecret::new(self.settings.client_secret.clone())),
        )
        .set_redirect_uri(self.redirect.clone());
        match self.settings.client_auth {
            KyivIdClientAuth::Basic => client.set_auth_type(AuthType::BasicAuth),
            KyivIdClientAuth::Post => client.set_auth_type(AuthType::RequestBody),
        }
    }

    pub async fn authorization(&self) -> Result<Authorization, OidcError> {
        let client = self.client(self.metadata(false).await?);
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client.authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        );
        for scope in self.settings.scopes.iter().filter(|s| *s != "openid") {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        let (url, state, nonce) = request.set_pkce_challenge(challenge).url();
        Ok(Authorization {
            url: url.to_string(),
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
        })
    }

    /// Exchanges the code and checks the ID token; on a signature failure the provider's keys
    /// are fetched again once (they may have rotated) before the token is refused.
    pub async fn finish(
        &self,
        code: String,
        pkce_verifier: String,
        nonce: String,
    ) -> Result<Verified, OidcError> {
        let client = self.client(self.metadata(false).await?);
        let response = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|e| OidcError::Unavailable(format!("no token endpoint: {e}")))?
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier))
            .request_async(&self.http)
            .await
            .map_err(|e| match e {
                openidconnect::RequestTokenError::ServerResponse(r) => {
                    OidcError::Rejected(format!("token: {r}"))
                }
                // A malformed ID token fails to parse with the rest of the response.
                openidconnect::RequestTokenError::Parse(e, _) => {
                    OidcError::Rejected(format!("token response: {e}"))
                }
                other => OidcError::Unavailable(format!("token: {other}")),
            })?;
        let access_token = response.access_token().clone();

        // Who signed in: the verified ID token says so, and its claims are the profile's start.
        let mut from_id_token = None;
        if self.trusts_id_tokens() {
            let id_token = response
                .id_token()
                .ok_or_else(|| OidcError::Rejected("no ID token".into()))?;
            let nonce = Nonce::new(nonce);
            let claims = match id_token.claims(&client.id_token_verifier(), &nonce) {
                Ok(claims) => claims.clone(),
                Err(openidconnect::ClaimsVerificationError::SignatureVerification(first)) => {
                    let refreshed = self.client(self.metadata(true).await?);
                    id_token
                        .claims(&refreshed.id_token_verifier(), &nonce)
                        .map_err(|e| {
                            OidcError::Rejected(format!("ID token: {e} (first: {first})"))
                        })?
                        .clone()
                }
                Err(e) => return Err(OidcError::Rejected(format!("ID token: {e}"))),
            };
            from_id_token = Some(claims);
        }
        let subject = from_id_token.as_ref().map(|c| c.subject().clone());
        let mut all = match &from_id_token {
            Some(claims) => {
                serde_json::to_value(claims).map_err(|e| OidcError::Rejected(e.to_string()))?
            }
            None => serde_json::Value::Object(Default::default()),
        };

        // Userinfo: for the claims profile, and for the subject when the ID token is not trusted.
        let wants_userinfo = self.settings.profile == KyivIdProfile::Claims || subject.is_none();
        let mut subject = subject;
        if wants_userinfo
            && let Some(info) = self
                .userinfo(&client, access_token.clone(), subject.clone())
                .await?
        {
            subject.get_or_insert_with(|| info.subject().clone());
            if let (Some(all), Ok(serde_json::Value::Object(more))) =
                (all.as_object_mut(), serde_json::to_value(&info))
            {
                for (key, value) in more {
                    all.entry(key).or_insert(value);
                }
            }
        }
        let subject = subject.ok_or_else(|| {
            OidcError::Rejected("no subject: no trusted ID token nor userinfo".into())
        })?;
        let profile = match &self.graphql {
            None => ProviderProfile::Claims(all),
            Some(url) => ProviderProfile::Graphql {
                profile: self.graphql_profile(url, &access_token, &subject).await?,
                claims: all,
            },
        };
        Ok(Verified {
            issuer: self.issuer.to_string(),
            subject: subject.to_string(),
            profile,
        })
    }

    /// The userinfo claims, when the provider has a userinfo endpoint; with `expected` the
    /// subject must be that one.
    async fn userinfo(
        &self,
        client: &Client,
        access_token: AccessToken,
        expected: Option<SubjectIdentifier>,
    ) -> Result<Option<UserInfoClaims<OtherClaims, CoreGenderClaim>>, OidcError> {
        let Ok(request) = client.user_info(access_token, expected) else {
            return Ok(None);
        };
        let info = request
            .request_async(&self.http)
            .await
            .map_err(|e| match e {
                openidconnect::UserInfoError::ClaimsVerification(e) => {
                    OidcError::Rejected(format!("userinfo: {e}"))
                }
                other => OidcError::Unavailable(format!("userinfo: {other}")),
            })?;
        Ok(Some(info))
    }

    /// Kyiv ID's profile API: `profile(id: <subject>)` with the access token. Any failure
    /// (not 2xx, not JSON, GraphQL `errors`, no profile, a timeout) is "unavailable".
    async fn graphql_profile(
        &self,
        url: &reqwest::Url,
        access_token: &AccessToken,
        subject: &SubjectIdentifier,
    ) -> Result<serde_json::Value, OidcError> {
        let unavailable = |what: String| OidcError::Unavailable(format!("GraphQL profile: {what}"));
        let response = self
            .http
            .post(url.clone())
            .bearer_auth(access_token.secret())
            .header(reqwest::header::ACCEPT, "application/json")
            .json(&serde_json::json!({
                "query": GRAPHQL_PROFILE_QUERY,
                "variables": { "id": subject.as_str() },
            }))
            .send()
            .await
            .map_err(|e| unavailable(e.to_string()))?;
        let status = response.status();
        if !status.is_success() {
            return Err(unavailable(format!("HTTP {status}")));
        }
        let mut answer: serde_json::Value = response
            .json()
            .await
            .map_err(|e| unavailable(format!("answer: {e}")))?;
        if let Some(errors) = answer
            .get("errors")
            .filter(|e| !e.is_null() && e.as_array().is_none_or(|a| !a.is_empty()))
        {
            // The messages come from the provider; they go to the log, not to the resident.
            return Err(unavailable(format!("errors: {errors}")));
        }
        match answer
            .pointer_mut("/data/profile")
            .map(serde_json::Value::take)
        {
            Some(profile) if profile.is_object() => Ok(profile),
            _ => Err(unavailable("no profile in the answer".into())),
        }
    }
}
