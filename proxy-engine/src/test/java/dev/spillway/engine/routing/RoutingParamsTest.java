package dev.spillway.engine.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.engine.config.ConfigException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RoutingParamsTest {

    private static RoutingParams read(Map<String, Object> params) {
        return RoutingParams.of(TestDeployments.config("claude-sonnet", "anthropic/m", "key-a", Optional.empty(),
                params));
    }

    @Test
    void readsNumbersAsYamlGivesThem() {
        RoutingParams params = read(Map.of("rpm", 500, "tpm", 400_000L, "weight", 0.5, "order", 2));

        assertThat(params).isEqualTo(new RoutingParams(OptionalDouble.of(0.5), OptionalLong.of(500),
                OptionalLong.of(400_000), OptionalInt.of(2)));
    }

    @Test
    void readsNumbersFromEnvironmentVariablesWhichArriveAsText() {
        RoutingParams params = read(Map.of("rpm", " 60 ", "weight", "3", "tpm", "1000.0"));

        assertThat(params.rpm()).hasValue(60);
        assertThat(params.weight()).hasValue(3);
        assertThat(params.tpm()).hasValue(1000);
    }

    @Test
    void nothingSetIsNone() {
        assertThat(read(Map.of("max_tokens", 10))).isEqualTo(RoutingParams.NONE);
    }

    @Test
    void badValuesNameTheDeploymentAndTheKey() {
        assertThatThrownBy(() -> read(Map.of("rpm", "lots"))).isInstanceOf(ConfigException.class)
                .hasMessage("model_list: deployment key-a of model group 'claude-sonnet': litellm_params.rpm: "
                        + "expected a whole number from 1 to 2147483647, found \"lots\"");
        assertThatThrownBy(() -> read(Map.of("rpm", 0))).hasMessageEndingWith(
                "litellm_params.rpm: expected a whole number from 1 to 2147483647, found 0");
        assertThatThrownBy(() -> read(Map.of("tpm", 10.5))).hasMessageContaining("litellm_params.tpm");
        assertThatThrownBy(() -> read(Map.of("weight", -1))).hasMessageEndingWith(
                "litellm_params.weight: expected a number from 0 to 2147483647, found -1");
        assertThatThrownBy(() -> read(Map.of("order", List.of(1)))).hasMessageEndingWith(
                "litellm_params.order: expected a whole number from 0 to 2147483647, found a list or map");
    }

    @Test
    void deploymentsReadTheirParamsOnce() {
        Deployment d = TestDeployments.withParams("a", Map.of("rpm", 5));

        assertThat(d.routing().rpm()).hasValue(5);
        assertThat(d.routing().hasLimits()).isTrue();
    }
}
