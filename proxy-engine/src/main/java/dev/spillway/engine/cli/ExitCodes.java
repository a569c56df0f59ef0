package dev.spillway.engine.cli;

/** The exit codes every command uses, so scripts can rely on them. */
public final class ExitCodes {

    /** Done; everything is as it should be. */
    public static final int OK = 0;
    /** The command failed; the message says why. */
    public static final int FAILED = 1;
    /** The command line was wrong (picocli's own code). */
    public static final int USAGE = 2;
    /** The proxy is not running (or not at {@code --url}). */
    public static final int NOT_RUNNING = 3;
    /** Done, but something needs the user: a sign-in, a conflicting setting, an unhealthy deployment. */
    public static final int NEEDS_ATTENTION = 4;

    private ExitCodes() {
    }
}
