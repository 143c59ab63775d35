//! The public budget commission's (ГБК) say over results: when a city has an elected
//! commission, computed results are published only after a majority of its members approves
//! the winners list by recorded votes.

/// Where the members' recorded votes on a winners list stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Neither side has a majority of the members yet.
    Pending,
    /// More than half of the members approve.
    Approved,
    /// Half of the members or more refuse: approval can no longer reach a majority.
    Refused,
}

impl Decision {
    pub fn code(self) -> &'static str {
        match self {
            Decision::Pending => "pending",
            Decision::Approved => "approved",
            Decision::Refused => "refused",
        }
    }
}

/// The decision of `members` members of whom `approvals` approve and `refusals` refuse (each
/// member has one recorded vote; the caller counts members' votes only).
pub fn decide(members: usize, approvals: usize, refusals: usize) -> Decision {
    if members == 0 {
        return Decision::Pending;
    }
    if approvals * 2 > members {
        Decision::Approved
    } else if refusals * 2 >= members {
        Decision::Refused
    } else {
        Decision::Pending
    }
}

/// Why results may not be published yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PublishRefusal {
    #[error("the commission has not approved the winners list")]
    NotApproved,
}

/// Whether results may be published: always without a commission (a moderator publishes, as
/// before), with one only once its members approved.
pub fn may_publish(members: usize, decision: Decision) -> Result<(), PublishRefusal> {
    if members == 0 || decision == Decision::Approved {
        Ok(())
    } else {
        Err(PublishRefusal::NotApproved)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_majority_of_members_decides() {
        assert_eq!(decide(0, 0, 0), Decision::Pending);
        // Seven members: four approve; four refuse.
        assert_eq!(decide(7, 3, 0), Decision::Pending);
        assert_eq!(decide(7, 4, 0), Decision::Approved);
        assert_eq!(decide(7, 4, 3), Decision::Approved);
        assert_eq!(decide(7, 3, 3), Decision::Pending);
        assert_eq!(decide(7, 0, 4), Decision::Refused);
        // Four members: three approve; two refusals already make approval impossible.
        assert_eq!(decide(4, 2, 0), Decision::Pending);
        assert_eq!(decide(4, 3, 1), Decision::Approved);
        assert_eq!(decide(4, 2, 2), Decision::Refused);
        assert_eq!(decide(1, 1, 0), Decision::Approved);
        assert_eq!(decide(1, 0, 1), Decision::Refused);
    }

    #[test]
    fn every_count_is_consistent() {
        for members in 0..12 {
            for approvals in 0..=members {
                for refusals in 0..=(members - approvals) {
                    let d = decide(members, approvals, refusals);
                    // Never both: a majority approving leaves less than half to refuse.
                    assert_eq!(
                        d == Decision::Approved,
                        members > 0 && approvals * 2 > members
                    );
                    if d == Decision::Refused {
                        assert!((members - refusals) * 2 <= members, "approval impossible");
                    }
                    if d == Decision::Pending && members > 0 {
                        assert!(approvals * 2 <= members && refusals * 2 < members);
                    }
                }
            }
        }
    }

    #[test]
    fn publishing_needs_the_commission_only_where_there_is_one() {
        assert_eq!(may_publish(0, Decision::Pending), Ok(()));
        assert_eq!(may_publish(5, Decision::Approved), Ok(()));
        for d in [Decision::Pending, Decision::Refused] {
            assert_eq!(may_publish(5, d), Err(PublishRefusal::NotApproved));
        }
    }
}
