//! XML well-formedness, for the SVGs and sitemaps.

/// Whether `xml` is a well-formed XML document (one root, every tag closed in order, quoted
/// attributes, no raw `<` or bare `&`), by roxmltree; the first problem as text.
pub fn check_xml(xml: &str) -> Result<(), String> {
    roxmltree::Document::parse(xml).map(|_| ()).map_err(|e| e.to_string())
}

#[test]
fn the_xml_checker_refuses_what_a_parser_would() {
    assert_eq!(check_xml("<svg a=\"1\"><g><text x='2'>a &amp; b</text></g><path d=\"M0\"/></svg>"), Ok(()));
    for bad in [
        "<svg><g></svg>",
        "<svg></g></svg>",
        "<svg><text>a < b</text></svg>",
        "<svg><text>a & b</text></svg>",
        "<svg a=1></svg>",
        "<svg a=\"1\" a=\"2\"></svg>",
        "<svg></svg><svg></svg>",
        "<svg><text>x</text>",
        "<svg><1></1></svg>",
        "<svg a=\"&bogus;\"></svg>",
    ] {
        assert!(check_xml(bad).is_err(), "accepted {bad:?}");
    }
}
