//! The `frontdoor` command. Everything it does is in `frontdoor::cli`.

fn main() -> std::process::ExitCode {
    frontdoor::cli::main()
}
