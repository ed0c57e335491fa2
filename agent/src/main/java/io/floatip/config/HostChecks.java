package io.floatip.config;

/** The machine a config is checked against: its users, for script_user, and its files, for script safety. */
record HostChecks(Accounts accounts, FileFacts files) {

    static HostChecks local() {
        return new HostChecks(Accounts.local(), FileFacts.local());
    }
}
