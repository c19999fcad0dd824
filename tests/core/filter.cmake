# Filter tests.
