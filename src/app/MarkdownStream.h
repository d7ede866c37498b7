#pragma once

#include <QList>
#include <QString>

namespace Consilium::App {

// One top-level piece of a Markdown answer: a fenced code block, or the
// prose between two blank lines.
struct MarkdownBlock
{
    enum class Kind { Prose, Code };

    Kind kind = Kind::Prose;
    QString text;     // prose as Markdown; code without its fence lines
    QString language; // the fence's info word, for code; may be empty
};

// Cuts a growing Markdown text into blocks as it streams. A block is
// complete once the text after it can no longer change how it renders, so
// the view renders each complete block once and re-renders only the open
// last block. Scanning is incremental: every character is looked at once.
class MarkdownStream
{
public:
    void clear();
    void append(const QString &delta);

    // Returns the blocks completed since the last call, oldest first.
    QList<MarkdownBlock> takeCompleted();
    // Returns the block still open at the end, which may be empty text.
    MarkdownBlock openBlock() const;

    const QString &text() const { return m_text; }

private:
    void scanLine(qsizetype lineStart, qsizetype lineEnd);
    void commitProse(qsizetype end);

    QString m_text;
    QList<MarkdownBlock> m_completed;
    qsizetype m_scanned = 0;    // start of the first line not yet scanned
    qsizetype m_blockStart = 0; // start of the open block
    // Start of the first blank line after prose, when the prose may end
    // there; -1 when not. Prose ends at a blank line only when the next
    // non-blank line starts flush left, so list items and their indented
    // continuations stay together.
    qsizetype m_blankAt = -1;
    bool m_inFence = false;
    QChar m_fenceChar;
    qsizetype m_fenceLength = 0;
    QString m_fenceLanguage;
    qsizetype m_codeStart = 0; // start of the first code line of the open fence
};

} // namespace Consilium::App
