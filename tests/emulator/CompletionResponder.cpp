#include "CompletionResponder.h"

#include "HttpConnection.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

// Fast streams stop writing above this many queued bytes and resume once the
// socket drains, so a "huge" answer never sits in memory as a whole.
constexpr qint64 HighWaterBytes = 256 * 1024;

// A "huge" answer streamed one token per chunk would inflate the wire size
// about fiftyfold, so it goes out in chunks of at least this many tokens.
constexpr int MinHugeChunkTokens = 256;

// Pause between the last token and a "reset" fault's abort.
constexpr int ResetDelayMs = 50;

const QByteArray KeepaliveComment = ": OPENROUTER PROCESSING\n\n";

// Starts like a real chunk and breaks off, then adds bytes that are not UTF-8.
const QByteArray MalformedEvent = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":"
                                  "\xff\xfe\xc3\x28\n\n";

} // namespace

CompletionResponder::CompletionResponder(HttpConnection *connection, Setup setup)
    : QObject(connection)
    , m_connection(connection)
    , m_setup(std::move(setup))
    , m_json(m_setup.generationId, m_setup.createdSeconds, m_setup.model.id)
{
    m_sinceArrival.start();
    m_timer.setSingleShot(true);
    connect(m_connection, &HttpConnection::bytesWritten, this, &CompletionResponder::onBytesWritten);
    if (m_setup.faultActive)
        m_fault = m_setup.model.fault.kind;
}

void CompletionResponder::start()
{
    if (m_setup.faultActive && m_setup.model.replay) {
        sendNextReplayChunk();
        return;
    }
    if (m_fault == FaultSpec::Kind::HttpError) {
        sendHttpError();
        return;
    }

    m_plan = ReplyPlan::build(m_setup.model, m_setup.request, m_fault == FaultSpec::Kind::Huge);
    if (m_setup.stream) {
        startStream();
        return;
    }
    const ModelTiming &timing = m_setup.model.timing;
    const qint64 chunks = (tokensUntilFault() + timing.chunkTokens - 1) / timing.chunkTokens;
    connect(&m_timer, &QTimer::timeout, this, &CompletionResponder::sendNonStream);
    m_timer.start(int(std::min<qint64>(chunkDueMs(chunks), INT_MAX)));
}

void CompletionResponder::sendHttpError()
{
    const FaultSpec &fault = m_setup.model.fault;
    HttpConnection::Headers headers = fault.headers;
    headers.prepend({"Content-Type", fault.contentType});
    m_connection->sendResponse(fault.status, headers, fault.body);
    done();
}

void CompletionResponder::sendNextReplayChunk()
{
    const ReplaySpec &replay = *m_setup.model.replay;
    if (m_replaySent < replay.chunks.size())
        m_connection->writeRaw(replay.chunks.at(m_replaySent++));
    if (m_replaySent >= replay.chunks.size()) {
        m_connection->closeGracefully();
        m_finished = true;
        return;
    }
    QTimer::singleShot(replay.chunkDelayMs, this, &CompletionResponder::sendNextReplayChunk);
}

void CompletionResponder::startStream()
{
    m_connection->beginChunked(200, {{"Content-Type", "text/event-stream"},
                                     {"Cache-Control", "no-cache"},
                                     {"X-Generation-Id", m_setup.generationId.toUtf8()}});
    connect(&m_timer, &QTimer::timeout, this, &CompletionResponder::pump);
    scheduleKeepalives();
    pump();
}

void CompletionResponder::scheduleKeepalives()
{
    // N comments spread evenly over the wait, the last one before the first token.
    const int count = m_setup.model.timing.keepalivesBeforeFirstToken;
    const qint64 ttft = m_setup.model.timing.ttftMs;
    for (int i = 1; i <= count; ++i) {
        QTimer::singleShot(int(ttft * i / (count + 1)), this, [this] {
            if (m_chunksSent == 0 && !m_finished)
                m_connection->writeChunk(KeepaliveComment);
        });
    }
}

qint64 CompletionResponder::chunkDueMs(qint64 chunkIndex) const
{
    const ModelTiming &timing = m_setup.model.timing;
    // A "huge" answer is about volume, not pacing, so it is never throttled.
    if (timing.tokensPerSecond <= 0 || m_fault == FaultSpec::Kind::Huge)
        return timing.ttftMs;
    const double interval = 1000.0 * timing.chunkTokens / timing.tokensPerSecond;
    return timing.ttftMs + std::llround(interval * double(chunkIndex));
}

void CompletionResponder::pump()
{
    while (!m_finished) {
        const qint64 wait = chunkDueMs(m_chunksSent) - m_sinceArrival.elapsed();
        if (wait > 0) {
            m_timer.start(int(std::min<qint64>(wait, INT_MAX)));
            return;
        }
        if (m_connection->bytesToWrite() > HighWaterBytes) {
            m_waitingForDrain = true;
            return;
        }
        sendStreamStep();
    }
}

void CompletionResponder::onBytesWritten()
{
    if (m_waitingForDrain && m_connection->bytesToWrite() <= HighWaterBytes / 2) {
        m_waitingForDrain = false;
        pump();
    }
}

void CompletionResponder::sendStreamStep()
{
    const QStringList &reasoning = m_plan.reasoningTokens;
    const QStringList &answer = m_plan.answerTokens;
    qsizetype chunkTokens = m_setup.model.timing.chunkTokens;
    if (m_fault == FaultSpec::Kind::Huge)
        chunkTokens = std::max<qsizetype>(chunkTokens, MinHugeChunkTokens);

    if (m_reasoningSent < reasoning.size()) {
        const QStringList piece = reasoning.mid(m_reasoningSent, chunkTokens);
        m_reasoningSent += piece.size();
        ++m_chunksSent;
        writeEvent(m_json.reasoningChunk(piece.join(QString())));
        return;
    }
    if (!handleFaultBeforeContent())
        return;
    if (m_answerSent >= answer.size()) {
        finishStream();
        return;
    }

    // Split a chunk so that a pending fault fires after exactly after_tokens tokens.
    if (m_fault != FaultSpec::Kind::None && m_fault != FaultSpec::Kind::Huge)
        chunkTokens = std::min<qsizetype>(chunkTokens,
                                          m_setup.model.fault.afterTokens - m_answerSent);
    const QStringList piece = answer.mid(m_answerSent, chunkTokens);
    m_answerSent += piece.size();
    ++m_chunksSent;
    writeEvent(m_json.contentChunk(piece.join(QString())));
}

// Fires the pending fault once after_tokens answer tokens went out.
// Returns false when the fault ended the stream.
bool CompletionResponder::handleFaultBeforeContent()
{
    const FaultSpec &fault = m_setup.model.fault;
    const bool due = m_answerSent >= fault.afterTokens || m_answerSent >= m_plan.answerTokens.size();
    if (!due)
        return true;

    switch (m_fault) {
    case FaultSpec::Kind::ErrorEvent:
        writeEvent(m_json.errorChunk(fault.code, fault.message, fault.errorType));
        m_connection->endChunkedAndClose();
        m_finished = true;
        return false;
    case FaultSpec::Kind::Stall:
        // Keep the socket open and send nothing more until the peer gives up.
        m_finished = true;
        return false;
    case FaultSpec::Kind::Reset:
        // Give the client time to read the tokens already sent, because a
        // reset can make the peer drop data it has not read yet.
        m_finished = true;
        m_connection->flush();
        QTimer::singleShot(ResetDelayMs, m_connection, &HttpConnection::abort);
        return false;
    case FaultSpec::Kind::Cut:
        m_connection->endChunkedAndClose();
        m_finished = true;
        return false;
    case FaultSpec::Kind::Malformed:
        m_connection->writeChunk(MalformedEvent);
        m_fault = FaultSpec::Kind::None; // once, then the stream goes on normally
        return true;
    case FaultSpec::Kind::None:
    case FaultSpec::Kind::HttpError:
    case FaultSpec::Kind::Huge:
        return true;
    }
    return true;
}

void CompletionResponder::finishStream()
{
    writeEvent(m_json.finishChunk(m_plan.finishReason));
    if (m_setup.model.reportUsage)
        writeEvent(m_json.usageChunk(CompletionJson::usage(m_plan, m_setup.model.reportCost)));
    m_connection->writeChunk("data: [DONE]\n\n");
    m_connection->endChunked();
    done();
}

void CompletionResponder::writeEvent(const QByteArray &json)
{
    m_connection->writeChunk("data: " + json + "\n\n");
}

qint64 CompletionResponder::tokensUntilFault() const
{
    const qint64 total = m_plan.reasoningTokens.size() + m_plan.answerTokens.size();
    const bool cutsShort = m_fault != FaultSpec::Kind::None && m_fault != FaultSpec::Kind::Huge
                           && m_fault != FaultSpec::Kind::Malformed;
    if (!cutsShort)
        return total;
    return std::min<qint64>(total, m_plan.reasoningTokens.size() + m_setup.model.fault.afterTokens);
}

void CompletionResponder::sendNonStream()
{
    const FaultSpec &fault = m_setup.model.fault;
    const QByteArray usage = m_setup.model.reportUsage
                                 ? CompletionJson::usage(m_plan, m_setup.model.reportCost)
                                 : QByteArray();
    const QByteArray body = m_json.completion(m_plan, usage);
    const HttpConnection::Headers jsonType{{"Content-Type", "application/json"}};

    switch (m_fault) {
    case FaultSpec::Kind::ErrorEvent:
        m_connection->sendResponse(fault.code, jsonType, CompletionJson::errorBody(fault.code, fault.message));
        break;
    case FaultSpec::Kind::Stall:
        m_finished = true;
        return;
    case FaultSpec::Kind::Reset:
        m_connection->abort();
        return;
    case FaultSpec::Kind::Cut:
        // Announce the full length, send half of it, then close.
        m_connection->writeRaw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                               + QByteArray::number(body.size()) + "\r\n\r\n"
                               + body.left(body.size() / 2));
        m_connection->closeGracefully();
        return;
    case FaultSpec::Kind::Malformed:
        m_connection->sendResponse(200, jsonType, body.left(body.size() / 2) + "\xff\xfe");
        break;
    case FaultSpec::Kind::None:
    case FaultSpec::Kind::HttpError:
    case FaultSpec::Kind::Huge:
        m_connection->sendResponse(200, jsonType, body);
        break;
    }
    done();
}

void CompletionResponder::done()
{
    m_finished = true;
    m_timer.stop();
    deleteLater();
}
