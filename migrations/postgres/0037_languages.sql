-- The language a case's customer uses (en, cy, ar): every message written to them after
-- it is in that language where there are words for it. Cases from before are English.
ALTER TABLE cases ADD COLUMN language TEXT NOT NULL DEFAULT 'en';

-- Translations of service content (names, descriptions, groups, questions, choices,
-- notices), edited by administrators beside the English. `item` names the string
-- ("service/pothole/name"); `english` is the English it was translated from: when the
-- English changes, the translation needs looking at again and the English is shown until
-- it is.
CREATE TABLE translations (
    language TEXT NOT NULL,
    item TEXT NOT NULL,
    english TEXT NOT NULL,
    text TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (language, item)
);
