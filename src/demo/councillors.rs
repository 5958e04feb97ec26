//! The demo's councillors, each with a ward, and the councillors' enquiries of the
//! history shared between them: an enquiry goes to the councillor of its ward when it has
//! one, otherwise to each in turn.

use super::DEMO_PASSWORD;
use super::catalogue::COUNCILLORS;
use crate::db::Db;
use crate::org::Role;
use crate::org::db::NewStaff;

pub async fn write(db: &Db, now: i64) -> anyhow::Result<()> {
    let hash = crate::crypto::hash_password(DEMO_PASSWORD)?;
    let mut ids = Vec::new();
    for (email, name, ward) in COUNCILLORS {
        let new = NewStaff {
            email,
            name,
            role: Role::Councillor,
            team_id: None,
            partner_id: None,
            ward: Some(ward),
            password_hash: Some(&hash),
        };
        let mut tx = db.begin().await?;
        let id = crate::org::db::insert_staff(&mut tx, &new, now).await?;
        tx.commit().await?;
        ids.push((id, *ward));
    }
    let count = i64::try_from(ids.len())?;
    let mut tx = db.begin().await?;
    for (turn, (id, ward)) in (0_i64..).zip(&ids) {
        sqlx::query(
            "UPDATE cases SET councillor_id = $1 WHERE case_type = 'councillor_enquiry' AND councillor_id IS NULL \
             AND (ward = $2 OR (ward IS NULL AND id % $3 = $4))",
        )
        .bind(id)
        .bind(ward)
        .bind(count)
        .bind(turn)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
