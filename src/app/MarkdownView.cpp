#include "MarkdownView.h"

#include "CodeBlockView.h"
#include "ProseBlockView.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace Consilium::App {

namespace {

constexpr int kBlocksPerPage = 24;
constexpr int kBlockSpacing = 6;

QVBoxLayout *columnLayout(QWidget *widget)
{
    auto *layout = new QVBoxLayout(widget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(kBlockSpacing);
    return layout;
}

} // namespace

MarkdownView::MarkdownView(QWidget *parent)
    : QWidget(parent)
    , m_layout(columnLayout(this))
    , m_placeholder(new QLabel(this))
    , m_pages(new QWidget(this))
    , m_pagesLayout(columnLayout(m_pages))
    , m_openSlot(new QWidget(this))
    , m_openLayout(columnLayout(m_openSlot))
{
    setObjectName(QStringLiteral("markdownView"));
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_placeholder->hide();
    m_layout->addWidget(m_placeholder);
    m_layout->addWidget(m_pages);
    m_layout->addWidget(m_openSlot);
    m_layout->addStretch(1);
}

void MarkdownView::clear()
{
    while (QLayoutItem *item = m_pagesLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_lastPage = nullptr;
    delete m_openWidget;
    m_openWidget = nullptr;
    m_stream.clear();
    m_pending = false;
    m_placeholder->setVisible(!m_placeholder->text().isEmpty());
}

void MarkdownView::appendText(const QString &delta)
{
    m_stream.append(delta);
    m_pending = true;
}

void MarkdownView::setText(const QString &markdown)
{
    clear();
    appendText(markdown);
    flush();
}

void MarkdownView::flush()
{
    m_pending = false;
    for (const MarkdownBlock &block : m_stream.takeCompleted()) {
        // The open widget already shows the start of this block.
        QWidget *widget = (m_openWidget && m_openKind == block.kind) ? m_openWidget : nullptr;
        if (!widget) {
            delete m_openWidget;
            widget = createBlockWidget(block.kind);
        }
        m_openWidget = nullptr;
        showBlock(widget, block);
        keepBlock(widget);
    }

    const MarkdownBlock open = m_stream.openBlock();
    const bool hasOpenText = !open.text.isEmpty() || open.kind == MarkdownBlock::Kind::Code;
    if (m_openWidget && (!hasOpenText || m_openKind != open.kind)) {
        delete m_openWidget;
        m_openWidget = nullptr;
    }
    if (hasOpenText) {
        if (!m_openWidget) {
            m_openWidget = createBlockWidget(open.kind);
            m_openKind = open.kind;
        }
        showBlock(m_openWidget, open);
    }
    const bool empty = m_pagesLayout->count() == 0 && !m_openWidget;
    m_placeholder->setVisible(empty && !m_placeholder->text().isEmpty());
}

QWidget *MarkdownView::createBlockWidget(MarkdownBlock::Kind kind)
{
    QWidget *widget = nullptr;
    if (kind == MarkdownBlock::Kind::Code)
        widget = new CodeBlockView(this);
    else
        widget = new ProseBlockView(this);
    m_openLayout->addWidget(widget);
    nameBlock(widget);
    return widget;
}

void MarkdownView::keepBlock(QWidget *widget)
{
    if (!m_lastPage || m_lastPage->count() >= kBlocksPerPage) {
        auto *page = new QWidget(m_pages);
        m_lastPage = columnLayout(page);
        m_pagesLayout->addWidget(page);
    }
    m_lastPage->addWidget(widget);
}

QList<QWidget *> MarkdownView::blockWidgets() const
{
    QList<QWidget *> widgets;
    for (int p = 0; p < m_pagesLayout->count(); ++p) {
        const QLayout *page = m_pagesLayout->itemAt(p)->widget()->layout();
        for (int i = 0; i < page->count(); ++i)
            widgets.append(page->itemAt(i)->widget());
    }
    if (m_openWidget)
        widgets.append(m_openWidget);
    return widgets;
}

void MarkdownView::showBlock(QWidget *widget, const MarkdownBlock &block)
{
    if (auto *code = qobject_cast<CodeBlockView *>(widget))
        code->setCode(block.text, block.language);
    else if (auto *prose = qobject_cast<ProseBlockView *>(widget))
        prose->setMarkdownText(block.text);
}

void MarkdownView::nameBlock(QWidget *widget)
{
    if (auto *prose = qobject_cast<ProseBlockView *>(widget))
        prose->setAccessibleName(m_owner.isEmpty() ? tr("Answer text") : tr("%1 text").arg(m_owner));
}

void MarkdownView::setPlaceholderText(const QString &text)
{
    m_placeholder->setText(text);
    m_placeholder->setVisible(blockCount() == 0 && !text.isEmpty());
}

void MarkdownView::setAccessibleOwner(const QString &owner)
{
    m_owner = owner;
    for (QWidget *widget : blockWidgets())
        nameBlock(widget);
}

QString MarkdownView::plainText() const
{
    QStringList parts;
    for (QWidget *widget : blockWidgets()) {
        if (auto *code = qobject_cast<CodeBlockView *>(widget))
            parts.append(code->code());
        else if (auto *prose = qobject_cast<ProseBlockView *>(widget))
            parts.append(prose->document()->toPlainText());
    }
    return parts.join(u'\n');
}

QList<CodeBlockView *> MarkdownView::codeBlocks() const
{
    QList<CodeBlockView *> blocks;
    for (QWidget *widget : blockWidgets()) {
        if (auto *code = qobject_cast<CodeBlockView *>(widget))
            blocks.append(code);
    }
    return blocks;
}

int MarkdownView::blockCount() const
{
    return int(blockWidgets().size());
}

} // namespace Consilium::App
