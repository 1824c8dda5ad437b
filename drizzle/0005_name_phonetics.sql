-- Double Metaphone lets patient search rank "jonathon smyth" onto Jonathan Smith: the names sound alike
-- even where their trigrams differ. PGlite loads the same extension from its contrib bundle.
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
