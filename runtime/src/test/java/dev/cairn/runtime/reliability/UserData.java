package dev.cairn.runtime.reliability;

/** The size of the user data every reliability test starts with (see {@link Probe#seedUsers}). */
final class UserData {

    /** Rows in table {@code users}. */
    static final int USERS = 2_000;

    private UserData() {
    }
}
