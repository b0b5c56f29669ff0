"""xAPI: what learners do, as statements sent to a Learning Record Store (README.md)."""
