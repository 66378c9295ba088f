// `sqlx::migrate!` embeds the migrations at compile time; rebuild when one is added or edited,
// and when the embedded seed dataset changes.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=data/seed.json");
}
