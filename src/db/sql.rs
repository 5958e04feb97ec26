//! SQL built a piece at a time with numbered parameters (`$1`, `$2` ...), which both
//! SQLite and PostgreSQL read. sqlx's QueryBuilder writes `?` for the Any driver, which
//! PostgreSQL does not. The one builder for queries whose filters vary: Open311's and the
//! JSON API's lists, the queues, the access logs.

use sqlx::FromRow;

/// Declares a struct read from a row by its field names, as sqlx's `derive(FromRow)`
/// would: each field from the column of the same name. Written here rather than derived so
/// that the build has no sqlx macros, which compiled tokio and sqlx's drivers a second
/// time for the compiler's own use. (No saving in CI's time has been shown yet: the only
/// runs before and after were on different machines.)
macro_rules! row_struct {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            $( $(#[$field_meta:meta])* $field_vis:vis $field:ident : $ty:ty ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis struct $name {
            $( $(#[$field_meta])* $field_vis $field: $ty ),*
        }

        impl<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> for $name {
            fn from_row(row: &'r sqlx::any::AnyRow) -> Result<Self, sqlx::Error> {
                use sqlx::Row as _;
                Ok($name { $( $field: row.try_get(stringify!($field))? ),* })
            }
        }
    };
}
pub(crate) use row_struct;

/// SQL with `$n` placeholders numbered as values are bound, which both databases read
/// (sqlx's own builder writes `?`, which PostgreSQL does not).
#[derive(Default)]
pub struct Sql {
    pub text: String,
    binds: Vec<Bound>,
}

pub enum Bound {
    Int(i64),
    Text(String),
}

impl Sql {
    pub fn new(text: &str) -> Sql {
        Sql { text: text.to_owned(), binds: Vec::new() }
    }

    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    pub fn bind(&mut self, value: Bound) -> &mut Self {
        self.binds.push(value);
        self.text.push_str(&format!("${}", self.binds.len()));
        self
    }

    /// Binds `value` and writes its `$n` after `text`: `q.and("c.team_id = ", Bound::Int(7))`.
    pub fn push_bind(&mut self, text: &str, value: Bound) -> &mut Self {
        self.push(text).bind(value)
    }

    /// Appends `WHERE` and the conditions whose values are given, joined by `AND`; each
    /// column names its operator, like `"v.id < "`. Only the conditions given, so each
    /// filter can read its own index.
    pub fn where_given(&mut self, conditions: &[(&str, Option<i64>)]) -> &mut Self {
        let mut joiner = " WHERE ";
        for (column, value) in conditions {
            if let Some(value) = value {
                self.push(joiner).push_bind(column, Bound::Int(*value));
                joiner = " AND ";
            }
        }
        self
    }

    /// The rows, to read column by column.
    pub async fn fetch_rows(&self, pool: &sqlx::AnyPool) -> Result<Vec<sqlx::any::AnyRow>, sqlx::Error> {
        let mut q = sqlx::query(sqlx::AssertSqlSafe(self.text.clone()));
        for b in &self.binds {
            q = match b {
                Bound::Int(v) => q.bind(*v),
                Bound::Text(t) => q.bind(t.clone()),
            };
        }
        q.fetch_all(pool).await
    }

    pub async fn fetch_all<T>(&self, pool: &sqlx::AnyPool) -> Result<Vec<T>, sqlx::Error>
    where
        T: Send + Unpin + for<'r> FromRow<'r, sqlx::any::AnyRow>,
    {
        let mut q = sqlx::query_as::<_, T>(sqlx::AssertSqlSafe(self.text.clone()));
        for b in &self.binds {
            q = match b {
                Bound::Int(v) => q.bind(*v),
                Bound::Text(t) => q.bind(t.clone()),
            };
        }
        q.fetch_all(pool).await
    }
}
