/**
 * Local, faithful doubles of the upstream LLM APIs that Spillway talks to, for use in tests.
 *
 * <p>{@link dev.spillway.simulators.AnthropicSimulator} plays {@code https://api.anthropic.com},
 * {@link dev.spillway.simulators.BedrockSimulator} plays {@code https://bedrock-runtime.{region}.amazonaws.com} and
 * {@link dev.spillway.simulators.OpenAiSimulator} plays an OpenAI-compatible API ({@code https://api.openai.com/v1},
 * OpenRouter, Groq, DeepSeek, Ollama's {@code /v1}); {@link dev.spillway.simulators.AwsSsoSimulator} and
 * {@link dev.spillway.simulators.StsSimulator} hand out the AWS credentials Bedrock calls are signed with. All are
 * real HTTP/1.1 servers on {@code 127.0.0.1} with an ephemeral port, scripted in the style of OkHttp's MockWebServer: enqueue replies, run the code under test, then
 * inspect the {@link dev.spillway.simulators.RecordedRequest}s. The Anthropic and Bedrock simulators render assistant
 * messages from the same {@link dev.spillway.simulators.MessageScript}, so a test can compare what a proxy relays
 * against exactly what the upstream produced.
 */
package dev.spillway.simulators;
