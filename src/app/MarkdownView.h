#pragma once

#include "MarkdownStream.h"

#include <QWidget>

class QLabel;
class QVBoxLayout;

namespace Consilium::App {

class CodeBlockView;

// A streamed Markdown answer as a column of block widgets: prose blocks
// and code blocks. Complete blocks are rendered once and keep their
// layout; each flush() re-renders only the open last block, so the cost
// of a delta does not grow with the length of the answer.
class MarkdownView : public QWidget
{
    Q_OBJECT

public:
    explicit MarkdownView(QWidget *parent = nullptr);

    void clear();
    // Adds text; nothing is rendered until flush().
    void appendText(const QString &delta);
    // Replaces the text and renders it at once.
    void setText(const QString &markdown);
    // Renders what arrived since the last flush.
    void flush();
    bool hasPendingText() const { return m_pending; }

    void setPlaceholderText(const QString &text);
    // Names the block widgets for assistive technology, e.g. "emu/alpha".
    void setAccessibleOwner(const QString &owner);

    const QString &markdown() const { return m_stream.text(); }
    // Returns the rendered text of every block, without Markdown syntax.
    QString plainText() const;
    QList<CodeBlockView *> codeBlocks() const;
    int blockCount() const;

private:
    QWidget *createBlockWidget(MarkdownBlock::Kind kind);
    void showBlock(QWidget *widget, const MarkdownBlock &block);
    void nameBlock(QWidget *widget);
    // Moves a complete block from the open slot into the last page.
    void keepBlock(QWidget *widget);
    QList<QWidget *> blockWidgets() const;

    MarkdownStream m_stream;
    QVBoxLayout *m_layout;
    QLabel *m_placeholder;
    // Complete blocks sit in pages of kBlocksPerPage. A change of the open
    // block's height then lays out the pages, not every block, and a new
    // block lays out one page.
    QWidget *m_pages;
    QVBoxLayout *m_pagesLayout;
    QVBoxLayout *m_lastPage = nullptr;
    QWidget *m_openSlot;
    QVBoxLayout *m_openLayout;
    QWidget *m_openWidget = nullptr; // renders MarkdownStream::openBlock()
    MarkdownBlock::Kind m_openKind = MarkdownBlock::Kind::Prose;
    QString m_owner;
    bool m_pending = false;
};

} // namespace Consilium::App
