//! Who may do what. Deny by default: an action is allowed only where a rule below says so.

/// Staff roles, granted per city. Every registered user is a resident without one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CityRole {
    Moderator,
    Admin,
    /// Read-only view of everything in the city, the audit log included (city leadership).
    Observer,
    /// A city department that reviews the projects of the categories assigned to it
    /// («експертиза»); nothing else.
    Expert,
}

/// The signed-in person as far as permissions go.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Actor {
    pub user_id: i64,
    pub platform_admin: bool,
    /// (city id, role) pairs.
    pub roles: Vec<(i64, CityRole)>,
}

impl Actor {
    pub fn has(&self, city_id: i64, role: CityRole) -> bool {
        self.roles.contains(&(city_id, role))
    }
}

/// Everything a person can ask the platform to do that needs a permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Read or change one's own account.
    OwnAccount,
    CreateCity,
    /// Delete a city or change its slug.
    DeleteCity,
    /// Names, contacts, time zone.
    UpdateCity,
    /// The «Інші налаштування» tab: commission elections, map tiles and view.
    ViewCitySettings,
    UpdateCitySettings,
    /// Logo, stage hints, translations, static pages.
    EditContent,
    /// Unpublished pages and the list of translation overrides.
    ViewContentDrafts,
    /// Districts and categories.
    ManageDirectories,
    /// Budget sessions: stages, pots, parameters.
    ManageSessions,
    ViewStaff,
    GrantRole(CityRole),
    RevokeRole(CityRole),
    ViewAudit,
    ViewEmails,
    RetryEmail,
    /// Platform-wide views: e-mails and audit rows of every city and of none.
    ViewPlatform,
    RetryPlatformEmail,
    /// The projects' moderation queue, to look at (observers too); who may change a project's
    /// status is the status machine's business (`domain::project`).
    ViewProjectQueue,
    /// API keys of the city property system (ІАС «Майно»).
    ManageApiKeys,
    /// «Сервіси геокодування»: providers, priorities, their API keys.
    ManageGeocoding,
    /// Paper ballots from service centres (ЦНАП): one by one or imported.
    EnterPaperVotes,
    /// Compute, review and publish a session's results.
    ManageResults,
    /// Results before they are published, statistics at any time, import reports.
    ViewVotingData,
    /// Commission candidates' applications: the queue, their statuses, a tie at the last seat.
    ModerateCandidates,
    /// The expert's queue and conclusions (which projects: the expert's categories, see
    /// `domain::expertise`).
    ReviewProjects,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    #[error("sign in first")]
    NotSignedIn,
    #[error("not allowed")]
    Forbidden,
}

/// Whether `actor` may take `action` in the city `city_id` (for city-scoped actions).
pub fn authorize(
    actor: Option<&Actor>,
    action: Action,
    city_id: Option<i64>,
) -> Result<(), Denied> {
    let actor = actor.ok_or(Denied::NotSignedIn)?;
    let in_city = |role| city_id.is_some_and(|city| actor.has(city, role));
    let allowed = match action {
        Action::OwnAccount => true,
        Action::CreateCity | Action::ViewPlatform | Action::RetryPlatformEmail => {
            actor.platform_admin
        }
        Action::DeleteCity => actor.platform_admin && city_id.is_some(),
        Action::UpdateCity
        | Action::UpdateCitySettings
        | Action::ManageDirectories
        | Action::ManageSessions => {
            actor.platform_admin && city_id.is_some() || in_city(CityRole::Admin)
        }
        Action::EnterPaperVotes | Action::ManageResults | Action::ModerateCandidates => {
            actor.platform_admin && city_id.is_some()
                || in_city(CityRole::Admin)
                || in_city(CityRole::Moderator)
        }
        Action::ManageApiKeys | Action::ManageGeocoding => {
            actor.platform_admin && city_id.is_some() || in_city(CityRole::Admin)
        }
        Action::EditContent => {
            actor.platform_admin && city_id.is_some()
                || in_city(CityRole::Admin)
                || in_city(CityRole::Moderator)
        }
        Action::ViewContentDrafts | Action::ViewVotingData | Action::ViewProjectQueue => {
            actor.platform_admin && city_id.is_some()
                || in_city(CityRole::Admin)
                || in_city(CityRole::Moderator)
                || in_city(CityRole::Observer)
        }
        // City admins are granted and revoked by platform admins only.
        Action::GrantRole(CityRole::Admin) | Action::RevokeRole(CityRole::Admin) => {
            actor.platform_admin && city_id.is_some()
        }
        Action::GrantRole(_) | Action::RevokeRole(_) | Action::RetryEmail => {
            actor.platform_admin && city_id.is_some() || in_city(CityRole::Admin)
        }
        // Experts only: a department's professional conclusion, not a moderator's or admin's.
        Action::ReviewProjects => in_city(CityRole::Expert),
        Action::ViewStaff | Action::ViewAudit | Action::ViewEmails | Action::ViewCitySettings => {
            actor.platform_admin && city_id.is_some()
                || in_city(CityRole::Admin)
                || in_city(CityRole::Observer)
        }
    };
    if allowed {
        Ok(())
    } else {
        Err(Denied::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CITY: i64 = 1;
    const OTHER: i64 = 2;

    fn actor(platform_admin: bool, roles: &[(i64, CityRole)]) -> Actor {
        Actor {
            user_id: 7,
            platform_admin,
            roles: roles.to_vec(),
        }
    }

    /// Every action × every kind of person, in CITY.
    #[test]
    fn the_whole_table() {
        use Action::*;
        use CityRole::*;
        let resident = actor(false, &[]);
        let moderator = actor(false, &[(CITY, Moderator)]);
        let other_moderator = actor(false, &[(OTHER, Moderator)]);
        let admin = actor(false, &[(CITY, Admin)]);
        let other_admin = actor(false, &[(OTHER, Admin)]);
        let observer = actor(false, &[(CITY, Observer)]);
        let platform = actor(true, &[]);
        let people: [(&str, Option<&Actor>); 8] = [
            ("anonymous", None),
            ("resident", Some(&resident)),
            ("moderator", Some(&moderator)),
            ("other moderator", Some(&other_moderator)),
            ("admin", Some(&admin)),
            ("other admin", Some(&other_admin)),
            ("observer", Some(&observer)),
            ("platform admin", Some(&platform)),
        ];
        // Expected: which of the eight may (anonymous is always NotSignedIn).
        let table: [(Action, [bool; 8]); 28] = [
            (
                ManageGeocoding,
                [false, false, false, false, true, false, false, true],
            ),
            (
                ViewProjectQueue,
                [false, false, true, false, true, false, true, true],
            ),
            (
                EnterPaperVotes,
                [false, false, true, false, true, false, false, true],
            ),
            (
                ManageResults,
                [false, false, true, false, true, false, false, true],
            ),
            (
                ViewVotingData,
                [false, false, true, false, true, false, true, true],
            ),
            (
                ManageApiKeys,
                [false, false, false, false, true, false, false, true],
            ),
            (
                DeleteCity,
                [false, false, false, false, false, false, false, true],
            ),
            (
                UpdateCity,
                [false, false, false, false, true, false, false, true],
            ),
            (
                UpdateCitySettings,
                [false, false, false, false, true, false, false, true],
            ),
            (
                ManageDirectories,
                [false, false, false, false, true, false, false, true],
            ),
            (
                ManageSessions,
                [false, false, false, false, true, false, false, true],
            ),
            (
                ViewCitySettings,
                [false, false, false, false, true, false, true, true],
            ),
            (
                EditContent,
                [false, false, true, false, true, false, false, true],
            ),
            (
                ViewContentDrafts,
                [false, false, true, false, true, false, true, true],
            ),
            (
                OwnAccount,
                [false, true, true, true, true, true, true, true],
            ),
            (
                CreateCity,
                [false, false, false, false, false, false, false, true],
            ),
            (
                ViewPlatform,
                [false, false, false, false, false, false, false, true],
            ),
            (
                RetryPlatformEmail,
                [false, false, false, false, false, false, false, true],
            ),
            (
                GrantRole(Admin),
                [false, false, false, false, false, false, false, true],
            ),
            (
                RevokeRole(Admin),
                [false, false, false, false, false, false, false, true],
            ),
            (
                GrantRole(Moderator),
                [false, false, false, false, true, false, false, true],
            ),
            (
                GrantRole(Observer),
                [false, false, false, false, true, false, false, true],
            ),
            (
                RevokeRole(Moderator),
                [false, false, false, false, true, false, false, true],
            ),
            (
                RevokeRole(Observer),
                [false, false, false, false, true, false, false, true],
            ),
            (
                RetryEmail,
                [false, false, false, false, true, false, false, true],
            ),
            (
                ViewStaff,
                [false, false, false, false, true, false, true, true],
            ),
            (
                ViewAudit,
                [false, false, false, false, true, false, true, true],
            ),
            (
                ViewEmails,
                [false, false, false, false, true, false, true, true],
            ),
        ];
        for (action, expected) in table {
            for ((who, person), allowed) in people.iter().zip(expected) {
                let result = authorize(*person, action, Some(CITY));
                let want = match (person, allowed) {
                    (None, _) => Err(Denied::NotSignedIn),
                    (_, true) => Ok(()),
                    (_, false) => Err(Denied::Forbidden),
                };
                assert_eq!(result, want, "{who} × {action:?}");
            }
        }
    }

    /// The expert role and the actions it brings, apart from the table above: an expert does
    /// nothing in the city but review; granting it is an admin's, like the other staff roles.
    #[test]
    fn experts() {
        use Action::*;
        use CityRole::*;
        let expert = actor(false, &[(CITY, Expert)]);
        let other_expert = actor(false, &[(OTHER, Expert)]);
        let admin = actor(false, &[(CITY, Admin)]);
        let moderator = actor(false, &[(CITY, Moderator)]);
        let observer = actor(false, &[(CITY, Observer)]);
        let platform = actor(true, &[]);
        assert_eq!(authorize(Some(&expert), ReviewProjects, Some(CITY)), Ok(()));
        for other in [&other_expert, &admin, &moderator, &observer, &platform] {
            assert_eq!(
                authorize(Some(other), ReviewProjects, Some(CITY)),
                Err(Denied::Forbidden),
                "{other:?}"
            );
        }
        assert_eq!(
            authorize(None, ReviewProjects, Some(CITY)),
            Err(Denied::NotSignedIn)
        );
        let everything_else = [
            CreateCity,
            DeleteCity,
            UpdateCity,
            ViewCitySettings,
            UpdateCitySettings,
            EditContent,
            ViewContentDrafts,
            ManageDirectories,
            ManageSessions,
            ViewStaff,
            GrantRole(Expert),
            RevokeRole(Expert),
            GrantRole(Moderator),
            ViewAudit,
            ViewEmails,
            RetryEmail,
            ViewPlatform,
            RetryPlatformEmail,
            ViewProjectQueue,
            ManageApiKeys,
            ManageGeocoding,
            EnterPaperVotes,
            ManageResults,
            ViewVotingData,
            ModerateCandidates,
        ];
        for action in everything_else {
            assert_eq!(
                authorize(Some(&expert), action, Some(CITY)),
                Err(Denied::Forbidden),
                "{action:?}"
            );
        }
        assert_eq!(authorize(Some(&expert), OwnAccount, Some(CITY)), Ok(()));
        for action in [GrantRole(Expert), RevokeRole(Expert)] {
            assert_eq!(authorize(Some(&admin), action, Some(CITY)), Ok(()));
            assert_eq!(authorize(Some(&platform), action, Some(CITY)), Ok(()));
            assert_eq!(
                authorize(Some(&moderator), action, Some(CITY)),
                Err(Denied::Forbidden)
            );
        }
    }

    #[test]
    fn city_actions_need_a_city() {
        let platform = actor(true, &[]);
        assert_eq!(
            authorize(Some(&platform), Action::ViewAudit, None),
            Err(Denied::Forbidden)
        );
        assert_eq!(
            authorize(Some(&platform), Action::GrantRole(CityRole::Admin), None),
            Err(Denied::Forbidden)
        );
        assert_eq!(authorize(Some(&platform), Action::CreateCity, None), Ok(()));
    }
}
