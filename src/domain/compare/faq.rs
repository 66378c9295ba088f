//! The comparison's questions and answers, one function a question, each written from the
//! numbers; where a figure is missing the answer says so.

use super::facts::Facts;
use super::side::{Lead, Side, missing_index};
use super::words::{join_names, lacks, with_article};
use crate::domain::cost::{Billing, RequestProfile, STANDARD_PROFILES, request_cost};
use crate::domain::format::capitalize;
use crate::domain::format::{self, cheaper_share, percent};
use crate::domain::index::limits_of;
use crate::domain::model::Scale;
use crate::domain::money::{PricePerMTok, Usd, format_usd_pair};
use crate::domain::rate_card::{Meter, RateKey, ServiceTier};

/// A card's standard input and output list prices, as the price-difference answer reads them.
#[derive(Clone, Copy)]
struct ListPrices {
    input: PricePerMTok,
    output: PricePerMTok,
}

/// One question and its answer.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Faq {
    /// The question.
    pub question: String,
    /// The answer, plain text.
    pub answer: String,
}

/// Tokens in a page of English prose, for "how many pages fit" answers.
pub const TOKENS_PER_PAGE: u64 = 750;

impl Facts<'_, '_> {
    /// The ten questions, in the order the page asks them.
    pub(super) fn faq(&self) -> Vec<Faq> {
        let shared = self.shared_benchmarks();
        vec![
            self.quality(&shared),
            self.classification(),
            self.batch(),
            self.price_difference(),
            self.benchmark_lead(&shared),
            self.speed(),
            self.context(),
            self.value(),
            self.caching(),
            self.long_prompts(),
        ]
    }

    /// Is there a meaningful quality difference: the index gap against the spread of all models, then the other benchmarks.
    fn quality(&self, shared: &[(String, Lead, String)]) -> Faq {
        let (a, b) = (self.a, self.b);
        let (an, bn) = (a.name(), b.name());
        let leads = |l: Lead| shared.iter().filter(|s| s.1 == l).count();
        let quality = match self.index_gap() {
            Some((Lead::Tie, _)) => {
                format!("They score the same on the {} ({}).", self.index_name, self.index_value(a))
            }
            Some((lead, gap)) => {
                let spread = self
                    .catalog
                    .market
                    .index_range()
                    .map(|(lo, hi)| {
                        format!(
                            " For scale: the {} models we track span {} to {}, so the gap is {} of that range.",
                            self.catalog.market.points.len(),
                            format::score(lo, Scale::Index),
                            format::score(hi, Scale::Index),
                            percent(
                                (a.index.unwrap_or_default() - b.index.unwrap_or_default()).abs()
                                    / (hi - lo).max(f64::EPSILON)
                            )
                        )
                    })
                    .unwrap_or_default();
                format!(
                    "{} scores {gap} higher on the {} ({} vs {}).{spread}",
                    self.side(lead).name(),
                    self.index_name,
                    self.index_value(self.side(lead)),
                    self.index_value(self.other(lead))
                )
            }
            None => format!(
                "We cannot say on one scale: {} in our data.",
                lacks(&missing_index(a, b), &format!("{} score", self.index_name))
            ),
        };
        let bench_summary = if shared.is_empty() {
            " No other benchmark has a score for both models in our data.".to_owned()
        } else {
            format!(
                " On the {} other benchmark rows where both have a score, {an} leads on {}, {bn} on {}{}.",
                shared.len(),
                leads(Lead::A),
                leads(Lead::B),
                if leads(Lead::Tie) > 0 { format!(", with {} tied", leads(Lead::Tie)) } else { String::new() }
            )
        };
        Faq {
            question: format!("Is there a meaningful quality difference between {an} and {bn}?"),
            answer: format!(
                "{quality}{bench_summary} Whether the gap matters depends on your task: test both on your own inputs."
            ),
        }
    }

    /// Classification and extraction: no benchmark for it, so the cost of a short request.
    fn classification(&self) -> Faq {
        let (a, b) = (self.a, self.b);
        let (an, bn) = (a.name(), b.name());
        let small = STANDARD_PROFILES[0];
        let small_cost = |s: &Side| {
            s.price.and_then(|p| request_cost(p, &limits_of(s.model), &small, Billing::STANDARD).ok()).map(|c| c.total)
        };
        let classification = match (small_cost(a), small_cost(b)) {
            (Some(x), Some(y)) => {
                let (tx, ty) = format_usd_pair(x, y);
                let cheaper = match x.cmp(&y) {
                    std::cmp::Ordering::Equal => "they cost the same per label".to_owned(),
                    order => format!("{} is cheaper per label", if order.is_lt() { an } else { bn }),
                };
                format!(
                    "We hold no classification benchmark, so this answer is about cost. Classification and extraction calls are short: a {}-token prompt with a {}-token answer costs {tx} on {an} and {ty} on {bn}, so {cheaper}. Which one labels your data more accurately, and returns valid structured output more often, is something to measure on a sample of your own inputs.",
                    format::count(small.input_tokens),
                    format::count(small.output_tokens)
                )
            }
            _ => "We hold no classification benchmark, and we cannot price a short request on both models.".to_owned(),
        };
        Faq {
            question: format!("Which is better for classification and extraction, {an} or {bn}?"),
            answer: classification,
        }
    }

    /// Batch: each side's batch prices and what they save on the priced request.
    fn batch(&self) -> Faq {
        let (a, b) = (self.a, self.b);
        let (an, bn) = (a.name(), b.name());
        let batch = |s: &Side| {
            let p = s.price?;
            let rate = |meter| p.rates.get(&RateKey::base(ServiceTier::Batch, meter));
            let (bi, bo) = (rate(Meter::Input)?, rate(Meter::Output)?);
            // A batch tier without a rate at this request's size has no cost to compare here.
            let cost = request_cost(p, &limits_of(s.model), &self.workload.profile(), Billing::BATCH).ok()?.total;
            let standard = standard_cost(s, &self.workload.profile())?;
            Some((bi, bo, cost, cheaper_share(standard, cost)))
        };
        let batch_answer = match (batch(a), batch(b)) {
            (Some(x), Some(y)) => {
                let (tx, ty) = format_usd_pair(x.2, y.2);
                let save = |s: Option<f64>| s.map_or("n/a".to_owned(), percent);
                format!(
                    "Both list batch prices. {an}: {} in / {} out per 1M tokens, {tx} for {}, {} below its standard price. {bn}: {} in / {} out, {ty}, {} below standard.",
                    x.0,
                    x.1,
                    self.request_words_at_list(),
                    save(x.3),
                    y.0,
                    y.1,
                    save(y.3)
                )
            }
            (Some(x), None) => self.only_batch(a, b, x.0, x.1, x.2),
            (None, Some(y)) => self.only_batch(b, a, y.0, y.1, y.2),
            (None, None) => {
                format!("Neither {an} nor {bn} lists a batch price in our data, so we cannot compare batch costs.")
            }
        };
        Faq { question: format!("How do batch processing costs compare between {an} and {bn}?"), answer: batch_answer }
    }

    /// The price difference: the gap for the priced request, then input and output rates.
    fn price_difference(&self) -> Faq {
        let (a, b) = (self.a, self.b);
        let (an, bn) = (a.name(), b.name());
        let list = |s: &Side| s.price.and_then(|p| p.rates.list_prices());
        let price_answer = match (self.price_gap_sentence(), list(a), list(b)) {
            (Some(gap), Some(pa), Some(pb)) => {
                let (pa, pb) = (ListPrices { input: pa.0, output: pa.1 }, ListPrices { input: pb.0, output: pb.1 });
                let part = |label: &str, x: PricePerMTok, y: PricePerMTok| {
                    if x == y {
                        format!("{label} costs the same ({x})")
                    } else {
                        let (who, lo, hi) = if x < y { (an, x, y) } else { (bn, y, x) };
                        format!("{who} is cheaper on {label} ({lo} vs {hi} per 1M tokens)")
                    }
                };
                let both_cheaper = |x: &str| {
                    format!(
                        "{x} is cheaper on both input ({} vs {}) and output ({} vs {}) per 1M tokens",
                        pa.input.min(pb.input),
                        pa.input.max(pb.input),
                        pa.output.min(pb.output),
                        pa.output.max(pb.output)
                    )
                };
                let detail = if pa.input < pb.input && pa.output < pb.output {
                    both_cheaper(an)
                } else if pb.input < pa.input && pb.output < pa.output {
                    both_cheaper(bn)
                } else {
                    format!(
                        "{}; {}",
                        capitalize(&part("input", pa.input, pb.input)),
                        part("output", pa.output, pb.output)
                    )
                };
                format!(
                    "{gap} {detail}. The gap shifts with your input/output mix: output-heavy work such as generation weighs the output price, long prompts such as document analysis weigh the input price."
                )
            }
            _ => match self.sole_server() {
                Some(lead) => self.sole_server_sentence(lead),
                None => "We cannot price this request on both models from the figures we hold.".to_owned(),
            },
        };
        Faq { question: format!("What's the price difference between {an} and {bn}?"), answer: price_answer }
    }

    /// The benchmark lead: the index gap, then the other benchmarks each one leads.
    fn benchmark_lead(&self, shared: &[(String, Lead, String)]) -> Faq {
        let (a, b) = (self.a, self.b);
        let (an, bn) = (a.name(), b.name());
        let lead_answer = match self.index_gap() {
            Some((lead, gap)) if lead != Lead::Tie => {
                let leader = self.side(lead);
                let wins: Vec<&str> = shared.iter().filter(|s| s.1 == lead).map(|s| s.2.as_str()).collect();
                let losses: Vec<&str> =
                    shared.iter().filter(|s| s.1 != lead && s.1 != Lead::Tie).map(|s| s.2.as_str()).collect();
                let mut text = format!("{} leads the {} by {gap}.", leader.name(), self.index_name);
                if !wins.is_empty() {
                    text.push_str(&format!(" It also leads on {}.", wins.join(", ")));
                }
                if !losses.is_empty() {
                    text.push_str(&format!(" {} leads on {}.", self.other(lead).name(), losses.join(", ")));
                }
                text
            }
            Some(_) => format!("Neither: they tie on the {}.", self.index_name),
            None => {
                if shared.is_empty() {
                    format!("We cannot say: no benchmark in our data has a score for both {an} and {bn}.")
                } else {
                    format!(
                        "Without {} score for both we compare benchmark by benchmark: {}.",
                        with_article(&self.index_name),
                        shared.iter().map(|s| s.2.as_str()).collect::<Vec<_>>().join(", ")
                    )
                }
            }
        };
        // The question names a leader only when one is known: without scores it implies none.
        let question = match self.higher() {
            Some(lead) if lead != Lead::Tie => format!(
                "How much does {} outperform {} on benchmarks?",
                self.side(lead).name(),
                self.other(lead).name()
            ),
            _ => format!("How do {an} and {bn} compare on benchmarks?"),
        };
        Faq { question, answer: lead_answer }
    }

    /// Speed: output tokens per second and time to first token, with their date.
    fn speed(&self) -> Faq {
        let (a, b) = (self.a, self.b);
        let (an, bn) = (a.name(), b.name());
        let (spa, spb) = (a.model.speed(), b.model.speed());
        let speed_answer = match (spa.and_then(|s| s.output_tokens_per_s), spb.and_then(|s| s.output_tokens_per_s)) {
            (Some(x), Some(y)) => {
                let (fast, fx, slow, sy) = if x >= y { (an, x, bn, y) } else { (bn, y, an, x) };
                let mut text = if x == y {
                    format!("They generate at the same measured speed, {} tokens per second.", format::number(x, 1))
                } else {
                    format!(
                        "{fast} is faster: {} tokens per second against {} for {slow}, {} the output speed.",
                        format::number(fx, 1),
                        format::number(sy, 1),
                        format::ratio(fx, sy).unwrap_or_default()
                    )
                };
                if let (Some(tx), Some(ty)) = (spa.and_then(|s| s.ttft_s), spb.and_then(|s| s.ttft_s)) {
                    let (quick, qt, late, lt) = if tx <= ty { (an, tx, bn, ty) } else { (bn, ty, an, tx) };
                    if tx == ty {
                        text.push_str(&format!(" Both take {} s to the first token.", format::number(tx, 2)));
                    } else {
                        text.push_str(&format!(
                            " {quick} also starts sooner: {} s to the first token against {} s for {late}.",
                            format::number(qt, 2),
                            format::number(lt, 2)
                        ));
                    }
                }
                let dates: Vec<String> = [spa, spb].iter().flatten().map(|s| s.as_of.long()).collect();
                text.push_str(&format!(
                    " These figures are as of {}; speed varies with host, load and prompt length.",
                    dates.first().cloned().unwrap_or_default()
                ));
                text
            }
            _ => {
                let missing: Vec<&str> = [a, b]
                    .iter()
                    .filter(|s| s.model.speed().and_then(|x| x.output_tokens_per_s).is_none())
                    .map(|s| s.name())
                    .collect();
                format!(
                    "We do not know: no open source we use publishes output speed or time to first token for {}. Time both on your own prompts from the region you serve.",
                    join_names(&missing)
                )
            }
        };
        Faq { question: format!("Which generates output faster, {an} or {bn}?"), answer: speed_answer }
    }

    /// The context window, in tokens and pages.
    fn context(&self) -> Faq {
        let (a, b) = (self.a, self.b);
        let (an, bn) = (a.name(), b.name());
        let ctx = |s: &Side| s.model.context_window.as_ref().map(|c| c.value);
        let context_answer = match (ctx(a), ctx(b)) {
            (Some(x), Some(y)) => {
                let pages = |t: u64| format::count(t / TOKENS_PER_PAGE);
                if x == y {
                    format!(
                        "Neither: both accept {} tokens, about {} pages of text at {TOKENS_PER_PAGE} tokens a page.",
                        format::count(x),
                        pages(x)
                    )
                } else {
                    let (big, bt, small, st) = if x > y { (an, x, bn, y) } else { (bn, y, an, x) };
                    format!(
                        "{big} accepts {} tokens against {} for {small}: {} the context, or about {} pages against {} at {TOKENS_PER_PAGE} tokens a page. Output is capped separately; see the max output row.",
                        format::count(bt),
                        format::count(st),
                        format::ratio(bt as f64, st as f64).unwrap_or_default(),
                        pages(bt),
                        pages(st)
                    )
                }
            }
            _ => {
                let missing: Vec<&Side> = [a, b].into_iter().filter(|s| ctx(s).is_none()).collect();
                let mut text = format!(
                    "We hold no context window for {}.",
                    join_names(&missing.iter().map(|s| s.name()).collect::<Vec<_>>())
                );
                // What a request may send is still known where a source caps the input.
                for s in missing {
                    if let Some(cap) = &s.model.max_input {
                        text.push_str(&format!(
                            " {} takes at most {} input tokens per request.",
                            s.name(),
                            format::count(cap.value)
                        ));
                    }
                }
                text
            }
        };
        let question = match (ctx(a), ctx(b)) {
            (Some(x), Some(y)) if x != y => {
                let (big, small) = if x > y { (an, bn) } else { (bn, an) };
                format!("How much more context can {big} handle than {small}?")
            }
            _ => format!("How do the context windows of {an} and {bn} compare?"),
        };
        Faq { question, answer: context_answer }
    }

    /// Value for money: the bottom line's answer, and why price per point misleads.
    fn value(&self) -> Faq {
        let (a, b) = (self.a, self.b);
        let (an, bn) = (a.name(), b.name());
        let (value_winner, value_reason) = self.better_value();
        // Without a score for both, the index's zero point is beside the point: say what is missing.
        let value_answer = if self.a.index.is_some() && self.b.index.is_some() {
            format!(
                "{}. {} The {} has no true zero, so dividing price by points (\"dollars per IQ point\") would mislead; we compare what the extra points cost instead, and whether another model is both cheaper and better.",
                value_winner, value_reason, self.index_name
            )
        } else {
            format!(
                "We cannot say yet: {}, so only the price side of value is known here (see the price difference above).",
                lacks(&missing_index(self.a, self.b), &format!("{} score", self.index_name))
            )
        };
        Faq { question: format!("Which model is better value for money, {an} or {bn}?"), answer: value_answer }
    }

    /// Prompt caching: the priced request with every input token a cache hit.
    fn caching(&self) -> Faq {
        let (a, b) = (self.a, self.b);
        let (an, bn) = (a.name(), b.name());
        let cached = |s: &Side| {
            let p = s.price?;
            let profile = self.workload.profile();
            let c = request_cost(p, &limits_of(s.model), &profile, Billing::CACHED_INPUT).ok()?.total;
            Some((c, cheaper_share(standard_cost(s, &profile)?, c)))
        };
        let cache_answer = match (cached(a), cached(b)) {
            (Some((ca, sa)), Some((cb, sb))) => {
                let (tx, ty) = format_usd_pair(ca, cb);
                let save = |s: Option<f64>| s.map_or("n/a".to_owned(), percent);
                let more = match (sa, sb) {
                    (Some(x), Some(y)) if x != y => format!("{} gains more from caching.", if x > y { an } else { bn }),
                    _ => "Caching saves both the same share.".to_owned(),
                };
                // "Still" only when the cheaper model with caching was the cheaper one without.
                let profile = self.workload.profile();
                let uncached = standard_cost(a, &profile).zip(standard_cost(b, &profile)).map(|(x, y)| x.cmp(&y));
                let cheaper = match ca.cmp(&cb) {
                    std::cmp::Ordering::Equal => " With caching they cost the same.".to_owned(),
                    order => {
                        let (win, lose, cw, cl) =
                            if order == std::cmp::Ordering::Less { (an, bn, ca, cb) } else { (bn, an, cb, ca) };
                        let verb = if uncached == Some(order) { "is still" } else { "becomes" };
                        format!(
                            " With caching, {win} {verb} the cheaper of the two, at {} of {lose}'s cost.",
                            percent(cw.picos() as f64 / cl.picos().max(1) as f64)
                        )
                    }
                };
                format!(
                    "If every input token of {} is a cache hit, {an} costs {tx} ({} less than uncached) and {bn} {ty} ({} less). {more}{cheaper} Cache writes may cost extra; see the pricing table.",
                    self.request_words_at_list(),
                    save(sa),
                    save(sb)
                )
            }
            (Some((c, s)), None) => self.only_cached(a, b, c, s),
            (None, Some((c, s))) => self.only_cached(b, a, c, s),
            (None, None) => format!(
                "Neither {an} nor {bn} lists a cache-hit price in our data, so we cannot say what caching saves."
            ),
        };
        Faq { question: format!("Which model benefits more from prompt caching, {an} or {bn}?"), answer: cache_answer }
    }

    /// Long prompts: the large request size and each side's long-context surcharges.
    fn long_prompts(&self) -> Faq {
        let (a, b) = (self.a, self.b);
        let (an, bn) = (a.name(), b.name());
        let large = STANDARD_PROFILES[2];
        let large_cost = |s: &Side| {
            s.price.and_then(|p| request_cost(p, &limits_of(s.model), &large, Billing::STANDARD).ok()).map(|c| c.total)
        };
        let tiers = |s: &Side| {
            s.model
                .reachable_thresholds()
                .iter()
                .map(|t| format!("above {} input tokens", format::count(*t)))
                .collect::<Vec<_>>()
        };
        let mut long_answer = match (large_cost(a), large_cost(b)) {
            (Some(x), Some(y)) => {
                let (tx, ty) = format_usd_pair(x, y);
                format!(
                    "For a {}-token prompt with a {}-token answer, {an} costs {tx} and {bn} {ty}.",
                    format::count(large.input_tokens),
                    format::count(large.output_tokens)
                )
            }
            _ => format!("We cannot price a {}-token request on both models.", format::count(large.input_tokens)),
        };
        for s in [a, b] {
            let t = tiers(s);
            if t.is_empty() {
                long_answer.push_str(&format!(" {} lists no long-context surcharge.", s.name()));
            } else {
                long_answer.push_str(&format!(
                    " {} bills the whole request at a higher rate {}.",
                    s.name(),
                    t.join(", then ")
                ));
            }
        }
        Faq { question: format!("Which is cheaper for long prompts, {an} or {bn}?"), answer: long_answer }
    }

    /// The batch answer when only `has` lists batch prices: its rates and the priced request.
    fn only_batch(&self, has: &Side, without: &Side, input: PricePerMTok, output: PricePerMTok, cost: Usd) -> String {
        format!(
            "Only {} lists batch prices in our data ({input} in / {output} out per 1M tokens, {cost} for {}). We hold no batch price for {}; it may not offer one on {}.",
            has.name(),
            self.request_words_at_list(),
            without.name(),
            without.model.api_host
        )
    }

    /// The caching answer when only `has` lists a cache-hit price.
    fn only_cached(&self, has: &Side, without: &Side, cost: Usd, saved: Option<f64>) -> String {
        format!(
            "Only {} lists a cache-hit price in our data: with every input token cached, {} costs {cost}, {} less than uncached. We hold no cache price for {}, so its cached requests are billed at the full input price as far as we know.",
            has.name(),
            self.request_words_at_list(),
            saved.map_or("n/a".to_owned(), percent),
            without.name()
        )
    }
}

/// The standard (no cache, no batch) cost of a request size on one side.
fn standard_cost(s: &Side, profile: &RequestProfile) -> Option<Usd> {
    request_cost(s.price?, &limits_of(s.model), profile, Billing::STANDARD).ok().map(|c| c.total)
}
