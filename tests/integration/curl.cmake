# Copy-as-curl tests.
