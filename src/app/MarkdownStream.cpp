#include "MarkdownStream.h"

namespace Consilium::App {

namespace {

struct Fence
{
    QChar character;
    qsizetype length = 0;
    QString info;
};

// Reads a fence line such as "```cpp" or "~~~~": up to three spaces, then
// three or more backticks or tildes (CommonMark's rule).
std::optional<Fence> readFence(QStringView line)
{
    qsizetype i = 0;
    while (i < line.size() && i < 3 && line.at(i) == u' ')
        ++i;
    if (i >= line.size() || (line.at(i) != u'`' && line.at(i) != u'~'))
        return std::nullopt;
    const QChar character = line.at(i);
    qsizetype length = 0;
    while (i + length < line.size() && line.at(i + length) == character)
        ++length;
    if (length < 3)
        return std::nullopt;
    const QString info = line.mid(i + length).trimmed().toString();
    if (character == u'`' && info.contains(u'`'))
        return std::nullopt;
    return Fence{character, length, info.section(u' ', 0, 0)};
}

bool isBlank(QStringView line)
{
    return line.trimmed().isEmpty();
}

} // namespace

void MarkdownStream::clear()
{
    *this = MarkdownStream();
}

void MarkdownStream::append(const QString &delta)
{
    m_text += delta;
    // Only whole lines are scanned: a partial last line may still become a
    // fence or a blank line.
    qsizetype newline = m_text.indexOf(u'\n', m_scanned);
    while (newline >= 0) {
        scanLine(m_scanned, newline);
        m_scanned = newline + 1;
        newline = m_text.indexOf(u'\n', m_scanned);
    }
    // The first character of a line after a blank line already decides
    // whether the prose before it is complete.
    if (!m_inFence && m_blankAt >= 0 && m_scanned < m_text.size() && !m_text.at(m_scanned).isSpace())
        commitProse(m_blankAt);
}

void MarkdownStream::scanLine(qsizetype lineStart, qsizetype lineEnd)
{
    const QStringView line = QStringView(m_text).mid(lineStart, lineEnd - lineStart);
    if (m_inFence) {
        const std::optional<Fence> fence = readFence(line);
        if (fence && fence->character == m_fenceChar && fence->length >= m_fenceLength && fence->info.isEmpty()) {
            MarkdownBlock block{MarkdownBlock::Kind::Code, m_text.mid(m_codeStart, lineStart - m_codeStart),
                                m_fenceLanguage};
            if (block.text.endsWith(u'\n'))
                block.text.chop(1);
            m_completed.append(block);
            m_inFence = false;
            m_blockStart = lineEnd + 1;
        }
        return;
    }

    if (const std::optional<Fence> fence = readFence(line)) {
        commitProse(lineStart);
        m_inFence = true;
        m_fenceChar = fence->character;
        m_fenceLength = fence->length;
        m_fenceLanguage = fence->info;
        m_blockStart = lineStart;
        m_codeStart = lineEnd + 1;
        return;
    }

    if (isBlank(line)) {
        if (m_blankAt < 0 && !isBlank(QStringView(m_text).mid(m_blockStart, lineStart - m_blockStart)))
            m_blankAt = lineStart;
        return;
    }
    if (m_blankAt >= 0 && !line.at(0).isSpace())
        commitProse(m_blankAt);
    m_blankAt = -1;
}

void MarkdownStream::commitProse(qsizetype end)
{
    const QString prose = m_text.mid(m_blockStart, end - m_blockStart);
    if (!isBlank(prose))
        m_completed.append(MarkdownBlock{MarkdownBlock::Kind::Prose, prose.trimmed(), QString()});
    m_blockStart = end;
    m_blankAt = -1;
}

QList<MarkdownBlock> MarkdownStream::takeCompleted()
{
    return std::exchange(m_completed, {});
}

MarkdownBlock MarkdownStream::openBlock() const
{
    if (m_inFence) {
        const qsizetype start = qMin(m_codeStart, m_text.size());
        QString code = m_text.mid(start);
        if (code.endsWith(u'\n'))
            code.chop(1);
        return MarkdownBlock{MarkdownBlock::Kind::Code, code, m_fenceLanguage};
    }
    return MarkdownBlock{MarkdownBlock::Kind::Prose, m_text.mid(m_blockStart).trimmed(), QString()};
}

} // namespace Consilium::App
