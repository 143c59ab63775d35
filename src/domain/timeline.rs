//! A budget session's timeline: its stages, their calendar dates in the city's time zone, and
//! the phase the session is in at a given instant.
//!
//! Stage dates are local calendar dates, both inclusive. A stage is open from 00:00 local time
//! on its start date until 00:00 local time of the day after its end date (exclusive). The
//! current stage is always derived from the clock, never stored.

use std::fmt;

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// The kinds of stage, declared in the order a session runs through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StageKind {
    Submission,
    /// Optional: residents endorse published projects («збір підписів підтримки»).
    Endorsement,
    Review,
    Voting,
    Results,
    Implementation,
}

impl StageKind {
    /// Every kind, in the order a session runs through them.
    pub const ORDER: [StageKind; 6] = [
        StageKind::Submission,
        StageKind::Endorsement,
        StageKind::Review,
        StageKind::Voting,
        StageKind::Results,
        StageKind::Implementation,
    ];

    /// A stable lowercase code, e.g. `"submission"`.
    pub fn code(self) -> &'static str {
        match self {
            StageKind::Submission => "submission",
            StageKind::Endorsement => "endorsement",
            StageKind::Review => "review",
            StageKind::Voting => "voting",
            StageKind::Results => "results",
            StageKind::Implementation => "implementation",
        }
    }

    /// The kind with this exact code, if any.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ORDER.into_iter().find(|kind| kind.code() == code)
    }

    /// Whether every session must have this stage (all but endorsement and implementation).
    pub fn is_required(self) -> bool {
        !matches!(self, StageKind::Endorsement | StageKind::Implementation)
    }

    fn position(self) -> usize {
        self as usize
    }
}

impl fmt::Display for StageKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One stage's local calendar dates, both inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageDates {
    pub kind: StageKind,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimelineError {
    #[error("a session needs stages")]
    Empty,
    #[error("the {kind} stage ends before it starts")]
    Reversed { kind: StageKind },
    #[error("the {kind} stage is out of order or repeated")]
    OutOfOrder { kind: StageKind },
    #[error("gap after the {after} stage: the next stage should start on {expected}, not {found}")]
    Gap {
        after: StageKind,
        expected: NaiveDate,
        found: NaiveDate,
    },
    #[error(
        "overlap after the {after} stage: the next stage should start on {expected}, not {found}"
    )]
    Overlap {
        after: StageKind,
        expected: NaiveDate,
        found: NaiveDate,
    },
    #[error("the {kind} stage is missing")]
    MissingStage { kind: StageKind },
    #[error("the {kind} stage has already opened; its dates cannot change")]
    StartedStageChanged { kind: StageKind },
}

/// Checks a session's stages: required kinds present, in [`StageKind::ORDER`], each not reversed,
/// each next one starting exactly the day after the previous one ends.
///
/// Checks run as: order and duplicates, required kinds, reversed stages, then each joint between
/// neighbours; the first failure is returned.
pub fn validate(stages: &[StageDates]) -> Result<(), TimelineError> {
    let (first, _) = stages.split_first().ok_or(TimelineError::Empty)?;

    let mut previous = first.kind;
    for stage in &stages[1..] {
        if stage.kind.position() <= previous.position() {
            return Err(TimelineError::OutOfOrder { kind: stage.kind });
        }
        previous = stage.kind;
    }

    if let Some(kind) = StageKind::ORDER
        .into_iter()
        .find(|kind| kind.is_required() && !stages.iter().any(|stage| stage.kind == *kind))
    {
        return Err(TimelineError::MissingStage { kind });
    }

    if let Some(stage) = stages.iter().find(|stage| stage.end < stage.start) {
        return Err(TimelineError::Reversed { kind: stage.kind });
    }

    for pair in stages.windows(2) {
        let (before, next) = (&pair[0], &pair[1]);
        // Only `NaiveDate::MAX` has no successor; any next start then overlaps.
        let expected = before.end.succ_opt().unwrap_or(before.end);
        if next.start <= before.end {
            return Err(TimelineError::Overlap {
                after: before.kind,
                expected,
                found: next.start,
            });
        }
        if next.start != expected {
            return Err(TimelineError::Gap {
                after: before.kind,
                expected,
                found: next.start,
            });
        }
    }

    Ok(())
}

/// The instant a local date begins in `tz` (00:00 local; if 00:00 does not exist because of a DST
/// jump, the first instant of that date that exists; if ambiguous, the earlier).
pub fn start_of_day(date: NaiveDate, tz: Tz) -> DateTime<Utc> {
    let midnight = date.and_time(NaiveTime::MIN);
    match tz.from_local_datetime(&midnight) {
        LocalResult::Single(at) => at.with_timezone(&Utc),
        LocalResult::Ambiguous(earlier, _) => earlier.with_timezone(&Utc),
        LocalResult::None => first_instant_at_or_after(midnight, tz),
    }
}

/// The first whole second whose local time in `tz` is at or after `local`. Used when `local`
/// falls in a DST gap, where that second is the transition itself.
fn first_instant_at_or_after(local: NaiveDateTime, tz: Tz) -> DateTime<Utc> {
    let reaches = |seconds: i64| {
        DateTime::from_timestamp(seconds, 0)
            .is_none_or(|at| at.with_timezone(&tz).naive_local() >= local)
    };
    // UTC offsets stay within ±18 hours, so the answer lies in this range.
    let naive_seconds = local.and_utc().timestamp();
    let mut low = naive_seconds - 18 * 3600; // local time is still before `local`
    let mut high = naive_seconds + 18 * 3600; // local time has reached `local`
    while high - low > 1 {
        let middle = low + (high - low) / 2;
        if reaches(middle) {
            high = middle;
        } else {
            low = middle;
        }
    }
    DateTime::from_timestamp(high, 0).unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// [opens, closes) of a stage in UTC.
pub fn window(stage: &StageDates, tz: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
    let opens = start_of_day(stage.start, tz);
    let closes = match stage.end.succ_opt() {
        Some(next_day) => start_of_day(next_day, tz),
        None => DateTime::<Utc>::MAX_UTC,
    };
    (opens, closes)
}

/// Where a session is at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    NotStarted {
        opens_at: DateTime<Utc>,
    },
    Stage {
        kind: StageKind,
        closes_at: DateTime<Utc>,
    },
    Finished,
}

/// Where the session is at `now`: before its first stage, in a stage (with when it closes), or
/// after the last.
///
/// `stages` should pass [`validate`]. Otherwise the answer is still defined: the first stage (in
/// slice order) open at `now`; else `NotStarted` with the earliest later opening; else
/// `Finished` (also for no stages).
pub fn phase(stages: &[StageDates], tz: Tz, now: DateTime<Utc>) -> Phase {
    let mut next_opening: Option<DateTime<Utc>> = None;
    for stage in stages {
        let (opens, closes) = window(stage, tz);
        if opens <= now && now < closes {
            return Phase::Stage {
                kind: stage.kind,
                closes_at: closes,
            };
        }
        if now < opens && next_opening.is_none_or(|earliest| opens < earliest) {
            next_opening = Some(opens);
        }
    }
    match next_opening {
        Some(opens_at) => Phase::NotStarted { opens_at },
        None => Phase::Finished,
    }
}

/// Parses an IANA zone name (e.g. "Europe/Kyiv"; also accept the legacy "Europe/Kiev").
pub fn parse_time_zone(name: &str) -> Option<Tz> {
    match name.parse().ok()? {
        // The legacy spelling names the same zone; store the current one.
        Tz::Europe__Kiev => Some(Tz::Europe__Kyiv),
        tz => Some(tz),
    }
}

/// What may change once a session has begun (its first stage opened): only stage hints, and the
/// dates of stages that have not opened yet (the whole timeline must still validate and the
/// stages already opened must keep their dates). Pots, votes per resident, ages, results rule,
/// registration methods and required fields are fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Stage hints shown to residents.
    Hints,
    /// Pots, votes per resident, ages, results rule, registration methods, required fields.
    Parameters,
    /// Stage dates; once started, also subject to [`check_reschedule`].
    StageDates,
}

/// Whether a kind of change is allowed, given whether the session has started. Stage dates stay
/// changeable, but a started session's new dates must pass [`check_reschedule`].
pub fn may_change(change: Change, started: bool) -> bool {
    match change {
        Change::Hints | Change::StageDates => true,
        Change::Parameters => !started,
    }
}

/// For a started session: `Ok` if `new` keeps the dates of every stage whose window has opened by
/// `now` and otherwise passes [`validate`]; else `StartedStageChanged { kind }` or the error from
/// [`validate`].
///
/// Strict: an opened stage keeps both its start and its end, even the current one (so the
/// running stage cannot be extended or cut short), and it may not be removed. A stage that
/// `new` would open by `now` must likewise already be open, with the same dates, in `old`.
/// Opened stages are checked before `validate(new)`.
pub fn check_reschedule(
    old: &[StageDates],
    new: &[StageDates],
    tz: Tz,
    now: DateTime<Utc>,
) -> Result<(), TimelineError> {
    let opened = |stage: &&StageDates| window(stage, tz).0 <= now;
    for stage in old.iter().filter(opened) {
        if !new.contains(stage) {
            return Err(TimelineError::StartedStageChanged { kind: stage.kind });
        }
    }
    for stage in new.iter().filter(opened) {
        if !old.iter().filter(opened).any(|kept| kept == stage) {
            return Err(TimelineError::StartedStageChanged { kind: stage.kind });
        }
    }
    validate(new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use StageKind::*;
    use chrono::Duration;

    /// Name, new stages, now, expected outcome.
    type RescheduleCase = (
        &'static str,
        Vec<StageDates>,
        DateTime<Utc>,
        Result<(), TimelineError>,
    );

    fn date(text: &str) -> NaiveDate {
        text.parse().expect("test date")
    }

    fn utc(text: &str) -> DateTime<Utc> {
        text.parse().expect("test instant")
    }

    fn kyiv() -> Tz {
        chrono_tz::Europe::Kyiv
    }

    fn stage(kind: StageKind, start: &str, end: &str) -> StageDates {
        StageDates {
            kind,
            start: date(start),
            end: date(end),
        }
    }

    /// The good Kyiv-like timeline.
    fn good() -> Vec<StageDates> {
        vec![
            stage(Submission, "2027-01-10", "2027-02-28"),
            stage(Review, "2027-03-01", "2027-03-31"),
            stage(Voting, "2027-04-01", "2027-04-30"),
            stage(Results, "2027-05-01", "2027-05-15"),
            stage(Implementation, "2027-05-16", "2027-12-31"),
        ]
    }

    fn local(tz: Tz, text: &str) -> DateTime<Utc> {
        let naive: NaiveDateTime = text.parse().expect("test local time");
        tz.from_local_datetime(&naive)
            .single()
            .expect("unambiguous local time")
            .with_timezone(&Utc)
    }

    // --- StageKind ---

    #[test]
    fn codes_round_trip_in_order() {
        let codes: Vec<_> = StageKind::ORDER.iter().map(|kind| kind.code()).collect();
        assert_eq!(
            codes,
            [
                "submission",
                "endorsement",
                "review",
                "voting",
                "results",
                "implementation"
            ]
        );
        for kind in StageKind::ORDER {
            assert_eq!(StageKind::from_code(kind.code()), Some(kind));
            assert_eq!(kind.to_string(), kind.code());
        }
        for bad in ["", "Voting", "vote", " voting", "implementation "] {
            assert_eq!(StageKind::from_code(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn order_matches_ord_and_required() {
        let mut sorted = StageKind::ORDER;
        sorted.sort();
        assert_eq!(sorted, StageKind::ORDER);
        let required: Vec<_> = StageKind::ORDER
            .into_iter()
            .filter(|kind| kind.is_required())
            .collect();
        assert_eq!(required, [Submission, Review, Voting, Results]);
    }

    // --- validate ---

    #[test]
    fn validate_accepts_good_timelines() {
        let without_implementation = good()[..4].to_vec();
        let one_day_stages = vec![
            stage(Submission, "2027-01-10", "2027-01-10"),
            stage(Review, "2027-01-11", "2027-01-11"),
            stage(Voting, "2027-01-12", "2027-01-12"),
            stage(Results, "2027-01-13", "2027-01-13"),
            stage(Implementation, "2027-01-14", "2027-01-14"),
        ];
        let across_year_end = vec![
            stage(Submission, "2027-12-01", "2027-12-31"),
            stage(Review, "2028-01-01", "2028-02-28"),
            stage(Voting, "2028-02-29", "2028-02-29"),
            stage(Results, "2028-03-01", "2028-03-02"),
        ];
        for (name, stages) in [
            ("kyiv-like", good()),
            ("without implementation", without_implementation),
            ("one-day stages", one_day_stages),
            ("across year end and leap day", across_year_end),
        ] {
            assert_eq!(validate(&stages), Ok(()), "{name}");
        }
    }

    #[test]
    fn validate_rejects_bad_timelines() {
        let with = |edit: &dyn Fn(&mut Vec<StageDates>)| {
            let mut stages = good();
            edit(&mut stages);
            stages
        };
        let cases: Vec<(&str, Vec<StageDates>, TimelineError)> = vec![
            ("empty", vec![], TimelineError::Empty),
            (
                "reversed",
                with(&|s| s[1].end = date("2027-02-27")),
                TimelineError::Reversed { kind: Review },
            ),
            (
                "reversed last",
                with(&|s| s[4].end = date("2027-05-15")),
                TimelineError::Reversed {
                    kind: Implementation,
                },
            ),
            (
                "swapped kinds",
                with(&|s| {
                    s[1].kind = Voting;
                    s[2].kind = Review;
                }),
                TimelineError::OutOfOrder { kind: Review },
            ),
            (
                "duplicate kind",
                with(&|s| s[2].kind = Review),
                TimelineError::OutOfOrder { kind: Review },
            ),
            (
                "implementation first",
                with(&|s| s[0].kind = Implementation),
                TimelineError::OutOfOrder { kind: Review },
            ),
            (
                "gap",
                with(&|s| s[2].start = date("2027-04-02")),
                TimelineError::Gap {
                    after: Review,
                    expected: date("2027-04-01"),
                    found: date("2027-04-02"),
                },
            ),
            (
                "overlap by one day",
                with(&|s| s[2].start = date("2027-03-31")),
                TimelineError::Overlap {
                    after: Review,
                    expected: date("2027-04-01"),
                    found: date("2027-03-31"),
                },
            ),
            (
                "next starts before previous starts",
                with(&|s| s[4].start = date("2027-01-01")),
                TimelineError::Overlap {
                    after: Results,
                    expected: date("2027-05-16"),
                    found: date("2027-01-01"),
                },
            ),
            (
                "missing review",
                with(&|s| {
                    s.remove(1);
                }),
                TimelineError::MissingStage { kind: Review },
            ),
            (
                "missing submission",
                with(&|s| {
                    s.remove(0);
                }),
                TimelineError::MissingStage { kind: Submission },
            ),
            (
                "missing results",
                with(&|s| {
                    s.remove(3);
                }),
                TimelineError::MissingStage { kind: Results },
            ),
            (
                "only implementation",
                with(&|s| {
                    s.drain(..4);
                }),
                TimelineError::MissingStage { kind: Submission },
            ),
        ];
        for (name, stages, expected) in cases {
            assert_eq!(validate(&stages), Err(expected), "{name}");
        }
    }

    /// The optional endorsement stage sits between submission and review, and only there.
    #[test]
    fn the_endorsement_stage_is_optional_and_between_submission_and_review() {
        let with_endorsement = vec![
            stage(Submission, "2027-01-10", "2027-02-28"),
            stage(Endorsement, "2027-03-01", "2027-03-14"),
            stage(Review, "2027-03-15", "2027-03-31"),
            stage(Voting, "2027-04-01", "2027-04-30"),
            stage(Results, "2027-05-01", "2027-05-15"),
        ];
        assert_eq!(validate(&with_endorsement), Ok(()));
        assert_eq!(validate(&good()), Ok(()), "without it, as before");
        let mut before_submission = with_endorsement.clone();
        before_submission.swap(0, 1);
        assert_eq!(
            validate(&before_submission),
            Err(TimelineError::OutOfOrder { kind: Submission })
        );
        let after_review = vec![
            stage(Submission, "2027-01-10", "2027-02-28"),
            stage(Review, "2027-03-01", "2027-03-14"),
            stage(Endorsement, "2027-03-15", "2027-03-31"),
            stage(Voting, "2027-04-01", "2027-04-30"),
            stage(Results, "2027-05-01", "2027-05-15"),
        ];
        assert_eq!(
            validate(&after_review),
            Err(TimelineError::OutOfOrder { kind: Endorsement })
        );
        let at = local(kyiv(), "2027-03-05T12:00:00");
        assert!(matches!(
            phase(&with_endorsement, kyiv(), at),
            Phase::Stage {
                kind: Endorsement,
                ..
            }
        ));
    }

    #[test]
    fn validate_survives_the_last_date() {
        let stages = vec![
            stage(Submission, "2027-01-10", "2027-01-10"),
            stage(Review, "2027-01-11", "2027-01-11"),
            stage(Voting, "2027-01-12", "2027-01-12"),
            StageDates {
                kind: Results,
                start: date("2027-01-13"),
                end: NaiveDate::MAX,
            },
        ];
        assert_eq!(validate(&stages), Ok(()));
        let mut more = stages.clone();
        more.push(StageDates {
            kind: Implementation,
            start: NaiveDate::MAX,
            end: NaiveDate::MAX,
        });
        assert!(matches!(
            validate(&more),
            Err(TimelineError::Overlap { after: Results, .. })
        ));
        assert_eq!(window(&stages[3], kyiv()).1, DateTime::<Utc>::MAX_UTC);
    }

    #[test]
    fn errors_read_well() {
        assert_eq!(
            TimelineError::Gap {
                after: Review,
                expected: date("2027-04-01"),
                found: date("2027-04-02"),
            }
            .to_string(),
            "gap after the review stage: the next stage should start on 2027-04-01, not 2027-04-02"
        );
        assert_eq!(
            TimelineError::StartedStageChanged { kind: Voting }.to_string(),
            "the voting stage has already opened; its dates cannot change"
        );
    }

    // --- start_of_day and window ---

    #[test]
    fn start_of_day_in_kyiv() {
        let cases = [
            ("2027-01-10", "2027-01-09T22:00:00Z"), // winter, +02:00
            ("2027-03-27", "2027-03-26T22:00:00Z"),
            ("2027-03-28", "2027-03-27T22:00:00Z"), // DST starts at 03:00 this day
            ("2027-03-29", "2027-03-28T21:00:00Z"), // summer, +03:00
            ("2027-07-01", "2027-06-30T21:00:00Z"),
            ("2027-10-31", "2027-10-30T21:00:00Z"), // DST ends at 04:00 this day
            ("2027-11-01", "2027-10-31T22:00:00Z"),
        ];
        for (day, expected) in cases {
            assert_eq!(start_of_day(date(day), kyiv()), utc(expected), "{day}");
        }
    }

    #[test]
    fn start_of_day_in_utc() {
        assert_eq!(
            start_of_day(date("2027-03-28"), chrono_tz::UTC),
            utc("2027-03-28T00:00:00Z")
        );
    }

    #[test]
    fn start_of_day_when_midnight_is_skipped() {
        // Midnight does not exist on these dates: clocks jump from 00:00 to 01:00.
        let cases = [
            (
                chrono_tz::America::Santiago,
                "2027-09-05",
                "2027-09-05T04:00:00Z",
            ),
            (
                chrono_tz::America::Havana,
                "2027-03-14",
                "2027-03-14T05:00:00Z",
            ),
            (
                chrono_tz::Asia::Beirut,
                "2027-03-28",
                "2027-03-27T22:00:00Z",
            ),
        ];
        for (tz, day, expected) in cases {
            let midnight = date(day).and_time(NaiveTime::MIN);
            assert_eq!(
                tz.from_local_datetime(&midnight),
                LocalResult::None,
                "{tz} {day}"
            );
            let start = start_of_day(date(day), tz);
            assert_eq!(start, utc(expected), "{tz} {day}");
            let local_start = start.with_timezone(&tz);
            assert_eq!(local_start.date_naive(), date(day));
            assert_eq!(local_start.format("%H:%M:%S").to_string(), "01:00:00");
            // One second earlier is still the previous date.
            let before = (start - Duration::seconds(1)).with_timezone(&tz);
            assert_eq!(before.date_naive(), date(day).pred_opt().unwrap());
        }
        // The skipped day is 23 hours long.
        let santiago = chrono_tz::America::Santiago;
        let day = stage(Submission, "2027-09-05", "2027-09-05");
        let (opens, closes) = window(&day, santiago);
        assert_eq!(closes - opens, Duration::hours(23));
    }

    #[test]
    fn start_of_day_when_midnight_is_ambiguous() {
        // Havana falls back from 01:00 CDT to 00:00 CST: 00:00 happens twice; take the earlier.
        let havana = chrono_tz::America::Havana;
        let midnight = date("2027-11-07").and_time(NaiveTime::MIN);
        assert!(matches!(
            havana.from_local_datetime(&midnight),
            LocalResult::Ambiguous(..)
        ));
        assert_eq!(
            start_of_day(date("2027-11-07"), havana),
            utc("2027-11-07T04:00:00Z")
        );
        let day = stage(Submission, "2027-11-07", "2027-11-07");
        let (opens, closes) = window(&day, havana);
        assert_eq!(closes - opens, Duration::hours(25));
    }

    #[test]
    fn windows_around_kyiv_dst() {
        let cases = [
            // (start, end, opens, closes, length in hours)
            (
                "2027-03-01",
                "2027-03-27",
                "2027-02-28T22:00:00Z",
                "2027-03-27T22:00:00Z",
                27 * 24,
            ),
            (
                "2027-03-01",
                "2027-03-28",
                "2027-02-28T22:00:00Z",
                "2027-03-28T21:00:00Z",
                28 * 24 - 1,
            ),
            (
                "2027-03-28",
                "2027-03-28",
                "2027-03-27T22:00:00Z",
                "2027-03-28T21:00:00Z",
                23,
            ),
            (
                "2027-10-31",
                "2027-10-31",
                "2027-10-30T21:00:00Z",
                "2027-10-31T22:00:00Z",
                25,
            ),
            (
                "2027-05-16",
                "2027-12-31",
                "2027-05-15T21:00:00Z",
                "2027-12-31T22:00:00Z",
                230 * 24 + 1,
            ),
        ];
        for (start, end, opens, closes, hours) in cases {
            let (o, c) = window(&stage(Review, start, end), kyiv());
            assert_eq!((o, c), (utc(opens), utc(closes)), "{start}..{end}");
            assert_eq!(c - o, Duration::hours(hours), "{start}..{end}");
        }
    }

    #[test]
    fn windows_of_a_valid_timeline_touch() {
        let stages = good();
        for pair in stages.windows(2) {
            assert_eq!(window(&pair[0], kyiv()).1, window(&pair[1], kyiv()).0);
        }
    }

    // --- phase ---

    #[test]
    fn phase_across_midnight_in_summer_and_winter() {
        let summer = good();
        let winter = vec![
            stage(Submission, "2027-10-01", "2027-11-15"),
            stage(Review, "2027-11-16", "2027-11-30"),
            stage(Voting, "2027-12-01", "2027-12-31"),
            stage(Results, "2028-01-01", "2028-01-15"),
        ];
        let cases = [
            // Summer (+03:00): voting ends 2027-04-30.
            (
                &summer,
                "2027-04-30T20:59:59Z",
                Voting,
                "2027-04-30T21:00:00Z",
            ),
            (
                &summer,
                "2027-04-30T21:00:00Z",
                Results,
                "2027-05-15T21:00:00Z",
            ),
            // Winter (+02:00): voting ends 2027-12-31.
            (
                &winter,
                "2027-12-31T21:59:59Z",
                Voting,
                "2027-12-31T22:00:00Z",
            ),
            (
                &winter,
                "2027-12-31T22:00:00Z",
                Results,
                "2028-01-15T22:00:00Z",
            ),
        ];
        for (stages, now, kind, closes_at) in cases {
            assert_eq!(
                phase(stages, kyiv(), utc(now)),
                Phase::Stage {
                    kind,
                    closes_at: utc(closes_at)
                },
                "{now}"
            );
        }
        // The same instants written as Kyiv wall-clock time.
        assert_eq!(
            local(kyiv(), "2027-04-30T23:59:59"),
            utc("2027-04-30T20:59:59Z")
        );
        assert_eq!(
            local(kyiv(), "2027-05-01T00:00:00"),
            utc("2027-04-30T21:00:00Z")
        );
        assert_eq!(
            local(kyiv(), "2027-12-31T23:59:59"),
            utc("2027-12-31T21:59:59Z")
        );
        assert_eq!(
            local(kyiv(), "2028-01-01T00:00:00"),
            utc("2027-12-31T22:00:00Z")
        );
    }

    #[test]
    fn phase_around_kyiv_dst() {
        let spring = vec![
            stage(Submission, "2027-03-01", "2027-03-27"),
            stage(Review, "2027-03-28", "2027-03-28"),
            stage(Voting, "2027-03-29", "2027-04-10"),
            stage(Results, "2027-04-11", "2027-04-20"),
        ];
        let autumn = vec![
            stage(Submission, "2027-10-01", "2027-10-30"),
            stage(Review, "2027-10-31", "2027-10-31"),
            stage(Voting, "2027-11-01", "2027-11-10"),
            stage(Results, "2027-11-11", "2027-11-20"),
        ];
        let cases = [
            (
                &spring,
                "2027-03-27T21:59:59Z",
                Submission,
                "2027-03-27T22:00:00Z",
            ),
            (
                &spring,
                "2027-03-27T22:00:00Z",
                Review,
                "2027-03-28T21:00:00Z",
            ),
            // 03:00 local becomes 04:00 local at 01:00 UTC.
            (
                &spring,
                "2027-03-28T01:00:00Z",
                Review,
                "2027-03-28T21:00:00Z",
            ),
            (
                &spring,
                "2027-03-28T20:59:59Z",
                Review,
                "2027-03-28T21:00:00Z",
            ),
            (
                &spring,
                "2027-03-28T21:00:00Z",
                Voting,
                "2027-04-10T21:00:00Z",
            ),
            (
                &autumn,
                "2027-10-30T20:59:59Z",
                Submission,
                "2027-10-30T21:00:00Z",
            ),
            (
                &autumn,
                "2027-10-30T21:00:00Z",
                Review,
                "2027-10-31T22:00:00Z",
            ),
            // 04:00 local becomes 03:00 local at 01:00 UTC.
            (
                &autumn,
                "2027-10-31T01:00:00Z",
                Review,
                "2027-10-31T22:00:00Z",
            ),
            (
                &autumn,
                "2027-10-31T21:59:59Z",
                Review,
                "2027-10-31T22:00:00Z",
            ),
            (
                &autumn,
                "2027-10-31T22:00:00Z",
                Voting,
                "2027-11-10T22:00:00Z",
            ),
        ];
        for (stages, now, kind, closes_at) in cases {
            assert_eq!(validate(stages), Ok(()));
            assert_eq!(
                phase(stages, kyiv(), utc(now)),
                Phase::Stage {
                    kind,
                    closes_at: utc(closes_at)
                },
                "{now}"
            );
        }
    }

    #[test]
    fn phase_at_the_edges() {
        let stages = good();
        let opens = utc("2027-01-09T22:00:00Z");
        let cases = [
            (
                "2026-01-01T00:00:00Z",
                Phase::NotStarted { opens_at: opens },
            ),
            (
                "2027-01-09T21:59:59Z",
                Phase::NotStarted { opens_at: opens },
            ),
            (
                "2027-01-09T22:00:00Z",
                Phase::Stage {
                    kind: Submission,
                    closes_at: utc("2027-02-28T22:00:00Z"),
                },
            ),
            (
                "2027-02-28T21:59:59Z",
                Phase::Stage {
                    kind: Submission,
                    closes_at: utc("2027-02-28T22:00:00Z"),
                },
            ),
            (
                "2027-02-28T22:00:00Z",
                Phase::Stage {
                    kind: Review,
                    closes_at: utc("2027-03-31T21:00:00Z"),
                },
            ),
            (
                "2027-12-31T21:59:59Z",
                Phase::Stage {
                    kind: Implementation,
                    closes_at: utc("2027-12-31T22:00:00Z"),
                },
            ),
            ("2027-12-31T22:00:00Z", Phase::Finished),
            ("2030-01-01T00:00:00Z", Phase::Finished),
        ];
        for (now, expected) in cases {
            assert_eq!(phase(&stages, kyiv(), utc(now)), expected, "{now}");
        }

        // Without implementation the session finishes when results close.
        let short = &stages[..4];
        assert_eq!(
            phase(short, kyiv(), utc("2027-05-15T20:59:59Z")),
            Phase::Stage {
                kind: Results,
                closes_at: utc("2027-05-15T21:00:00Z"),
            }
        );
        assert_eq!(
            phase(short, kyiv(), utc("2027-05-15T21:00:00Z")),
            Phase::Finished
        );
    }

    #[test]
    fn phase_of_degenerate_timelines() {
        let now = utc("2027-03-15T12:00:00Z");
        assert_eq!(phase(&[], kyiv(), now), Phase::Finished);
        // A gap (invalid) reads as waiting for the next opening.
        let gapped = [
            stage(Submission, "2027-01-10", "2027-02-28"),
            stage(Review, "2027-04-01", "2027-04-30"),
        ];
        assert_eq!(
            phase(&gapped, kyiv(), now),
            Phase::NotStarted {
                opens_at: utc("2027-03-31T21:00:00Z")
            }
        );
    }

    // --- parse_time_zone ---

    #[test]
    fn parses_time_zones() {
        let cases = [
            ("Europe/Kyiv", Some(chrono_tz::Europe::Kyiv)),
            ("Europe/Kiev", Some(chrono_tz::Europe::Kyiv)),
            ("UTC", Some(chrono_tz::UTC)),
            ("America/Santiago", Some(chrono_tz::America::Santiago)),
            ("", None),
            ("Europe/Kyyiv", None),
            ("Mars/Olympus_Mons", None),
            ("not a zone", None),
        ];
        for (name, expected) in cases {
            assert_eq!(parse_time_zone(name), expected, "{name:?}");
        }
        // The legacy name behaves exactly like the current one.
        let kiev = parse_time_zone("Europe/Kiev").unwrap();
        for stage in good() {
            assert_eq!(window(&stage, kiev), window(&stage, kyiv()));
        }
    }

    // --- may_change and check_reschedule ---

    #[test]
    fn may_change_table() {
        let cases = [
            (Change::Hints, false, true),
            (Change::Hints, true, true),
            (Change::Parameters, false, true),
            (Change::Parameters, true, false),
            (Change::StageDates, false, true),
            (Change::StageDates, true, true),
        ];
        for (change, started, expected) in cases {
            assert_eq!(
                may_change(change, started),
                expected,
                "{change:?} {started}"
            );
        }
    }

    #[test]
    fn check_reschedule_cases() {
        // During review: submission and review have opened.
        let during_review = utc("2027-03-15T12:00:00Z");
        let with = |edit: &dyn Fn(&mut Vec<StageDates>)| {
            let mut stages = good();
            edit(&mut stages);
            stages
        };
        let cases: Vec<RescheduleCase> = vec![
            ("unchanged", good(), during_review, Ok(())),
            (
                "extend voting, shift later stages",
                with(&|s| {
                    s[2].end = date("2027-05-10");
                    s[3].start = date("2027-05-11");
                    s[3].end = date("2027-05-25");
                    s[4].start = date("2027-05-26");
                }),
                during_review,
                Ok(()),
            ),
            (
                "drop implementation",
                with(&|s| {
                    s.pop();
                }),
                during_review,
                Ok(()),
            ),
            (
                "shorten results",
                with(&|s| {
                    s[3].end = date("2027-05-05");
                    s[4].start = date("2027-05-06");
                }),
                during_review,
                Ok(()),
            ),
            (
                "move an opened stage's start",
                with(&|s| s[0].start = date("2027-01-11")),
                during_review,
                Err(TimelineError::StartedStageChanged { kind: Submission }),
            ),
            (
                "extend the current stage",
                with(&|s| {
                    s[1].end = date("2027-04-05");
                    s[2].start = date("2027-04-06");
                }),
                during_review,
                Err(TimelineError::StartedStageChanged { kind: Review }),
            ),
            (
                "cut the current stage short",
                with(&|s| {
                    s[1].end = date("2027-03-20");
                    s[2].start = date("2027-03-21");
                }),
                during_review,
                Err(TimelineError::StartedStageChanged { kind: Review }),
            ),
            (
                "change the current stage's end without shifting",
                with(&|s| s[1].end = date("2027-04-05")),
                during_review,
                Err(TimelineError::StartedStageChanged { kind: Review }),
            ),
            (
                "future stage leaves a gap",
                with(&|s| s[3].start = date("2027-05-02")),
                during_review,
                Err(TimelineError::Gap {
                    after: Voting,
                    expected: date("2027-05-01"),
                    found: date("2027-05-02"),
                }),
            ),
            (
                "future stage reversed",
                with(&|s| {
                    s[3].end = date("2027-04-30");
                    s[4].start = date("2027-05-01");
                }),
                during_review,
                Err(TimelineError::Reversed { kind: Results }),
            ),
            (
                "future required stage removed",
                with(&|s| {
                    s.remove(3);
                    s[3].start = date("2027-05-01");
                }),
                during_review,
                Err(TimelineError::MissingStage { kind: Results }),
            ),
            (
                "opened stage removed",
                with(&|s| {
                    s.remove(1);
                }),
                during_review,
                Err(TimelineError::StartedStageChanged { kind: Review }),
            ),
            (
                "not started: anything valid goes",
                with(&|s| s[0].start = date("2027-01-12")),
                utc("2027-01-09T21:59:59Z"),
                Ok(()),
            ),
            (
                "not started: a start moved into the past would open retroactively",
                with(&|s| s[0].start = date("2027-01-01")),
                utc("2027-01-09T21:59:59Z"),
                Err(TimelineError::StartedStageChanged { kind: Submission }),
            ),
            (
                "not started: still validated",
                with(&|s| s[0].end = date("2027-01-01")),
                utc("2027-01-09T21:59:59Z"),
                Err(TimelineError::Reversed { kind: Submission }),
            ),
            (
                "first stage opened a second ago",
                with(&|s| s[0].start = date("2027-01-01")),
                utc("2027-01-09T22:00:00Z"),
                Err(TimelineError::StartedStageChanged { kind: Submission }),
            ),
            (
                "next stage's start on the last second of the current one",
                with(&|s| {
                    s[2].end = date("2027-05-10");
                    s[3].start = date("2027-05-11");
                    s[3].end = date("2027-05-25");
                    s[4].start = date("2027-05-26");
                }),
                utc("2027-03-31T20:59:59Z"),
                Ok(()),
            ),
            (
                "next stage just opened",
                with(&|s| {
                    s[2].end = date("2027-05-10");
                    s[3].start = date("2027-05-11");
                }),
                utc("2027-03-31T21:00:00Z"),
                Err(TimelineError::StartedStageChanged { kind: Voting }),
            ),
        ];
        for (name, new, now, expected) in cases {
            assert_eq!(
                check_reschedule(&good(), &new, kyiv(), now),
                expected,
                "{name}"
            );
        }
    }

    #[test]
    fn check_reschedule_rejects_retroactive_stages() {
        // Finished without implementation; adding one that would already be open rewrites the past.
        let old = &good()[..4];
        let now = utc("2027-06-01T12:00:00Z");
        let retroactive = good();
        assert_eq!(
            check_reschedule(old, &retroactive, kyiv(), now),
            Err(TimelineError::StartedStageChanged {
                kind: Implementation
            })
        );
        // Before results close it may still be added for later.
        let now = utc("2027-05-10T12:00:00Z");
        assert_eq!(check_reschedule(old, &retroactive, kyiv(), now), Ok(()));
    }
}
