// `sqlx::migrate!` embeds the migrations at compile time; rebuild when one is added or edited,
// and when the embedded seed dataset changes.
//
// The stylesheet is served at an address that names its content (`/static/site.<hash>.css`),
// so it can be cached for a year: the hash is computed here and handed to the crate as
// `SITE_CSS_HASH`.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=data/seed.json");
    println!("cargo:rerun-if-changed=static/site.css");
    let css = std::fs::read("static/site.css").expect("static/site.css is readable");
    // 64-bit FNV-1a: stable across Rust releases, and build scripts here take no dependencies.
    let hash =
        css.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3));
    println!("cargo:rustc-env=SITE_CSS_HASH={hash:016x}");
}
