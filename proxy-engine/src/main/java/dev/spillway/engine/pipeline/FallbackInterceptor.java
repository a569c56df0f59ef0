package dev.spillway.engine.pipeline;

import dev.spillway.engine.routing.FailureKind;
import dev.spillway.engine.routing.GroupMatch;
import dev.spillway.engine.routing.RouteTable;
import dev.spillway.engine.upstream.UpstreamResponse;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries the requested model group, then its {@code fallbacks} in order, for as long as the answers are failures that
 * another upstream could avoid (rate limits, overload, exhausted credit, 5xx, timeouts); a prompt too long for the
 * model, or a content-policy refusal, moves to the {@code context_window_fallbacks} / {@code content_policy_fallbacks}
 * instead.
 *
 * <p>If a fallback fails for a reason of its own (a Bedrock deployment without AWS credentials, say), the client gets
 * the failure that caused the fallback: "rate limited, retry after 30 s" is more useful to it than "AWS access
 * denied". The fallback's failure is logged.
 */
public final class FallbackInterceptor implements Interceptor {

    private static final Logger log = LoggerFactory.getLogger(FallbackInterceptor.class);

    private final RouteTable routes;

    public FallbackInterceptor(RouteTable routes) {
        this.routes = routes;
    }

    @Override
    public UpstreamResponse intercept(Chain chain) throws InterruptedException {
        RoutedCall call = chain.call();
        List<GroupMatch> targets = new ArrayList<>();
        targets.add(call.target());
        targets.addAll(routes.fallbacksOf(call.target()));

        UpstreamResponse answer = null;
        RequestTrace.Served answerServed = null;
        for (int i = 0; i < targets.size(); i++) {
            if (i > 0) {
                call.trace().countFallback();
            }
            UpstreamResponse response = chain.proceed(call.withTarget(targets.get(i)));
            FailureKind kind = FailureKind.of(response);
            if (kind == FailureKind.NONE) {
                return response;
            }
            if (isBetterAnswer(response, answer)) {
                answer = response;
                answerServed = call.trace().served();
            } else if (!isCoolingDownAnswer(response, kind)) {
                log.warn("Fallback to model group {} failed with HTTP {}: {}", targets.get(i).group().name(),
                        response.status(), abbreviate(response.bodyText()));
            }
            List<GroupMatch> special = specialFallbacks(kind, targets.get(i), targets.subList(0, i + 1));
            if (!special.isEmpty()) {
                targets.subList(i + 1, targets.size()).clear();
                targets.addAll(special);
            } else if (!kind.fallsBack()) {
                break;
            }
        }
        call.trace().served(answerServed);
        return answer;
    }

    /**
     * A prompt too long for the model, or a content-policy refusal, is not the upstream's fault: only the groups named
     * in {@code context_window_fallbacks} / {@code content_policy_fallbacks} are tried, in place of the usual ones.
     */
    private List<GroupMatch> specialFallbacks(FailureKind kind, GroupMatch failed, List<GroupMatch> tried) {
        List<GroupMatch> special = switch (kind) {
            case CONTEXT_WINDOW -> new ArrayList<>(routes.contextWindowFallbacksOf(failed));
            case CONTENT_POLICY -> new ArrayList<>(routes.contentPolicyFallbacksOf(failed));
            default -> new ArrayList<>();
        };
        special.removeIf(candidate -> tried.stream().anyMatch(t -> t.group() == candidate.group()));
        return special;
    }

    /**
     * The client gets the first real upstream failure; failing that, "cooling down, retry in N s" (429) beats "no
     * credential for this group" (401), since waiting helps.
     */
    private static boolean isBetterAnswer(UpstreamResponse candidate, UpstreamResponse current) {
        if (current == null) {
            return true;
        }
        boolean currentUnavailable = FailureKind.of(current) == FailureKind.UNAVAILABLE;
        boolean candidateUnavailable = FailureKind.of(candidate) == FailureKind.UNAVAILABLE;
        if (!currentUnavailable) {
            return false;
        }
        return !candidateUnavailable || (candidate.status() == 429 && current.status() != 429);
    }

    /** The gateway's own "every deployment is cooling down" answer: expected while an upstream rests. */
    private static boolean isCoolingDownAnswer(UpstreamResponse response, FailureKind kind) {
        return kind == FailureKind.UNAVAILABLE && response.status() == 429;
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
