//! Pricing a cost estimate exactly, for the project form (browsers have no exact decimals).

use poem::http::StatusCode;

use crate::domain::Money;
use crate::domain::estimate::{self, CostLine, Estimate, EstimateError, Reserve};
use crate::error::{AppError, AppResult};

/// A line as typed by a person: the price is still text.
#[derive(Debug, Clone)]
pub struct LineInput {
    pub name: String,
    pub quantity: i64,
    pub unit_price: String,
}

/// Prices `lines` and adds `reserve` (the session's cost reserve).
pub fn price(lines: Vec<LineInput>, reserve: Reserve) -> AppResult<Estimate> {
    let lines = lines
        .into_iter()
        .enumerate()
        .map(|(index, input)| {
            let unit_price: Money = input
                .unit_price
                .parse()
                .map_err(|e| AppError::from(e).at_field(format!("items[{index}].unit_price")))?;
            Ok(CostLine {
                name: input.name,
                quantity: input.quantity,
                unit_price,
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    estimate::compute(lines, reserve).map_err(estimate_error)
}

fn estimate_error(err: EstimateError) -> AppError {
    let invalid = |code| AppError::new(StatusCode::UNPROCESSABLE_ENTITY, code);
    let at = |line: usize, field: &str| format!("items[{}].{field}", line - 1);
    match err {
        EstimateError::Empty => invalid("estimate-empty").at_field("items"),
        EstimateError::TooManyLines { max } => invalid("estimate-too-many-lines")
            .arg("max", max)
            .at_field("items"),
        EstimateError::EmptyName { line } => invalid("estimate-empty-name")
            .arg("line", line)
            .at_field(at(line, "name")),
        EstimateError::LongName { line, max } => invalid("estimate-long-name")
            .arg("line", line)
            .arg("max", max)
            .at_field(at(line, "name")),
        EstimateError::BadQuantity { line } => invalid("estimate-bad-quantity")
            .arg("line", line)
            .at_field(at(line, "quantity")),
        EstimateError::NegativePrice { line } => invalid("estimate-negative-price")
            .arg("line", line)
            .at_field(at(line, "unit_price")),
        EstimateError::LineOverflow { line } => invalid("estimate-line-overflow")
            .arg("line", line)
            .at_field(at(line, "quantity")),
        EstimateError::TotalOverflow => invalid("estimate-total-overflow").at_field("items"),
    }
}

/// A cost reserve typed as a percentage (`20`, `12.5`): 0 to 50, to hundredths.
pub fn reserve_percent(text: &str, field: &str) -> AppResult<Reserve> {
    text.parse::<Reserve>().map_err(|_| {
        AppError::new(StatusCode::UNPROCESSABLE_ENTITY, "cost-reserve-invalid")
            .arg("max", Reserve::MAX_BASIS_POINTS / 100)
            .at_field(field.to_owned())
    })
}
