package dev.spillway.engine.request;

/** The two API dialects Spillway speaks, to clients and to upstreams. */
public enum Dialect {
    /** Anthropic's Messages API (Claude Code, Anthropic SDKs; Bedrock's Claude bodies are this dialect too). */
    ANTHROPIC,
    /** OpenAI's Chat Completions API (OpenAI SDKs, OpenRouter, Groq, DeepSeek, Ollama, vLLM, …). */
    OPENAI
}
