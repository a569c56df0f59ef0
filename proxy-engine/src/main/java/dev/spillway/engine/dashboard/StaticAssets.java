package dev.spillway.engine.dashboard;

import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * The dashboard page's files, read from the classpath once. They are sent with a content-security policy that
 * allows only this server's own scripts, styles and requests, and forbids framing (no clickjacking of the reset).
 */
final class StaticAssets {

    private static final String ROOT = "/dev/spillway/engine/dashboard/web/";
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    private StaticAssets() {
    }

    static HttpHandler file(String name, String contentType) {
        byte[] bytes = read(name);
        return exchange -> {
            exchange.getResponseHeaders()
                    .put(Headers.CONTENT_TYPE, contentType)
                    .put(Headers.CACHE_CONTROL, "no-cache")
                    .put(new HttpString("Content-Security-Policy"), POLICY)
                    .put(new HttpString("X-Frame-Options"), "DENY")
                    .put(new HttpString("X-Content-Type-Options"), "nosniff")
                    .put(new HttpString("Referrer-Policy"), "no-referrer");
            exchange.getResponseSender().send(ByteBuffer.wrap(bytes));
        };
    }

    private static byte[] read(String name) {
        try (InputStream in = StaticAssets.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("dashboard file " + name + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
