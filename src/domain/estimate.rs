//! Cost estimates: line items of quantity × unit price, summed exactly.

use super::money::Money;

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Estimate {
    pub lines: Vec<PricedLine>,
    pub total: Money,
}

/// Prices every line and sums them. Lines are numbered from 1 in errors, as people count.
pub fn compute(lines: Vec<CostLine>) -> Result<Estimate, EstimateError> {
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
    let total = Money::checked_sum(priced.iter().map(|p| p.total))
        .map_err(|_| EstimateError::TotalOverflow)?;
    Ok(Estimate {
        lines: priced,
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
        let e = compute(vec![
            line("Лавка", 3, "4999.99"),
            line("Урна", 10, "0.10"),
            line("Монтаж", 1, "0.01"),
        ])
        .unwrap();
        assert_eq!(e.lines[0].total.to_string(), "14999.97");
        assert_eq!(e.lines[1].total.to_string(), "1.00");
        assert_eq!(e.total.to_string(), "15000.98");
    }

    #[test]
    fn refuses_bad_lines_naming_them() {
        assert_eq!(compute(vec![]), Err(EstimateError::Empty));
        assert_eq!(
            compute(vec![line("a", 1, "1"), line(" ", 1, "1")]),
            Err(EstimateError::EmptyName { line: 2 })
        );
        assert_eq!(
            compute(vec![line("ї".repeat(MAX_NAME_CHARS + 1).as_str(), 1, "1")]),
            Err(EstimateError::LongName {
                line: 1,
                max: MAX_NAME_CHARS
            })
        );
        assert!(compute(vec![line("ї".repeat(MAX_NAME_CHARS).as_str(), 1, "1")]).is_ok());
        assert_eq!(
            compute(vec![line("", 1, "1")]),
            Err(EstimateError::EmptyName { line: 1 })
        );
        assert_eq!(
            compute(vec![line("a", 0, "1")]),
            Err(EstimateError::BadQuantity { line: 1 })
        );
        assert_eq!(
            compute(vec![line("a", -5, "1")]),
            Err(EstimateError::BadQuantity { line: 1 })
        );
        assert_eq!(
            compute(vec![line("a", 1, "-1")]),
            Err(EstimateError::NegativePrice { line: 1 })
        );
        assert_eq!(
            compute(vec![line("a", 2, "92233720368547758.07")]),
            Err(EstimateError::LineOverflow { line: 1 })
        );
        assert_eq!(
            compute(vec![
                line("a", 1, "92233720368547758.07"),
                line("b", 1, "0.01")
            ]),
            Err(EstimateError::TotalOverflow)
        );
        let many = (0..=MAX_LINES)
            .map(|i| line(&format!("l{i}"), 1, "1"))
            .collect();
        assert_eq!(
            compute(many),
            Err(EstimateError::TooManyLines { max: MAX_LINES })
        );
    }

    #[test]
    fn zero_price_lines_are_allowed() {
        let e = compute(vec![line("Волонтерська праця", 40, "0")]).unwrap();
        assert_eq!(e.total, Money::ZERO);
    }
}
