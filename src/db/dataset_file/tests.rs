//! The dataset file's reading and writing, pinned.
use super::*;

const SEED: &str = include_str!("../../../data/seed.json");

#[test]
fn the_committed_seed_is_valid() {
    let file = DatasetFile::parse(SEED).expect("seed validates");
    assert!(file.models.len() >= 140, "{} models", file.models.len());
    let providers: HashSet<&str> = file.models.iter().map(|m| m.provider.as_str()).collect();
    assert!(providers.len() >= 14, "{providers:?}");
}

#[test]
fn the_seed_carries_every_flagship_of_issue_8_with_a_price() {
    let file = DatasetFile::parse(SEED).unwrap();
    for id in [
        "gpt-6-sol",
        "gpt-6-luna",
        "gpt-6-astra",
        "gpt-6-1-sol",
        "gpt-6-1-terra",
        "gpt-5-5",
        "gpt-5-5-pro",
        "gpt-5-4-mini",
        "gpt-5-4-nano",
        "claude-opus-4-7",
        "claude-opus-4-8",
        "claude-opus-5",
        "claude-opus-5-5",
        "claude-sonnet-5",
        "claude-sonnet-5-5",
        "claude-haiku-5-5",
        "claude-fable-5",
        "claude-fable-5-1",
        "claude-mythos-5",
        "claude-mythos-5-1",
        "gemini-3-1-flash-lite",
        "gemini-3-5-flash",
        "gemini-3-5-flash-lite",
        "gemini-3-8-flash",
        "gemini-4-argon",
        "gemini-4-hydrogen",
        "grok-4-20-reasoning",
        "grok-4-3",
        "grok-4-7",
        "deepseek-v4-pro",
        "deepseek-v4-flash",
        "mistral-large-4",
        "mistral-medium-3-5",
        "mistral-small-4",
        "qwen3-7-plus",
        "qwen3-8-max",
        "qwen3-8-flash",
        "kimi-k2-6",
        "kimi-k3-1-pro",
        "glm-5-1",
        "glm-5-3",
        "glm-5-3-flash",
        "minimax-m2-5",
        "minimax-m3",
        "muse-spark-1-3",
        "muse-wonder-1-0",
    ] {
        let m = file.models.iter().find(|m| m.slug == id).unwrap_or_else(|| panic!("the seed lacks {id}"));
        assert!(m.prices.iter().any(|p| p.effective_to.is_none()), "{id} has a current price");
    }
}

#[test]
fn errors_name_the_entry_and_field() {
    let mut file = DatasetFile::parse(SEED).unwrap();
    let output = file.models[0].prices[0].rates.iter().position(|r| r.meter == "output").unwrap();
    file.models[0].prices[0].rates[output].usd = "1e-6".into();
    let err = file.validate().unwrap_err();
    assert_eq!(err.field, format!("rates[{output}]"));
    assert!(err.entry.starts_with(&format!("models[{}].prices[0]", file.models[0].slug)), "{err}");

    let mut file = DatasetFile::parse(SEED).unwrap();
    file.models[1].scores.push(ScoreEntry {
        benchmark: "nope".into(),
        value: 1.0,
        independent: true,
        source: "litellm-1.82.6".into(),
        as_of: "2026-01-01".into(),
        note: None,
    });
    assert_eq!(file.validate().unwrap_err().problem, "unknown benchmark `nope`");
}

fn gpt_5(file: &mut DatasetFile) -> &mut ModelEntry {
    file.models.iter_mut().find(|m| m.slug == "gpt-5").expect("the seed has gpt-5")
}

#[test]
fn a_bad_input_cap_is_rejected_naming_max_input() {
    let mut file = DatasetFile::parse(SEED).unwrap();
    assert_eq!(gpt_5(&mut file).max_input, Some(272_000), "the seed's input cap");

    gpt_5(&mut file).max_input = Some(0);
    let err = file.validate().unwrap_err();
    assert_eq!((err.entry.as_str(), err.field.as_str()), ("models[gpt-5]", "max_input"), "{err}");

    gpt_5(&mut file).max_input = Some(400_001);
    let err = file.validate().unwrap_err();
    assert_eq!(err.field, "max_input", "{err}");
    assert!(err.problem.contains("exceeds the context window of 400000"), "{err}");

    // Equal to the context window is allowed; no context window known: nothing to exceed.
    gpt_5(&mut file).max_input = Some(400_000);
    file.validate().expect("a cap equal to the window");
    gpt_5(&mut file).context_window = None;
    gpt_5(&mut file).max_input = Some(500_000);
    file.validate().expect("a cap without a known window");

    let m = gpt_5(&mut file);
    (m.context_window, m.max_output, m.limits_source) = (None, None, None);
    let err = file.validate().unwrap_err();
    assert_eq!((err.field.as_str(), err.problem.as_str()), ("limits_source", "limits need a source"));
}

#[test]
fn the_seed_gives_qwen3_max_its_epoch_figures() {
    let file = DatasetFile::parse(SEED).unwrap();
    let qwen = file.models.iter().find(|m| m.slug == "qwen3-max").expect("the seed has qwen3-max");
    let epoch: Vec<(&str, f64, &str)> = qwen
        .scores
        .iter()
        .filter(|s| s.source.starts_with("epoch-"))
        .map(|s| (s.benchmark.as_str(), s.value, s.source.as_str()))
        .collect();
    assert_eq!(
        epoch,
        [
            ("eci", 140.77, "epoch-eci-2025-11-07"),
            ("gpqa-diamond", 0.726, "epoch-2025-11-17"),
            ("math-level-5", 0.971, "epoch-2025-11-17"),
            ("otis-mock-aime", 0.733, "epoch-2025-11-17"),
        ]
    );
    assert!(qwen.scores.iter().all(|s| s.independent));
}

#[test]
fn max_input_is_optional_in_files_and_left_out_when_unknown() {
    let mut value: serde_json::Value = serde_json::from_str(SEED).unwrap();
    for m in value["models"].as_array_mut().unwrap() {
        m.as_object_mut().unwrap().remove("max_input");
    }
    let file = DatasetFile::parse(&value.to_string()).expect("a file from before max_input still reads");
    assert!(file.models.iter().all(|m| m.max_input.is_none()));
    let text = serde_json::to_string(&file.models[0]).unwrap();
    assert!(!text.contains("\"max_input\""), "an unknown cap is written as nothing: {text}");
}

#[test]
fn malformed_json_names_the_line() {
    let err = DatasetFile::parse("{\n \"format\": }").unwrap_err();
    assert!(err.entry.starts_with("line 2"), "{err}");
}

#[test]
fn fees_carry_their_own_source_and_date_and_files_without_them_take_the_periods() {
    let file = DatasetFile::parse(SEED).unwrap();
    let mini = file.models.iter().find(|m| m.slug == "gpt-4o-mini").expect("the seed has gpt-4o-mini");
    let current = mini.prices.last().unwrap().schedule("gpt-4o-mini").unwrap();
    // One period since March (LiteLLM 1.82.6); the two fees November's map first listed.
    assert_eq!((current.effective_from.iso(), current.source.as_str()), ("2026-03-05", "litellm-1.82.6"));
    let fees: Vec<String> = current
        .rates
        .fees
        .iter()
        .map(|f| format!("{} | {} | {}", f.fee.text(), f.source, f.listed_from.iso()))
        .collect();
    assert_eq!(
        fees,
        [
            "FedRAMP (US government) processing: 1.1x the token rates | litellm-1.110.2 | 2026-11-25",
            "web search, per query: $0.025 | litellm-1.110.2 | 2026-11-25",
        ]
    );

    // A file of this version written before fees had their own provenance still reads.
    let mut value: serde_json::Value = serde_json::from_str(SEED).unwrap();
    for m in value["models"].as_array_mut().unwrap() {
        for p in m["prices"].as_array_mut().unwrap() {
            // `get_mut`: indexing a missing key would add a null.
            for f in p.get_mut("fees").and_then(|f| f.as_array_mut()).into_iter().flatten() {
                let f = f.as_object_mut().unwrap();
                f.remove("source");
                f.remove("listed_from");
            }
        }
    }
    let old = DatasetFile::parse(&value.to_string()).expect("a file without fee sources reads");
    let mini = old.models.iter().find(|m| m.slug == "gpt-4o-mini").unwrap();
    let current = mini.prices.last().unwrap().schedule("gpt-4o-mini").unwrap();
    assert!(
        current.rates.fees.len() == 2
            && current.rates.fees.iter().all(|f| f.source == "litellm-1.82.6" && f.listed_from.iso() == "2026-03-05"),
        "fees take the period's source and start: {:?}",
        current.rates.fees
    );

    let mut bad = DatasetFile::parse(SEED).unwrap();
    let mini = bad.models.iter_mut().find(|m| m.slug == "gpt-4o-mini").unwrap();
    mini.prices[0].fees[1].source = Some("nowhere".into());
    let err = bad.validate().unwrap_err();
    assert_eq!((err.entry.as_str(), err.field.as_str()), ("models[gpt-4o-mini].prices[0]", "fees[1].source"));
    assert_eq!(err.problem, "unknown source `nowhere`");
    let mini = bad.models.iter_mut().find(|m| m.slug == "gpt-4o-mini").unwrap();
    mini.prices[0].fees[1].source = None;
    mini.prices[0].fees[1].listed_from = Some("25.11.2026".into());
    let err = bad.validate().unwrap_err();
    assert_eq!(err.field, "fees[1].listed_from", "{err}");
}
