//! What frontdoor counts for Prometheus: each metric's name, unit and meaning in one place,
//! and the few calls the rest of the code makes to count. With no `--metrics-listen` no
//! recorder is installed and every call here costs next to nothing.
//!
//! Names and units follow Prometheus's advice: a `frontdoor_` prefix, base units (seconds),
//! `_total` on counters. Labels are closed sets (a channel, a standard's id from the policy,
//! a route template, a status class), never a path, an address or anything about a person.

/// How long each request took, by method, route template and status class (histogram).
pub const HTTP_DURATION: &str = "frontdoor_http_request_duration_seconds";
/// Cases opened, by channel (counter, in this process).
pub const CASES_CREATED: &str = "frontdoor_cases_created_total";
/// Deadlines missed, by standard (counter, in this process).
pub const CLOCKS_BREACHED: &str = "frontdoor_clocks_breached_total";
/// Webhook attempts that failed (counter, in this process).
pub const WEBHOOKS_FAILED: &str = "frontdoor_webhook_deliveries_failed_total";
/// Rows housekeeping removed, by table (counter, in this process).
pub const SWEPT: &str = "frontdoor_housekeeping_rows_swept_total";
/// Messages to customers not yet sent (gauge, the whole database).
pub const OUTBOX_PENDING: &str = "frontdoor_outbox_pending";
/// Jobs due and not leased (gauge, the whole database).
pub const JOBS_DUE: &str = "frontdoor_jobs_due";
/// How long the oldest due job has waited, 0 when none is due (gauge).
pub const JOBS_OLDEST_DUE: &str = "frontdoor_jobs_oldest_due_age_seconds";
/// Incoming mail held for staff to look at (gauge, the whole database).
pub const MAIL_QUARANTINED: &str = "frontdoor_mail_quarantined";
/// Database connections in this process's pools, by pool and state (gauge).
pub const POOL_CONNECTIONS: &str = "frontdoor_db_pool_connections";
/// The most connections each pool may open (gauge).
pub const POOL_MAX: &str = "frontdoor_db_pool_max_connections";

/// Every metric, for checking the dashboard and alert rules in `docs/` read only these.
pub const ALL: &[&str] = &[
    HTTP_DURATION,
    CASES_CREATED,
    CLOCKS_BREACHED,
    WEBHOOKS_FAILED,
    SWEPT,
    OUTBOX_PENDING,
    JOBS_DUE,
    JOBS_OLDEST_DUE,
    MAIL_QUARANTINED,
    POOL_CONNECTIONS,
    POOL_MAX,
];

/// The request histogram's buckets, in seconds: a page is meant to take milliseconds, and
/// anything past a few seconds is a fault.
pub const HTTP_BUCKETS: &[f64] = &[0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

/// Tells the recorder what each metric is, for the `# HELP` lines.
pub fn describe() {
    use metrics::{Unit, describe_counter, describe_gauge, describe_histogram};
    describe_histogram!(HTTP_DURATION, Unit::Seconds, "Time to answer an HTTP request, by route template.");
    describe_counter!(CASES_CREATED, "Cases opened by this process, by channel.");
    describe_counter!(CLOCKS_BREACHED, "Service standard deadlines missed, found by this process's sweep.");
    describe_counter!(WEBHOOKS_FAILED, "Webhook delivery attempts by this process that failed.");
    describe_counter!(SWEPT, "Rows removed by housekeeping in this process, by table.");
    describe_gauge!(OUTBOX_PENDING, "Messages to customers waiting to be sent.");
    describe_gauge!(JOBS_DUE, "Background jobs due now and not being run.");
    describe_gauge!(JOBS_OLDEST_DUE, Unit::Seconds, "How long the oldest due job has waited.");
    describe_gauge!(MAIL_QUARANTINED, "Incoming mail held for staff to look at.");
    describe_gauge!(POOL_CONNECTIONS, "Database connections open in this process, by pool and state.");
    describe_gauge!(POOL_MAX, "The most database connections each pool may open.");
}

/// A case was written, through `channel`.
pub fn case_created(channel: &'static str) {
    metrics::counter!(CASES_CREATED, "channel" => channel).increment(1);
}

/// A deadline under `standard` was missed.
pub fn clock_breached(standard: &str) {
    metrics::counter!(CLOCKS_BREACHED, "standard" => standard.to_owned()).increment(1);
}

/// A webhook attempt failed.
pub fn webhook_failed() {
    metrics::counter!(WEBHOOKS_FAILED).increment(1);
}

/// Housekeeping removed `rows` from `table`.
pub fn swept(table: &'static str, rows: u64) {
    metrics::counter!(SWEPT, "table" => table).increment(rows);
}

/// The status class of an HTTP status: `2xx`, `4xx` and so on.
pub fn status_class(status: u16) -> &'static str {
    match status {
        100..=199 => "1xx",
        200..=299 => "2xx",
        300..=399 => "3xx",
        400..=499 => "4xx",
        _ => "5xx",
    }
}

/// The method as a label: the methods frontdoor answers, anything else `other`, so a client
/// cannot make new series by inventing methods.
pub fn method_label(method: &str) -> &'static str {
    match method {
        "GET" => "GET",
        "HEAD" => "HEAD",
        "POST" => "POST",
        "PUT" => "PUT",
        "PATCH" => "PATCH",
        "DELETE" => "DELETE",
        "OPTIONS" => "OPTIONS",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_closed_sets() {
        assert_eq!(status_class(204), "2xx");
        assert_eq!(status_class(429), "4xx");
        assert_eq!(status_class(503), "5xx");
        assert_eq!(method_label("POST"), "POST");
        assert_eq!(method_label("BREW"), "other");
    }

    /// The names in a text that look like ours, with a histogram's series suffixes taken off.
    fn names_in(text: &str) -> Vec<String> {
        let mut names = Vec::new();
        let mut rest = text;
        while let Some(at) = rest.find("frontdoor_") {
            let name: String =
                rest[at..].chars().take_while(|c| c.is_ascii_lowercase() || *c == '_' || c.is_ascii_digit()).collect();
            rest = &rest[at + name.len()..];
            let base = ["_bucket", "_count", "_sum"]
                .iter()
                .find_map(|s| name.strip_suffix(s).filter(|b| *b == HTTP_DURATION))
                .map_or(name.clone(), str::to_owned);
            names.push(base);
        }
        names
    }

    #[test]
    fn the_dashboard_and_the_alert_rules_read_only_metrics_that_exist() {
        let alerts = include_str!("../docs/prometheus/alerts.yml");
        let dashboard: serde_json::Value =
            serde_json::from_str(include_str!("../docs/grafana/frontdoor.json")).expect("the dashboard is JSON");
        let exprs: Vec<String> = dashboard["panels"]
            .as_array()
            .expect("panels")
            .iter()
            .flat_map(|p| p["targets"].as_array().cloned().unwrap_or_default())
            .map(|t| t["expr"].as_str().expect("each target has a query").to_owned())
            .collect();
        let used: Vec<String> = names_in(alerts).into_iter().chain(exprs.iter().flat_map(|e| names_in(e))).collect();
        for name in &used {
            assert!(ALL.contains(&name.as_str()), "{name} is not a metric frontdoor serves");
        }
        // Every metric is on the dashboard, apart from housekeeping's count.
        for name in ALL.iter().filter(|n| **n != SWEPT) {
            assert!(exprs.iter().any(|e| names_in(e).iter().any(|u| u == name)), "{name} is on no panel");
        }
    }
}
