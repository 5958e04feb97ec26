//! Rows written in bulk, for history: on SQLite many to an `INSERT`, on PostgreSQL a table's
//! rows in one `COPY`.
//!
//! SQLite gets anonymous `?` placeholders: sqlx finds each `$n` parameter by name, and
//! SQLite looks a name up by walking its list of them, so binding a statement of `$n`
//! costs the square of its parameters (measured: 44% of a 200,000-case load).
//! PostgreSQL's `COPY ... FROM STDIN` takes the rows as text, with no statement to parse
//! or plan and no parameters to bind (docs/benchmarks.md has what it saves).

use std::io::Write;

use sqlx::{AnyConnection, AssertSqlSafe};

use crate::db::Backend;

/// A value to bind.
pub enum Val {
    Int(i64),
    OptInt(Option<i64>),
    Text(String),
    OptText(Option<String>),
}

// SQLite allows 32,766 bound values a statement; PostgreSQL 65,535.
const MAX_VALUES: usize = 30_000;

/// One table's rows for a chunk of history.
pub struct Table {
    pub name: &'static str,
    columns: &'static [&'static str],
    values: Vec<Val>,
    staging: Option<Staging>,
}

/// Where rows go first when the table holds something made from them (PostgreSQL's search
/// words from a document's text): a temporary table, made in the chunk's transaction and
/// dropped at its commit, and the statement that moves its rows into the table. Only
/// [`Table::copy`] takes this way: PostgreSQL loads always copy, and SQLite's tables hold
/// what they are given.
pub struct Staging {
    pub create: &'static str,
    pub table: &'static str,
    pub then: &'static str,
}

impl Table {
    pub fn new(name: &'static str, columns: &'static [&'static str]) -> Self {
        Table { name, columns, values: Vec::new(), staging: None }
    }

    /// The rows go through `staging` on their way in.
    pub fn staged(self, staging: Staging) -> Self {
        Table { staging: Some(staging), ..self }
    }

    pub fn push(&mut self, row: Vec<Val>) {
        debug_assert_eq!(row.len(), self.columns.len(), "a row of {}", self.name);
        self.values.extend(row);
    }

    pub fn rows(&self) -> usize {
        self.values.len() / self.columns.len()
    }

    /// Inserts every row, as few statements as the backend's limits allow.
    pub async fn write(self, conn: &mut AnyConnection, backend: Backend) -> Result<usize, sqlx::Error> {
        let width = self.columns.len();
        let per_statement = (MAX_VALUES / width).max(1);
        let total = self.rows();
        let mut values = self.values.into_iter();
        let mut written = 0;
        while written < total {
            let rows = per_statement.min(total - written);
            let sql = format!(
                "INSERT INTO {} ({}) VALUES {}",
                self.name,
                self.columns.join(", "),
                crate::db::values_list(backend, rows, width)
            );
            // Table and column names are constants; every value is bound.
            let mut query = sqlx::query(AssertSqlSafe(sql));
            for value in values.by_ref().take(rows * width) {
                query = match value {
                    Val::Int(v) => query.bind(v),
                    Val::OptInt(v) => query.bind(v),
                    Val::Text(v) => query.bind(v),
                    Val::OptText(v) => query.bind(v),
                };
            }
            query.execute(&mut *conn).await?;
            written += rows;
        }
        Ok(total)
    }

    /// PostgreSQL: every row in one `COPY` (text format), sent a megabyte at a time.
    pub async fn copy(self, conn: &mut sqlx::PgConnection) -> Result<usize, sqlx::Error> {
        const SEND_AT: usize = 1 << 20;
        let width = self.columns.len();
        let total = self.rows();
        let target = match &self.staging {
            Some(staging) => {
                sqlx::query(staging.create).execute(&mut *conn).await?;
                staging.table
            }
            None => self.name,
        };
        // Table and column names are constants; the rows travel as data.
        let mut copy = conn.copy_in_raw(&format!("COPY {} ({}) FROM STDIN", target, self.columns.join(", "))).await?;
        let mut buffer = Vec::with_capacity(SEND_AT + 4096);
        for row in self.values.chunks(width) {
            for (i, value) in row.iter().enumerate() {
                if i > 0 {
                    buffer.push(b'\t');
                }
                value.write_copy_text(&mut buffer);
            }
            buffer.push(b'\n');
            if buffer.len() >= SEND_AT {
                copy.send(std::mem::take(&mut buffer)).await?;
                buffer.reserve(SEND_AT + 4096);
            }
        }
        copy.send(buffer).await?;
        copy.finish().await?;
        if let Some(staging) = self.staging {
            sqlx::query(staging.then).execute(&mut *conn).await?;
        }
        Ok(total)
    }
}

impl Val {
    /// The value in `COPY`'s text format: `\N` for NULL, and a backslash before a
    /// backslash, tab, newline or carriage return, which would otherwise end the value
    /// or the row.
    fn write_copy_text(&self, out: &mut Vec<u8>) {
        match self {
            Val::Int(v) | Val::OptInt(Some(v)) => {
                let _ = write!(out, "{v}");
            }
            Val::Text(text) | Val::OptText(Some(text)) => {
                for byte in text.bytes() {
                    match byte {
                        b'\\' => out.extend_from_slice(b"\\\\"),
                        b'\t' => out.extend_from_slice(b"\\t"),
                        b'\n' => out.extend_from_slice(b"\\n"),
                        b'\r' => out.extend_from_slice(b"\\r"),
                        other => out.push(other),
                    }
                }
            }
            Val::OptInt(None) | Val::OptText(None) => out.extend_from_slice(b"\\N"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Val;

    fn text(value: &Val) -> String {
        let mut out = Vec::new();
        value.write_copy_text(&mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn copy_text_escapes_what_would_end_a_value_or_row() {
        assert_eq!(text(&Val::Int(-42)), "-42");
        assert_eq!(text(&Val::OptInt(None)), "\\N");
        assert_eq!(text(&Val::OptText(None)), "\\N");
        assert_eq!(text(&Val::Text("a\tb\nc\rd\\e".to_owned())), "a\\tb\\nc\\rd\\\\e");
        // A text that reads \N is not NULL: its backslash is doubled.
        assert_eq!(text(&Val::OptText(Some("\\N".to_owned()))), "\\\\N");
        assert_eq!(text(&Val::Text("Café, 1 Hill St".to_owned())), "Café, 1 Hill St");
    }
}
