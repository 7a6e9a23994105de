"""Background jobs the user waits for: heavy documents and imports run by a task worker, with progress."""
