"""Storage of documents, versioned machine output and analyst decisions (SQLite or PostgreSQL)."""
