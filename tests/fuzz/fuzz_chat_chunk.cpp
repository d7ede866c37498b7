// Fuzzes the readers of provider replies: parseChatChunk() in both chunk
// shapes, and ProviderError::fromHttpResponse() and parseRetryAfter() on the
// same bytes. The input is one data event, one response body, or one
// Retry-After header value.

#include "FuzzCheck.h"

#include "provider/ProviderError.h"
#include "provider/StreamChunk.h"

#include <QByteArray>
#include <QDateTime>

#include <array>
#include <cstddef>
#include <cstdint>

using namespace Consilium;

namespace {

void checkUsage(const Usage &usage)
{
    FUZZ_CHECK(usage.promptTokens >= 0);
    FUZZ_CHECK(usage.completionTokens >= 0);
    FUZZ_CHECK(usage.reasoningTokens >= 0);
    FUZZ_CHECK(usage.cachedPromptTokens >= 0);
    FUZZ_CHECK(!usage.providerCost || !usage.providerCost->isNegative());
}

void checkChunk(const StreamChunk &chunk)
{
    if (chunk.usage)
        checkUsage(*chunk.usage);
    if (chunk.error.isError()) {
        FUZZ_CHECK(chunk.error.kind == ErrorKind::InStream);
        FUZZ_CHECK(!chunk.error.message.isEmpty());
        FUZZ_CHECK(!chunk.error.userMessage().isEmpty());
    }
}

// Both shapes read the same JSON, so they differ only in whether the text
// comes from "delta" or "message".
void checkShapesAgree(const Result<StreamChunk> &delta, const Result<StreamChunk> &full)
{
    FUZZ_CHECK(delta.ok() == full.ok());
    if (!delta.ok())
        return;
    const StreamChunk &a = delta.value();
    const StreamChunk &b = full.value();
    FUZZ_CHECK(a.model == b.model);
    FUZZ_CHECK(a.provider == b.provider);
    FUZZ_CHECK(a.isKeepAlive == b.isKeepAlive);
    FUZZ_CHECK(a.finishReason == b.finishReason);
    FUZZ_CHECK(a.usage.has_value() == b.usage.has_value());
    FUZZ_CHECK(a.error.kind == b.error.kind);
    FUZZ_CHECK(a.error.message == b.error.message);
}

void checkHttpError(int status, const QByteArray &body, const QByteArray &contentType)
{
    const ProviderError error = ProviderError::fromHttpResponse(status, body, contentType);
    FUZZ_CHECK(error.httpStatus == status);
    FUZZ_CHECK(error.isError());
    FUZZ_CHECK(error.kind == ProviderError::kindForStatus(status, error.metadata));
    FUZZ_CHECK(!error.message.isEmpty());
    FUZZ_CHECK(!error.userMessage().isEmpty());
    FUZZ_CHECK(error.kindName() != u"unknown");
    (void)error.isRetryable();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    Fuzz::silenceQtMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));

    const Result<StreamChunk> delta = parseChatChunk(bytes, ChunkShape::StreamDelta);
    const Result<StreamChunk> full = parseChatChunk(bytes, ChunkShape::FullCompletion);
    if (delta.ok())
        checkChunk(delta.value());
    if (full.ok())
        checkChunk(full.value());
    checkShapesAgree(delta, full);

    // 403 reads moderation metadata, 429 and 503 are the retry paths, and
    // 200, 302 and 0 reach the fallback kind.
    static constexpr std::array kStatuses{400, 402, 403, 429, 503, 200, 302, 0};
    const int chosen = kStatuses[size % kStatuses.size()];
    checkHttpError(403, bytes, QByteArrayLiteral("application/json"));
    checkHttpError(429, bytes, QByteArrayLiteral("text/html; charset=utf-8"));
    checkHttpError(chosen, bytes, QByteArray());

    // A fixed clock keeps a run reproducible.
    const QDateTime now(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC);
    const auto retryAfter = parseRetryAfter(bytes, now);
    FUZZ_CHECK(!retryAfter || retryAfter->count() >= 0);
    return 0;
}
