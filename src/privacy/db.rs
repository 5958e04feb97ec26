//! The rows of retention: which closed cases are past their period, taking the personal
//! data out of a batch of them, legal holds, and the record of each run.

use sqlx::{AnyConnection, AssertSqlSafe, Row};

/// A closed case that may be past its period.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub id: i64,
    pub service_id: i64,
    pub customer_id: Option<i64>,
    /// When its status last changed: the period counts from here.
    pub closed_at: i64,
}

/// Where a scan through the closed cases of one type has got to.
#[derive(Debug, Clone, Copy, Default)]
pub struct Cursor {
    pub closed_at: i64,
    pub id: i64,
}

/// The next closed cases of `case_type` that closed before `before`, not anonymised and
/// not held, after `cursor`, in the order they closed: through `cases_retention_idx`, so
/// a batch costs the same however long history is.
pub async fn closed_before(
    conn: &mut AnyConnection,
    case_type: &str,
    before: i64,
    cursor: Cursor,
    limit: i64,
) -> Result<Vec<Candidate>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT c.id, c.service_id, c.customer_id, c.updated_at FROM cases c \
         WHERE c.anonymised_at IS NULL AND c.status IN ('resolved', 'closed') AND c.case_type = $1 \
         AND c.updated_at < $2 AND (c.updated_at > $3 OR (c.updated_at = $3 AND c.id > $4)) \
         AND NOT EXISTS (SELECT 1 FROM legal_holds h WHERE h.case_id = c.id AND h.released_at IS NULL) \
         ORDER BY c.updated_at, c.id LIMIT $5",
    )
    .bind(case_type)
    .bind(before)
    .bind(cursor.closed_at)
    .bind(cursor.id)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Candidate {
                id: r.try_get("id")?,
                service_id: r.try_get("service_id")?,
                customer_id: r.try_get("customer_id")?,
                closed_at: r.try_get("updated_at")?,
            })
        })
        .collect()
}

/// How many closed cases past `before` a legal hold keeps.
pub async fn held_count(conn: &mut AnyConnection, case_type: &str, before: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM cases c JOIN legal_holds h ON h.case_id = c.id AND h.released_at IS NULL \
         WHERE c.anonymised_at IS NULL AND c.status IN ('resolved', 'closed') AND c.case_type = $1 \
         AND c.updated_at < $2",
    )
    .bind(case_type)
    .bind(before)
    .fetch_one(conn)
    .await
}

/// Each service's code and case type, to apply the services' own periods.
pub async fn service_types(conn: &mut AnyConnection) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    let rows = sqlx::query("SELECT id, code, case_type FROM services ORDER BY id").fetch_all(conn).await?;
    rows.iter().map(|r| Ok((r.try_get("id")?, r.try_get("code")?, r.try_get("case_type")?))).collect()
}

/// Which values a statement takes: the placeholder words as `$1`, the time as `$2`.
#[derive(Clone, Copy)]
enum Binds {
    Neither,
    Words,
    WordsAndNow,
}

async fn execute(
    conn: &mut AnyConnection,
    binds: Binds,
    sql: String,
    words: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let q = sqlx::query(AssertSqlSafe(sql));
    let q = match binds {
        Binds::Neither => q,
        Binds::Words => q.bind(words.to_owned()),
        Binds::WordsAndNow => q.bind(words.to_owned()).bind(now),
    };
    q.execute(conn).await?;
    Ok(())
}

/// Ids as a list for `IN (...)`: numbers only, never text, so safe to write into SQL.
fn id_list(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
}

/// Takes the personal data out of these cases, keeping every figure: the service, channel,
/// type, ward, team, events and their times stay; the description, address, location,
/// answers, what was written (contacts, messages, notes, complaint answers, reasons),
/// recipients, files and raw mail go. `placeholder` replaces free text.
///
/// The case row is changed first, and only while the case is still closed, not yet
/// anonymised and not held: a case reopened or held since it was chosen (on PostgreSQL,
/// in another transaction at the same moment) is left alone. Returns the cases changed.
pub async fn anonymise_cases(
    conn: &mut AnyConnection,
    ids: &[i64],
    placeholder: &str,
    now: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut changed: Vec<i64> = sqlx::query_scalar(AssertSqlSafe(format!(
        "UPDATE cases SET description = $1, address = NULL, postcode = NULL, uprn = NULL, lat_e7 = NULL, \
         lng_e7 = NULL, anonymised_at = $2 WHERE id IN ({}) AND anonymised_at IS NULL \
         AND status IN ('resolved', 'closed') \
         AND NOT EXISTS (SELECT 1 FROM legal_holds h WHERE h.case_id = cases.id AND h.released_at IS NULL) \
         RETURNING id",
        id_list(ids)
    )))
    .bind(placeholder)
    .bind(now)
    .fetch_all(&mut *conn)
    .await?;
    changed.sort_unstable();
    if changed.is_empty() {
        return Ok(changed);
    }
    let list = id_list(&changed);
    let p = placeholder;
    use Binds::{Neither, Words, WordsAndNow};
    let statements = [
        (
            Words,
            format!(
                "UPDATE contacts SET subject = CASE WHEN subject IS NULL THEN NULL ELSE $1 END, body = $1, \
                 reason = CASE WHEN reason IS NULL THEN NULL ELSE $1 END WHERE case_id IN ({list})"
            ),
        ),
        // Status changes (their notes), notes, messages, merges, letters and hand-offs (the
        // reason) hold words; the other kinds are written by the system and hold no one's
        // details.
        (
            Words,
            format!(
                "UPDATE case_events SET body = $1 WHERE case_id IN ({list}) AND kind IN (2, 4, 5, 12, 14, 15) \
                 AND body IS NOT NULL"
            ),
        ),
        (Words, format!("UPDATE case_handoffs SET reason = $1 WHERE case_id IN ({list})")),
        (
            Words,
            format!(
                "UPDATE outbox SET recipient = $1, subject = $1, body = $1, calendar = NULL WHERE case_id IN ({list})"
            ),
        ),
        (Words, format!("UPDATE case_answers SET value = $1, shown = $1 WHERE case_id IN ({list})")),
        (Neither, format!("UPDATE case_feedback SET comment = NULL WHERE case_id IN ({list})")),
        (Words, format!("UPDATE complaint_responses SET cause = $1, remedy = $1 WHERE case_id IN ({list})")),
        (
            Words,
            format!(
                "UPDATE complaint_actions SET promise = $1, \
                 done_note = CASE WHEN done_note IS NULL THEN NULL ELSE $1 END WHERE case_id IN ({list})"
            ),
        ),
        (Words, format!("UPDATE callbacks SET phone = $1 WHERE case_id IN ({list})")),
        (
            Neither,
            format!(
                "UPDATE reception_steps SET note = NULL WHERE visit_id IN \
                 (SELECT id FROM reception_visits WHERE case_id IN ({list}))"
            ),
        ),
        (
            WordsAndNow,
            format!("UPDATE reception_visits SET name = $1, needs = $1, anonymised_at = $2 WHERE case_id IN ({list})"),
        ),
        (
            Words,
            format!(
                "UPDATE officer_visits SET outcome = CASE WHEN outcome IS NULL THEN NULL ELSE $1 END \
                 WHERE case_id IN ({list})"
            ),
        ),
        (
            Words,
            format!(
                "UPDATE meeting_changes SET reason = CASE WHEN reason IS NULL THEN NULL ELSE $1 END WHERE \
                 appointment_id IN (SELECT id FROM appointments WHERE case_id IN ({list})) \
                 OR visit_id IN (SELECT id FROM officer_visits WHERE case_id IN ({list}))"
            ),
        ),
        (
            Words,
            format!(
                "UPDATE letter_prints SET reason = CASE WHEN reason IS NULL THEN NULL ELSE $1 END WHERE \
                 outbox_id IN (SELECT id FROM outbox WHERE case_id IN ({list}))"
            ),
        ),
        (Neither, format!("DELETE FROM attachments WHERE case_id IN ({list})")),
        (Neither, format!("DELETE FROM inbound_mail WHERE case_id IN ({list})")),
    ];
    for (binds, sql) in statements {
        execute(&mut *conn, binds, sql, p, now).await?;
    }
    // An extension's reason is words; its standard, length and new date are figures the
    // clocks are replayed from, so only the reason is replaced.
    let extended = sqlx::query(AssertSqlSafe(format!(
        "SELECT id, body FROM case_events WHERE case_id IN ({list}) AND kind = 8 AND body IS NOT NULL"
    )))
    .fetch_all(&mut *conn)
    .await?;
    for row in extended {
        let (id, body): (i64, String) = (row.try_get("id")?, row.try_get("body")?);
        let Ok(mut value) = serde_json::from_str::<serde_json::Value>(&body) else { continue };
        if let Some(reason) = value.get_mut("reason") {
            *reason = serde_json::Value::String(p.to_owned());
        }
        sqlx::query("UPDATE case_events SET body = $1 WHERE id = $2")
            .bind(value.to_string())
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(changed)
}

/// Of these customers, those with no case still holding personal data: their records go.
pub async fn customers_with_nothing_kept(
    conn: &mut AnyConnection,
    customer_ids: &[i64],
) -> Result<Vec<i64>, sqlx::Error> {
    if customer_ids.is_empty() {
        return Ok(Vec::new());
    }
    sqlx::query_scalar(AssertSqlSafe(format!(
        "SELECT u.id FROM customers u WHERE u.id IN ({}) AND u.erased_at IS NULL AND NOT EXISTS \
         (SELECT 1 FROM cases c WHERE c.customer_id = u.id AND c.anonymised_at IS NULL) ORDER BY u.id",
        id_list(customer_ids)
    )))
    .fetch_all(conn)
    .await
}

/// Empties customer records (and every record merged into them): the name, contact details,
/// address, choices, links, arrangements, needs, and the words of their contacts and
/// messages that belong to no case. The row stays, as a bare number, so the access log and
/// the figures still point at something.
pub async fn erase_customers(
    conn: &mut AnyConnection,
    ids: &[i64],
    placeholder: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    if ids.is_empty() {
        return Ok(());
    }
    let list = id_list(ids);
    let every = format!("SELECT id FROM customers WHERE id IN ({list}) OR merged_into IN ({list})");
    use Binds::{Neither, Words, WordsAndNow};
    let statements = [
        (
            WordsAndNow,
            format!(
                "UPDATE customers SET name = $1, email = NULL, phone = NULL, address = NULL, postcode = NULL, \
                 uprn = NULL, prefers_post = 0, large_print = 0, prefers_phone = 0, erased_at = $2, updated_at = $2 \
                 WHERE id IN ({every})"
            ),
        ),
        (Neither, format!("DELETE FROM customer_links WHERE customer_id IN ({every})")),
        (Neither, format!("DELETE FROM contact_arrangements WHERE customer_id IN ({every})")),
        (Neither, format!("DELETE FROM customer_needs WHERE customer_id IN ({every})")),
        (
            Words,
            format!(
                "UPDATE contacts SET subject = CASE WHEN subject IS NULL THEN NULL ELSE $1 END, body = $1, \
                 reason = CASE WHEN reason IS NULL THEN NULL ELSE $1 END WHERE customer_id IN ({every}) AND case_id IS NULL"
            ),
        ),
        (
            Words,
            format!(
                "UPDATE outbox SET recipient = $1, subject = $1, body = $1, calendar = NULL \
                 WHERE customer_id IN ({every}) AND case_id IS NULL"
            ),
        ),
        (
            WordsAndNow,
            format!(
                "UPDATE reception_visits SET name = $1, needs = $1, anonymised_at = $2 \
                 WHERE customer_id IN ({every}) AND anonymised_at IS NULL"
            ),
        ),
    ];
    for (binds, sql) in statements {
        execute(&mut *conn, binds, sql, placeholder, now).await?;
    }
    Ok(())
}

/// The next reception visits that never became a case and arrived before `before`.
pub async fn visits_before(
    conn: &mut AnyConnection,
    before: i64,
    after_id: i64,
    limit: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT id FROM reception_visits WHERE anonymised_at IS NULL AND case_id IS NULL AND arrived_at < $1 \
         AND id > $2 ORDER BY id LIMIT $3",
    )
    .bind(before)
    .bind(after_id)
    .bind(limit)
    .fetch_all(conn)
    .await
}

/// Takes the name and words out of reception visits, keeping their times and service.
pub async fn anonymise_visits(
    conn: &mut AnyConnection,
    ids: &[i64],
    placeholder: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    if ids.is_empty() {
        return Ok(());
    }
    let list = id_list(ids);
    sqlx::query(AssertSqlSafe(format!(
        "UPDATE reception_visits SET name = $1, needs = $1, anonymised_at = $2 WHERE id IN ({list})"
    )))
    .bind(placeholder)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query(AssertSqlSafe(format!("UPDATE reception_steps SET note = NULL WHERE visit_id IN ({list})")))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Starts the record of a run.
pub async fn start_run(conn: &mut AnyConnection, as_of: i64, started_by: &str, now: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO retention_runs (started_at, as_of, started_by, counts) VALUES ($1, $2, $3, '{}') RETURNING id",
    )
    .bind(now)
    .bind(as_of)
    .bind(started_by)
    .fetch_one(conn)
    .await
}

/// Writes what the run has done so far, in the transaction of the batch that did it.
pub async fn record_run(
    conn: &mut AnyConnection,
    id: i64,
    counts: &str,
    finished_at: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE retention_runs SET counts = $1, finished_at = $2 WHERE id = $3")
        .bind(counts)
        .bind(finished_at)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// A run as recorded.
#[derive(Debug, Clone)]
pub struct Run {
    pub id: i64,
    pub started_at: i64,
    pub as_of: i64,
    pub started_by: String,
    pub counts: String,
    pub finished_at: Option<i64>,
}

/// The latest runs, newest first.
pub async fn runs(pool: &sqlx::AnyPool, limit: i64) -> Result<Vec<Run>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, started_at, as_of, started_by, counts, finished_at FROM retention_runs ORDER BY id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Run {
                id: r.try_get("id")?,
                started_at: r.try_get("started_at")?,
                as_of: r.try_get("as_of")?,
                started_by: r.try_get("started_by")?,
                counts: r.try_get("counts")?,
                finished_at: r.try_get("finished_at")?,
            })
        })
        .collect()
}

/// A legal hold as staff see it.
#[derive(Debug, Clone)]
pub struct Hold {
    pub id: i64,
    pub reason: String,
    pub held_by: String,
    pub held_at: i64,
}

/// The holds on a case that are not released.
pub async fn holds(conn: &mut AnyConnection, case_id: i64) -> Result<Vec<Hold>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT h.id, h.reason, COALESCE(s.name, 'frontdoor') AS held_by, h.held_at FROM legal_holds h \
         LEFT JOIN staff_users s ON s.id = h.held_by WHERE h.case_id = $1 AND h.released_at IS NULL ORDER BY h.id",
    )
    .bind(case_id)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Hold {
                id: r.try_get("id")?,
                reason: r.try_get("reason")?,
                held_by: r.try_get("held_by")?,
                held_at: r.try_get("held_at")?,
            })
        })
        .collect()
}

pub async fn add_hold(
    conn: &mut AnyConnection,
    case_id: i64,
    reason: &str,
    staff_id: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO legal_holds (case_id, reason, held_by, held_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(case_id)
    .bind(reason)
    .bind(staff_id)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// Releases a hold on the case. False if there was none.
pub async fn release_hold(
    conn: &mut AnyConnection,
    hold_id: i64,
    case_id: i64,
    staff_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE legal_holds SET released_at = $1, released_by = $2 WHERE id = $3 AND case_id = $4 \
         AND released_at IS NULL",
    )
    .bind(now)
    .bind(staff_id)
    .bind(hold_id)
    .bind(case_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The records merged into a customer's: the same person's older records, with no cases.
pub async fn merged_into(conn: &mut AnyConnection, customer_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM customers WHERE merged_into = $1 AND erased_at IS NULL ORDER BY id")
        .bind(customer_id)
        .fetch_all(conn)
        .await
}

/// A customer's cases, for an erasure: id, status, whether anonymised.
pub async fn customer_cases(
    conn: &mut AnyConnection,
    customer_id: i64,
) -> Result<Vec<(i64, String, bool)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, status, anonymised_at FROM cases WHERE customer_id = $1 OR customer_id IN \
         (SELECT id FROM customers WHERE merged_into = $1) ORDER BY id",
    )
    .bind(customer_id)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("status")?, r.try_get::<Option<i64>, _>("anonymised_at")?.is_some())))
        .collect()
}
