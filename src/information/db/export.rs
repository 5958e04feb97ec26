//! Everything held about a customer, as one zip for the officer answering a subject
//! access request to review: their record (and any records merged into it), their
//! cases with every event, answer, clock and feedback, their contacts, the messages
//! sent to them, the mail they sent (as the original `.eml` files) and the files
//! attached to their cases.
//!
//! Rows are written as JSON with every column the table has, so a column added later
//! is exported without anyone remembering to add it here. Times (columns named `at` or
//! ending `_at`) are written as UTC timestamps. It is for review, not for sending as
//! it is: the officer takes out what is about other people before releasing it.

use std::io::Write;

use serde_json::{Map, Value};
use sqlx::{AnyConnection, Column, Row, any::AnyRow};
use zip::write::SimpleFileOptions;

use crate::cases::CaseRef;
use crate::config::Council;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("there is no such customer")]
    NoCustomer,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    #[error("writing the zip: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("writing the zip: {0}")]
    Io(#[from] std::io::Error),
}

/// One column's value, whatever its type.
fn value(row: &AnyRow, i: usize) -> Value {
    if let Ok(v) = row.try_get::<Option<i64>, _>(i) {
        return v.map_or(Value::Null, Value::from);
    }
    if let Ok(v) = row.try_get::<Option<String>, _>(i) {
        return v.map_or(Value::Null, Value::from);
    }
    if let Ok(v) = row.try_get::<Option<f64>, _>(i) {
        return v.map_or(Value::Null, Value::from);
    }
    if let Ok(v) = row.try_get::<Option<bool>, _>(i) {
        return v.map_or(Value::Null, Value::from);
    }
    match row.try_get::<Option<Vec<u8>>, _>(i) {
        Ok(Some(bytes)) => Value::from(format!("({} bytes, in a file of its own)", bytes.len())),
        _ => Value::Null,
    }
}

fn json(row: &AnyRow) -> Value {
    let mut out = Map::new();
    for (i, column) in row.columns().iter().enumerate() {
        let name = column.name();
        let mut v = value(row, i);
        if (name == "at" || name.ends_with("_at"))
            && let Some(ms) = v.as_i64()
        {
            v = Value::from(crate::rollups::ts(ms).to_string());
        }
        out.insert(name.to_owned(), v);
    }
    Value::Object(out)
}

/// Every row of `sql` (one bound id) as JSON.
async fn rows(conn: &mut AnyConnection, sql: &'static str, id: i64) -> Result<Vec<Value>, sqlx::Error> {
    Ok(sqlx::query(sql).bind(id).fetch_all(&mut *conn).await?.iter().map(json).collect())
}

/// A file name safe in a zip on any system: no folders, no control characters.
fn safe(name: &str) -> String {
    let cleaned: String =
        name.chars().map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '_' } else { c }).collect();
    let cleaned = cleaned.trim_matches(['.', ' ']).to_owned();
    if cleaned.is_empty() { "file".to_owned() } else { cleaned }
}

/// What goes in the zip, gathered before it is written.
struct Files(Vec<(String, Vec<u8>)>);

impl Files {
    fn json(&mut self, name: String, value: &Value) {
        let text = serde_json::to_vec_pretty(value).expect("JSON values always serialise");
        self.0.push((name, text));
    }
}

/// The zip of everything held about the customer, as bytes.
pub async fn personal_data(
    conn: &mut AnyConnection,
    council: &Council,
    customer_id: i64,
    now: i64,
) -> Result<Vec<u8>, ExportError> {
    let mut files = Files(Vec::new());
    let records =
        rows(conn, "SELECT * FROM customers WHERE id = $1 OR merged_into = $1 ORDER BY id", customer_id).await?;
    if records.is_empty() {
        return Err(ExportError::NoCustomer);
    }
    let ids: Vec<i64> = records.iter().filter_map(|r| r["id"].as_i64()).collect();
    let mut links = Vec::new();
    let mut arrangements = Vec::new();
    let mut needs = Vec::new();
    let mut contacts = Vec::new();
    let mut sent = Vec::new();
    let mut cases = Vec::new();
    for &id in &ids {
        // The links' tokens are secrets (only their hashes are kept): when each was made
        // and ends is what is about the customer.
        links.extend(
            rows(
                conn,
                "SELECT created_at, expires_at FROM customer_links WHERE customer_id = $1 ORDER BY created_at",
                id,
            )
            .await?,
        );
        arrangements
            .extend(rows(conn, "SELECT * FROM contact_arrangements WHERE customer_id = $1 ORDER BY id", id).await?);
        // Needs and adjustments leave the system only here, in the customer's own export.
        needs.extend(rows(conn, "SELECT * FROM customer_needs WHERE customer_id = $1 ORDER BY id", id).await?);
        // A contact that keeps no words of its own said its case's description
        // (contacts::db::BODY).
        contacts.extend(
            rows(
                conn,
                "SELECT k.id, k.case_id, k.customer_id, k.channel, k.direction, k.at, k.subject, \
                 COALESCE(k.body, c.description) AS body, k.logged_by, k.resolved_at_first_contact, k.demand, \
                 k.reason FROM contacts k LEFT JOIN cases c ON c.id = k.case_id WHERE k.customer_id = $1 \
                 ORDER BY k.id",
                id,
            )
            .await?,
        );
        sent.extend(rows(conn, "SELECT * FROM outbox WHERE customer_id = $1 ORDER BY id", id).await?);
        cases.extend(rows(conn, "SELECT * FROM cases WHERE customer_id = $1 ORDER BY id", id).await?);
    }
    files.json(
        "your-record.json".into(),
        &serde_json::json!({
            "records": records,
            "linked": links,
            "contact_arrangements": arrangements,
            "needs_and_adjustments": needs,
        }),
    );
    files.json("contacts.json".into(), &Value::from(contacts));
    files.json("messages-sent.json".into(), &Value::from(sent));

    let mut mail_index = Vec::new();
    for case in &cases {
        let Some(case_id) = case["id"].as_i64() else { continue };
        let folder = format!("cases/{}", CaseRef::from_id(&council.prefix, case_id));
        let per_case = [
            ("events", "SELECT * FROM case_events_as_text WHERE case_id = $1 ORDER BY id"),
            ("answers", "SELECT * FROM case_answers WHERE case_id = $1 ORDER BY code"),
            ("clocks", "SELECT * FROM clocks WHERE case_id = $1 ORDER BY started_at, standard_id"),
            ("feedback", "SELECT * FROM case_feedback WHERE case_id = $1"),
            ("complaint_answers", "SELECT * FROM complaint_responses WHERE case_id = $1 ORDER BY stage"),
            ("complaint_promises", "SELECT * FROM complaint_actions WHERE case_id = $1 ORDER BY id"),
            ("information_answers", "SELECT * FROM information_responses WHERE case_id = $1 ORDER BY stage"),
        ];
        let mut whole = Map::new();
        whole.insert("case".into(), case.clone());
        for (name, sql) in per_case {
            whole.insert(name.into(), Value::from(rows(conn, sql, case_id).await?));
        }
        let attached = sqlx::query(
            "SELECT id, filename, content_type, size, sha256, created_at, data FROM attachments \
             WHERE case_id = $1 ORDER BY id",
        )
        .bind(case_id)
        .fetch_all(&mut *conn)
        .await?;
        let mut listed = Vec::new();
        for row in &attached {
            let id: i64 = row.try_get("id")?;
            let filename: String = row.try_get("filename")?;
            let data: Vec<u8> = row.try_get("data")?;
            let path = format!("{folder}/files/{id}-{}", safe(&filename));
            let mut meta = json(row);
            meta["data"] = Value::from(path.clone());
            listed.push(meta);
            files.0.push((path, data));
        }
        whole.insert("files".into(), Value::from(listed));
        files.json(format!("{folder}/case.json"), &Value::Object(whole));

        let mail = sqlx::query(
            "SELECT id, received_at, envelope_from, from_address, subject, message_id, state, raw \
             FROM inbound_mail WHERE case_id = $1 ORDER BY id",
        )
        .bind(case_id)
        .fetch_all(&mut *conn)
        .await?;
        for row in &mail {
            let id: i64 = row.try_get("id")?;
            let raw: Vec<u8> = row.try_get("raw")?;
            let path = format!("mail/{id}.eml");
            let mut meta = json(row);
            meta["raw"] = Value::from(path.clone());
            mail_index.push(meta);
            files.0.push((path, raw));
        }
    }
    files.json("mail.json".into(), &Value::from(mail_index));
    let readme = format!(
        "Everything {council} holds about customer {customer_id}, exported on {when} for a subject access request.\n\n\
         For the officer: review it before release. Take out anything about other people that the law does not \
         let us give, and explain any codes the requester would not understand.\n\n\
         your-record.json    the customer's record, any records merged into it, and contact arrangements\n\
         contacts.json       every contact: calls, emails, letters, visits and web forms\n\
         messages-sent.json  every message we sent them\n\
         mail.json           the emails they sent, each also as the original file in mail/\n\
         cases/              each case: its details, every event (internal notes too), answers, clocks, feedback,\n\
                             complaint and information request answers, and its files\n\n\
         Times are in UTC.\n",
        council = council.name,
        when = crate::rollups::ts(now),
    );
    files.0.insert(0, ("README.txt".into(), readme.into_bytes()));
    write_zip(files)
}

fn write_zip(files: Files) -> Result<Vec<u8>, ExportError> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files.0 {
        zip.start_file(name, options)?;
        zip.write_all(&bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_cannot_leave_their_folder() {
        assert_eq!(safe("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe("photo 1.jpg"), "photo 1.jpg");
        assert_eq!(safe("..."), "file");
        assert_eq!(safe("a\u{0}b"), "a_b");
    }
}
