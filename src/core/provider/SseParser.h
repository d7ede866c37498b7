#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace Consilium {

// One dispatched server-sent event. The data is raw bytes: it is decoded
// only once the event is complete, so a UTF-8 sequence split across two
// network reads is never decoded in halves.
struct SseEvent
{
    QByteArray event; // the "event:" field, empty for the default type
    QByteArray data;  // "data:" lines joined with '\n'
    QByteArray id;
};

// What one feed() produced: whole events, and how many comment lines
// (keep-alives such as ": OPENROUTER PROCESSING") arrived.
struct SseBatch
{
    QList<SseEvent> events;
    int comments = 0;
};

// An incremental parser for the text/event-stream format of the WHATWG HTML
// standard. It splits on bytes as they arrive: events may be cut anywhere,
// lines end in LF, CRLF or a lone CR, and a CR at the end of one read waits
// for the next read to show whether an LF follows.
class SseParser
{
public:
    // A line or an event longer than this is a broken stream, not a slow one.
    static constexpr qsizetype kMaxLineBytes = 16 * 1024 * 1024;

    SseBatch feed(QByteArrayView bytes);

    // Ends the stream. An event whose blank line never came is dispatched
    // when it carries data, because some servers close right after it.
    SseBatch finish();

    bool overflowed() const { return m_overflowed; }
    bool hasPartialEvent() const { return !m_buffer.isEmpty() || m_hasData; }

private:
    void takeLine(QByteArrayView line, SseBatch &batch);
    void dispatch(SseBatch &batch);

    QByteArray m_buffer;     // bytes after the last complete line
    QByteArray m_data;
    QByteArray m_eventType;
    QByteArray m_lastId;
    bool m_hasData = false;
    bool m_skipLeadingLf = false; // the previous read ended in CR
    bool m_atStreamStart = true;  // a UTF-8 byte order mark may come first
    bool m_overflowed = false;
};

} // namespace Consilium
