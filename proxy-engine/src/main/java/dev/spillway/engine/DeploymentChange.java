package dev.spillway.engine;

import java.time.Instant;
import java.util.Optional;

/**
 * A deployment went into cooldown, or served again after one.
 *
 * @param deployment the deployment id
 * @param coolingDownUntil when its cooldown ends; empty when it serves again
 * @param status the HTTP status that started the cooldown; 0 when it serves again
 * @param time when it happened
 */
public record DeploymentChange(String deployment, Optional<Instant> coolingDownUntil, int status, Instant time) {

    public boolean coolingDown() {
        return coolingDownUntil.isPresent();
    }
}
