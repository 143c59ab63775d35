//! Participation and implementation figures: age groups, turnout, delivery on time and the
//! district rating built from it.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rust_decimal::Decimal;

/// Voters' age groups, by age on the given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AgeGroup {
    Under18,
    From18To29,
    From30To44,
    From45To59,
    From60,
    /// No birth date on record (some paper ballots).
    Unknown,
}

impl AgeGroup {
    pub const ALL: [AgeGroup; 6] = [
        AgeGroup::Under18,
        AgeGroup::From18To29,
        AgeGroup::From30To44,
        AgeGroup::From45To59,
        AgeGroup::From60,
        AgeGroup::Unknown,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AgeGroup::Under18 => "under_18",
            AgeGroup::From18To29 => "18_29",
            AgeGroup::From30To44 => "30_44",
            AgeGroup::From45To59 => "45_59",
            AgeGroup::From60 => "60_plus",
            AgeGroup::Unknown => "unknown",
        }
    }

    /// The group of someone born on `birth`, on `day`.
    pub fn of(birth: Option<NaiveDate>, day: NaiveDate) -> AgeGroup {
        let Some(birth) = birth else {
            return AgeGroup::Unknown;
        };
        let mut age = day.year() - birth.year();
        if (day.month(), day.day()) < (birth.month(), birth.day()) {
            age -= 1;
        }
        match age {
            i32::MIN..=17 => AgeGroup::Under18,
            18..=29 => AgeGroup::From18To29,
            30..=44 => AgeGroup::From30To44,
            45..=59 => AgeGroup::From45To59,
            _ => AgeGroup::From60,
        }
    }
}

/// `part` of `whole` as a share from 0 to 1, rounded to four places; `None` for an empty whole.
pub fn share(part: u64, whole: u64) -> Option<Decimal> {
    (whole > 0).then(|| {
        (Decimal::from(part) / Decimal::from(whole))
            .round_dp(4)
            .normalize()
    })
}

/// Whether a project implemented at `done` was on time for `deadline` (none: always).
pub fn on_time(done: DateTime<Utc>, deadline: Option<DateTime<Utc>>) -> bool {
    deadline.is_none_or(|deadline| done <= deadline)
}

/// A winning project's delivery, for the rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delivery {
    pub district: Option<i64>,
    pub implemented: bool,
    pub on_time: bool,
}

/// One district's line of the rating.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rating {
    /// `None`: citywide projects.
    pub district: Option<i64>,
    pub winners: u64,
    pub implemented: u64,
    pub on_time: u64,
    /// Winners implemented on time, of all winners.
    pub on_time_share: Decimal,
}

/// Districts ranked by the share of their winning projects implemented on time; then by more
/// winners; then by district id, so equal districts keep a stable order.
pub fn rating(deliveries: &[Delivery]) -> Vec<Rating> {
    let mut by_district = std::collections::BTreeMap::<Option<i64>, (u64, u64, u64)>::new();
    for d in deliveries {
        let row = by_district.entry(d.district).or_default();
        row.0 += 1;
        row.1 += u64::from(d.implemented);
        row.2 += u64::from(d.implemented && d.on_time);
    }
    let mut rows: Vec<Rating> = by_district
        .into_iter()
        .map(|(district, (winners, implemented, on_time))| Rating {
            district,
            winners,
            implemented,
            on_time,
            on_time_share: share(on_time, winners).unwrap_or_default(),
        })
        .collect();
    rows.sort_by(|a, b| {
        b.on_time_share
            .cmp(&a.on_time_share)
            .then(b.winners.cmp(&a.winners))
            .then(a.district.cmp(&b.district))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn age_groups_turn_on_birthdays() {
        let day = date("2026-11-23");
        assert_eq!(
            AgeGroup::of(Some(date("2008-11-24")), day),
            AgeGroup::Under18
        );
        assert_eq!(
            AgeGroup::of(Some(date("2008-11-23")), day),
            AgeGroup::From18To29
        );
        assert_eq!(
            AgeGroup::of(Some(date("1996-11-24")), day),
            AgeGroup::From18To29
        );
        assert_eq!(
            AgeGroup::of(Some(date("1996-11-23")), day),
            AgeGroup::From30To44
        );
        assert_eq!(
            AgeGroup::of(Some(date("1981-11-23")), day),
            AgeGroup::From45To59
        );
        assert_eq!(
            AgeGroup::of(Some(date("1966-11-23")), day),
            AgeGroup::From60
        );
        assert_eq!(AgeGroup::of(None, day), AgeGroup::Unknown);
        let codes: std::collections::HashSet<_> = AgeGroup::ALL.iter().map(|g| g.code()).collect();
        assert_eq!(codes.len(), AgeGroup::ALL.len());
    }

    #[test]
    fn shares_are_exact_to_four_places() {
        assert_eq!(share(1, 3), Some(dec!(0.3333)));
        assert_eq!(share(2, 2), Some(dec!(1)));
        assert_eq!(share(0, 5), Some(dec!(0)));
        assert_eq!(share(3, 0), None);
    }

    #[test]
    fn on_time_means_by_the_deadline() {
        let deadline: DateTime<Utc> = "2027-12-31T22:00:00Z".parse().unwrap();
        assert!(on_time(
            "2027-12-31T22:00:00Z".parse().unwrap(),
            Some(deadline)
        ));
        assert!(!on_time(
            "2028-01-01T00:00:00Z".parse().unwrap(),
            Some(deadline)
        ));
        assert!(on_time("2030-01-01T00:00:00Z".parse().unwrap(), None));
    }

    #[test]
    fn districts_rank_by_delivery_on_time() {
        let d = |district, implemented, on_time| Delivery {
            district,
            implemented,
            on_time,
        };
        let rows = rating(&[
            d(Some(1), true, true),
            d(Some(1), true, false),
            d(Some(2), true, true),
            d(Some(3), false, false),
            d(Some(3), false, false),
            d(None, true, true),
            d(None, true, true),
        ]);
        let order: Vec<(Option<i64>, Decimal)> =
            rows.iter().map(|r| (r.district, r.on_time_share)).collect();
        assert_eq!(
            order,
            [
                (None, dec!(1)),
                (Some(2), dec!(1)),
                (Some(1), dec!(0.5)),
                (Some(3), dec!(0)),
            ]
        );
        assert_eq!(rows[2].implemented, 2);
        assert_eq!(rows[2].on_time, 1);
        // Input order does not matter.
        let mut reversed = vec![
            d(None, true, true),
            d(None, true, true),
            d(Some(3), false, false),
            d(Some(3), false, false),
            d(Some(2), true, true),
            d(Some(1), true, false),
            d(Some(1), true, true),
        ];
        assert_eq!(rating(&reversed), rows);
        reversed.clear();
        assert!(rating(&reversed).is_empty());
    }
}
