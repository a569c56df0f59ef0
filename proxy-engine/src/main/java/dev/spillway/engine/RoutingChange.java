package dev.spillway.engine;

import java.time.Instant;

/**
 * A model group moved off its primary deployment, or back onto it: what the tray tells its user about.
 *
 * <p>{@link Kind#FAILED_OVER}: every primary deployment of the group (those of its first {@code order} tier, all of
 * them without {@code order}) went into cooldown, so its requests go to another deployment or to a fallback group.
 * {@link Kind#RECOVERED}: a primary deployment of a group that had failed over answered successfully again. Only
 * groups with somewhere to fail over to (a {@code fallbacks} entry or a second {@code order} tier) report changes,
 * one {@code FAILED_OVER} and then one {@code RECOVERED}, however many requests fail in between.
 *
 * @param group the model group, e.g. {@code claude-sonnet}
 * @param from the deployment id requests moved away from: the primary on a failover, the fallback on a recovery
 *     (empty if none was available)
 * @param to the deployment id requests now go to: a fallback on a failover (empty if none is available, then the
 *     group is down until a cooldown ends), the primary on a recovery
 * @param time when it happened
 */
public record RoutingChange(String group, Kind kind, String from, String to, Instant time) {

    public enum Kind { FAILED_OVER, RECOVERED }

    /** One line for a notification, e.g. "claude-sonnet failed over from anthropic-sonnet to bedrock-sonnet". */
    public String describe() {
        return switch (kind) {
            case FAILED_OVER -> to.isEmpty()
                    ? group + ": " + from + " is cooling down and no fallback is available"
                    : group + " failed over from " + from + " to " + to;
            case RECOVERED -> group + " is back on " + to;
        };
    }
}
