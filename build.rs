//! Builds again when a migration is added or changed: `sqlx::migrate!` copies them into
//! the program when it is compiled, and cargo does not watch them on its own.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
