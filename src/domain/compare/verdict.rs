//! The verdict, the search description and the bottom line: who is cheaper, who scores higher,
//! which is the better value and where each sits against the frontier.

use super::facts::Facts;
use super::side::{Lead, Side, missing_index};
use super::words::{join_names, lacks, with_article};
use crate::domain::format::{self, cheaper_share, cost_ratio, percent};
use crate::domain::model::ModelStatus;
use crate::domain::money::Usd;

/// What the reader sees at the foot: the verdict facts in one glance.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct BottomLine {
    /// Who is cheaper at list price for the typical request.
    pub cheaper: String,
    /// Who scores higher on the headline index.
    pub higher: String,
    /// Who is better value, and why.
    pub better_value: String,
    /// The reason behind `better_value`.
    pub value_reason: String,
    /// Frontier status of each model, in words.
    pub frontier_a: String,
    /// See `frontier_a`.
    pub frontier_b: String,
}

impl Facts<'_, '_> {
    pub(super) fn verdict(&self) -> String {
        let per = self.per_request();
        let a = self.a.name();
        let b = self.b.name();
        if let Some(lead) = self.sole_server() {
            return self.sole_server_sentence(lead);
        }
        match (self.cheaper(), self.higher()) {
            (Some(c), Some(h)) if c != Lead::Tie && (h == c || h == Lead::Tie) => {
                let winner = self.side(c);
                let loser = self.other(c);
                let pct = cheaper_share(loser.cost.unwrap_or_default(), winner.cost.unwrap_or_default())
                    .map(percent)
                    .unwrap_or_default();
                if h == Lead::Tie {
                    format!(
                        "{} costs {pct} less {per} than {} with the same {} score: on these numbers it is the better buy.",
                        winner.name(),
                        loser.name(),
                        self.index_name
                    )
                } else {
                    format!(
                        "{} is both cheaper ({pct} less {per}) and higher on the {} than {}: on these numbers it is the better buy.",
                        winner.name(),
                        self.index_name,
                        loser.name()
                    )
                }
            }
            (Some(c), Some(h)) if c != Lead::Tie && h != Lead::Tie => {
                let cheap = self.side(c);
                let smart = self.side(h);
                let times = cost_ratio(smart.cost.unwrap_or_default(), cheap.cost.unwrap_or_default())
                    .unwrap_or_else(|| "more than".into());
                let gap = self.index_gap().map(|g| g.1).unwrap_or_default();
                format!(
                    "{} is the cheaper choice; {} scores {gap} higher on the {} but costs {times} as much {per}.",
                    cheap.name(),
                    smart.name(),
                    self.index_name
                )
            }
            (Some(Lead::Tie), Some(h)) if h != Lead::Tie => format!(
                "{a} and {b} cost the same {per}, and {} scores higher on the {}.",
                self.side(h).name(),
                self.index_name
            ),
            (Some(c), _) if c != Lead::Tie => {
                let missing: Vec<&str> =
                    [self.a, self.b].iter().filter(|s| s.index.is_none()).map(|s| s.name()).collect();
                let pct = cheaper_share(self.other(c).cost.unwrap_or_default(), self.side(c).cost.unwrap_or_default())
                    .map(percent)
                    .unwrap_or_default();
                format!(
                    "{} costs {pct} less {per} than {}; we hold no {} score for {}, so quality cannot be compared on one scale here.",
                    self.side(c).name(),
                    self.other(c).name(),
                    self.index_name,
                    join_names(&missing)
                )
            }
            _ => format!(
                "{a} and {b} cannot be ranked on price and quality together from the figures we hold; the tables below show what we have."
            ),
        }
    }

    pub(super) fn description(&self) -> String {
        let price = self.price_gap_sentence().unwrap_or_else(|| match self.sole_server() {
            Some(lead) => self.sole_server_sentence(lead),
            None => {
                format!("We cannot price {} on both {} and {}.", self.request_words(), self.a.name(), self.b.name())
            }
        });
        let score = match self.higher() {
            Some(Lead::Tie) => format!("Both score {} on the {}.", self.index_value(self.a), self.index_name),
            Some(lead) => format!(
                "{} scores higher on the {} ({} vs {}).",
                self.side(lead).name(),
                self.index_name,
                self.index_value(self.side(lead)),
                self.index_value(self.other(lead))
            ),
            None => format!("We hold no {} score for {}.", self.index_name, join_names(&missing_index(self.a, self.b))),
        };
        format!("{price} {score}")
    }

    pub(super) fn better_value(&self) -> (String, String) {
        let per = self.per_request();
        let (Some(c), Some(h)) = (self.cheaper(), self.higher()) else {
            let unscored = missing_index(self.a, self.b);
            let reason = if unscored.is_empty() {
                "It needs a price for this request on both models.".to_owned()
            } else {
                format!(
                    "It needs {} score for both models; {} yet.",
                    with_article(&self.index_name),
                    lacks(&unscored, &format!("{} score", self.index_name))
                )
            };
            return ("Not determined".into(), reason);
        };
        if c == Lead::Tie && h == Lead::Tie {
            return ("Neither".into(), "Same cost per request and same index score.".into());
        }
        // One model at least as good on both axes and better on one: it dominates.
        if c == h || c == Lead::Tie || h == Lead::Tie {
            let w = if c == Lead::Tie { h } else { c };
            let reason = match (c == Lead::Tie, h == Lead::Tie) {
                (true, _) => "same price, higher index score",
                (_, true) => "lower price, same index score",
                _ => "lower price and higher index score",
            };
            return (self.side(w).name().to_owned(), format!("{reason}."));
        }
        let (cheap, smart) = (self.side(c), self.side(h));
        let extra_cost = smart.cost.unwrap_or_default() - cheap.cost.unwrap_or_default();
        let gap = (smart.index.unwrap_or_default() - cheap.index.unwrap_or_default()).abs();
        let per_point = marginal_cost_per_point(extra_cost, gap);
        // Why a model is off the frontier: retired, or beaten on both counts by another.
        let off = |s: &Side| {
            if s.model.status == ModelStatus::Retired {
                format!("{} is retired", s.name())
            } else {
                format!("{} is not (another model is cheaper and scores higher)", s.name())
            }
        };
        let on_frontier = match (cheap.on_frontier, smart.on_frontier) {
            (Some(true), Some(false)) => Some((cheap, smart)),
            (Some(false), Some(true)) => Some((smart, cheap)),
            _ => None,
        };
        match on_frontier {
            Some((on, off_it)) => {
                (on.name().to_owned(), format!("{} is on the price/index frontier; {}.", on.name(), off(off_it)))
            }
            None => (
                "A trade-off".into(),
                format!(
                    "Neither beats the other on both counts: {} buys {} more {} points for {} more {per} ({per_point} per point).",
                    smart.name(),
                    format::number(gap, 2),
                    self.index_name,
                    extra_cost
                ),
            ),
        }
    }

    pub(super) fn frontier_words(&self, s: &Side) -> String {
        if s.model.status == ModelStatus::Retired {
            return "Retired: left off the frontier, which only counts models you can still buy.".into();
        }
        match s.on_frontier {
            Some(true) => "On the frontier: no model we track is both cheaper and higher on the index.".into(),
            Some(false) => {
                let beaten_by =
                    self.market.dominator_of(&[s.id()]).map(|p| format!(" ({} is one)", p.name)).unwrap_or_default();
                format!("Off the frontier: another model is cheaper and scores at least as high{beaten_by}.")
            }
            None if s.index.is_none() => format!("Not placed: no {} score.", self.index_name),
            None => "Not placed: no price for this request.".to_owned(),
        }
    }

    pub(super) fn bottom_line(&self) -> BottomLine {
        let name_of = |lead: Option<Lead>, tie: &str| match lead {
            Some(Lead::Tie) => tie.to_owned(),
            Some(l) => self.side(l).name().to_owned(),
            None => "Not known".to_owned(),
        };
        let (better_value, value_reason) = self.better_value();
        let cheaper = match self.sole_server() {
            Some(lead) => format!("{} (the only one that can serve it)", self.side(lead).name()),
            None => name_of(self.cheaper(), "Same price"),
        };
        BottomLine {
            cheaper,
            higher: name_of(self.higher(), "Same score"),
            better_value,
            value_reason,
            frontier_a: self.frontier_words(self.a),
            frontier_b: self.frontier_words(self.b),
        }
    }
}

/// What each extra index point costs per request.
fn marginal_cost_per_point(extra: Usd, points: f64) -> String {
    if points <= 0.0 {
        return "n/a".into();
    }
    // A quotient of a four-figure cost and a two-decimal score gap: three significant digits.
    format::usd_significant(extra.picos() as f64 / 1e12 / points)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marginal_cost_divides_the_extra_cost_by_the_extra_points() {
        // $0.00225 more for 8.57 more points: $0.000262544... per point, stated as $0.000263.
        assert_eq!(marginal_cost_per_point(Usd::from_picos(2_250_000_000), 8.57), "$0.000263");
        assert_eq!(marginal_cost_per_point(Usd::from_picos(1), 0.0), "n/a");
    }
}
