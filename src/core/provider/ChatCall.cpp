#include "ChatCall.h"

#include "common/Logging.h"

#include <QDateTime>
#include <QNetworkReply>
#include <QRandomGenerator>

namespace Consilium {

namespace {

constexpr qsizetype kMaxBodyBytes = 32 * 1024 * 1024;

} // namespace

QString callStatusName(CallStatus status)
{
    switch (status) {
    case CallStatus::Pending: return QStringLiteral("pending");
    case CallStatus::Running: return QStringLiteral("running");
    case CallStatus::Succeeded: return QStringLiteral("ok");
    case CallStatus::Failed: return QStringLiteral("failed");
    case CallStatus::Cancelled: return QStringLiteral("cancelled");
    }
    return QStringLiteral("unknown");
}

ChatCall::ChatCall(ChatRequest request, CallTimeouts timeouts, RetryPolicy retries, EpochClock clock,
                   QObject *parent)
    : QObject(parent)
    , m_request(std::move(request))
    , m_timeouts(timeouts)
    , m_retries(retries)
    , m_clock(std::move(clock))
    , m_jitter([](int baseDelayMs) { return int(QRandomGenerator::global()->bounded(baseDelayMs / 5 + 100)); })
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ChatCall::onTimeout);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &ChatCall::sendAttempt);
    m_outcome.timings.queuedAtMs = m_clock();
}

ChatCall::~ChatCall()
{
    releaseReply();
}

void ChatCall::start(Sender sender)
{
    m_sender = std::move(sender);
    m_outcome.status = CallStatus::Running;
    m_outcome.timings.sentAtMs = m_clock();
    sendAttempt();
}

void ChatCall::sendAttempt()
{
    // Each attempt starts from a clean protocol state; text is only ever
    // kept from the attempt that produced it, and retries happen before any.
    m_parser = SseParser();
    m_body.clear();
    m_httpStatus = 0;
    m_isEventStream = false;
    m_sawDone = false;
    m_timedOut = false;
    m_outcome.error = ProviderError();
    m_outcome.attempts += 1;

    QNetworkReply *reply = m_sender();
    m_reply = reply;
    connect(reply, &QNetworkReply::metaDataChanged, this, &ChatCall::onMetaDataChanged);
    connect(reply, &QNetworkReply::readyRead, this, &ChatCall::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &ChatCall::onReplyFinished);
    m_timeoutName = QStringLiteral("connect");
    armTimer(m_timeouts.connectMs);
}

void ChatCall::releaseReply()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->disconnect(this);
    if (reply->isRunning())
        reply->abort();
    reply->deleteLater();
}

bool ChatCall::isFinished() const
{
    const CallStatus status = m_outcome.status;
    return status == CallStatus::Succeeded || status == CallStatus::Failed
           || status == CallStatus::Cancelled;
}

void ChatCall::cancel()
{
    if (isFinished())
        return;
    m_cancelRequested = true;
    m_retryTimer.stop();
    if (m_reply)
        m_reply->abort(); // emits finished() synchronously
    if (!isFinished()) {
        m_outcome.error.kind = ErrorKind::Cancelled;
        m_outcome.error.message = QStringLiteral("Cancelled.");
        finish(CallStatus::Cancelled);
    }
}

void ChatCall::armTimer(int milliseconds)
{
    if (milliseconds > 0)
        m_timer.start(milliseconds);
    else
        m_timer.stop();
}

void ChatCall::onMetaDataChanged()
{
    m_httpStatus = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray contentType = m_reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    m_isEventStream = m_httpStatus >= 200 && m_httpStatus < 300
                      && contentType.contains("text/event-stream");
    if (m_outcome.timings.firstTokenAtMs == 0) {
        m_timeoutName = QStringLiteral("time to first token");
        armTimer(m_timeouts.firstTokenMs);
    }
}

void ChatCall::onReadyRead()
{
    const QByteArray bytes = m_reply->readAll();
    if (!m_isEventStream) {
        if (m_body.size() + bytes.size() <= kMaxBodyBytes)
            m_body.append(bytes);
        return;
    }
    if (m_outcome.timings.firstTokenAtMs != 0)
        armTimer(m_timeouts.idleMs);
    handleEvents(m_parser.feed(bytes));
    if (m_parser.overflowed()) {
        fail(ProviderError::fromClient(ErrorKind::InvalidResponse, QStringLiteral("The stream sent a line longer than 16 MiB."), m_httpStatus));
    }
}

void ChatCall::handleEvents(const SseBatch &batch)
{
    if (batch.comments > 0) {
        m_outcome.keepAlives += batch.comments;
        Q_EMIT keepAliveReceived();
    }
    for (const SseEvent &event : batch.events) {
        if (isFinished())
            return;
        if (event.data.trimmed() == "[DONE]") {
            m_sawDone = true;
            continue;
        }
        const Result<StreamChunk> chunk = parseChatChunk(event.data);
        if (!chunk) {
            ++m_outcome.skippedEvents;
            qCWarning(lcSse) << "skipping an event from" << m_request.model << ":" << chunk.error();
            continue;
        }
        if (chunk->isKeepAlive) {
            ++m_outcome.keepAlives;
            Q_EMIT keepAliveReceived();
            continue;
        }
        applyChunk(*chunk);
    }
}

void ChatCall::applyChunk(const StreamChunk &chunk)
{
    if (!chunk.provider.isEmpty())
        m_outcome.upstreamProvider = chunk.provider;
    if (chunk.usage)
        m_outcome.usage = chunk.usage;

    const bool hasText = !chunk.content.isEmpty() || !chunk.reasoning.isEmpty()
                         || !chunk.reasoningDetails.isEmpty();
    if (hasText && m_outcome.timings.firstTokenAtMs == 0) {
        m_outcome.timings.firstTokenAtMs = m_clock();
        m_timeoutName = QStringLiteral("idle");
        armTimer(m_timeouts.idleMs);
    }
    if (!chunk.reasoning.isEmpty()) {
        m_outcome.reasoning += chunk.reasoning;
        Q_EMIT reasoningReceived(chunk.reasoning);
    }
    mergeReasoningDetails(chunk.reasoningDetails);
    if (!chunk.content.isEmpty()) {
        m_outcome.text += chunk.content;
        Q_EMIT contentReceived(chunk.content);
    }
    if (chunk.finishReason)
        m_outcome.finishReason = chunk.finishReason;

    if (chunk.error.isError()) {
        fail(chunk.error);
    } else if (chunk.finishReason == QStringLiteral("error")) {
        fail(ProviderError::fromClient(ErrorKind::InStream, QStringLiteral("The provider ended the answer with an error."), m_httpStatus));
    }
}

void ChatCall::mergeReasoningDetails(const QList<ReasoningDetail> &details)
{
    for (const ReasoningDetail &detail : details) {
        QList<ReasoningDetail> &merged = m_outcome.reasoningDetails;
        const bool joinable = !merged.isEmpty() && merged.last().type == detail.type
                              && detail.type != u"reasoning.encrypted";
        if (joinable)
            merged.last().text += detail.text;
        else
            merged.append(detail);
    }
}

void ChatCall::onReplyFinished()
{
    m_timer.stop();
    if (isFinished())
        return;

    if (m_cancelRequested) {
        m_outcome.error.kind = ErrorKind::Cancelled;
        m_outcome.error.message = QStringLiteral("Cancelled.");
        finish(CallStatus::Cancelled);
        return;
    }
    if (m_timedOut) {
        fail(ProviderError::fromClient(ErrorKind::Timeout, QStringLiteral("No response within the %1 timeout.").arg(m_timeoutName), m_httpStatus));
        return;
    }

    if (m_reply->bytesAvailable() > 0)
        onReadyRead();
    if (isFinished())
        return;

    if (m_httpStatus >= 300) {
        concludeHttpError();
    } else if (m_httpStatus == 0) {
        fail(ProviderError::fromClient(ErrorKind::Network, QStringLiteral("Could not reach %1: %2.")
                  .arg(m_reply->url().host(), m_reply->errorString()), 0));
    } else if (m_isEventStream) {
        concludeStream();
    } else {
        concludeFullBody();
    }
}

void ChatCall::concludeHttpError()
{
    ProviderError error = ProviderError::fromHttpResponse(
        m_httpStatus, m_body, m_reply->header(QNetworkRequest::ContentTypeHeader).toByteArray());
    error.retryAfter = parseRetryAfter(m_reply->rawHeader("Retry-After"), QDateTime::currentDateTimeUtc());
    fail(error);
}

void ChatCall::concludeStream()
{
    handleEvents(m_parser.finish());
    if (isFinished())
        return;

    // Either a finish_reason or [DONE] marks a complete answer; some servers
    // send only one of the two.
    const bool complete = m_outcome.finishReason.has_value() || m_sawDone;
    if (m_reply->error() != QNetworkReply::NoError && !complete) {
        fail(ProviderError::fromClient(ErrorKind::Network, QStringLiteral("The connection failed during the answer: %1.").arg(m_reply->errorString()), m_httpStatus));
        return;
    }
    if (!complete) {
        fail(ProviderError::fromClient(ErrorKind::Incomplete, QStringLiteral("The connection closed before the answer was complete."), m_httpStatus));
        return;
    }
    if (!m_sawDone)
        qCInfo(lcSse) << "stream from" << m_request.model << "ended without [DONE]";
    finish(CallStatus::Succeeded);
}

void ChatCall::concludeFullBody()
{
    const Result<StreamChunk> chunk = parseChatChunk(m_body, ChunkShape::FullCompletion);
    if (!chunk) {
        fail(ProviderError::fromClient(ErrorKind::InvalidResponse, QStringLiteral("The response is not a chat completion: %1.").arg(chunk.error()), m_httpStatus));
        return;
    }
    if (m_outcome.timings.firstTokenAtMs == 0)
        m_outcome.timings.firstTokenAtMs = m_clock();
    applyChunk(*chunk);
    if (!isFinished())
        finish(CallStatus::Succeeded);
}

void ChatCall::onTimeout()
{
    qCWarning(lcProvider) << "call to" << m_request.model << "timed out:" << m_timeoutName;
    m_timedOut = true;
    if (m_reply)
        m_reply->abort();
}

bool ChatCall::scheduleRetry(const ProviderError &error)
{
    const bool tokensArrived = m_outcome.timings.firstTokenAtMs != 0 || !m_outcome.text.isEmpty()
                               || !m_outcome.reasoning.isEmpty();
    if (tokensArrived || m_cancelRequested || !error.isRetryable()
        || m_outcome.attempts >= m_retries.maxAttempts)
        return false;

    const int backoff = std::min(m_retries.maxDelayMs, m_retries.baseDelayMs << (m_outcome.attempts - 1));
    const int baseDelay = error.retryAfter ? int(error.retryAfter->count()) : backoff;
    const int delay = baseDelay + m_jitter(baseDelay);
    if (m_waitedMs + delay > m_retries.maxTotalWaitMs) {
        qCInfo(lcProvider) << "not retrying" << m_request.model << "; a wait of" << delay
                           << "ms exceeds the retry budget";
        return false;
    }
    m_waitedMs += delay;
    releaseReply();
    m_timer.stop();
    qCInfo(lcProvider) << "retrying" << m_request.model << "in" << delay << "ms after"
                       << error.kindName() << "(attempt" << m_outcome.attempts + 1 << "of"
                       << m_retries.maxAttempts << ")";
    Q_EMIT retryScheduled(m_outcome.attempts + 1, delay, error.userMessage());
    m_retryTimer.start(delay);
    return true;
}

void ChatCall::fail(ProviderError error)
{
    if (scheduleRetry(error))
        return;
    m_outcome.error = std::move(error);
    qCInfo(lcProvider) << "call to" << m_request.model << "failed:" << m_outcome.error.kindName()
                       << m_outcome.error.message;
    finish(CallStatus::Failed);
}

void ChatCall::finish(CallStatus status)
{
    m_timer.stop();
    m_outcome.status = status;
    m_outcome.timings.finishedAtMs = m_clock();
    releaseReply();
    Q_EMIT finished();
}

} // namespace Consilium
