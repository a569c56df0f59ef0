package dev.spillway.engine.claudecode;

/**
 * Something that would stop Claude Code from using Spillway even with {@code settings.json} configured.
 *
 * @param source where it is set: a file path, or {@code environment}
 * @param problem what is set and what it does
 * @param fix what to do about it
 */
public record Conflict(String source, String problem, String fix) {

    /** One line for the user. */
    @Override
    public String toString() {
        return problem + " (" + source + "): " + fix;
    }
}
