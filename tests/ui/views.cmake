# View widget tests.
