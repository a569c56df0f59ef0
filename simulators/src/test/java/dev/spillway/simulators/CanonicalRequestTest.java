package dev.spillway.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SigV4 canonicalisation details that the SDK tests rely on without showing. */
class CanonicalRequestTest {

    @Test
    void pathAsSentIsEncodedOnceMoreSoAnEscapedColonBecomesPercent253A() {
        assertThat(CanonicalRequest.uriEncode("/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke", false))
                .isEqualTo("/model/us.anthropic.claude-sonnet-4-5-20250929-v1%253A0/invoke");
    }

    @Test
    void canonicalRequestHasSortedQueryTrimmedHeadersAndPayloadHash() {
        Map<String, List<String>> headers = Map.of(
                "host", List.of("127.0.0.1:8080"),
                "x-amz-date", List.of("20261123T101500Z"),
                "x-custom", List.of("  a   b ", "c"));

        String canonical = CanonicalRequest.build("POST", "/model/m%3A0/invoke", "b=2&a=x%20y&a=1",
                name -> headers.getOrDefault(name, List.of()), List.of("host", "x-amz-date", "x-custom"), "abc123");

        assertThat(canonical).isEqualTo(String.join("\n",
                "POST",
                "/model/m%253A0/invoke",
                "a=1&a=x%20y&b=2",
                "host:127.0.0.1:8080",
                "x-amz-date:20261123T101500Z",
                "x-custom:a b,c",
                "",
                "host;x-amz-date;x-custom",
                "abc123"));
    }

    @Test
    void percentDecodingLeavesPlusSignsAlone() {
        assertThat(CanonicalRequest.percentDecode("a%3Ab+c%2Fd")).isEqualTo("a:b+c/d");
    }
}
