//! Results of a vote in one budget pot: which projects win, under the rules of the pabulib data
//! format (`greedy`, `greedy-no-skip`, `greedy-threshold`, `equalshares/add1`), and Kyiv's
//! votes per hryvnia (`greedy-per-cost`).
//!
//! [`tally`] is a pure function of the pot's budget, the projects (cost and a submission-order
//! key) and the approval ballots. It never depends on the order of its inputs: every choice is
//! made by votes, money and the tie-break below, never by a position in a list.
//!
//! Ties, for every rule: more votes first; then the lower cost; then the earlier submission
//! ([`Project::order`], the smaller key first); then the project id, so that even equal keys
//! cannot make the result depend on input order. `greedy-per-cost` ranks by votes per unit of
//! cost first and breaks equal ratios the same way (with equal ratios, more votes means a dearer
//! project: the larger one comes first, as with pabutools under this tie-break).
//!
//! Money is exact: amounts are `Decimal`s, scaled to integers of the smallest unit any amount
//! uses, and Equal Shares decides with exact fractions. It keeps a float beside each amount of
//! money left, with a bound on its error, and lets the float decide only what it decides for
//! certain; anything closer is compared exactly.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt;

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};
use rust_decimal::Decimal;

/// How the winners of a pot are chosen; the names are those of the pabulib `rule` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    /// `greedy`: rank by votes; take each project that still fits the money left, skip the others.
    Greedy,
    /// `greedy-no-skip`: rank by votes; stop at the first project that does not fit.
    GreedyNoSkip,
    /// `greedy-threshold`: `greedy` over the projects with at least `min_votes` votes (pabulib
    /// META field `min_project_score_threshold`).
    GreedyThreshold { min_votes: u64 },
    /// `greedy-per-cost`: rank by votes per unit of cost (Kyiv 2019, "votes per hryvnia"); take
    /// each project that still fits the money left, skip the others. Free projects with votes
    /// come first, projects without votes last (pabutools'
    /// `greedy_utilitarian_welfare(sat_class=Cardinality_Sat)`).
    GreedyPerCost,
    /// `equalshares/add1`: the Method of Equal Shares with cost utilities, completed by raising
    /// every voter's budget one currency unit at a time while the outcome stays within the pot.
    EqualSharesAdd1,
}

/// The pabulib names of the rules [`Rule::from_pabulib`] knows.
pub const RULE_NAMES: [&str; 5] = [
    "greedy",
    "greedy-no-skip",
    "greedy-threshold",
    "greedy-per-cost",
    "equalshares/add1",
];

/// Why a rule name cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    #[error(
        "unknown rule `{0}`; known rules: greedy, greedy-no-skip, greedy-threshold, greedy-per-cost, equalshares/add1"
    )]
    Unknown(String),
    #[error(
        "rule greedy-threshold needs a minimum vote count (pabulib: min_project_score_threshold)"
    )]
    MissingThreshold,
}

impl Rule {
    /// The rule named `name` in pabulib's terms; `min_votes` is the file's
    /// `min_project_score_threshold`, needed by `greedy-threshold` only.
    pub fn from_pabulib(name: &str, min_votes: Option<u64>) -> Result<Rule, RuleError> {
        match name.trim() {
            "greedy" => Ok(Rule::Greedy),
            "greedy-no-skip" => Ok(Rule::GreedyNoSkip),
            "greedy-threshold" => min_votes
                .map(|min_votes| Rule::GreedyThreshold { min_votes })
                .ok_or(RuleError::MissingThreshold),
            "greedy-per-cost" => Ok(Rule::GreedyPerCost),
            "equalshares/add1" => Ok(Rule::EqualSharesAdd1),
            other => Err(RuleError::Unknown(other.to_owned())),
        }
    }

    /// The rule's pabulib name.
    pub fn pabulib_name(&self) -> &'static str {
        match self {
            Rule::Greedy => "greedy",
            Rule::GreedyNoSkip => "greedy-no-skip",
            Rule::GreedyThreshold { .. } => "greedy-threshold",
            Rule::GreedyPerCost => "greedy-per-cost",
            Rule::EqualSharesAdd1 => "equalshares/add1",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.pabulib_name())
    }
}

/// A project on the ballot of one pot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    /// Unique within the pot.
    pub id: String,
    /// Not negative.
    pub cost: Decimal,
    /// Submission order: in a tie of votes and cost, the smaller key wins.
    pub order: u64,
}

/// One voter's approval ballot: a set of indices into the pot's project list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ballot(Vec<usize>);

impl Ballot {
    /// The set of the given projects (order and repetitions do not matter).
    pub fn new(projects: impl IntoIterator<Item = usize>) -> Self {
        let mut projects: Vec<usize> = projects.into_iter().collect();
        projects.sort_unstable();
        projects.dedup();
        Ballot(projects)
    }

    /// The approved projects, ascending.
    pub fn projects(&self) -> &[usize] {
        &self.0
    }
}

impl FromIterator<usize> for Ballot {
    fn from_iter<I: IntoIterator<Item = usize>>(iter: I) -> Self {
        Ballot::new(iter)
    }
}

/// A funded project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Winner {
    /// Index into the project list passed to [`tally`].
    pub project: usize,
    /// Approvals it received.
    pub votes: u64,
    /// Equal Shares only: what each supporter who paid a full share paid for it, in currency
    /// units of the voters' (raised) budgets; supporters with less money left paid all they had.
    /// The shares of all its supporters add up to its cost.
    pub per_head: Option<BigRational>,
}

/// The result of a pot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub rule: Rule,
    pub budget: Decimal,
    /// In the order the rule chose them.
    pub winners: Vec<Winner>,
    /// The winners' total cost.
    pub spent: Decimal,
    /// `budget - spent`.
    pub left: Decimal,
    /// Equal Shares only: each voter's budget in the run whose outcome was kept (the pot divided
    /// by the number of voters, plus the whole currency units added by the completion).
    pub voter_budget: Option<BigRational>,
}

impl Outcome {
    /// The winners' ids, in the order they were chosen.
    pub fn winner_ids<'a>(&self, projects: &'a [Project]) -> Vec<&'a str> {
        self.winners
            .iter()
            .map(|w| projects[w.project].id.as_str())
            .collect()
    }
}

/// Why a pot cannot be tallied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TallyError {
    #[error("the budget is negative")]
    NegativeBudget,
    #[error("project {id} has a negative cost")]
    NegativeCost { id: String },
    #[error("project id {id} appears twice")]
    DuplicateProject { id: String },
    #[error("ballot {ballot} names project #{project}, but there are only {projects} projects")]
    UnknownProject {
        ballot: usize,
        project: usize,
        projects: usize,
    },
    #[error("the amounts are too large or too precise to compute with")]
    OutOfRange,
}

/// The winners of one pot under `rule`.
pub fn tally(
    rule: Rule,
    budget: Decimal,
    projects: &[Project],
    ballots: &[Ballot],
) -> Result<Outcome, TallyError> {
    let pot = Pot::new(budget, projects, ballots)?;
    let (winners, spent, voter_budget) = match rule {
        Rule::Greedy => pot.greedy(pot.ranking(), true, 0),
        Rule::GreedyNoSkip => pot.greedy(pot.ranking(), false, 0),
        Rule::GreedyThreshold { min_votes } => pot.greedy(pot.ranking(), true, min_votes),
        Rule::GreedyPerCost => pot.greedy(pot.per_cost_ranking(), true, 0),
        Rule::EqualSharesAdd1 => pot.equal_shares_add1()?,
    };
    let spent_decimal = pot.decimal(spent)?;
    let left = pot.decimal(pot.budget - spent)?;
    Ok(Outcome {
        rule,
        budget,
        winners,
        spent: spent_decimal,
        left,
        voter_budget,
    })
}

/// The validated input, with every amount scaled to an integer number of the smallest unit.
struct Pot<'a> {
    projects: &'a [Project],
    /// `10^scale`: one currency unit in scaled units.
    unit: i128,
    scale: u32,
    budget: i128,
    costs: Vec<i128>,
    votes: Vec<u64>,
    /// Position of each project in the tie-break order (0 = wins every tie).
    rank: Vec<u32>,
    ballots: &'a [Ballot],
}

impl<'a> Pot<'a> {
    fn new(
        budget: Decimal,
        projects: &'a [Project],
        ballots: &'a [Ballot],
    ) -> Result<Self, TallyError> {
        if budget.is_sign_negative() && !budget.is_zero() {
            return Err(TallyError::NegativeBudget);
        }
        let mut ids = HashMap::with_capacity(projects.len());
        for p in projects {
            if p.cost.is_sign_negative() && !p.cost.is_zero() {
                return Err(TallyError::NegativeCost { id: p.id.clone() });
            }
            if ids.insert(p.id.as_str(), ()).is_some() {
                return Err(TallyError::DuplicateProject { id: p.id.clone() });
            }
        }
        let scale = projects
            .iter()
            .map(|p| p.cost.scale())
            .chain([budget.scale()])
            .max()
            .unwrap_or(0);
        let unit = 10i128.checked_pow(scale).ok_or(TallyError::OutOfRange)?;
        let scaled = |d: Decimal| -> Result<i128, TallyError> {
            10i128
                .checked_pow(scale - d.scale())
                .and_then(|f| d.mantissa().checked_mul(f))
                .ok_or(TallyError::OutOfRange)
        };
        let budget = scaled(budget)?;
        let costs = projects
            .iter()
            .map(|p| scaled(p.cost))
            .collect::<Result<Vec<_>, _>>()?;
        // Sums of all costs and budgets times voters must fit, whatever the rule does with them.
        costs
            .iter()
            .try_fold(budget, |acc, c| acc.checked_add(*c))
            .and_then(|total| total.checked_mul(4 * (ballots.len() as i128 + 1)))
            .ok_or(TallyError::OutOfRange)?;

        let mut votes = vec![0u64; projects.len()];
        for (i, ballot) in ballots.iter().enumerate() {
            for &p in ballot.projects() {
                match votes.get_mut(p) {
                    Some(v) => *v += 1,
                    None => {
                        return Err(TallyError::UnknownProject {
                            ballot: i,
                            project: p,
                            projects: projects.len(),
                        });
                    }
                }
            }
        }
        let mut order: Vec<usize> = (0..projects.len()).collect();
        order.sort_by(|&a, &b| {
            votes[b]
                .cmp(&votes[a])
                .then(costs[a].cmp(&costs[b]))
                .then(projects[a].order.cmp(&projects[b].order))
                .then(projects[a].id.cmp(&projects[b].id))
        });
        let mut rank = vec![0u32; projects.len()];
        for (position, &p) in order.iter().enumerate() {
            rank[p] = position as u32;
        }
        Ok(Pot {
            projects,
            unit,
            scale,
            budget,
            costs,
            votes,
            rank,
            ballots,
        })
    }

    fn decimal(&self, scaled: i128) -> Result<Decimal, TallyError> {
        Decimal::try_from_i128_with_scale(scaled, self.scale).map_err(|_| TallyError::OutOfRange)
    }

    /// Projects in the tie-break order: more votes, lower cost, earlier submission, id.
    fn ranking(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.projects.len()).collect();
        order.sort_by_key(|&p| self.rank[p]);
        order
    }

    /// Projects by votes per unit of cost, the highest first, compared exactly (`v1 × c2` against
    /// `v2 × c1`); equal ratios in the tie-break order. As pabutools' satisfaction density under
    /// `Cardinality_Sat`: a free project with votes has an infinite ratio and comes first, and a
    /// project without votes has ratio 0 (even when free) and comes after every one with votes.
    fn per_cost_ranking(&self) -> Vec<usize> {
        // 0: infinite ratio, 1: votes / cost, 2: no votes.
        let class = |p: usize| match (self.votes[p], self.costs[p]) {
            (0, _) => 2,
            (_, 0) => 0,
            _ => 1,
        };
        let mut order = self.ranking();
        order.sort_by(|&a, &b| {
            class(a)
                .cmp(&class(b))
                .then_with(|| {
                    if class(a) != 1 {
                        return Ordering::Equal;
                    }
                    // Votes are at most the number of ballots, and Pot::new checked that every
                    // cost times (ballots + 1) fits an i128, so neither product overflows.
                    let (va, vb) = (i128::from(self.votes[a]), i128::from(self.votes[b]));
                    (vb * self.costs[a]).cmp(&(va * self.costs[b]))
                })
                .then(self.rank[a].cmp(&self.rank[b]))
        });
        order
    }

    /// Takes the projects in `order`; one that does not fit the money left is skipped (`skip`)
    /// or ends the selection; projects with fewer than `min_votes` votes are passed over.
    fn greedy(
        &self,
        order: Vec<usize>,
        skip: bool,
        min_votes: u64,
    ) -> (Vec<Winner>, i128, Option<BigRational>) {
        let mut left = self.budget;
        let mut winners = Vec::new();
        for p in order {
            if self.votes[p] < min_votes {
                continue;
            }
            if self.costs[p] <= left {
                left -= self.costs[p];
                winners.push(Winner {
                    project: p,
                    votes: self.votes[p],
                    per_head: None,
                });
            } else if !skip {
                break;
            }
        }
        (winners, self.budget - left, None)
    }

    /// `equalshares/add1`, as pabutools computes
    /// `exhaustion_by_budget_increase(method_of_equal_shares, Cost_Sat, budget_step = voters)`:
    /// run Equal Shares with the pot, then with one currency unit more per voter, and so on; stop
    /// with the previous outcome when one costs more than the pot, or with the current one when
    /// it is exhaustive (no project left out fits the money left). As in pabutools, the budget is
    /// raised at most to `pot × (voters + 1)` (one pot more per voter); past it the last outcome
    /// stands.
    ///
    /// Projects with no votes or no cost are never chosen by Equal Shares with cost utilities
    /// (they give no one any utility), but they count when asking whether an outcome is
    /// exhaustive, as in pabutools and the equalshares.net reference code. Two shortcuts give the
    /// same winners as pabutools, faster:
    /// - an outcome with every project Equal Shares can choose ends the completion (no larger
    ///   budget can add any; pabutools goes on to its bound and ends with the same winners);
    /// - when those projects together fit the pot, every outcome is feasible and the completion
    ///   can only end with all of them, so it jumps to the first budget at which every voter can
    ///   pay for all of them. The shares per head are then those of that budget.
    ///
    /// Each run stops as soon as its winners cost more than the pot: that outcome is not kept.
    fn equal_shares_add1(&self) -> Result<(Vec<Winner>, i128, Option<BigRational>), TallyError> {
        let voters = self.ballots.len() as i128;
        if voters == 0 {
            return Ok((Vec::new(), 0, None));
        }
        let mes = Mes::new(self);
        let eligible_cost: i128 = mes.eligible.iter().map(|&p| self.costs[p as usize]).sum();
        // Mes counts money in 1/voters of a scaled unit, so run t gives every voter the integer
        // budget + t * step: the pot's share plus t currency units.
        let step = voters * self.unit;
        let last_t = self.budget / self.unit;
        let mut t: i128 = 0;
        let mut previous: Option<(Run, i128)> = None;
        loop {
            let voter_budget = step
                .checked_mul(t)
                .and_then(|x| x.checked_add(self.budget))
                .ok_or(TallyError::OutOfRange)?;
            let Some(run) = mes.run(voter_budget, self.budget) else {
                // Over the pot: keep the previous outcome (the first run, with exactly the pot,
                // never goes over: Equal Shares never spends more than the voters have).
                break;
            };
            let complete = run.winners.len() == mes.eligible.len();
            let exhaustive = {
                let left = self.budget - run.spent;
                let mut chosen = vec![false; self.projects.len()];
                for (p, _) in &run.winners {
                    chosen[*p] = true;
                }
                !(0..self.projects.len()).any(|p| !chosen[p] && self.costs[p] <= left)
            };
            previous = Some((run, voter_budget));
            if complete || exhaustive {
                break;
            }
            let everyone_pays_all = (eligible_cost * voters - self.budget + step - 1) / step;
            t = if t == 0 && eligible_cost <= self.budget && everyone_pays_all <= last_t {
                everyone_pays_all.max(1)
            } else {
                t + 1
            };
            if t > last_t {
                break;
            }
        }
        let Some((run, voter_budget)) = previous else {
            return Ok((Vec::new(), 0, None));
        };
        let per_unit = BigRational::from_integer(BigInt::from(voters * self.unit));
        let spent = run.spent;
        let winners = run
            .exact_winners()
            .into_iter()
            .map(|(p, rho)| Winner {
                project: p,
                votes: self.votes[p],
                per_head: Some(rho / &per_unit),
            })
            .collect();
        let voter_budget =
            BigRational::new(BigInt::from(voter_budget), BigInt::from(voters * self.unit));
        Ok((winners, spent, Some(voter_budget)))
    }
}

/// One Equal Shares run's outcome: winners in order with the price a full share cost, and the
/// winners' total cost (scaled units). The prices are computed exactly only when asked
/// ([`Run::exact_winners`]).
struct Run {
    winners: Vec<(usize, u32)>,
    spent: i128,
    state: State,
}

impl Run {
    /// The winners in order with what a full share cost, exactly (in Mes units, 1/voters of a
    /// scaled unit).
    fn exact_winners(mut self) -> Vec<(usize, BigRational)> {
        let winners = std::mem::take(&mut self.winners);
        winners
            .into_iter()
            .map(|(p, price)| (p, self.state.price_exact(price)))
            .collect()
    }
}

/// Voters with identical ballots, who always have the same money left.
struct Group {
    projects: Vec<u32>,
    voters: u64,
}

/// The Method of Equal Shares with cost utilities over one pot, in the standard efficient form:
/// a project's price per head is found from its supporters' money left (those with less than
/// the price pay all they have); the candidate with the lowest price per unit of cost wins a
/// round; candidates whose supporters' money did not change keep their last price, and since
/// money only ever decreases, a stale price is a lower bound, so only the best few are
/// recomputed per round.
///
/// Exactness: every decision is that of exact fractions. Money left and prices are kept as
/// floats with a bound on their error, and as exact fractions computed only when the floats
/// cannot decide a comparison (or, for the prices of the winners, when the outcome is kept).
struct Mes<'p, 'a> {
    pot: &'p Pot<'a>,
    groups: Vec<Group>,
    /// Per project: the groups that approve it.
    supporters: Vec<Vec<u32>>,
    /// Projects Equal Shares can choose: at least one vote and a positive cost.
    eligible: Vec<u32>,
    /// Per project: the projects on a ballot with it (itself included), whose prices can
    /// change when it is paid for.
    neighbours: Vec<Vec<u32>>,
}

/// Value id 0 is "no money left".
const NO_MONEY: u32 = 0;

/// A bound on the relative error of one float rounding, with room to spare (2^-50 > 4 ulp).
const ROUNDING: f64 = 1.0 / (1u64 << 50) as f64;

/// The order of x and y, known from approximations `a` of x and `b` of y with
/// `|x - a| <= ea` and `|y - b| <= eb`; `None` when the approximations cannot tell.
fn certain_order(a: f64, ea: f64, b: f64, eb: f64) -> Option<Ordering> {
    let gap = a - b;
    // Twice the error bounds: covers the rounding of `gap` and of the sum itself.
    let doubt = 2.0 * (ea + eb) + f64::MIN_POSITIVE;
    if gap > doubt {
        Some(Ordering::Greater)
    } else if gap < -doubt {
        Some(Ordering::Less)
    } else {
        None
    }
}

/// `x * count`, reduced with a gcd of `count` only (cheap) instead of one of big integers:
/// `x` is in lowest terms, so only `count` can share a factor with its denominator.
fn times(x: &BigRational, count: u64) -> BigRational {
    let rest = (x.denom() % BigInt::from(count)).to_u64().unwrap_or(0);
    let g = num_integer::gcd(count, rest).max(1);
    BigRational::new_raw(
        x.numer() * BigInt::from(count / g),
        x.denom() / BigInt::from(g),
    )
}

/// A float near `x` and a bound on its distance from `x`.
fn approximate(x: &BigRational) -> (f64, f64) {
    // Numerator and denominator to floats (each within an ulp), then one division: within
    // 2.5 ulp in all, under ROUNDING.
    let (n, d) = (x.numer().to_f64(), x.denom().to_f64());
    match (n, d) {
        (Some(n), Some(d)) if n.is_finite() && d.is_finite() && d > 0.0 => {
            let a = n / d;
            if a.is_finite() && (a == 0.0) == x.is_zero() && a.abs() >= f64::MIN_POSITIVE * 1e10 {
                return (a, a.abs() * ROUNDING);
            }
            if x.is_zero() {
                return (0.0, 0.0);
            }
            (0.0, f64::INFINITY)
        }
        _ => (0.0, f64::INFINITY),
    }
}

/// A float near the integer `x` and a bound on its distance from `x`.
fn approximate_int(x: i128) -> (f64, f64) {
    // One rounding (half an ulp).
    let a = x as f64;
    (a, a.abs() * ROUNDING)
}

impl<'p, 'a> Mes<'p, 'a> {
    fn new(pot: &'p Pot<'a>) -> Self {
        let mut counts: HashMap<&[usize], u64> = HashMap::new();
        for ballot in pot.ballots {
            if !ballot.projects().is_empty() {
                *counts.entry(ballot.projects()).or_default() += 1;
            }
        }
        let mut groups: Vec<Group> = counts
            .into_iter()
            .map(|(projects, voters)| Group {
                projects: projects.iter().map(|&p| p as u32).collect(),
                voters,
            })
            .collect();
        groups.sort_unstable_by(|a, b| a.projects.cmp(&b.projects));
        let mut supporters = vec![Vec::new(); pot.projects.len()];
        for (g, group) in groups.iter().enumerate() {
            for &p in &group.projects {
                supporters[p as usize].push(g as u32);
            }
        }
        let eligible = (0..pot.projects.len())
            .filter(|&p| pot.votes[p] > 0 && pot.costs[p] > 0)
            .map(|p| p as u32)
            .collect();
        let mut seen = vec![u32::MAX; pot.projects.len()];
        let neighbours = (0..pot.projects.len())
            .map(|p| {
                let mut near = Vec::new();
                for &g in &supporters[p] {
                    for &q in &groups[g as usize].projects {
                        if seen[q as usize] != p as u32 {
                            seen[q as usize] = p as u32;
                            near.push(q);
                        }
                    }
                }
                near
            })
            .collect();
        Mes {
            pot,
            groups,
            supporters,
            eligible,
            neighbours,
        }
    }

    /// One run with `voter_budget` (in units of 1/voters of a scaled unit) for every voter.
    /// `None`: the winners' cost went over `cap` (the pot), so this outcome is not wanted.
    fn run(&self, voter_budget: i128, cap: i128) -> Option<Run> {
        let voters = self.pot.ballots.len() as i128;
        let project_count = self.pot.projects.len();
        // Costs in Mes units; Pot::new made sure that cost * voters fits.
        let costs: Vec<i128> = self.pot.costs.iter().map(|&c| c * voters).collect();
        let mut state = State::new(
            BigRational::from_integer(BigInt::from(voter_budget)),
            self.groups.len(),
        );
        let mut alive = vec![false; project_count];
        let mut stamp = vec![0u32; project_count];
        let mut heap = Heap::default();
        for &p in &self.eligible {
            let p = p as usize;
            if let Some(rho) = state.price(&self.supporters[p], &self.groups, costs[p]) {
                heap.push(Candidate::new(rho, self.pot.rank[p], p, 0), &mut state);
                alive[p] = true;
            }
        }
        let mut round = 0u32;
        let mut winners = Vec::new();
        let mut spent: i128 = 0;
        while let Some(candidate) = heap.pop(&mut state) {
            let p = candidate.project as usize;
            if !alive[p] {
                continue;
            }
            if candidate.round < stamp[p] {
                // Some supporter paid for another project since: recompute.
                match state.price(&self.supporters[p], &self.groups, costs[p]) {
                    Some(rho) => {
                        heap.push(Candidate::new(rho, candidate.rank, p, round), &mut state)
                    }
                    None => alive[p] = false,
                }
                continue;
            }
            // The best candidate, with a current price: it wins this round.
            alive[p] = false;
            spent += self.pot.costs[p];
            if spent > cap {
                return None;
            }
            round += 1;
            let mut rho = candidate.rho;
            if let Some(exact) = candidate.exact.into_inner() {
                rho.exact = Some(exact);
            }
            let price = state.add_price(rho);
            let mut paid = false;
            for &g in &self.supporters[p] {
                let old = state.group_value[g as usize];
                if old == NO_MONEY {
                    continue;
                }
                state.group_value[g as usize] = state.pay(old, price, round);
                paid = true;
            }
            // Every project on a ballot with it may now cost more. (Marking one whose
            // supporters did not pay only makes it recomputed to the same price: the winner of
            // each round is the least exact current key, whatever is stale.)
            if paid {
                for &q in &self.neighbours[p] {
                    if alive[q as usize] {
                        stamp[q as usize] = round;
                    }
                }
            }
            winners.push((p, price));
        }
        Some(Run {
            winners,
            spent,
            state,
        })
    }
}

/// A heap entry: a project's price per unit of cost as of `round` (a lower bound later on).
#[derive(Debug)]
struct Candidate {
    /// The price per head; the price per unit of cost is `rho / cost`.
    rho: Price,
    /// The exact price per head, once a comparison needed it.
    exact: std::cell::OnceCell<BigRational>,
    afford_approx: (f64, f64),
    rank: u32,
    project: u32,
    round: u32,
}

impl Candidate {
    fn new(rho: Price, rank: u32, project: usize, round: u32) -> Self {
        let (a, ea) = (rho.approx, rho.err);
        let (c, _) = approximate_int(rho.cost);
        // The cost is an integer below 2^127, so its float is within half an ulp; one more
        // rounding for the division.
        let afford_approx = if c.is_finite() && c > 0.0 && ea.is_finite() {
            let q = a / c;
            (q, ea / c + q.abs() * 2.0 * ROUNDING)
        } else {
            (0.0, f64::INFINITY)
        };
        let exact = std::cell::OnceCell::new();
        if let Some(x) = &rho.exact {
            let _ = exact.set(x.clone());
        }
        Candidate {
            rho,
            exact,
            afford_approx,
            rank,
            project: project as u32,
            round,
        }
    }

    fn exact_rho(&self, state: &mut State) -> &BigRational {
        self.exact.get_or_init(|| state.recipe_exact(&self.rho))
    }

    /// By price per unit of cost (exact), then the tie-break rank; project and round only make
    /// the order total.
    fn order(&self, other: &Self, state: &mut State) -> Ordering {
        let (a, ea) = self.afford_approx;
        let (b, eb) = other.afford_approx;
        certain_order(a, ea, b, eb)
            .unwrap_or_else(|| {
                // rho / cost against the other's: cross products of positive integers.
                let x = self.exact_rho(state).clone();
                let y = other.exact_rho(state);
                let left = x.numer() * y.denom() * BigInt::from(other.rho.cost);
                let right = y.numer() * x.denom() * BigInt::from(self.rho.cost);
                left.cmp(&right)
            })
            .then(self.rank.cmp(&other.rank))
            .then(self.project.cmp(&other.project))
            .then(self.round.cmp(&other.round))
    }
}

/// A binary min-heap of candidates whose order may need the state's exact prices.
#[derive(Default)]
struct Heap {
    items: Vec<Candidate>,
}

impl Heap {
    fn before(&self, i: usize, j: usize, state: &mut State) -> bool {
        self.items[i].order(&self.items[j], state) == Ordering::Less
    }

    fn push(&mut self, candidate: Candidate, state: &mut State) {
        self.items.push(candidate);
        let mut i = self.items.len() - 1;
        while i > 0 {
            let parent = (i - 1) / 2;
            if !self.before(i, parent, state) {
                break;
            }
            self.items.swap(i, parent);
            i = parent;
        }
    }

    fn pop(&mut self, state: &mut State) -> Option<Candidate> {
        if self.items.is_empty() {
            return None;
        }
        let top = self.items.swap_remove(0);
        let n = self.items.len();
        let mut i = 0;
        loop {
            let (l, r) = (2 * i + 1, 2 * i + 2);
            let mut best = i;
            if l < n && self.before(l, best, state) {
                best = l;
            }
            if r < n && self.before(r, best, state) {
                best = r;
            }
            if best == i {
                break;
            }
            self.items.swap(i, best);
            i = best;
        }
        Some(top)
    }
}

/// An amount of money left: a float `approx` within `err` of the exact amount, which is
/// `exact` once computed, else `parent`'s exact amount minus price `price`.
struct Value {
    approx: f64,
    err: f64,
    exact: Option<BigRational>,
    parent: u32,
    price: u32,
}

/// A price per head: a float `approx` within `err` of it, and the price exactly once computed,
/// which is `(cost - poor × budget + Σ count × earlier price) / rich` over `terms`
/// (`(price, count)`): the poor supporters pay all they have, the budget less what they paid
/// before, and the `rich` others share the rest.
#[derive(Debug)]
struct Price {
    approx: f64,
    err: f64,
    exact: Option<BigRational>,
    /// In Mes units.
    cost: i128,
    poor: u64,
    rich: u64,
    terms: Vec<(u32, u64)>,
}

impl Price {
    /// A price known exactly.
    #[cfg(test)]
    fn known(exact: BigRational, cost: i128) -> Self {
        let (approx, err) = approximate(&exact);
        Price {
            approx,
            err,
            exact: Some(exact),
            cost,
            poor: 0,
            rich: 1,
            terms: Vec::new(),
        }
    }
}

/// The voters' money during a run. Groups point at values: voters who paid the same shares
/// share one value, so pricing a project looks at few distinct values.
struct State {
    values: Vec<Value>,
    prices: Vec<Price>,
    group_value: Vec<u32>,
    /// Scratch per value id: voters counted for the project being priced.
    tally: Vec<u64>,
    tally_mark: Vec<u32>,
    /// Scratch per value id: the value after paying the current round's price.
    memo: Vec<u32>,
    memo_mark: Vec<u32>,
    mark: u32,
    touched: Vec<u32>,
    /// Scratch per price: how many poor supporters of the project being priced paid it.
    paid_by_poor: Vec<u64>,
    prices_touched: Vec<u32>,
    /// Scratch: the values found poor in one pass.
    found_poor: Vec<u32>,
}

/// Value id 1 is every voter's budget at the start of a run (when it is not zero).
const BUDGET: u32 = 1;

impl State {
    fn new(voter_budget: BigRational, groups: usize) -> Self {
        let zero = Value {
            approx: 0.0,
            err: 0.0,
            exact: Some(BigRational::zero()),
            parent: NO_MONEY,
            price: 0,
        };
        let (approx, err) = approximate(&voter_budget);
        let start = if voter_budget.is_zero() { NO_MONEY } else { 1 };
        let budget = Value {
            approx,
            err,
            exact: Some(voter_budget),
            parent: NO_MONEY,
            price: 0,
        };
        State {
            values: vec![zero, budget],
            prices: Vec::new(),
            group_value: vec![start; groups],
            tally: vec![0; 2],
            tally_mark: vec![0; 2],
            memo: vec![0; 2],
            memo_mark: vec![0; 2],
            mark: 0,
            touched: Vec::new(),
            paid_by_poor: Vec::new(),
            prices_touched: Vec::new(),
            found_poor: Vec::new(),
        }
    }

    fn add_price(&mut self, price: Price) -> u32 {
        self.prices.push(price);
        self.paid_by_poor.push(0);
        (self.prices.len() - 1) as u32
    }

    /// The exact price `id`, computed (and kept) on demand.
    fn price_exact(&mut self, id: u32) -> BigRational {
        if let Some(exact) = &self.prices[id as usize].exact {
            return exact.clone();
        }
        let price = &self.prices[id as usize];
        let recipe = Price {
            approx: price.approx,
            err: price.err,
            exact: None,
            cost: price.cost,
            poor: price.poor,
            rich: price.rich,
            terms: price.terms.clone(),
        };
        let exact = self.recipe_exact(&recipe);
        self.prices[id as usize].exact = Some(exact.clone());
        exact
    }

    /// `(cost - poor × budget + Σ count × earlier price) / rich`, exactly.
    fn recipe_exact(&mut self, price: &Price) -> BigRational {
        if let Some(exact) = &price.exact {
            return exact.clone();
        }
        let mut paid = match &self.values[BUDGET as usize].exact {
            Some(budget) if price.poor > 0 => times(budget, price.poor),
            _ => BigRational::zero(),
        };
        for &(j, count) in &price.terms {
            paid -= times(&self.price_exact(j), count);
        }
        (BigRational::from_integer(BigInt::from(price.cost)) - paid) / BigInt::from(price.rich)
    }

    /// The exact amount of value `id`, computed (and kept) on demand.
    fn exact(&mut self, id: u32) -> BigRational {
        let mut chain = Vec::new();
        let mut at = id;
        let mut amount = loop {
            match &self.values[at as usize].exact {
                Some(amount) => break amount.clone(),
                None => {
                    chain.push(at);
                    at = self.values[at as usize].parent;
                }
            }
        };
        for &v in chain.iter().rev() {
            let price = self.values[v as usize].price;
            amount -= &self.price_exact(price);
            self.values[v as usize].exact = Some(amount.clone());
        }
        amount
    }

    /// How value `id` compares with `y` (approximately `approx`, within `err`).
    #[cfg(test)]
    fn compare(&mut self, id: u32, y: &BigRational, approx: f64, err: f64) -> Ordering {
        let v = &self.values[id as usize];
        match certain_order(v.approx, v.err, approx, err) {
            Some(order) => order,
            None => self.exact(id).cmp(y),
        }
    }

    /// The money left after paying price `price` out of value `old` in round `round`.
    fn pay(&mut self, old: u32, price: u32, round: u32) -> u32 {
        let o = old as usize;
        if self.memo_mark[o] == round {
            return self.memo[o];
        }
        let (rho_approx, rho_err) = {
            let p = &self.prices[price as usize];
            (p.approx, p.err)
        };
        let order = {
            let v = &self.values[o];
            certain_order(v.approx, v.err, rho_approx, rho_err)
        }
        .unwrap_or_else(|| {
            let rho = self.price_exact(price);
            self.exact(old).cmp(&rho)
        });
        let new = if order != Ordering::Greater {
            NO_MONEY
        } else {
            let parent = &self.values[o];
            let approx = parent.approx - rho_approx;
            let err = parent.err + rho_err + approx.abs() * ROUNDING;
            self.values.push(Value {
                approx,
                err,
                exact: None,
                parent: old,
                price,
            });
            self.tally.push(0);
            self.tally_mark.push(0);
            self.memo.push(0);
            self.memo_mark.push(0);
            (self.values.len() - 1) as u32
        };
        self.memo[o] = new;
        self.memo_mark[o] = round;
        new
    }

    /// The smallest price per head `rho` such that the supporters, each paying `rho` or all
    /// they have if less, pay `cost` (Mes units) exactly; `None` if all their money is not
    /// enough.
    ///
    /// Supporters with less than the price are poor and pay all they have; the price is then
    /// what is left of the cost split among the others, which may make more of them poor.
    fn price(&mut self, supporters: &[u32], groups: &[Group], cost: i128) -> Option<Price> {
        self.mark = self.mark.wrapping_add(1);
        if self.mark == 0 {
            self.tally_mark.fill(0);
            self.mark = 1;
        }
        self.touched.clear();
        let mut rich = 0u64;
        let mut total = 0.0;
        let mut total_err = 0.0;
        for &g in supporters {
            let v = self.group_value[g as usize];
            if v == NO_MONEY {
                continue;
            }
            let i = v as usize;
            if self.tally_mark[i] != self.mark {
                self.tally_mark[i] = self.mark;
                self.tally[i] = 0;
                self.touched.push(v);
            }
            let voters = groups[g as usize].voters;
            self.tally[i] += voters;
            rich += voters;
            total += self.values[i].approx * voters as f64;
            total_err += self.values[i].err * voters as f64;
        }
        // All their money together, approximately: clearly not enough ends it here.
        let (cost_approx, cost_err) = approximate_int(cost);
        total_err += total.abs() * ROUNDING * (supporters.len() as f64 + 2.0);
        if certain_order(total, total_err, cost_approx, cost_err) == Some(Ordering::Less) {
            return None;
        }
        // What the poor supporters pay: all they have, which is their budget less the prices
        // they paid before. Counting voters per price keeps the exact price to one term per
        // price, and it is computed only when floats cannot place a value against it.
        let mut poor = 0u64;
        let mut paid_approx = 0.0f64;
        let mut paid_err = 0.0f64;
        self.prices_touched.clear();
        let mut candidates = std::mem::take(&mut self.touched);
        let mut found_poor = std::mem::take(&mut self.found_poor);
        let result = loop {
            if rich == 0 {
                break None;
            }
            let num = cost_approx - paid_approx;
            let num_err = cost_err + paid_err + num.abs() * ROUNDING;
            let rho_approx = num / rich as f64;
            let rho_err = (num_err / rich as f64) * (1.0 + ROUNDING) + rho_approx.abs() * ROUNDING;
            let mut rho = Price {
                approx: rho_approx,
                err: rho_err,
                exact: None,
                cost,
                poor,
                rich,
                terms: Vec::new(),
            };
            // Which values are below this price: decided with the state as it stands, and
            // applied after.
            found_poor.clear();
            let mut i = 0;
            while i < candidates.len() {
                let v = candidates[i];
                let order = {
                    let value = &self.values[v as usize];
                    certain_order(value.approx, value.err, rho_approx, rho_err)
                };
                let order = match order {
                    Some(order) => order,
                    None => {
                        if rho.exact.is_none() {
                            rho.terms = self
                                .prices_touched
                                .iter()
                                .map(|&j| (j, self.paid_by_poor[j as usize]))
                                .collect();
                            rho.exact = Some(self.recipe_exact(&rho));
                        }
                        let exact = rho.exact.as_ref().expect("computed above");
                        let mine = self.exact(v);
                        mine.cmp(exact)
                    }
                };
                if order == Ordering::Less {
                    found_poor.push(v);
                    candidates.swap_remove(i);
                } else {
                    i += 1;
                }
            }
            if found_poor.is_empty() {
                if rho.exact.is_none() {
                    rho.terms = self
                        .prices_touched
                        .iter()
                        .map(|&j| (j, self.paid_by_poor[j as usize]))
                        .collect();
                }
                break Some(rho);
            }
            for &v in &found_poor {
                let count = self.tally[v as usize];
                poor += count;
                rich -= count;
                let value = &self.values[v as usize];
                let share = value.approx * count as f64;
                paid_approx += share;
                paid_err += value.err * count as f64 + (share.abs() + paid_approx.abs()) * ROUNDING;
                let mut at = v;
                while at != BUDGET && at != NO_MONEY {
                    let value = &self.values[at as usize];
                    let j = value.price as usize;
                    if self.paid_by_poor[j] == 0 {
                        self.prices_touched.push(value.price);
                    }
                    self.paid_by_poor[j] += count;
                    at = value.parent;
                }
            }
        };
        for &j in &self.prices_touched {
            self.paid_by_poor[j as usize] = 0;
        }
        self.touched = candidates;
        self.found_poor = found_poor;
        result
    }
}

/// `amount` rounded half away from zero to `decimals` places, as text ("178.95"), for display.
pub fn format_rounded(amount: &BigRational, decimals: u32) -> String {
    let factor = BigInt::from(10u32).pow(decimals);
    let scaled = amount * BigRational::from_integer(factor);
    let half = BigRational::new(BigInt::one(), BigInt::from(2));
    let rounded = if scaled.is_negative() {
        (scaled - half).ceil()
    } else {
        (scaled + half).floor()
    }
    .to_integer();
    let sign = if rounded.is_negative() { "-" } else { "" };
    let digits = rounded.abs().to_string();
    let decimals = decimals as usize;
    if decimals == 0 {
        return format!("{sign}{digits}");
    }
    let digits = format!("{digits:0>width$}", width = decimals + 1);
    let (whole, fraction) = digits.split_at(digits.len() - decimals);
    format!("{sign}{whole}.{fraction}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_traits::Zero;
    use rand::rngs::StdRng;
    use rand::seq::SliceRandom;
    use rand::{Rng, SeedableRng};

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn project(id: &str, cost: &str, order: u64) -> Project {
        Project {
            id: id.into(),
            cost: d(cost),
            order,
        }
    }

    /// Projects `(id, cost)` in submission order, and ballots as lists of ids.
    fn pot(projects: &[(&str, &str)], ballots: &[&[&str]]) -> (Vec<Project>, Vec<Ballot>) {
        let projects: Vec<Project> = projects
            .iter()
            .enumerate()
            .map(|(i, (id, cost))| project(id, cost, i as u64))
            .collect();
        let ballots = ballots
            .iter()
            .map(|b| {
                b.iter()
                    .map(|id| projects.iter().position(|p| p.id == *id).unwrap())
                    .collect()
            })
            .collect();
        (projects, ballots)
    }

    /// `count` copies of a ballot.
    fn times<'a>(count: usize, ballot: &'a [&'a str]) -> Vec<&'a [&'a str]> {
        vec![ballot; count]
    }

    fn winners(rule: Rule, budget: &str, projects: &[Project], ballots: &[Ballot]) -> Vec<String> {
        tally(rule, d(budget), projects, ballots)
            .unwrap()
            .winner_ids(projects)
            .into_iter()
            .map(str::to_owned)
            .collect()
    }

    fn ratio(n: i64, d: i64) -> BigRational {
        BigRational::new(BigInt::from(n), BigInt::from(d))
    }

    #[test]
    fn rule_names_are_pabulibs() {
        for name in RULE_NAMES {
            let rule = Rule::from_pabulib(name, Some(5)).unwrap();
            assert_eq!(rule.pabulib_name(), name);
            assert_eq!(rule.to_string(), name);
        }
        assert_eq!(
            Rule::from_pabulib("greedy-threshold", Some(50)),
            Ok(Rule::GreedyThreshold { min_votes: 50 })
        );
        assert_eq!(
            Rule::from_pabulib("greedy-threshold", None),
            Err(RuleError::MissingThreshold)
        );
        assert_eq!(Rule::from_pabulib("greedy", None), Ok(Rule::Greedy));
        assert_eq!(
            Rule::from_pabulib("greedy-per-cost", None),
            Ok(Rule::GreedyPerCost)
        );
        assert_eq!(
            Rule::from_pabulib("equalshares", None),
            Err(RuleError::Unknown("equalshares".into()))
        );
    }

    /// C (3 votes, 150), A (2 votes, 200), B (1 vote, 100); pot 300.
    fn skip_pot() -> (Vec<Project>, Vec<Ballot>) {
        pot(
            &[("A", "200"), ("B", "100"), ("C", "150")],
            &[&["A", "C"], &["A", "C"], &["B", "C"]],
        )
    }

    #[test]
    fn greedy_skips_what_does_not_fit_and_no_skip_stops_there() {
        let (projects, ballots) = skip_pot();
        assert_eq!(
            winners(Rule::Greedy, "300", &projects, &ballots),
            ["C", "B"]
        );
        assert_eq!(
            winners(Rule::GreedyNoSkip, "300", &projects, &ballots),
            ["C"]
        );
        let outcome = tally(Rule::Greedy, d("300"), &projects, &ballots).unwrap();
        assert_eq!((outcome.spent, outcome.left), (d("250"), d("50")));
        assert_eq!(outcome.voter_budget, None);
        assert!(outcome.winners.iter().all(|w| w.per_head.is_none()));
        assert_eq!(
            outcome.winners.iter().map(|w| w.votes).collect::<Vec<_>>(),
            [3, 1]
        );
        // Everything fits: both take all, in order of votes.
        assert_eq!(
            winners(Rule::GreedyNoSkip, "450", &projects, &ballots),
            ["C", "A", "B"]
        );
    }

    #[test]
    fn threshold_leaves_out_projects_with_too_few_votes() {
        let (projects, ballots) = skip_pot();
        let rule = |min_votes| Rule::GreedyThreshold { min_votes };
        assert_eq!(
            winners(rule(0), "1000", &projects, &ballots),
            ["C", "A", "B"]
        );
        assert_eq!(winners(rule(2), "1000", &projects, &ballots), ["C", "A"]);
        assert_eq!(winners(rule(3), "1000", &projects, &ballots), ["C"]);
        assert!(winners(rule(4), "1000", &projects, &ballots).is_empty());
        // The threshold does not stop the skipping: B is still taken after A does not fit.
        assert_eq!(winners(rule(1), "300", &projects, &ballots), ["C", "B"]);
    }

    #[test]
    fn greedy_ties_go_to_more_votes_then_lower_cost_then_earlier_submission() {
        // Equal votes: the cheaper wins, even when submitted later.
        let (projects, ballots) = pot(&[("early", "60"), ("cheap", "50")], &[&["early", "cheap"]]);
        assert_eq!(winners(Rule::Greedy, "60", &projects, &ballots), ["cheap"]);
        // Equal votes and cost: the earlier submission wins, whatever the list order.
        let mut projects = vec![project("x", "50", 2), project("y", "50", 1)];
        let ballots = vec![Ballot::new([0, 1])];
        assert_eq!(winners(Rule::Greedy, "60", &projects, &ballots), ["y"]);
        projects[0].order = 0;
        assert_eq!(winners(Rule::Greedy, "60", &projects, &ballots), ["x"]);
        // Equal keys too: the id decides, so input order still does not.
        projects[1].order = 0;
        assert_eq!(winners(Rule::Greedy, "60", &projects, &ballots), ["x"]);
        let swapped = vec![projects[1].clone(), projects[0].clone()];
        assert_eq!(winners(Rule::Greedy, "60", &swapped, &ballots), ["x"]);
        // More votes beat a lower cost.
        let (projects, ballots) = pot(
            &[("cheap", "10"), ("popular", "60")],
            &[&["cheap", "popular"], &["popular"]],
        );
        assert_eq!(
            winners(Rule::GreedyNoSkip, "60", &projects, &ballots),
            ["popular"]
        );
    }

    #[test]
    fn greedy_takes_free_and_unvoted_projects_when_money_is_left_as_pabutools_does() {
        let (projects, ballots) = pot(
            &[
                ("voted", "50"),
                ("free", "0"),
                ("nobody", "30"),
                ("dear", "90"),
            ],
            &[&["voted", "free"], &["voted"]],
        );
        assert_eq!(
            winners(Rule::Greedy, "100", &projects, &ballots),
            ["voted", "free", "nobody"]
        );
        let threshold = Rule::GreedyThreshold { min_votes: 1 };
        assert_eq!(
            winners(threshold, "100", &projects, &ballots),
            ["voted", "free"]
        );
    }

    /// Projects `(id, cost, votes)` in submission order, with ballots giving each its votes.
    fn voted(projects: &[(&str, &str, usize)]) -> (Vec<Project>, Vec<Ballot>) {
        let list: Vec<Project> = projects
            .iter()
            .enumerate()
            .map(|(i, (id, cost, _))| project(id, cost, i as u64))
            .collect();
        let voters = projects.iter().map(|p| p.2).max().unwrap_or(0);
        let ballots = (0..voters)
            .map(|v| (0..projects.len()).filter(|&p| projects[p].2 > v).collect())
            .collect();
        (list, ballots)
    }

    #[test]
    fn greedy_per_cost_ranks_by_votes_per_hryvnia_and_skips_what_does_not_fit() {
        // Votes per hryvnia: C 0.3, B 0.2, A 0.1, D 5/60, E 0.05.
        let (projects, ballots) = voted(&[
            ("A", "100", 10),
            ("B", "30", 6),
            ("C", "10", 3),
            ("D", "60", 5),
            ("E", "20", 1),
        ]);
        // A no longer fits after C and B, and is skipped; D still fits, E then does not.
        let outcome = tally(Rule::GreedyPerCost, d("100"), &projects, &ballots).unwrap();
        assert_eq!(outcome.winner_ids(&projects), ["C", "B", "D"]);
        assert_eq!((outcome.spent, outcome.left), (d("100"), d("0")));
        assert_eq!(
            outcome.winners.iter().map(|w| w.votes).collect::<Vec<_>>(),
            [3, 6, 5]
        );
        assert_eq!(outcome.voter_budget, None);
        assert!(outcome.winners.iter().all(|w| w.per_head.is_none()));
        assert_eq!(outcome.rule.to_string(), "greedy-per-cost");
        // By votes alone, A takes the whole pot.
        assert_eq!(winners(Rule::Greedy, "100", &projects, &ballots), ["A"]);
        // Everything fits: all win, in order of votes per hryvnia.
        assert_eq!(
            winners(Rule::GreedyPerCost, "220", &projects, &ballots),
            ["C", "B", "A", "D", "E"]
        );
        // Nothing fits: no winners.
        assert!(winners(Rule::GreedyPerCost, "9", &projects, &ballots).is_empty());
    }

    #[test]
    fn greedy_per_cost_ties_go_to_more_votes_then_lower_cost_then_earlier_submission() {
        // Equal ratios (0.1): more votes, that is the larger project, first.
        let (projects, ballots) = voted(&[("small", "10", 1), ("large", "20", 2)]);
        assert_eq!(
            winners(Rule::GreedyPerCost, "20", &projects, &ballots),
            ["large"]
        );
        assert_eq!(
            winners(Rule::GreedyPerCost, "29", &projects, &ballots),
            ["large"]
        );
        assert_eq!(
            winners(Rule::GreedyPerCost, "30", &projects, &ballots),
            ["large", "small"]
        );
        // The same with decimal costs: 3 / 0.3 = 1 / 0.1.
        let (projects, ballots) = voted(&[("a", "0.1", 1), ("b", "0.3", 3)]);
        assert_eq!(
            winners(Rule::GreedyPerCost, "0.3", &projects, &ballots),
            ["b"]
        );
        // Equal ratios and votes, hence equal costs: the earlier submission, then the id.
        let mut projects = vec![project("x", "50", 2), project("y", "50", 1)];
        let ballots = vec![Ballot::new([0, 1])];
        assert_eq!(
            winners(Rule::GreedyPerCost, "60", &projects, &ballots),
            ["y"]
        );
        projects[1].order = 2;
        assert_eq!(
            winners(Rule::GreedyPerCost, "60", &projects, &ballots),
            ["x"]
        );
        let swapped = vec![projects[1].clone(), projects[0].clone()];
        assert_eq!(
            winners(Rule::GreedyPerCost, "60", &swapped, &ballots),
            ["x"]
        );
        // A better ratio beats more votes.
        let (projects, ballots) = voted(&[("popular", "60", 3), ("cheap", "10", 1)]);
        assert_eq!(
            winners(Rule::GreedyPerCost, "60", &projects, &ballots),
            ["cheap"]
        );
    }

    #[test]
    fn greedy_per_cost_compares_exactly_where_floats_cannot() {
        // 2 / (2^54 + 1) < 1 / 2^53, but as f64 2^54 + 1 is 2^54 and the ratios look equal, which
        // would hand the tie to the project with more votes.
        let (projects, ballots) = voted(&[
            ("two", "18014398509481985", 2),
            ("one", "9007199254740992", 1),
        ]);
        assert_eq!(
            winners(
                Rule::GreedyPerCost,
                "18014398509481985",
                &projects,
                &ballots
            ),
            ["one"]
        );
    }

    #[test]
    fn greedy_per_cost_puts_free_voted_projects_first_and_unvoted_ones_last() {
        let (projects, ballots) = voted(&[
            ("voted", "50", 2),
            ("nobody", "30", 0),
            ("free", "0", 1),
            ("dear", "90", 1),
            ("nobody-free", "0", 0),
        ]);
        // free (infinite), voted (0.04), dear (1/90) does not fit; then the unvoted, cheaper first:
        // an unvoted free project has ratio 0, as in pabutools, not an infinite one.
        assert_eq!(
            winners(Rule::GreedyPerCost, "100", &projects, &ballots),
            ["free", "voted", "nobody-free", "nobody"]
        );
        assert_eq!(
            winners(Rule::GreedyPerCost, "0", &projects, &ballots),
            ["free", "nobody-free"]
        );
        // Several free projects with votes: more votes first.
        let (projects, ballots) = voted(&[("f1", "0", 1), ("f2", "0", 2), ("p", "1", 5)]);
        assert_eq!(
            winners(Rule::GreedyPerCost, "1", &projects, &ballots),
            ["f2", "f1", "p"]
        );
        // No votes at all: by cost, then submission.
        let (projects, _) = voted(&[("b", "20", 0), ("a", "10", 0), ("c", "10", 0)]);
        assert_eq!(
            winners(Rule::GreedyPerCost, "25", &projects, &[]),
            ["a", "c"]
        );
    }

    #[test]
    fn greedy_per_cost_agrees_with_pabutools_algorithm_written_plainly() {
        let mut rng = StdRng::seed_from_u64(19);
        for _ in 0..400 {
            let instance = random_instance(&mut rng);
            let pot = Pot::new(instance.budget, &instance.projects, &instance.ballots).unwrap();
            // pabutools' satisfaction density under Cardinality_Sat: votes / cost, infinite for a
            // free project with votes, 0 without votes; the highest first, stable over the
            // tie-break order.
            let density = |p: usize| -> (bool, BigRational) {
                let votes = BigRational::from_integer(pot.votes[p].into());
                match (pot.votes[p], pot.costs[p]) {
                    (0, _) => (false, BigRational::zero()),
                    (_, 0) => (true, BigRational::zero()),
                    (_, c) => (false, votes / BigRational::from_integer(c.into())),
                }
            };
            let mut order = pot.ranking();
            order.sort_by_key(|&p| std::cmp::Reverse(density(p)));
            let mut left = pot.budget;
            let mut plain = Vec::new();
            for p in order {
                if pot.costs[p] <= left {
                    left -= pot.costs[p];
                    plain.push(p);
                }
            }
            let outcome = tally(
                Rule::GreedyPerCost,
                instance.budget,
                &instance.projects,
                &instance.ballots,
            )
            .unwrap();
            let ours: Vec<usize> = outcome.winners.iter().map(|w| w.project).collect();
            assert_eq!(
                ours, plain,
                "{:?} {:?} {:?}",
                instance.budget, instance.projects, instance.ballots
            );
        }
    }

    #[test]
    fn equal_shares_is_proportional_where_greedy_is_not() {
        // 60 voters want P1..P3, 40 want Q1..Q3, every project costs 100, the pot is 300.
        let mut ballots = times(60, &["P1", "P2", "P3"]);
        ballots.extend(times(40, &["Q1", "Q2", "Q3"]));
        let (projects, ballots) = pot(
            &[
                ("P1", "100"),
                ("P2", "100"),
                ("P3", "100"),
                ("Q1", "100"),
                ("Q2", "100"),
                ("Q3", "100"),
            ],
            &ballots,
        );
        assert_eq!(
            winners(Rule::Greedy, "300", &projects, &ballots),
            ["P1", "P2", "P3"]
        );
        // With 3 each, the 60 pay 100/60 for P1 and cannot afford P2 (80 left); the 40 pay 2.5
        // each for Q1. Not exhaustive (100 left), so each voter gets 1 more: now P1, P2 and Q1.
        let outcome = tally(Rule::EqualSharesAdd1, d("300"), &projects, &ballots).unwrap();
        assert_eq!(outcome.winner_ids(&projects), ["P1", "P2", "Q1"]);
        assert_eq!((outcome.spent, outcome.left), (d("300"), d("0")));
        assert_eq!(outcome.voter_budget, Some(ratio(4, 1)));
        let shares: Vec<_> = outcome
            .winners
            .iter()
            .map(|w| w.per_head.clone().unwrap())
            .collect();
        assert_eq!(shares, [ratio(5, 3), ratio(5, 3), ratio(5, 2)]);
    }

    #[test]
    fn equal_shares_lets_a_poor_supporter_pay_what_is_left() {
        // 4 voters with 10 each. X (18) by v1, v3, v4: 6 each, 1/3 per unit, first. Z (13) by
        // v1, v2: v1 has 4 left < 6.5, pays 4; v2 pays 9 ≤ 10. Nothing else: exhaustive.
        let (projects, ballots) = pot(
            &[("X", "18"), ("Z", "13")],
            &[&["X", "Z"], &["Z"], &["X"], &["X"]],
        );
        let outcome = tally(Rule::EqualSharesAdd1, d("40"), &projects, &ballots).unwrap();
        assert_eq!(outcome.winner_ids(&projects), ["X", "Z"]);
        assert_eq!(outcome.winners[0].per_head, Some(ratio(6, 1)));
        assert_eq!(outcome.winners[1].per_head, Some(ratio(9, 1)));
        assert_eq!(outcome.voter_budget, Some(ratio(10, 1)));
        assert_eq!(outcome.left, d("9"));
    }

    #[test]
    fn add1_keeps_the_last_outcome_within_the_pot() {
        // 3 voters, pot 300 (100 each). C (150, all three) is first: 50 each. A (200, v1 v2) and
        // B (100, v3) are out of reach until each voter has 150; then A comes before B and the
        // outcome {C, A} costs 350 > 300, so {C} from the step before stands. Greedy takes B.
        let (projects, ballots) = skip_pot();
        let outcome = tally(Rule::EqualSharesAdd1, d("300"), &projects, &ballots).unwrap();
        assert_eq!(outcome.winner_ids(&projects), ["C"]);
        assert_eq!(outcome.voter_budget, Some(ratio(149, 1)));
        assert_eq!(outcome.winners[0].per_head, Some(ratio(50, 1)));
        assert_eq!(outcome.left, d("150"));
    }

    #[test]
    fn equal_shares_ties_go_to_more_votes_then_lower_cost_then_earlier_submission() {
        // Same price per unit (1/2), pot 120 for 2 voters: only one of them is affordable.
        let (projects, ballots) = pot(
            &[("dear", "100"), ("cheap", "60")],
            &[&["dear", "cheap"], &["dear", "cheap"]],
        );
        assert_eq!(
            winners(Rule::EqualSharesAdd1, "120", &projects, &ballots),
            ["cheap"]
        );
        // Same cost too: the earlier submission.
        let mut projects = vec![project("a", "60", 5), project("b", "60", 3)];
        let ballots = vec![Ballot::new([0, 1]), Ballot::new([0, 1])];
        assert_eq!(
            winners(Rule::EqualSharesAdd1, "100", &projects, &ballots),
            ["b"]
        );
        projects[0].order = 1;
        assert_eq!(
            winners(Rule::EqualSharesAdd1, "100", &projects, &ballots),
            ["a"]
        );
        // Same price per unit of cost, different votes: (cost 40, 2 votes) and (cost 20, 1 vote)
        // both cost 1/2 of a share per unit; the one with more votes goes first.
        let (projects, ballots) = pot(
            &[("solo", "20"), ("duo", "40")],
            &[&["duo", "solo"], &["duo"]],
        );
        assert_eq!(
            tally(Rule::EqualSharesAdd1, d("40"), &projects, &ballots)
                .unwrap()
                .winner_ids(&projects),
            ["duo"]
        );
    }

    #[test]
    fn equal_shares_never_funds_unvoted_or_free_projects_but_counts_them_for_exhaustion() {
        // "free" costs nothing and "nobody" has no votes: Equal Shares with cost utilities
        // chooses neither, and both keep every outcome from being exhaustive. The others fit the
        // pot together, so the completion ends with all of them.
        let (projects, ballots) = pot(
            &[
                ("big", "90"),
                ("small", "5"),
                ("free", "0"),
                ("nobody", "1"),
            ],
            &[&["big", "free"], &["small"], &["small"], &["small"]],
        );
        let outcome = tally(Rule::EqualSharesAdd1, d("100"), &projects, &ballots).unwrap();
        let mut ids = outcome.winner_ids(&projects);
        ids.sort();
        assert_eq!(ids, ["big", "small"]);
        // The jump: every voter gets enough to pay for all of them (95 each).
        assert_eq!(outcome.voter_budget, Some(ratio(95, 1)));
    }

    #[test]
    fn no_voters_no_equal_shares_winners() {
        let projects = vec![project("a", "10", 0)];
        let outcome = tally(Rule::EqualSharesAdd1, d("100"), &projects, &[]).unwrap();
        assert!(outcome.winners.is_empty());
        assert_eq!(outcome.left, d("100"));
        // Greedy funds unvoted projects that fit, as pabutools does.
        assert_eq!(winners(Rule::Greedy, "100", &projects, &[]), ["a"]);
        // Empty ballots still count as voters, who have their share of the pot.
        let (projects, ballots) = pot(&[("a", "60")], &[&["a"], &[], &[]]);
        // One voter with 20 cannot pay 60 alone; with 20 + t, at t = 40 she can, then exhaustive.
        let outcome = tally(Rule::EqualSharesAdd1, d("60"), &projects, &ballots).unwrap();
        assert_eq!(outcome.winner_ids(&projects), ["a"]);
        assert_eq!(outcome.voter_budget, Some(ratio(60, 1)));
    }

    #[test]
    fn decimal_amounts_are_exact() {
        // Costs in kopiykas; one currency unit per voter per step is 1.00.
        let (projects, ballots) = pot(
            &[("a", "0.10"), ("b", "0.20"), ("c", "0.30")],
            &[&["a", "b"], &["b", "c"], &["c"]],
        );
        let outcome = tally(Rule::Greedy, d("0.3"), &projects, &ballots).unwrap();
        assert_eq!(outcome.winner_ids(&projects), ["b", "a"]);
        assert_eq!((outcome.spent, outcome.left), (d("0.30"), d("0.00")));
        let shares = tally(Rule::EqualSharesAdd1, d("0.6"), &projects, &ballots).unwrap();
        assert_eq!(shares.spent, d("0.60"));
        // 0.6 / 3 voters = 0.2 each: b (0.1 each from 2) goes first.
        assert_eq!(shares.winner_ids(&projects)[0], "b");
        assert_eq!(shares.winners[0].per_head, Some(ratio(1, 10)));
    }

    #[test]
    fn bad_input_is_refused() {
        let p = vec![project("a", "10", 0), project("b", "5", 1)];
        assert_eq!(
            tally(Rule::Greedy, d("-1"), &p, &[]).unwrap_err(),
            TallyError::NegativeBudget
        );
        let negative = vec![project("a", "-10", 0)];
        assert_eq!(
            tally(Rule::Greedy, d("1"), &negative, &[]).unwrap_err(),
            TallyError::NegativeCost { id: "a".into() }
        );
        let twice = vec![project("a", "10", 0), project("a", "5", 1)];
        assert_eq!(
            tally(Rule::Greedy, d("1"), &twice, &[]).unwrap_err(),
            TallyError::DuplicateProject { id: "a".into() }
        );
        assert_eq!(
            tally(
                Rule::EqualSharesAdd1,
                d("1"),
                &p,
                &[Ballot::new([0]), Ballot::new([1, 2])]
            )
            .unwrap_err(),
            TallyError::UnknownProject {
                ballot: 1,
                project: 2,
                projects: 2
            }
        );
        // The largest decimals are fine; the smallest step next to the largest amount is not.
        let huge = vec![project("a", "79228162514264337593543950335", 0)];
        let ballots = vec![Ballot::new([0]); 3];
        assert_eq!(
            winners(
                Rule::EqualSharesAdd1,
                "79228162514264337593543950335",
                &huge,
                &ballots
            ),
            ["a"]
        );
        let precise = vec![project("a", "0.0000000000000000000000000001", 0)];
        assert_eq!(
            tally(
                Rule::Greedy,
                d("79228162514264337593543950335"),
                &precise,
                &ballots
            )
            .unwrap_err(),
            TallyError::OutOfRange
        );
    }

    #[test]
    fn ballots_are_sets() {
        assert_eq!(Ballot::new([3, 1, 3, 2]).projects(), [1, 2, 3]);
        assert_eq!([2, 2].into_iter().collect::<Ballot>(), Ballot::new([2]));
    }

    #[test]
    fn format_rounded_rounds_half_away_from_zero() {
        assert_eq!(format_rounded(&ratio(1, 3), 2), "0.33");
        assert_eq!(format_rounded(&ratio(2, 3), 2), "0.67");
        assert_eq!(format_rounded(&ratio(1, 200), 2), "0.01");
        assert_eq!(format_rounded(&ratio(-1, 200), 2), "-0.01");
        assert_eq!(format_rounded(&ratio(12345, 1), 2), "12345.00");
        assert_eq!(format_rounded(&ratio(5, 2), 0), "3");
    }

    // ---- generated instances ----

    struct Instance {
        budget: Decimal,
        projects: Vec<Project>,
        ballots: Vec<Ballot>,
    }

    fn random_instance(rng: &mut StdRng) -> Instance {
        let project_count = rng.gen_range(1..=9);
        let scale = if rng.gen_bool(0.2) { 1 } else { 0 };
        let projects: Vec<Project> = (0..project_count)
            .map(|i| {
                let cost = if rng.gen_bool(0.05) {
                    0
                } else {
                    rng.gen_range(1..=60)
                };
                Project {
                    id: format!("p{i}"),
                    cost: Decimal::new(cost, scale),
                    order: rng.gen_range(0..4),
                }
            })
            .collect();
        let voters = rng.gen_range(0..=14);
        let ballots = (0..voters)
            .map(|_| {
                let len = rng.gen_range(0..=project_count.min(4));
                (0..len).map(|_| rng.gen_range(0..project_count)).collect()
            })
            .collect();
        let budget = Decimal::new(rng.gen_range(0..=150), scale);
        Instance {
            budget,
            projects,
            ballots,
        }
    }

    const RULES: [Rule; 6] = [
        Rule::Greedy,
        Rule::GreedyNoSkip,
        Rule::GreedyThreshold { min_votes: 2 },
        Rule::GreedyThreshold { min_votes: 0 },
        Rule::GreedyPerCost,
        Rule::EqualSharesAdd1,
    ];

    type ById = (
        Vec<(String, u64, Option<BigRational>)>,
        Decimal,
        Option<BigRational>,
    );

    /// The outcome in terms of ids, which do not depend on positions in the input.
    fn by_id(outcome: &Outcome, projects: &[Project]) -> ById {
        let winners = outcome
            .winners
            .iter()
            .map(|w| (projects[w.project].id.clone(), w.votes, w.per_head.clone()))
            .collect();
        (winners, outcome.spent, outcome.voter_budget.clone())
    }

    #[test]
    fn input_order_never_matters() {
        let mut rng = StdRng::seed_from_u64(8);
        for _ in 0..300 {
            let instance = random_instance(&mut rng);
            let mut permutation: Vec<usize> = (0..instance.projects.len()).collect();
            permutation.shuffle(&mut rng);
            // Project permutation[i] of the original is at position i of the shuffled list.
            let mut position = vec![0; permutation.len()];
            for (i, &p) in permutation.iter().enumerate() {
                position[p] = i;
            }
            let projects: Vec<Project> = permutation
                .iter()
                .map(|&p| instance.projects[p].clone())
                .collect();
            let mut ballots: Vec<Ballot> = instance
                .ballots
                .iter()
                .map(|b| b.projects().iter().map(|&p| position[p]).collect())
                .collect();
            ballots.shuffle(&mut rng);
            for rule in RULES {
                let a =
                    tally(rule, instance.budget, &instance.projects, &instance.ballots).unwrap();
                let b = tally(rule, instance.budget, &projects, &ballots).unwrap();
                assert_eq!(
                    by_id(&a, &instance.projects),
                    by_id(&b, &projects),
                    "{rule}"
                );
            }
        }
    }

    /// Equal Shares as plainly as it can be written (pabutools' `naive_mes`): every voter on
    /// their own, every price recomputed every round by the poor/rich iteration.
    fn naive_mes(
        costs: &[BigRational],
        rank: &[u32],
        ballots: &[Ballot],
        voter_budget: &BigRational,
    ) -> Vec<(usize, BigRational)> {
        let mut money = vec![voter_budget.clone(); ballots.len()];
        let supporters: Vec<Vec<usize>> = (0..costs.len())
            .map(|p| {
                (0..ballots.len())
                    .filter(|&v| ballots[v].projects().contains(&p))
                    .collect()
            })
            .collect();
        let mut open: Vec<usize> = (0..costs.len())
            .filter(|&p| !supporters[p].is_empty() && costs[p] > BigRational::zero())
            .collect();
        let mut chosen = Vec::new();
        loop {
            let mut best: Option<(BigRational, u32, usize, BigRational)> = None;
            open.retain(|&p| {
                let total: BigRational = supporters[p].iter().map(|&v| money[v].clone()).sum();
                total >= costs[p]
            });
            for &p in &open {
                let mut rich: Vec<usize> = supporters[p].clone();
                let mut paid = BigRational::zero();
                let rho = loop {
                    let rho =
                        (&costs[p] - &paid) / BigRational::from_integer(BigInt::from(rich.len()));
                    let (poor, still): (Vec<usize>, Vec<usize>) =
                        rich.iter().partition(|&&v| money[v] < rho);
                    if poor.is_empty() {
                        break rho;
                    }
                    for v in poor {
                        paid += &money[v];
                    }
                    rich = still;
                };
                let key = (&rho / &costs[p], rank[p]);
                if best.as_ref().is_none_or(|b| key < (b.0.clone(), b.1)) {
                    best = Some((key.0, key.1, p, rho));
                }
            }
            let Some((_, _, p, rho)) = best else {
                return chosen;
            };
            for &v in &supporters[p] {
                money[v] = if money[v] <= rho {
                    BigRational::zero()
                } else {
                    &money[v] - &rho
                };
            }
            open.retain(|&q| q != p);
            chosen.push((p, rho));
        }
    }

    /// pabutools' `exhaustion_by_budget_increase` over `naive_mes`, literally: no shortcuts.
    fn naive_add1(instance: &Instance) -> Vec<usize> {
        let pot = Pot::new(instance.budget, &instance.projects, &instance.ballots).unwrap();
        let n = instance.ballots.len() as i128;
        if n == 0 {
            return Vec::new();
        }
        let costs: Vec<BigRational> = pot
            .costs
            .iter()
            .map(|&c| BigRational::from_integer(c.into()))
            .collect();
        let mut total = pot.budget;
        let mut previous = Vec::new();
        while total <= pot.budget * (n + 1) {
            let run = naive_mes(
                &costs,
                &pot.rank,
                &instance.ballots,
                &BigRational::new(total.into(), n.into()),
            );
            let spent: i128 = run.iter().map(|(p, _)| pot.costs[*p]).sum();
            if spent > pot.budget {
                break;
            }
            let winners: Vec<usize> = run.into_iter().map(|(p, _)| p).collect();
            let exhaustive = (0..pot.costs.len())
                .all(|p| winners.contains(&p) || pot.costs[p] > pot.budget - spent);
            previous = winners;
            if exhaustive {
                break;
            }
            total += n * pot.unit;
        }
        previous
    }

    #[test]
    fn equal_shares_agrees_with_the_plain_algorithm_and_pabutools_completion() {
        let mut rng = StdRng::seed_from_u64(2024);
        for _ in 0..400 {
            let instance = random_instance(&mut rng);
            let outcome = tally(
                Rule::EqualSharesAdd1,
                instance.budget,
                &instance.projects,
                &instance.ballots,
            )
            .unwrap();
            let mut ours: Vec<usize> = outcome.winners.iter().map(|w| w.project).collect();
            let mut plain = naive_add1(&instance);
            ours.sort();
            plain.sort();
            assert_eq!(
                ours, plain,
                "{:?} {:?} {:?}",
                instance.budget, instance.projects, instance.ballots
            );
        }
    }

    #[test]
    fn one_run_agrees_with_the_plain_algorithm() {
        let mut rng = StdRng::seed_from_u64(77);
        for _ in 0..300 {
            let instance = random_instance(&mut rng);
            if instance.ballots.is_empty() {
                continue;
            }
            let pot = Pot::new(instance.budget, &instance.projects, &instance.ballots).unwrap();
            let mes = Mes::new(&pot);
            let n = instance.ballots.len() as i128;
            let voter_budget = pot.budget + rng.gen_range(0..30) * n * pot.unit;
            let run = mes.run(voter_budget, i128::MAX).unwrap().exact_winners();
            // Mes counts in 1/n units: scale costs and budget alike for the plain version.
            let costs: Vec<BigRational> = pot
                .costs
                .iter()
                .map(|&c| BigRational::from_integer((c * n).into()))
                .collect();
            let plain = naive_mes(
                &costs,
                &pot.rank,
                &instance.ballots,
                &BigRational::from_integer(voter_budget.into()),
            );
            assert_eq!(run, plain);
        }
    }

    #[test]
    fn large_amounts_where_floats_cannot_tell_are_exact() {
        // Amounts near 10^28 that differ in their last digits: floats see them as equal.
        let mut rng = StdRng::seed_from_u64(5);
        let e26 = 100_000_000_000_000_000_000_000_000i128;
        for _ in 0..30 {
            let project_count = rng.gen_range(5..=9);
            let projects: Vec<Project> = (0..project_count)
                .map(|i| Project {
                    id: format!("p{i}"),
                    cost: Decimal::from_i128_with_scale(
                        rng.gen_range(1..=60) * e26 + rng.gen_range(0..1000),
                        0,
                    ),
                    order: i as u64,
                })
                .collect();
            let ballots: Vec<Ballot> = (0..rng.gen_range(150..=400))
                .map(|_| {
                    let len = rng.gen_range(1..=4);
                    (0..len).map(|_| rng.gen_range(0..project_count)).collect()
                })
                .collect();
            let budget = Decimal::from_i128_with_scale(rng.gen_range(50..=200) * e26 + 1, 0);
            let instance = Instance {
                budget,
                projects,
                ballots,
            };
            let pot = Pot::new(instance.budget, &instance.projects, &instance.ballots).unwrap();
            let mes = Mes::new(&pot);
            let run = mes.run(pot.budget, i128::MAX).unwrap().exact_winners();
            let n = instance.ballots.len() as i128;
            let costs: Vec<BigRational> = pot
                .costs
                .iter()
                .map(|&c| BigRational::from_integer((c * n).into()))
                .collect();
            let plain = naive_mes(
                &costs,
                &pot.rank,
                &instance.ballots,
                &BigRational::from_integer(pot.budget.into()),
            );
            assert_eq!(run, plain);
        }
    }

    #[test]
    fn floats_decide_only_what_they_decide_for_certain() {
        let big = |n: i128| BigRational::from_integer(BigInt::from(n));
        let e30 = 1_000_000_000_000_000_000_000_000_000_000i128;
        // Money left: 10^30 + 1 against 10^30 and 10^30 + 2, which floats cannot tell apart.
        let mut state = State::new(big(e30 + 1), 1);
        for (other, order) in [
            (e30, Ordering::Greater),
            (e30 + 1, Ordering::Equal),
            (e30 + 2, Ordering::Less),
            (2 * e30, Ordering::Less),
            (1, Ordering::Greater),
        ] {
            let (approx, err) = approximate(&big(other));
            assert_eq!(state.compare(1, &big(other), approx, err), order, "{other}");
        }
        // A value computed lazily (10^30 + 1 - (10^30 - 1) / 3) is exact when asked.
        let price = state.add_price(Price::known(
            BigRational::new(BigInt::from(e30 - 1), BigInt::from(3)),
            1,
        ));
        let left = state.pay(1, price, 1);
        assert!(state.values[left as usize].exact.is_none());
        let expected = BigRational::new(BigInt::from(2 * e30 + 4), BigInt::from(3));
        let (approx, err) = approximate(&expected);
        assert_eq!(state.compare(left, &expected, approx, err), Ordering::Equal);
        assert_eq!(state.exact(left), expected);
        // Candidates: prices per unit that differ by 1 in 10^30 are ordered exactly; equal ones
        // by rank.
        let candidate = |rho: i128, rank: u32, project: usize| {
            Candidate::new(Price::known(big(rho), e30), rank, project, 0)
        };
        let a = candidate(e30 / 3, 5, 0);
        let b = candidate(e30 / 3 + 1, 1, 1);
        let c = candidate(e30 / 3, 2, 2);
        assert_eq!(a.order(&b, &mut state), Ordering::Less);
        assert_eq!(c.order(&a, &mut state), Ordering::Less);
        assert_eq!(b.order(&c, &mut state), Ordering::Greater);
        // A price known only by its recipe is computed when floats cannot tell:
        // (10^30 - 0 + 2 × (10^30 - 1) / 3) / 5 against the same price known exactly.
        let recipe = Price {
            approx: 0.0,
            err: f64::INFINITY,
            exact: None,
            cost: e30,
            poor: 0,
            rich: 5,
            terms: vec![(price, 2)],
        };
        let expected = BigRational::new(BigInt::from(5 * e30 - 2), BigInt::from(15));
        assert_eq!(state.recipe_exact(&recipe), expected);
    }
}
