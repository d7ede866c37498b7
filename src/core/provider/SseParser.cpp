#include "SseParser.h"

#include "common/Logging.h"

namespace Consilium {

SseBatch SseParser::feed(QByteArrayView bytes)
{
    SseBatch batch;
    if (m_overflowed || bytes.isEmpty())
        return batch;

    if (m_skipLeadingLf) {
        m_skipLeadingLf = false;
        if (bytes.front() == '\n')
            bytes = bytes.sliced(1);
    }
    m_buffer.append(bytes.data(), bytes.size());

    qsizetype lineStart = 0;
    qsizetype i = 0;
    while (i < m_buffer.size()) {
        const char c = m_buffer.at(i);
        if (c != '\n' && c != '\r') {
            ++i;
            continue;
        }
        takeLine(QByteArrayView(m_buffer).sliced(lineStart, i - lineStart), batch);
        if (m_overflowed)
            break;
        if (c == '\r') {
            if (i + 1 < m_buffer.size()) {
                if (m_buffer.at(i + 1) == '\n')
                    ++i;
            } else {
                m_skipLeadingLf = true; // an LF may begin the next read
            }
        }
        ++i;
        lineStart = i;
    }
    m_buffer.remove(0, lineStart);

    if (m_buffer.size() > kMaxLineBytes) {
        qCWarning(lcSse) << "event stream line exceeds" << kMaxLineBytes << "bytes; stopping";
        m_overflowed = true;
    }
    if (m_overflowed)
        m_buffer.clear();
    return batch;
}

SseBatch SseParser::finish()
{
    SseBatch batch;
    if (!m_buffer.isEmpty()) {
        takeLine(m_buffer, batch);
        m_buffer.clear();
    }
    if (m_hasData)
        dispatch(batch);
    return batch;
}

void SseParser::takeLine(QByteArrayView line, SseBatch &batch)
{
    if (m_atStreamStart) {
        // The standard says to drop one leading byte order mark. Lines are
        // whole here, so a mark split across reads is caught as well.
        m_atStreamStart = false;
        if (line.startsWith("\xEF\xBB\xBF"))
            line = line.sliced(3);
    }
    if (line.isEmpty()) {
        dispatch(batch);
        return;
    }
    if (line.front() == ':') {
        ++batch.comments;
        return;
    }

    const qsizetype colon = line.indexOf(':');
    const QByteArrayView field = colon < 0 ? line : line.first(colon);
    QByteArrayView value = colon < 0 ? QByteArrayView() : line.sliced(colon + 1);
    if (value.startsWith(' '))
        value = value.sliced(1);

    if (field == "data") {
        if (m_hasData)
            m_data.append('\n');
        m_data.append(value.data(), value.size());
        m_hasData = true;
        if (m_data.size() > kMaxLineBytes) {
            qCWarning(lcSse) << "event stream event exceeds" << kMaxLineBytes << "bytes; stopping";
            m_overflowed = true;
            m_data.clear();
        }
    } else if (field == "event") {
        m_eventType = value.toByteArray();
    } else if (field == "id") {
        if (!value.contains('\0'))
            m_lastId = value.toByteArray();
    }
    // "retry" and unknown fields are ignored, as the standard says.
}

void SseParser::dispatch(SseBatch &batch)
{
    if (m_hasData)
        batch.events.append(SseEvent{m_eventType, m_data, m_lastId});
    m_data.clear();
    m_eventType.clear();
    m_hasData = false;
}

} // namespace Consilium
