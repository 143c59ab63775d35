//! Cost estimates: line items of quantity × unit price, summed exactly, plus the session's
//! compulsory cost reserve («резерв», Kyiv 2019: 20 %) as a line of its own.

use rust_decimal::Decimal;

use super::money::{Money, MoneyError};

/// Why an estimate cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EstimateError {
    #[error("an estimate needs at least one line")]
    Empty,
    #[error("an estimate has at most {max} lines")]
    TooManyLines { max: usize },
    #[error("line {line}: the name is empty")]
    EmptyName { line: usize },
    #[error("line {line}: the name is longer than {max} characters")]
    LongName { line: usize, max: usize },
    #[error("line {line}: the quantity must be at least 1")]
    BadQuantity { line: usize },
    #[error("line {line}: the unit price must not be negative")]
    NegativePrice { line: usize },
    #[error("line {line}: quantity × unit price is out of range")]
    LineOverflow { line: usize },
    #[error("the total is out of range")]
    TotalOverflow,
}

/// The most lines one estimate may have.
pub const MAX_LINES: usize = 200;
/// The longest name of a line, in characters.
pub const MAX_NAME_CHARS: usize = 300;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CostLine {
    pub name: String,
    pub quantity: i64,
    pub unit_price: Money,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PricedLine {
    pub line: CostLine,
    pub total: Money,
}

/// A compulsory contingency share added to every cost estimate of a session, in hundredths of
/// a percent (2000 = 20 %) so that it is exact; 0 to [`Reserve::MAX_BASIS_POINTS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Reserve(i32);

/// Why a cost reserve is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ReserveError {
    #[error("the cost reserve is 0 to 50 percent, to hundredths of a percent")]
    OutOfRange,
}

impl Reserve {
    pub const NONE: Reserve = Reserve(0);
    /// 50 %: a reserve is a contingency, not half of the project.
    pub const MAX_BASIS_POINTS: i32 = 5000;

    pub fn from_basis_points(basis_points: i32) -> Result<Self, ReserveError> {
        if (0..=Self::MAX_BASIS_POINTS).contains(&basis_points) {
            Ok(Reserve(basis_points))
        } else {
            Err(ReserveError::OutOfRange)
        }
    }

    /// From a percentage as people write it (`20`, `12.5`), at most two decimal places.
    pub fn from_percent(percent: Decimal) -> Result<Self, ReserveError> {
        let basis_points = percent
            .checked_mul(Decimal::ONE_HUNDRED)
            .filter(|bp| bp.fract().is_zero())
            .and_then(|bp| i32::try_from(bp).ok())
            .ok_or(ReserveError::OutOfRange)?;
        Self::from_basis_points(basis_points)
    }

    pub fn basis_points(self) -> i32 {
        self.0
    }

    /// The percentage, e.g. `20` or `12.5`.
    pub fn percent(self) -> Decimal {
        Decimal::new(i64::from(self.0), 2).normalize()
    }

    /// The reserve on `subtotal`, rounded to the kopiyka, halves up (as in accounting:
    /// 20 % of 0.03 ₴ is 0.01 ₴, 50 % of 0.01 ₴ is 0.01 ₴).
    pub fn of(self, subtotal: Money) -> Result<Money, MoneyError> {
        if subtotal.is_negative() {
            return Err(MoneyError::Invalid);
        }
        let scaled = i128::from(subtotal.minor_units()) * i128::from(self.0);
        let kopiykas = (scaled + 5_000) / 10_000;
        i64::try_from(kopiykas)
            .map(Money::from_minor_units)
            .map_err(|_| MoneyError::Overflow)
    }
}

impl std::str::FromStr for Reserve {
    type Err = ReserveError;

    /// A percentage in plain digits with at most one decimal point (`20`, `12.5`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let plain = s.chars().all(|c| c.is_ascii_digit() || c == '.')
            && s.matches('.').count() <= 1
            && s.chars().any(|c| c.is_ascii_digit());
        if !plain {
            return Err(ReserveError::OutOfRange);
        }
        let percent = Decimal::from_str_exact(s).map_err(|_| ReserveError::OutOfRange)?;
        Self::from_percent(percent)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Estimate {
    pub lines: Vec<PricedLine>,
    /// The sum of the lines.
    pub subtotal: Money,
    pub reserve: Reserve,
    /// `reserve` of `subtotal`, to the kopiyka.
    pub reserve_amount: Money,
    /// What the project costs: subtotal and reserve.
    pub total: Money,
}

/// Prices every line, sums them and adds the reserve. Lines are numbered from 1 in errors, as
/// people count.
pub fn compute(lines: Vec<CostLine>, reserve: Reserve) -> Result<Estimate, EstimateError> {
    if lines.is_empty() {
        return Err(EstimateError::Empty);
    }
    if lines.len() > MAX_LINES {
        return Err(EstimateError::TooManyLines { max: MAX_LINES });
    }
    let mut priced = Vec::with_capacity(lines.len());
    for (index, line) in lines.into_iter().enumerate() {
        let number = index + 1;
        if line.name.trim().is_empty() {
            return Err(EstimateError::EmptyName { line: number });
        }
        if line.name.trim().chars().count() > MAX_NAME_CHARS {
            return Err(EstimateError::LongName {
                line: number,
                max: MAX_NAME_CHARS,
            });
        }
        if line.quantity < 1 {
            return Err(EstimateError::BadQuantity { line: number });
        }
        if line.unit_price.is_negative() {
            return Err(EstimateError::NegativePrice { line: number });
        }
        let total = line
            .unit_price
            .checked_mul(line.quantity)
            .map_err(|_| EstimateError::LineOverflow { line: number })?;
        priced.push(PricedLine { line, total });
    }
    let subtotal = Money::checked_sum(priced.iter().map(|p| p.total))
        .map_err(|_| EstimateError::TotalOverflow)?;
    let reserve_amount = reserve
        .of(subtotal)
        .map_err(|_| EstimateError::TotalOverflow)?;
    let total = subtotal
        .checked_add(reserve_amount)
        .map_err(|_| EstimateError::TotalOverflow)?;
    Ok(Estimate {
        lines: priced,
        subtotal,
        reserve,
        reserve_amount,
        total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(name: &str, quantity: i64, price: &str) -> CostLine {
        CostLine {
            name: name.into(),
            quantity,
            unit_price: price.parse().unwrap(),
        }
    }

    #[test]
    fn sums_exactly() {
        let e = compute(
            vec![
                line("Лавка", 3, "4999.99"),
                line("Урна", 10, "0.10"),
                line("Монтаж", 1, "0.01"),
            ],
            Reserve::NONE,
        )
        .unwrap();
        assert_eq!(e.lines[0].total.to_string(), "14999.97");
        assert_eq!(e.lines[1].total.to_string(), "1.00");
        assert_eq!(e.total.to_string(), "15000.98");
    }

    #[test]
    fn refuses_bad_lines_naming_them() {
        assert_eq!(compute(vec![], Reserve::NONE), Err(EstimateError::Empty));
        assert_eq!(
            compute(vec![line("a", 1, "1"), line(" ", 1, "1")], Reserve::NONE),
            Err(EstimateError::EmptyName { line: 2 })
        );
        assert_eq!(
            compute(
                vec![line("ї".repeat(MAX_NAME_CHARS + 1).as_str(), 1, "1")],
                Reserve::NONE
            ),
            Err(EstimateError::LongName {
                line: 1,
                max: MAX_NAME_CHARS
            })
        );
        assert!(
            compute(
                vec![line("ї".repeat(MAX_NAME_CHARS).as_str(), 1, "1")],
                Reserve::NONE
            )
            .is_ok()
        );
        assert_eq!(
            compute(vec![line("", 1, "1")], Reserve::NONE),
            Err(EstimateError::EmptyName { line: 1 })
        );
        assert_eq!(
            compute(vec![line("a", 0, "1")], Reserve::NONE),
            Err(EstimateError::BadQuantity { line: 1 })
        );
        assert_eq!(
            compute(vec![line("a", -5, "1")], Reserve::NONE),
            Err(EstimateError::BadQuantity { line: 1 })
        );
        assert_eq!(
            compute(vec![line("a", 1, "-1")], Reserve::NONE),
            Err(EstimateError::NegativePrice { line: 1 })
        );
        assert_eq!(
            compute(vec![line("a", 2, "92233720368547758.07")], Reserve::NONE),
            Err(EstimateError::LineOverflow { line: 1 })
        );
        assert_eq!(
            compute(
                vec![line("a", 1, "92233720368547758.07"), line("b", 1, "0.01")],
                Reserve::NONE
            ),
            Err(EstimateError::TotalOverflow)
        );
        let many = (0..=MAX_LINES)
            .map(|i| line(&format!("l{i}"), 1, "1"))
            .collect();
        assert_eq!(
            compute(many, Reserve::NONE),
            Err(EstimateError::TooManyLines { max: MAX_LINES })
        );
    }

    #[test]
    fn zero_price_lines_are_allowed() {
        let e = compute(vec![line("Волонтерська праця", 40, "0")], Reserve::NONE).unwrap();
        assert_eq!(e.total, Money::ZERO);
    }

    fn reserve(percent: &str) -> Reserve {
        Reserve::from_percent(percent.parse().unwrap()).unwrap()
    }

    #[test]
    fn the_reserve_is_a_line_of_its_own_exact_to_the_kopiyka() {
        let e = compute(
            vec![line("Лавка", 3, "4999.99"), line("Урна", 10, "0.10")],
            reserve("20"),
        )
        .unwrap();
        assert_eq!(e.subtotal.to_string(), "15000.97");
        // 20 % of 15000.97 is 3000.194: the kopiyka below.
        assert_eq!(e.reserve_amount.to_string(), "3000.19");
        assert_eq!(e.total.to_string(), "18001.16");
        assert_eq!(e.reserve.basis_points(), 2000);
        let none = compute(vec![line("Лавка", 1, "100")], Reserve::NONE).unwrap();
        assert_eq!(
            (none.reserve_amount, none.total),
            (Money::ZERO, none.subtotal)
        );
    }

    #[test]
    fn the_reserve_rounds_halves_up() {
        let of = |percent: &str, amount: &str| {
            reserve(percent)
                .of(amount.parse().unwrap())
                .unwrap()
                .to_string()
        };
        assert_eq!(of("50", "0.01"), "0.01"); // 0.005
        assert_eq!(of("20", "0.02"), "0.00"); // 0.004
        assert_eq!(of("20", "0.03"), "0.01"); // 0.006
        assert_eq!(of("12.5", "0.04"), "0.01"); // 0.005
        assert_eq!(of("12.5", "0.03"), "0.00"); // 0.00375
        assert_eq!(of("0.01", "100"), "0.01");
        assert_eq!(of("20", "0"), "0.00");
        assert_eq!(of("50", "92233720368547758.07"), "46116860184273879.04");
    }

    #[test]
    fn a_reserve_that_overflows_the_total_is_refused() {
        assert_eq!(
            compute(vec![line("a", 1, "92233720368547758.07")], reserve("0.01")),
            Err(EstimateError::TotalOverflow)
        );
    }

    #[test]
    fn reserve_percentages_are_checked() {
        assert_eq!(reserve("20").percent().to_string(), "20");
        assert_eq!(reserve("12.5").percent().to_string(), "12.5");
        assert_eq!(reserve("0").basis_points(), 0);
        assert_eq!(reserve("50").basis_points(), 5000);
        for bad in ["50.01", "-1", "0.001", "1e40", "100"] {
            assert_eq!(
                Reserve::from_percent(bad.parse().unwrap_or(Decimal::MAX)),
                Err(ReserveError::OutOfRange),
                "{bad}"
            );
        }
        assert_eq!("12.50".parse(), Ok(reserve("12.5")));
        assert_eq!(" 20 ".parse(), Ok(reserve("20")));
        for bad in ["", ".", "-0", "1e1", "1_0", "12,5", "20%", "0.001", "50.01"] {
            assert_eq!(
                bad.parse::<Reserve>(),
                Err(ReserveError::OutOfRange),
                "{bad}"
            );
        }
        assert_eq!(
            Reserve::from_basis_points(-1),
            Err(ReserveError::OutOfRange)
        );
        assert_eq!(
            Reserve::from_basis_points(5001),
            Err(ReserveError::OutOfRange)
        );
    }
}
