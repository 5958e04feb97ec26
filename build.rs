//! Lists the migrations for the program to carry (`src/db/mod.rs`, `migrations!`): each
//! file's version, description and text, as sqlx's `migrate!` macro would, without
//! sqlx's macros (they compile sqlx's drivers a second time, for the compiler's use).
//! Builds again when a migration is added or changed.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=migrations");
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for backend in ["sqlite", "postgres"] {
        let dir = Path::new(&root).join("migrations").join(backend);
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut files: Vec<(i64, String, std::path::PathBuf)> = Vec::new();
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("reading {}: {e}", dir.display())) {
            let path = entry.expect("a migration folder's entry").path();
            let name = path.file_name().and_then(|n| n.to_str()).expect("a migration's name is UTF-8").to_owned();
            // As sqlx reads a folder: `<version>_<description>.sql`, `_` read as a space.
            let Some((version, rest)) = name.split_once('_') else { continue };
            let Some(description) = rest.strip_suffix(".sql") else { continue };
            assert!(
                !description.ends_with(".up") && !description.ends_with(".down"),
                "{name}: reversible migrations are not used here"
            );
            let version: i64 = version.parse().unwrap_or_else(|_| panic!("{name}: the version is not a number"));
            files.push((version, description.replace('_', " "), path));
        }
        files.sort_by_key(|(version, _, _)| *version);
        let mut code = String::from("&[\n");
        for (version, description, path) in files {
            writeln!(code, "    ({version}, {description:?}, include_str!({:?})),", path.display().to_string())
                .expect("writing to a string");
        }
        code.push_str("]\n");
        std::fs::write(Path::new(&out).join(format!("migrations_{backend}.rs")), code)
            .expect("writing the list of migrations");
    }
}
