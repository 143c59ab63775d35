//! Exact pricing of cost estimates.

use poem::Result;
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use super::ApiTags;
use super::types::{CostReserveOut, MoneyText};
use crate::app::estimates::{self, LineInput};
use crate::domain::estimate::Reserve;

pub struct EstimatesApi;

#[derive(Debug, Object)]
pub struct EstimateLineIn {
    pub name: String,
    /// A whole number, at least 1.
    pub quantity: i64,
    pub unit_price: MoneyText,
}

#[derive(Debug, Object)]
pub struct EstimateIn {
    pub items: Vec<EstimateLineIn>,
    /// The session's cost reserve in percent (its `parameters.cost_reserve_percent`), added as
    /// a line of its own; none when absent.
    #[oai(nullable)]
    pub reserve_percent: Option<String>,
}

#[derive(Debug, Object)]
pub struct EstimateLineOut {
    pub name: String,
    pub quantity: i64,
    pub unit_price: MoneyText,
    /// quantity × unit price
    pub total: MoneyText,
}

#[derive(Debug, Object)]
pub struct EstimateOut {
    pub items: Vec<EstimateLineOut>,
    /// The sum of the lines.
    pub subtotal: MoneyText,
    /// The reserve line; `null` without a reserve.
    #[oai(nullable)]
    pub reserve: Option<CostReserveOut>,
    /// The subtotal and the reserve.
    pub total: MoneyText,
}

#[OpenApi]
impl EstimatesApi {
    /// Prices a cost estimate exactly: each line's total, the sum, the session's cost reserve
    /// and the total, to the kopiyka.
    #[oai(
        path = "/estimates/price",
        method = "post",
        tag = "ApiTags::Estimates",
        operation_id = "priceEstimate"
    )]
    async fn price(&self, body: Json<EstimateIn>) -> Result<Json<EstimateOut>> {
        let body = body.0;
        let reserve = match body.reserve_percent.as_deref() {
            Some(text) => estimates::reserve_percent(text, "reserve_percent")?,
            None => Reserve::NONE,
        };
        let lines = body
            .items
            .into_iter()
            .map(|l| LineInput {
                name: l.name,
                quantity: l.quantity,
                unit_price: l.unit_price.0,
            })
            .collect();
        let estimate = estimates::price(lines, reserve)?;
        Ok(Json(EstimateOut {
            items: estimate
                .lines
                .into_iter()
                .map(|p| EstimateLineOut {
                    name: p.line.name,
                    quantity: p.line.quantity,
                    unit_price: p.line.unit_price.into(),
                    total: p.total.into(),
                })
                .collect(),
            subtotal: estimate.subtotal.into(),
            reserve: CostReserveOut::of(estimate.reserve, estimate.reserve_amount),
            total: estimate.total.into(),
        }))
    }
}
