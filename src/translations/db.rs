//! Stored translations: one row per language and item.

use sqlx::{AnyConnection, AnyPool};

use super::{Item, Texts};
use crate::language::{ENGLISH, Language};

/// One language's translations.
pub async fn texts<'c, E>(conn: E, language: Language) -> Result<Texts, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    if language == ENGLISH {
        return Ok(Texts::default());
    }
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT item, english, text FROM translations WHERE language = $1")
            .bind(language.code)
            .fetch_all(conn)
            .await?;
    Ok(Texts::new(language, rows))
}

/// One string in a language: its translation of this English, else the English.
pub async fn one(
    conn: &mut AnyConnection,
    language: Language,
    item: &Item,
    english: &str,
) -> Result<String, sqlx::Error> {
    if language == ENGLISH {
        return Ok(english.to_owned());
    }
    let text: Option<String> =
        sqlx::query_scalar("SELECT text FROM translations WHERE language = $1 AND item = $2 AND english = $3")
            .bind(language.code)
            .bind(item.key())
            .bind(english)
            .fetch_optional(conn)
            .await?;
    Ok(text.unwrap_or_else(|| english.to_owned()))
}

/// Stores a translation of `english`, or removes the item's translation when `text` is empty.
pub async fn save(
    conn: &mut AnyConnection,
    language: Language,
    key: &str,
    english: &str,
    text: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    if text.trim().is_empty() {
        sqlx::query("DELETE FROM translations WHERE language = $1 AND item = $2")
            .bind(language.code)
            .bind(key)
            .execute(conn)
            .await?;
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO translations (language, item, english, text, updated_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (language, item) DO UPDATE SET english = excluded.english, text = excluded.text, \
         updated_at = excluded.updated_at",
    )
    .bind(language.code)
    .bind(key)
    .bind(english)
    .bind(text.trim())
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// How many strings each language has translated, for the administrators' overview.
pub async fn counts(pool: &AnyPool) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT language, COUNT(*) FROM translations GROUP BY language").fetch_all(pool).await
}

/// Everything there is to translate today, with its English (`super::items`): every
/// service (offered or not), its questions, the notices still to show, the published
/// standards.
pub async fn items(
    pool: &AnyPool,
    rules: &crate::standards::Rules,
    now: i64,
) -> Result<Vec<(Item, String)>, sqlx::Error> {
    let services: Vec<_> = crate::services::db::list_all(pool).await?.into_iter().map(|(s, _)| s).collect();
    let mut fields = Vec::with_capacity(services.len());
    for service in &services {
        fields.push((service.code.clone(), crate::services::db::fields(pool, service.id).await?));
    }
    let (notices, _past) = crate::notices::db::for_admin(pool, now).await?;
    Ok(super::items(&services, &fields, &notices, rules))
}

/// Stores an import's rows in one transaction's connection.
pub async fn save_all(
    conn: &mut AnyConnection,
    language: Language,
    rows: &[(String, String, String)],
    now: i64,
) -> Result<(), sqlx::Error> {
    for (key, english, text) in rows {
        save(&mut *conn, language, key, english, text, now).await?;
    }
    Ok(())
}
