//! Rows written many to a statement, for history loaded in bulk.
//!
//! SQLite gets anonymous `?` placeholders: sqlx finds each `$n` parameter by name, and
//! SQLite looks a name up by walking its list of them, so binding a statement of `$n`
//! costs the square of its parameters (measured: 44% of a 200,000-case load). PostgreSQL
//! needs `$n`, and has no such cost.

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
}

impl Table {
    pub fn new(name: &'static str, columns: &'static [&'static str]) -> Self {
        Table { name, columns, values: Vec::new() }
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
}
