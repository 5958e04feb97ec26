-- A contact whose words are its case's description keeps no copy of them (issue 34): the
-- contact that opens a case said what the case's description says, and kept it a second
-- time. Its body is NULL, and readers take the case's description in its place
-- (contacts::db::BODY). A case's description never changes (anonymising replaces it and
-- every contact's words together). Contacts written before keep their copies: clearing
-- them would write every row again and free nothing until a VACUUM FULL.
ALTER TABLE contacts ALTER COLUMN body DROP NOT NULL;
