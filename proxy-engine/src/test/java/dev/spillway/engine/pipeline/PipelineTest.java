package dev.spillway.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.engine.routing.GroupMatch;
import dev.spillway.engine.upstream.UpstreamResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineTest {

    private final Gateway gateway = new Gateway();

    private RoutedCall call() {
        gateway.deploy("claude-sonnet", "anthropic/claude-sonnet-4-5", "a1");
        gateway.deploy("bedrock/claude-sonnet", "bedrock/claude-sonnet-4-5", "b1");
        return gateway.call("claude-sonnet");
    }

    @Test
    void pipelineNeedsATerminalInterceptor() {
        assertThatThrownBy(() -> new Pipeline(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void interceptorsRunInOrderAndEachSeesTheCallTheOneBeforePassedOn() throws Exception {
        RoutedCall call = call();
        GroupMatch bedrock = gateway.routes().resolve("bedrock/claude-sonnet").orElseThrow();
        List<String> seen = new ArrayList<>();
        UpstreamResponse answer = ScriptedProvider.ok("terminal");
        Pipeline pipeline = new Pipeline(List.of(
                chain -> {
                    seen.add("first:" + chain.call().target().group().name());
                    return chain.proceed(chain.call().withTarget(bedrock));
                },
                chain -> {
                    seen.add("second:" + chain.call().target().group().name());
                    return chain.proceed(chain.call().withDeployment(bedrock.group().deployments().get(0)));
                },
                chain -> {
                    seen.add("terminal:" + chain.call().deployment().orElseThrow().id());
                    return answer;
                }));

        assertThat(pipeline.execute(call)).isSameAs(answer);
        assertThat(seen).containsExactly("first:claude-sonnet", "second:bedrock/claude-sonnet", "terminal:b1");
    }

    @Test
    void interceptorMayProceedSeveralTimes() throws Exception {
        List<Integer> statuses = new ArrayList<>(List.of(500, 502, 200));
        int[] calls = {0};
        Pipeline pipeline = new Pipeline(List.of(
                chain -> {
                    UpstreamResponse r;
                    do {
                        r = chain.proceed(chain.call());
                    } while (!r.isSuccess());
                    return r;
                },
                chain -> {
                    calls[0]++;
                    return ScriptedProvider.error(statuses.remove(0), "x");
                }));

        assertThat(pipeline.execute(call()).status()).isEqualTo(200);
        assertThat(calls[0]).isEqualTo(3);
    }

    @Test
    void lastInterceptorMustNotProceed() {
        Pipeline pipeline = new Pipeline(List.of(chain -> chain.proceed(chain.call())));

        assertThatThrownBy(() -> pipeline.execute(call()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("last interceptor");
    }

    @Test
    void interceptorReturningNothingIsNamed() {
        Pipeline pipeline = new Pipeline(List.of(new AnsweringNothing()));

        assertThatThrownBy(() -> pipeline.execute(call()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AnsweringNothing");
    }

    @Test
    void pipelineKeepsItsOwnCopyOfTheInterceptors() throws Exception {
        List<Interceptor> list = new ArrayList<>(List.of(chain -> ScriptedProvider.ok("kept")));
        Pipeline pipeline = new Pipeline(list);
        list.clear();

        assertThat(pipeline.execute(call()).bodyText()).contains("kept");
    }

    private static final class AnsweringNothing implements Interceptor {
        @Override
        public UpstreamResponse intercept(Chain chain) {
            return null;
        }
    }
}
