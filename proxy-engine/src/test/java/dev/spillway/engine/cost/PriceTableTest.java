package dev.spillway.engine.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.engine.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PriceTableTest {

    private static final PriceTable TABLE = PriceTable.bundled();

    private static final ModelPrice SONNET_45 = new ModelPrice(3.00, 15.00, 3.75, 6.00, 0.30,
            Optional.of(new ModelPrice(6.00, 22.50, 7.50, 12.00, 0.60)));
    private static final ModelPrice SONNET_45_REGIONAL = new ModelPrice(3.30, 16.50, 4.125, 6.60, 0.33,
            Optional.of(new ModelPrice(6.60, 24.75, 8.25, 13.20, 0.66)));

    private static ModelPrice price(String provider, String model) {
        Optional<ModelPrice> price = TABLE.lookup(provider, model);
        assertThat(price).as("%s %s", provider, model).isPresent();
        return price.get();
    }

    @Test
    void bundledTableIsReadOnceAndCarriesItsDate() {
        assertThat(PriceTable.bundled()).isSameAs(TABLE);
        assertThat(TABLE.asOf()).contains("2026-08");
    }

    @Test
    void claudePricesOfProtocolsSection5() {
        assertThat(price("anthropic", "claude-sonnet-4-5-20250929")).isEqualTo(SONNET_45);
        assertThat(price("anthropic", "claude-opus-4-5-20251101"))
                .isEqualTo(new ModelPrice(5.00, 25.00, 6.25, 10.00, 0.50));
        assertThat(price("anthropic", "claude-haiku-4-5-20251001"))
                .isEqualTo(new ModelPrice(1.00, 5.00, 1.25, 2.00, 0.10));
        assertThat(price("anthropic", "claude-opus-4-1-20250805"))
                .isEqualTo(new ModelPrice(15.00, 75.00, 18.75, 30.00, 1.50));
        assertThat(price("anthropic", "claude-opus-4-20250514"))
                .isEqualTo(new ModelPrice(15.00, 75.00, 18.75, 30.00, 1.50));
        assertThat(price("anthropic", "claude-sonnet-4-20250514").above200k()).isPresent();
        assertThat(price("anthropic", "claude-3-7-sonnet-20250219"))
                .isEqualTo(new ModelPrice(3.00, 15.00, 3.75, 6.00, 0.30));
        assertThat(price("anthropic", "claude-3-5-haiku-20241022"))
                .isEqualTo(new ModelPrice(0.80, 4.00, 1.00, 1.60, 0.08));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "claude-sonnet-4-5", "claude-sonnet-4-5-20250929", "CLAUDE-SONNET-4-5", " claude-sonnet-4-5 ",
        "claude-sonnet-4-5[1m]", "claude-sonnet-4-5-20250929[1M]", "anthropic/claude-sonnet-4-5",
        "claude-sonnet-4-5-latest"})
    void anthropicNamesAreNormalised(String model) {
        assertThat(price("anthropic", model)).isEqualTo(SONNET_45);
    }

    @Test
    void anthropicAliases() {
        assertThat(price("anthropic", "claude-3-7-sonnet-latest")).isEqualTo(price("anthropic", "claude-3-7-sonnet"));
        assertThat(price("anthropic", "claude-3-5-haiku-latest").input()).isEqualTo(0.80);
        assertThat(price("anthropic", "claude-sonnet-4-0")).isEqualTo(price("anthropic", "claude-sonnet-4-20250514"));
        assertThat(price("anthropic", "claude-opus-4-0").input()).isEqualTo(15.00);
        assertThat(price("anthropic", "claude-opus-4-1").input()).isEqualTo(15.00);
        assertThat(price("anthropic", "claude-opus-4").output()).isEqualTo(75.00);
        assertThat(price("anthropic", "claude-haiku-4-5").input()).isEqualTo(1.00);
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude-opus-4-6", "claude-sonnet-4-6", "claude-opus-4-8", "claude-opus-5-5",
        "claude-sonnet-4-5-20990101", "gpt-4o", "", "   "})
    void unknownAnthropicModels(String model) {
        assertThat(TABLE.lookup("anthropic", model)).isEmpty();
    }

    @Test
    void nullsAndUnknownProvidersAreUnknown() {
        assertThat(TABLE.lookup("anthropic", null)).isEmpty();
        assertThat(TABLE.lookup(null, "claude-sonnet-4-5")).isEmpty();
        assertThat(TABLE.lookup("vertex_ai", "claude-sonnet-4-5")).isEmpty();
        assertThat(TABLE.lookup("openai", "openai/")).isEmpty();
    }

    @Test
    void providerIsTakenFromTheModelPrefixWhenMissing() {
        assertThat(price(null, "openai/gpt-4o").input()).isEqualTo(2.50);
        assertThat(price("", "anthropic/claude-sonnet-4-5")).isEqualTo(SONNET_45);
        assertThat(price(" ", "bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0")).isEqualTo(SONNET_45_REGIONAL);
        assertThat(price(null, "ollama/llama3.2")).isEqualTo(ModelPrice.FREE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "global.anthropic.claude-sonnet-4-5-20250929-v1:0", "GLOBAL.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "bedrock/global.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "bedrock/converse/global.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "global.anthropic.claude-sonnet-4-5-v1:0", "global.anthropic.claude-sonnet-4-5-20250929-v1:0[1m]",
        "claude-sonnet-4-5-20250929", "claude-sonnet-4-5", "claude-sonnet-4-5[1m]"})
    void bedrockGlobalProfilesAndAnthropicNamesHaveTheBasePrice(String model) {
        assertThat(price("bedrock", model)).isEqualTo(SONNET_45);
    }

    @ParameterizedTest
    @ValueSource(strings = {"us", "eu", "apac", "jp", "au"})
    void bedrockRegionalProfilesOfThe45FamilyCost10PercentMore(String geo) {
        assertThat(price("bedrock", geo + ".anthropic.claude-sonnet-4-5-20250929-v1:0")).isEqualTo(SONNET_45_REGIONAL);
        ModelPrice haiku = price("bedrock", geo + ".anthropic.claude-haiku-4-5-20251001-v1:0");
        assertThat(haiku).isEqualTo(new ModelPrice(1.10, 5.50, 1.375, 2.20, 0.11));
        ModelPrice opus = price("bedrock", geo + ".anthropic.claude-opus-4-5-20251101-v1:0");
        assertThat(opus).isEqualTo(new ModelPrice(5.50, 27.50, 6.875, 11.00, 0.55));
    }

    @Test
    void bedrockBaseIdsArePricedAsRegional() {
        assertThat(price("bedrock", "anthropic.claude-sonnet-4-5-20250929-v1:0")).isEqualTo(SONNET_45_REGIONAL);
    }

    @ParameterizedTest
    @CsvSource({
        "apac.anthropic.claude-sonnet-4-20250514-v1:0, 3.00",
        "global.anthropic.claude-sonnet-4-20250514-v1:0, 3.00",
        "eu.anthropic.claude-sonnet-4-20250514-v1:0, 3.00",
        "us.anthropic.claude-opus-4-1-20250805-v1:0, 15.00",
        "us.anthropic.claude-3-5-haiku-20241022-v1:0, 0.80",
        "anthropic.claude-3-7-sonnet-20250219-v1:0, 3.00",
        "claude-opus-4-1, 15.00"})
    void bedrockSonnet4AndOlderHaveOnePrice(String model, double input) {
        assertThat(price("bedrock", model).input()).isEqualTo(input);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123",
        "us-gov.anthropic.claude-sonnet-4-5-20250929-v1:0", "global.anthropic.claude-sonnet-4-6",
        "anthropic.claude-opus-4-6-v1", "meta.llama3-70b-instruct-v1:0", "amazon.nova-pro-v1:0"})
    void bedrockUnknowns(String model) {
        assertThat(TABLE.lookup("bedrock", model)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "gpt-4o, 2.50, 10.00, 1.25",
        "gpt-4o-mini, 0.15, 0.60, 0.075",
        "gpt-4.1, 2.00, 8.00, 0.50",
        "gpt-4.1-mini, 0.40, 1.60, 0.10",
        "gpt-4.1-nano, 0.10, 0.40, 0.025",
        "o3, 2.00, 8.00, 0.50",
        "o4-mini, 1.10, 4.40, 0.275",
        "gpt-5, 1.25, 10.00, 0.125",
        "gpt-5-mini, 0.25, 2.00, 0.025",
        "openai/gpt-4o, 2.50, 10.00, 1.25",
        "gpt-4o-2024-08-06, 2.50, 10.00, 1.25",
        "gpt-4o-2024-05-13, 5.00, 15.00, 5.00",
        "gpt-4.1-2025-04-14, 2.00, 8.00, 0.50"})
    void openAi(String model, double in, double out, double cached) {
        ModelPrice p = price("openai", model);
        assertThat(p.input()).isEqualTo(in);
        assertThat(p.output()).isEqualTo(out);
        assertThat(p.cacheRead()).isEqualTo(cached);
        assertThat(p.cacheWrite()).isEqualTo(in);
    }

    @Test
    void deepSeekGroq() {
        assertThat(price("deepseek", "deepseek-chat")).isEqualTo(new ModelPrice(0.28, 0.42, 0.28, 0.28, 0.028));
        assertThat(price("deepseek", "deepseek/deepseek-reasoner").output()).isEqualTo(0.42);
        assertThat(price("groq", "llama-3.3-70b-versatile")).isEqualTo(new ModelPrice(0.59, 0.79, 0.59, 0.59, 0.59));
        assertThat(price("groq", "groq/llama-3.1-8b-instant").output()).isEqualTo(0.08);
        assertThat(TABLE.lookup("groq", "mixtral-8x7b-32768")).isEmpty();
    }

    @Test
    void openRouterIdsKeepTheirVendor() {
        assertThat(price("openrouter", "openai/gpt-4o").input()).isEqualTo(2.50);
        assertThat(price("openrouter", "openrouter/openai/gpt-4o").input()).isEqualTo(2.50);
        assertThat(price("openrouter", "anthropic/claude-sonnet-4.5").cacheRead()).isEqualTo(0.30);
        assertThat(price("openrouter", "anthropic/claude-haiku-4.5").output()).isEqualTo(5.00);
        assertThat(price("openrouter", "openai/gpt-5-mini:floor").input()).isEqualTo(0.25);
        assertThat(price("openrouter", "deepseek/deepseek-chat-v3-0324:free")).isEqualTo(ModelPrice.FREE);
        assertThat(price(null, "openrouter/openai/o3").input()).isEqualTo(2.00);
        assertThat(TABLE.lookup("openrouter", "gpt-4o")).isEmpty();
        assertThat(TABLE.lookup("openrouter", "qwen/qwen3-coder")).isEmpty();
    }

    @Test
    void ollamaAndCacheAreFree() {
        assertThat(price("ollama", "llama3.2")).isEqualTo(ModelPrice.FREE);
        assertThat(price("ollama", "qwen2.5-coder:32b")).isEqualTo(ModelPrice.FREE);
        assertThat(price("cache", "anything")).isEqualTo(ModelPrice.FREE);
    }

    // --- the bundled data is consistent with its own rules ---

    private static JsonNode bundledJson() throws IOException {
        try (InputStream in = PriceTable.class.getResourceAsStream(PriceTable.RESOURCE)) {
            return Json.MAPPER.readTree(in);
        }
    }

    @Test
    void anthropicPricesFollowAnthropicsMultipliers() throws IOException {
        JsonNode models = bundledJson().path("providers").path("anthropic").path("models");
        assertThat(models.size()).isEqualTo(8);
        models.properties().forEach(e -> {
            ModelPrice p = price("anthropic", e.getKey());
            assertThat(p.cacheWrite()).as(e.getKey()).isCloseTo(p.input() * 1.25, within(1e-9));
            assertThat(p.cacheWrite1h()).as(e.getKey()).isCloseTo(p.input() * 2, within(1e-9));
            assertThat(p.cacheRead()).as(e.getKey()).isCloseTo(p.input() * 0.1, within(1e-9));
            assertThat(price("bedrock", e.getKey())).as("bedrock global = anthropic: " + e.getKey()).isEqualTo(p);
        });
    }

    @Test
    void bedrockRegionalIsGlobalPlus10PercentExactlyForThe45Family() throws IOException {
        JsonNode models = bundledJson().path("providers").path("bedrock").path("models");
        List<String> family45 = List.of("anthropic.claude-opus-4-5-20251101-v1:0",
                "anthropic.claude-sonnet-4-5-20250929-v1:0", "anthropic.claude-haiku-4-5-20251001-v1:0");
        for (Map.Entry<String, JsonNode> entry : models.properties()) {
            String id = entry.getKey();
            ModelPrice global = price("bedrock", "global." + id);
            ModelPrice regional = price("bedrock", "us." + id);
            double factor = family45.contains(id) ? 1.1 : 1.0;
            assertThat(regional.input()).as(id).isCloseTo(global.input() * factor, within(1e-9));
            assertThat(regional.output()).as(id).isCloseTo(global.output() * factor, within(1e-9));
            assertThat(regional.cacheWrite()).as(id).isCloseTo(global.cacheWrite() * factor, within(1e-9));
            assertThat(regional.cacheWrite1h()).as(id).isCloseTo(global.cacheWrite1h() * factor, within(1e-9));
            assertThat(regional.cacheRead()).as(id).isCloseTo(global.cacheRead() * factor, within(1e-9));
            assertThat(regional.above200k().isPresent()).isEqualTo(global.above200k().isPresent());
            global.above200k().ifPresent(tier -> assertThat(regional.above200k().get().input())
                    .isCloseTo(tier.input() * factor, within(1e-9)));
        }
    }

    @Test
    void openRouterVendorIdsMatchFirstPartyPrices() {
        for (String model : List.of("gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "o3",
                "o4-mini", "gpt-5", "gpt-5-mini")) {
            assertThat(price("openrouter", "openai/" + model)).as(model).isEqualTo(price("openai", model));
        }
        Map<String, String> claude = Map.of(
                "claude-opus-4.5", "claude-opus-4-5", "claude-sonnet-4.5", "claude-sonnet-4-5",
                "claude-haiku-4.5", "claude-haiku-4-5", "claude-opus-4.1", "claude-opus-4-1",
                "claude-opus-4", "claude-opus-4", "claude-sonnet-4", "claude-sonnet-4",
                "claude-3.7-sonnet", "claude-3-7-sonnet", "claude-3.5-haiku", "claude-3-5-haiku");
        claude.forEach((openRouter, anthropic) -> {
            ModelPrice first = price("anthropic", anthropic);
            ModelPrice viaOpenRouter = price("openrouter", "anthropic/" + openRouter);
            assertThat(viaOpenRouter).as(openRouter)
                    .isEqualTo(new ModelPrice(first.input(), first.output(), first.cacheWrite(), first.cacheWrite1h(),
                            first.cacheRead()));
        });
    }

    // --- loading other tables ---

    private static PriceTable parse(String json) throws IOException {
        return PriceTable.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void loadsATableWithDefaultsForMissingCacheFields() throws IOException {
        PriceTable table = parse("""
                {"_as_of": "test", "providers": {"acme": {"models": {"m1": {"input": 2, "output": 4}},
                 "aliases": {"m": "m1"}}}}""");
        assertThat(table.asOf()).isEqualTo("test");
        assertThat(table.lookup("acme", "m")).contains(new ModelPrice(2, 4, 2, 2, 2));
        assertThat(table.lookup("ACME", "acme/M1")).contains(new ModelPrice(2, 4, 2, 2, 2));
    }

    @Test
    void rejectsBrokenTables() {
        assertThatThrownBy(() -> parse("{}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parse("{\"providers\": {\"a\": {\"models\": {\"m\": {\"output\": 1}}}}}"))
                .hasMessageContaining("lacks input");
        assertThatThrownBy(() -> parse(
                "{\"providers\": {\"a\": {\"models\": {\"m\": {\"input\": -1, \"output\": 1}}}}}"))
                .hasMessageContaining("non-negative");
        assertThatThrownBy(() -> parse("{\"providers\": {\"a\": {\"models\": {}, \"aliases\": {\"x\": \"y\"}}}}"))
                .hasMessageContaining("unknown model");
        assertThatThrownBy(() -> parse("{\"providers\": {\"bedrock\": {\"models\": {\"anthropic.x\": {\"global\": "
                + "{\"input\": 1, \"output\": 1}}}}}}")).hasMessageContaining("regional");
    }
}
