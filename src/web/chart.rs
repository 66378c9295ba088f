//! The intelligence-vs-price scatter chart, drawn with plotters from the domain's chart data:
//! as inline SVG on the page, as a standalone SVG document, and small inside the share image.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::domain::comparison::{ChartData, ChartPoint};

const WIDTH: u32 = 760;
const HEIGHT: u32 = 460;
const GREY: RGBColor = RGBColor(160, 166, 176);
/// Colours of the first and second compared model; the page's legend uses the same.
pub const COLOR_A: RGBColor = RGBColor(37, 99, 235);
/// See [`COLOR_A`].
pub const COLOR_B: RGBColor = RGBColor(217, 70, 39);
const FONT: &str = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif";

/// Sizes of the chart's text, marks and margins in pixels: the page's chart and the share
/// image's small copy differ only in these.
#[derive(Debug, Clone, Copy)]
pub struct ChartLook {
    /// The font family named in the SVG (a bitmap backend picks its own font).
    pub font: &'static str,
    /// Axis titles.
    pub axis_desc: u32,
    /// Tick labels.
    pub ticks: u32,
    /// The two compared models' names next to their points.
    pub names: u32,
    /// Radius of an other model's point.
    pub point: u32,
    /// Radius of a compared model's point.
    pub highlight: u32,
    /// Space under the plot for x tick labels and title.
    pub x_label_area: u32,
    /// Space left of the plot for y tick labels and title.
    pub y_label_area: u32,
    /// Outer margin.
    pub margin: u32,
    /// Ticks per axis, at most.
    pub tick_count: usize,
}

/// The page's chart: the browser draws the text with the reader's system font.
const PAGE: ChartLook = ChartLook {
    font: FONT,
    // Large enough to stay readable when a phone shows the chart at ~600 px (it scrolls).
    axis_desc: 18,
    ticks: 16,
    names: 18,
    point: 4,
    highlight: 7,
    x_label_area: 62,
    y_label_area: 72,
    margin: 14,
    tick_count: 8,
};

/// Draws the chart for the page, to inline in its HTML. Returns an empty string if there is
/// nothing to plot.
pub fn scatter_svg(data: &ChartData) -> String {
    render_svg(data, false)
}

/// The chart as a standalone SVG document (`/compare/{pair}/chart.svg`): the inline chart
/// with an intrinsic width and height, so it has a size when embedded with `<img>` or opened
/// on its own. Empty if there is nothing to plot.
pub fn scatter_svg_document(data: &ChartData) -> String {
    render_svg(data, true)
}

fn render_svg(data: &ChartData, sized: bool) -> String {
    if data.points.is_empty() {
        return String::new();
    }
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        let drawn = root
            .fill(&WHITE)
            .map_err(|e| e.to_string())
            .and_then(|()| draw_scatter(&root, data, &PAGE))
            .and_then(|()| root.present().map_err(|e| e.to_string()));
        if let Err(e) = drawn {
            tracing::error!(error = %e, "chart drawing failed");
            return String::new();
        }
    }
    accessible(svg, data, sized)
}

/// Cost axis bounds (dollars, log scale): no stored price makes a request cost leave this.
const COST_AXIS: (f64, f64) = (1e-9, 1e9);
/// Index axis bounds: far beyond any plausible index (imports allow 0 to 1,000).
const INDEX_AXIS: (f64, f64) = (-1e6, 1e6);

/// The axes' ranges, padded so points never sit on the frame, from the finite values clamped to
/// [`COST_AXIS`] and [`INDEX_AXIS`]: whatever is stored (1.7e308, NaN, 0), the axes stay finite
/// and a few decades wide, so plotters' tick search always ends quickly.
fn axis_ranges(points: &[ChartPoint]) -> ((f64, f64), (f64, f64)) {
    let span = |values: &mut dyn Iterator<Item = f64>, (min, max): (f64, f64)| {
        values
            .filter(|v| v.is_finite())
            .map(|v| v.clamp(min, max))
            .fold(None, |acc: Option<(f64, f64)>, v| Some(acc.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v)))))
    };
    let (x_lo, x_hi) = span(&mut points.iter().map(|p| p.cost), COST_AXIS).unwrap_or((0.001, 1.0));
    let (y_lo, y_hi) = span(&mut points.iter().map(|p| p.index), INDEX_AXIS).unwrap_or((0.0, 100.0));
    // x pads by a factor (log axis).
    let x = (x_lo / 1.6, x_hi * 1.6);
    let pad = ((y_hi - y_lo) * 0.08).max(1.0);
    (x, (y_lo - pad, y_hi + pad))
}

/// The points pinned inside the axes: plotters maps a coordinate to pixels with integer
/// arithmetic that overflows for values like 1.7e308, so an outlier is drawn at the edge.
fn on_axes(data: &ChartData, (x_lo, x_hi): (f64, f64), (y_lo, y_hi): (f64, f64)) -> ChartData {
    let pin = |v: f64, lo: f64, hi: f64| if v.is_finite() { v.clamp(lo, hi) } else { lo };
    let points = data
        .points
        .iter()
        .map(|p| ChartPoint { cost: pin(p.cost, x_lo, x_hi), index: pin(p.index, y_lo, y_hi), ..p.clone() })
        .collect();
    ChartData { points, ..data.clone() }
}

/// Draws the scatter on `root` (any plotters backend) with the given sizes. The caller fills
/// the background and presents the area.
pub fn draw_scatter<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &ChartData,
    look: &ChartLook,
) -> Result<(), String> {
    let ((x_lo, x_hi), (y_lo, y_hi)) = axis_ranges(&data.points);
    let on_axes = on_axes(data, (x_lo, x_hi), (y_lo, y_hi));
    let data = &on_axes;

    let font = look.font;
    let mut chart = ChartBuilder::on(root)
        .margin(look.margin)
        .margin_right(look.margin + 10)
        .x_label_area_size(look.x_label_area)
        .y_label_area_size(look.y_label_area)
        .build_cartesian_2d((x_lo..x_hi).log_scale(), y_lo..y_hi)
        .map_err(|e| e.to_string())?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(RGBColor(232, 234, 238))
        .x_desc(data.x_label.as_str())
        .y_desc(data.y_label.as_str())
        .axis_desc_style((font, look.axis_desc).into_font().color(&RGBColor(55, 65, 81)))
        .label_style((font, look.ticks).into_font().color(&RGBColor(75, 85, 99)))
        .x_labels(look.tick_count)
        .y_labels(look.tick_count)
        .x_label_formatter(&|v| dollars(*v))
        .y_label_formatter(&|v| format!("{v:.0}"))
        .draw()
        .map_err(|e| e.to_string())?;

    // The frontier as a light line: models no other beats on both price and index.
    let mut frontier: Vec<(f64, f64)> =
        data.points.iter().filter(|p| p.on_frontier).map(|p| (p.cost, p.index)).collect();
    frontier.sort_by(|a, b| a.0.total_cmp(&b.0));
    chart.draw_series(LineSeries::new(frontier, RGBColor(134, 239, 172).stroke_width(2))).map_err(|e| e.to_string())?;
    chart
        .draw_series(
            data.points
                .iter()
                .filter(|p| p.highlight == 0)
                .map(|p| Circle::new((p.cost, p.index), look.point, GREY.filled())),
        )
        .map_err(|e| e.to_string())?;
    let highlighted: Vec<&ChartPoint> = data.points.iter().filter(|p| p.highlight > 0).collect();
    let r = look.highlight as i32;
    for p in highlighted {
        let color = if p.highlight == 1 { COLOR_A } else { COLOR_B };
        // Labels go left of points in the right third so they stay inside the plot.
        let right_side = (p.cost.ln() - x_lo.ln()) / (x_hi.ln() - x_lo.ln()) > 0.66;
        let (dx, anchor) = if right_side { (-(r + 4), HPos::Right) } else { (r + 4, HPos::Left) };
        let dy = if p.highlight == 1 { -(r + 5) } else { r + 5 };
        let style =
            (font, look.names).into_font().style(FontStyle::Bold).color(&color).pos(Pos::new(anchor, VPos::Center));
        chart
            .draw_series(std::iter::once(
                EmptyElement::at((p.cost, p.index))
                    + Circle::new((0, 0), look.highlight, color.filled())
                    + Circle::new((0, 0), look.highlight, WHITE.stroke_width(2))
                    + Text::new(p.name.clone(), (dx, dy), style),
            ))
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Axis tick text for a dollar amount: `$0.001`, `$0.05`, `$1`.
fn dollars(v: f64) -> String {
    if v <= 0.0 {
        return "$0".into();
    }
    let decimals = (-v.log10().floor()).max(0.0) as usize + 1;
    let text = format!("{v:.decimals$}");
    let text = if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.').to_owned() } else { text };
    format!("${text}")
}

/// Makes the SVG scale with its container and adds a title and description for screen
/// readers; `sized` also gives it an intrinsic width and height (the standalone document).
fn accessible(svg: String, data: &ChartData, sized: bool) -> String {
    let Some(start) = svg.find("<svg") else { return svg };
    let Some(end) = svg[start..].find('>').map(|i| start + i) else { return svg };
    let size = if sized { format!(r#" width="{WIDTH}" height="{HEIGHT}""#) } else { String::new() };
    let open = format!(
        r#"<svg{size} viewBox="0 0 {WIDTH} {HEIGHT}" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title chart-desc" class="chart"><title id="chart-title">{}</title><desc id="chart-desc">{}</desc>"#,
        xml_escape(&data.title),
        xml_escape(&data.description)
    );
    let mut out = String::with_capacity(svg.len() + open.len());
    out.push_str(&open);
    out.push_str(&svg[end + 1..]);
    out
}

/// `text` with the XML special characters written as entities.
pub(crate) fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> ChartData {
        let point = |name: &str, cost, index, highlight| ChartPoint {
            name: name.into(),
            cost,
            index,
            highlight,
            on_frontier: true,
        };
        ChartData {
            points: vec![point("A & <b>", 0.001, 120.0, 1), point("B", 0.01, 140.0, 2), point("C", 0.1, 130.0, 0)],
            x_label: "Cost".into(),
            y_label: "Index".into(),
            title: "Index <against> cost".into(),
            description: "Three models & more".into(),
        }
    }

    #[test]
    fn svg_has_accessible_title_and_escapes_names() {
        let svg = scatter_svg(&data());
        assert!(svg.starts_with("<svg viewBox=\"0 0 760 460\""), "{}", &svg[..80]);
        assert!(svg.contains("<title id=\"chart-title\">Index &lt;against&gt; cost</title>"));
        assert!(svg.contains("<desc id=\"chart-desc\">Three models &amp; more</desc>"));
        assert!(!svg.contains("<b>"), "model names are escaped");
        assert!(svg.trim_end().ends_with("</svg>"));
        assert_eq!(svg.matches("<svg").count(), 1);
    }

    #[test]
    fn standalone_document_has_a_size_and_the_same_drawing() {
        let inline = scatter_svg(&data());
        let document = scatter_svg_document(&data());
        assert!(
            document.starts_with("<svg width=\"760\" height=\"460\" viewBox=\"0 0 760 460\""),
            "{}",
            &document[..80]
        );
        assert_eq!(document.replacen(" width=\"760\" height=\"460\"", "", 1), inline);
    }

    #[test]
    fn empty_chart_draws_nothing() {
        let mut d = data();
        d.points.clear();
        assert_eq!(scatter_svg(&d), "");
        assert_eq!(scatter_svg_document(&d), "");
    }

    #[test]
    fn tick_labels_are_plain_dollars() {
        assert_eq!(dollars(0.001), "$0.001");
        assert_eq!(dollars(0.05), "$0.05");
        assert_eq!(dollars(0.002), "$0.002");
        assert_eq!(dollars(1.0), "$1");
        assert_eq!(dollars(20.0), "$20");
    }
}
