// Fuzzes Consilium::SseParser. Input layout:
//   byte 0         header: bits 0-3 give the number of split sizes that
//                  follow, bit 7 also feeds the stream one byte at a time
//   next N bytes   sizes (0-255) of the first N reads; the rest is one read
//   remaining      the event stream itself
// Every way of cutting the stream into reads must give the same events and
// comment count, and those must match a plain whole-buffer reading of the
// text/event-stream rules below.

#include "FuzzCheck.h"

#include "provider/SseParser.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <cstddef>
#include <cstdint>

using Consilium::SseBatch;
using Consilium::SseEvent;
using Consilium::SseParser;

namespace {

// The byte-at-a-time pass costs one feed() per byte, so it is limited to
// short streams to keep the executions per second high.
constexpr qsizetype kMaxByteByByteSize = 4096;

struct ParseResult
{
    QList<SseEvent> events;
    int comments = 0;
};

void append(ParseResult &result, const SseBatch &batch)
{
    result.events.append(batch.events);
    result.comments += batch.comments;
}

ParseResult parseInReads(QByteArrayView stream, const QList<qsizetype> &readSizes)
{
    SseParser parser;
    ParseResult result;
    for (const qsizetype size : readSizes) {
        const qsizetype take = qMin(size, stream.size());
        append(result, parser.feed(stream.first(take)));
        stream = stream.sliced(take);
    }
    append(result, parser.feed(stream));
    append(result, parser.finish());

    FUZZ_CHECK(!parser.hasPartialEvent());
    FUZZ_CHECK(!parser.overflowed());
    return result;
}

// An independent reading of the whole buffer at once: strip one leading
// UTF-8 byte order mark, split lines at CRLF, LF or CR, and dispatch on
// blank lines. Like SseParser::finish(), it also takes an unterminated last
// line and dispatches an event that has data but no blank line after it.
class ReferenceReader
{
public:
    ParseResult read(QByteArrayView stream)
    {
        if (stream.startsWith("\xEF\xBB\xBF"))
            stream = stream.sliced(3);

        qsizetype lineStart = 0;
        qsizetype i = 0;
        while (i < stream.size()) {
            const char c = stream[i];
            if (c != '\r' && c != '\n') {
                ++i;
                continue;
            }
            takeLine(stream.sliced(lineStart, i - lineStart));
            const bool crlf = c == '\r' && i + 1 < stream.size() && stream[i + 1] == '\n';
            i += crlf ? 2 : 1;
            lineStart = i;
        }
        if (lineStart < stream.size())
            takeLine(stream.sliced(lineStart));
        dispatch();
        return m_result;
    }

private:
    void takeLine(QByteArrayView line)
    {
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line[0] == ':') {
            ++m_result.comments;
            return;
        }
        const qsizetype colon = line.indexOf(':');
        const QByteArrayView name = colon < 0 ? line : line.first(colon);
        QByteArrayView value = colon < 0 ? QByteArrayView() : line.sliced(colon + 1);
        if (!value.isEmpty() && value[0] == ' ')
            value = value.sliced(1);

        if (name == "data") {
            m_dataLines.append(value.toByteArray());
        } else if (name == "event") {
            m_type = value.toByteArray();
        } else if (name == "id" && !value.contains('\0')) {
            m_id = value.toByteArray();
        }
    }

    void dispatch()
    {
        if (!m_dataLines.isEmpty())
            m_result.events.append(SseEvent{m_type, m_dataLines.join('\n'), m_id});
        m_dataLines.clear();
        m_type.clear();
    }

    ParseResult m_result;
    QList<QByteArray> m_dataLines;
    QByteArray m_type;
    QByteArray m_id; // the last event id persists across events
};

bool sameEvents(const ParseResult &a, const ParseResult &b)
{
    if (a.comments != b.comments || a.events.size() != b.events.size())
        return false;
    for (qsizetype i = 0; i < a.events.size(); ++i) {
        const SseEvent &x = a.events[i];
        const SseEvent &y = b.events[i];
        if (x.event != y.event || x.data != y.data || x.id != y.id)
            return false;
    }
    return true;
}

// Line breaks end fields, so no field can contain a CR, and only data may
// contain an LF (the one that joins two data lines).
void checkFields(const ParseResult &result)
{
    for (const SseEvent &event : result.events) {
        FUZZ_CHECK(!event.data.contains('\r'));
        FUZZ_CHECK(!event.event.contains('\r'));
        FUZZ_CHECK(!event.event.contains('\n'));
        FUZZ_CHECK(!event.id.contains('\r'));
        FUZZ_CHECK(!event.id.contains('\n'));
        FUZZ_CHECK(!event.id.contains('\0'));
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    Consilium::Fuzz::silenceQtMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const QByteArrayView input(data, static_cast<qsizetype>(size));
    const std::uint8_t header = data[0];
    const qsizetype splitCount = qMin<qsizetype>(header & 0x0F, input.size() - 1);
    const bool byteByByte = (header & 0x80) != 0;

    QList<qsizetype> readSizes;
    for (qsizetype i = 0; i < splitCount; ++i)
        readSizes.append(static_cast<std::uint8_t>(input[1 + i]));
    const QByteArrayView stream = input.sliced(1 + splitCount);

    const ParseResult whole = parseInReads(stream, {});
    const ParseResult split = parseInReads(stream, readSizes);
    const ParseResult reference = ReferenceReader().read(stream);
    checkFields(whole);
    FUZZ_CHECK(sameEvents(whole, split));
    FUZZ_CHECK(sameEvents(whole, reference));

    if (byteByByte && stream.size() <= kMaxByteByByteSize) {
        const QList<qsizetype> singleBytes(stream.size(), 1);
        FUZZ_CHECK(sameEvents(whole, parseInReads(stream, singleBytes)));
    }
    return 0;
}
