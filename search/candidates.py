"""Which matches are ranked. Ranking reads every candidate, so candidates are bounded: the
newest MAX_RANKED + 1 items whose title holds every word, and the newest MAX_RANKED + 1
matches of any kind. A title match therefore ranks above body matches however old it is;
a search matching more than MAX_RANKED says so and asks for more words. (PostgreSQL:
many.py; SQLite: sqlite_text.py.)"""

MAX_RANKED = 200
# On PostgreSQL, how many of the newest items are looked through first for the newest
# matches.
RECENT = 2000
